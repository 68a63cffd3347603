//! The numeric evaluation of a former rule set's period (issue 24 point 1;
//! RULES.md §2.2, §2.3): PermenPANRB 8/2021 gives a nilai kinerja and its
//! predikat, PP 46/2011 a nilai prestasi kerja and its sebutan, from the
//! SKP's stored realisations and the penilai's perilaku aspects — the
//! domain's `PenilaianLamaInput::validate`, the one the browser previews
//! with. What the rater reads is `GET /skp/{id}/penilaian` (its
//! `dasar_lama` and `penilaian_lama`); the unit's list shows the nilai
//! (`/penilai/distribusi`). The pegawai is told of each rating and
//! correction (`Peristiwa::PenilaianLamaDiberikan`) and reads every one of
//! their own, any year, at `GET /penilaian-lama`.
//!
//! **Choices:** no kuadran, no distribution pattern and no evaluation
//! document (D.1.x are PermenPANRB 6/2022's formats): the penilai records
//! and may correct the rating until the SKP is final; the atasan does not
//! take over here.

use std::cmp::Reverse;

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{PenilaianLamaDisimpan, PenilaianLamaSaya, PenilaianLamaTercatat, SimpanPenilaianLama};
use domain::notifikasi::{Penerima, Peristiwa};
use domain::rule_set::bulatkan;
use domain::skp::penilaian_lama::DasarLama;
use domain::skp::{AksiSkp, PenilaianLama, Peran, SkpError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::realisasi::preview_of;
use super::skp::{check_version, load_lengkap, peran_of, periode_of};
use crate::auth::Actor;
use crate::clock;
use crate::db::notifikasi;
use crate::db::penilaian::{self as store, PenilaianLamaRow};
use crate::db::skp::{self as skp_store, SkpJson};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::idempotency::{Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(simpan)).routes(routes!(saya))
}

/// The stored row as the screens read it.
pub(crate) fn tercatat_lama_of(r: &PenilaianLamaRow) -> ApiResult<PenilaianLamaTercatat> {
    let penilaian: PenilaianLama = serde_json::from_str(&r.isi)
        .with_context(|| format!("stored numeric rating of SKP {} unreadable", r.skp_id))?;
    Ok(PenilaianLamaTercatat::baru(penilaian, r.dinilai_oleh.clone(), r.diubah))
}

/// The pejabat penilai rates one evaluation of a subordinate's SKP in a
/// former rule set's period with numbers — the perilaku aspects, and under
/// PermenPANRB 8/2021 whether the pegawai innovated and whether behaviour
/// was assessed with peers, under PP 46/2011 the tugas tambahan and the
/// kreativitas — or corrects that rating until the SKP is final. The
/// server computes the SKP's number from the stored realisations and the
/// nilai and sebutan with the domain. The SKP moves to `dinilai`
/// (periodic) or `dinilai_tahunan` (annual). The pegawai is told (the
/// bell, and e-mail where configured), of a correction too.
#[utoipa::path(
    put,
    path = "/skp/{id}/penilaian-lama",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = SimpanPenilaianLama,
    responses(
        (status = 200, description = "Saved: the SKP's new version and status, the rating with its nilai and sebutan.", body = PenilaianLamaDisimpan),
        (status = 403, description = "The instansi admin may read, never rate.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the SKP); `not_allowed`: only the pejabat penilai; `rule_set_berbeda`: the period is rated under PermenPANRB 6/2022 (`PUT /skp/{id}/penilaian`); `invalid_transition`: the SKP is not set, is in revision, or is final; `unknown_evaluasi`; `evaluasi_belum_berakhir`: the evaluated (sub-)period has not ended yet.", body = ErrorBody),
        (status = 422, description = "The rating is invalid: a missing or out-of-range aspect (`perilaku.<aspek>`), an aspect of another rule set, `nilai_kreativitas` above 12, a field of the other rule set, a text too long, or `nilai_skp`: the SKP has no number yet (no realisation for the evaluation).", body = ErrorBody),
    )
)]
async fn simpan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SimpanPenilaianLama>,
) -> ApiResult<Response> {
    let (mut l, akses) = load_lengkap(&state, &actor, &id).await?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    if peran != Peran::PejabatPenilai {
        return Err(SkpError::NotAllowed { peran, aksi: AksiSkp::RecordEvaluation }.into());
    }
    let periode = periode_of(&state, &l.row.periode_id).await?;
    let evaluasi = input.penilaian.evaluasi;
    if !periode.memuat(evaluasi) {
        return Err(SkpError::UnknownEvaluasi { evaluasi }.into());
    }
    let dasar = DasarLama::dari(&preview_of(&l.row.skp, &periode, evaluasi))
        .ok_or(SkpError::WrongRuleSet { rule_set: periode.rule_set() })?;
    let penilaian = input.penilaian.validate(&dasar).map_err(ApiError::Validation)?;
    l.row.skp.record_evaluation_lama(peran, clock::hari_ini(), &periode, penilaian.clone())?;

    let kode = evaluasi.kode();
    let pool = state.db.pool();
    let now = clock::now();
    let dibuat = store::penilaian_lama(pool, &id, &kode).await?.map_or(now, |r| r.dibuat);
    let baris = PenilaianLamaRow {
        skp_id: l.row.id.clone(),
        evaluasi: kode,
        instansi_id: l.row.instansi_id.clone(),
        periode_id: l.row.periode_id.clone(),
        pegawai_id: l.row.pegawai_id.clone(),
        dinilai_oleh: actor.pegawai_id.clone(),
        rule_set: penilaian.rule_set().kode().to_owned(),
        nilai_x100: (bulatkan(penilaian.nilai(), 2) * 100.0).round() as i64,
        sebutan: penilaian.kode_sebutan().to_owned(),
        isi: skp_store::json(&penilaian)?,
        dibuat,
        diubah: now,
    };
    let jawaban = PenilaianLamaDisimpan {
        skp_id: l.row.id.clone(),
        version: l.row.version + 1,
        status: l.row.skp.status(),
        penilaian: PenilaianLamaTercatat::baru(penilaian, actor.pegawai_id.clone(), now),
    };
    let body = skp_store::json(&jawaban)?;
    let j = SkpJson::dari(&l.row)?;
    let perubahan = l.row.perubahan();
    let (oleh, k) = (actor.pegawai_id.clone(), kunci.clone());
    let pegawai_id = l.row.pegawai_id.clone();
    let siapa = |p: Penerima| (p == Penerima::Pegawai).then(|| pegawai_id.clone());
    let kabar = notifikasi::kabar(
        Peristiwa::PenilaianLamaDiberikan,
        siapa,
        &actor.pegawai_id,
        &l.row.instansi_id,
        &l.row.periode_id,
        Some(l.row.id.as_str()),
    );
    let (email, dikabari) = (state.inner.email.on(), !kabar.is_empty());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                skp_store::update_json(c, &perubahan, &j, AksiSkp::RecordEvaluation, &oleh, k.record(), &body).await?;
                store::simpan_penilaian_lama(c, &baris).await?;
                for n in &kabar {
                    notifikasi::tambah(c, n, email).await?;
                }
                Ok(body)
            })
        })
        .await?;
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!(skp_id = %id, evaluasi = %evaluasi, "numeric rating saved");
    Ok(jawaban_json(StatusCode::OK, body))
}

/// The caller's own numeric evaluations: every evaluation of a former rule
/// set's period (PermenPANRB 8/2021, PP 46/2011) rated so far, of any
/// year, the latest first (within a year the annual one, then the periodic
/// ones from the last): the nilai and its predikat or sebutan, the aspects
/// as rated, the SKP's number, the weights, the domain's explanation, the
/// penilai's notes, who rated and when. Only the caller's own: another
/// person's are never listed (as a rater, `GET /skp/{id}/penilaian`).
#[utoipa::path(
    get,
    path = "/penilaian-lama",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    responses(
        (status = 200, description = "The caller's numeric evaluations, the latest first (none: an empty list).", body = Vec<PenilaianLamaSaya>),
    )
)]
async fn saya(State(state): State<AppState>, actor: Actor) -> ApiResult<Json<Vec<PenilaianLamaSaya>>> {
    let rows = store::penilaian_lama_pegawai(state.db.pool(), &actor.instansi_id, &actor.pegawai_id).await?;
    let mut item = rows
        .into_iter()
        .map(|r| -> ApiResult<PenilaianLamaSaya> {
            let penilaian = tercatat_lama_of(&r.row)?;
            Ok(PenilaianLamaSaya {
                skp_id: r.row.skp_id,
                periode_id: r.row.periode_id,
                tahun: r.tahun,
                rule_set: penilaian.penilaian.rule_set(),
                evaluasi: r.row.evaluasi,
                penilai: r.penilai,
                penilaian,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    item.sort_by_key(|p| (Reverse(p.tahun), Reverse(p.penilaian.penilaian.evaluasi())));
    Ok(Json(item))
}
