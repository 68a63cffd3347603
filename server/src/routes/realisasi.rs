//! `/api/v1/skp/{id}/realisasi` and `/api/v1/realisasi/belum`: the
//! realisations of a set SKP, per indicator and documentation sub-period
//! (RULES.md §3.3). A realisation is saved like every SKP change (the SKP's
//! `version`, an `Idempotency-Key`, a history entry), and the server stores
//! its own preview of the evaluation with it.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{
    BelumDidokumentasi, BuktiView, DokumentasiEvaluasi, IndikatorBelum, PeriodeView, RealisasiSkp, RealisasiTersimpan,
    SimpanRealisasi, SubPeriodeBelum,
};
use domain::periode::{CalonPeriode, Periode, PeriodeEvaluasi, periode_dokumentasi};
use domain::skp::preview::{PreviewOptions, SkpPreview};
use domain::skp::{AksiSkp, Indikator, Rhk, Skp};
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::skp::{check_version, load, load_lengkap, peran_of, periode_of};
use crate::auth::Actor;
use crate::clock;
use crate::db::org;
use crate::db::realisasi as store;
use crate::db::skp::{self as skp_store, SkpJson};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(baca, simpan)).routes(routes!(belum))
}

/// What a preview of `evaluasi` may use besides the SKP: the months it
/// covers (for the angka kredit of a functional position).
fn opsi(periode: &Periode, evaluasi: PeriodeEvaluasi) -> PreviewOptions {
    let bulan = match evaluasi {
        PeriodeEvaluasi::Periodik { .. } => Some(periode.siklus().bulan()),
        PeriodeEvaluasi::Tahunan => None,
    };
    PreviewOptions { bulan, ..PreviewOptions::default() }
}

/// The server's preview of one evaluation of an SKP.
pub fn preview_of(skp: &Skp, periode: &Periode, evaluasi: PeriodeEvaluasi) -> SkpPreview {
    skp.preview_with_options(evaluasi, periode.rule_set(), None, &opsi(periode, evaluasi))
}

/// Saves the realisation of one indicator for one evaluation of a set SKP.
#[utoipa::path(
    put,
    path = "/skp/{id}/realisasi",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = SimpanRealisasi,
    responses(
        (status = 200, description = "Saved: the SKP's new version, the realisation and the evaluation's preview.", body = RealisasiTersimpan),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); `invalid_transition`: the SKP is not set (or its year is closed); `not_allowed`: only the pegawai records; `unknown_evaluasi`: the period has no such sub-period; `unknown_indikator`: the plan has no such indicator; `already_evaluated`: that evaluation is recorded.", body = ErrorBody),
    )
)]
async fn simpan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SimpanRealisasi>,
) -> ApiResult<Response> {
    let (mut l, akses) = load_lengkap(&state, &actor, &id).await?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    let realisasi = input.realisasi.validate()?;
    let periode = periode_of(&state, &l.row.periode_id).await?;
    l.row.skp.catat_realisasi(peran, &periode, realisasi.clone())?;
    let evaluasi = realisasi.evaluasi();
    // Everything but the SQL off the shared writer: the documents, the
    // preview and the answer (the update succeeds only as version + 1).
    let preview = preview_of(&l.row.skp, &periode, evaluasi);
    let j = SkpJson::dari(&l.row)?;
    let perubahan = l.row.perubahan();
    let versi_baru = l.row.version + 1;
    let preview_json = skp_store::json(&preview)?;
    let jawaban = RealisasiTersimpan { skp_id: l.row.id.clone(), version: versi_baru, realisasi, preview };
    let body = skp_store::json(&jawaban)?;
    let (oleh, k) = (actor.pegawai_id.clone(), kunci.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                skp_store::update_json(c, &perubahan, &j, AksiSkp::RecordRealisasi, &oleh, k.record(), &body).await?;
                store::simpan_preview(c, &perubahan.id, &perubahan.instansi_id, evaluasi, versi_baru, &preview_json)
                    .await?;
                Ok(body)
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!(skp_id = %id, evaluasi = %evaluasi, "realisasi saved");
    Ok(jawaban_json(StatusCode::OK, body))
}

fn belum_of(pasangan: Vec<(&Rhk, &Indikator)>) -> Vec<IndikatorBelum> {
    pasangan
        .into_iter()
        .map(|(r, i)| IndikatorBelum {
            rhk_id: r.id().as_str().to_owned(),
            indikator_id: i.id().as_str().to_owned(),
            uraian: i.uraian().to_owned(),
        })
        .collect()
}

/// The documentation of an SKP: per sub-period of its period, and for the
/// year, the realisations, what is still undocumented, the stored preview
/// and the evidence files.
#[utoipa::path(
    get,
    path = "/skp/{id}/realisasi",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "One entry per sub-period, then the year.", body = RealisasiSkp),
    )
)]
async fn baca(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Json<RealisasiSkp>> {
    let (row, akses) = load(&state, &actor, &id).await?;
    let periode = periode_of(&state, &row.periode_id).await?;
    let previews = store::previews(state.db.pool(), &row.id).await?;
    let bukti = store::list_bukti(state.db.pool(), &row.id).await?;
    let bukti: Vec<BuktiView> = bukti.iter().map(|b| b.view()).collect::<Result<_, _>>()?;
    let hari_ini = clock::hari_ini();
    let tahunan = (
        PeriodeEvaluasi::Tahunan,
        Teks::new(format!("Tahunan {}", periode.tahun()), format!("Annual {}", periode.tahun())),
        periode.mulai(),
        periode.selesai(),
    );
    let semua = periode
        .sub_periode()
        .into_iter()
        .map(|s| (PeriodeEvaluasi::Periodik { ke: s.ke }, s.label(), s.mulai, s.selesai))
        .chain([tahunan]);
    let mut evaluasi = Vec::new();
    for (e, label, mulai, selesai) in semua {
        let kode = e.kode();
        let preview = previews
            .iter()
            .find(|(k, _)| *k == kode)
            .and_then(|(_, json)| preview_terbaca(json, || preview_of(&row.skp, &periode, e), &row.id, &kode));
        evaluasi.push(DokumentasiEvaluasi {
            evaluasi: e,
            label,
            mulai: mulai.to_string(),
            selesai: selesai.to_string(),
            dimulai: mulai <= hari_ini,
            realisasi: row.skp.realisasi().iter().filter(|r| r.evaluasi() == e).cloned().collect(),
            belum: belum_of(row.skp.belum_didokumentasi(e)),
            preview,
            bukti: bukti.iter().filter(|b| b.evaluasi == e).cloned().collect(),
        });
    }
    Ok(Json(RealisasiSkp {
        skp_id: row.id.clone(),
        version: row.version,
        status: row.skp.status(),
        akses,
        siklus: periode.siklus(),
        terbuka: row.skp.berjalan(),
        evaluasi,
    }))
}

/// A stored preview as the readers get it. One that cannot be read back (a
/// number that went to JSON as `null`, an older shape) must not lock every
/// reader out of the documentation: it is recomputed from the SKP, and left
/// out when even that does not survive JSON.
fn preview_terbaca(json: &str, hitung: impl FnOnce() -> SkpPreview, skp_id: &str, kode: &str) -> Option<SkpPreview> {
    let err = match serde_json::from_str(json) {
        Ok(p) => return Some(p),
        Err(err) => err,
    };
    tracing::warn!(skp_id, evaluasi = kode, error = %err, "stored preview unreadable; recomputed");
    let baru = hitung();
    serde_json::to_string(&baru).ok().and_then(|s| serde_json::from_str::<SkpPreview>(&s).ok()).map(|_| baru)
}

/// The period the dashboard means when none is named
/// ([`periode_dokumentasi`]): last year's while the caller's SKP there is
/// still open and the new one is not.
async fn periode_terbuka(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    hari_ini: Tanggal,
) -> ApiResult<Option<PeriodeView>> {
    let semua = org::daftar_periode(conn, &actor.instansi_id).await?;
    let mut calon = Vec::with_capacity(semua.len());
    for v in &semua {
        let p = v.periode().ok_or_else(|| anyhow::anyhow!("stored period {} does not pass the rules", v.id))?;
        let skp_terbuka = p.mulai() <= hari_ini
            && skp_store::find_for(&mut *conn, &v.id, &actor.pegawai_id).await?.is_some_and(|r| r.skp.berjalan());
        calon.push(CalonPeriode { mulai: p.mulai(), selesai: p.selesai(), skp_terbuka });
    }
    Ok(periode_dokumentasi(&calon, hari_ini).and_then(|i| semua.into_iter().nth(i)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BelumQuery {
    /// A period of the caller's instansi; default: the newest started one
    /// in which the caller's SKP is still open (last year's until its annual
    /// evaluation while the new SKP is drafted), else the current one.
    pub periode_id: Option<String>,
}

/// For the dashboard: per sub-period that has started (by the server's
/// clock), the indicators of the caller's own SKP without a realisation.
#[utoipa::path(
    get,
    path = "/realisasi/belum",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(BelumQuery),
    responses(
        (status = 200, description = "What is still undocumented, per started sub-period.", body = BelumDidokumentasi),
        (status = 404, description = "`periode_id` names no period of the caller's instansi.", body = ErrorBody),
    )
)]
async fn belum(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<BelumQuery>,
) -> ApiResult<Json<BelumDidokumentasi>> {
    let hari_ini = clock::hari_ini();
    let mut conn = state.db.pool().acquire().await.map_err(|e| anyhow::anyhow!("a database connection: {e}"))?;
    let view = match &q.periode_id {
        // Another instansi's period is as unknown as one that does not exist.
        Some(id) => org::periode(&mut conn, id).await?.filter(|(i, _)| *i == actor.instansi_id).map(|(_, v)| v),
        None => periode_terbuka(&mut conn, &actor, hari_ini).await?,
    };
    drop(conn);
    let kosong = |periode_id: Option<String>| BelumDidokumentasi {
        periode_id,
        skp_id: None,
        status: None,
        sub_periode: Vec::new(),
    };
    let Some(view) = view else {
        return match q.periode_id {
            Some(_) => Err(ApiError::NotFound),
            None => Ok(Json(kosong(None))),
        };
    };
    let Some(row) = skp_store::find_for(state.db.pool(), &view.id, &actor.pegawai_id).await? else {
        return Ok(Json(kosong(Some(view.id))));
    };
    let periode = periode_of(&state, &view.id).await?;
    let sub_periode = if row.skp.berjalan() {
        periode
            .sub_periode_dimulai(hari_ini)
            .into_iter()
            .map(|s| SubPeriodeBelum {
                ke: s.ke,
                label: s.label(),
                mulai: s.mulai.to_string(),
                selesai: s.selesai.to_string(),
                indikator: belum_of(row.skp.belum_didokumentasi(PeriodeEvaluasi::Periodik { ke: s.ke })),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Json(BelumDidokumentasi {
        periode_id: Some(view.id),
        skp_id: Some(row.id.clone()),
        status: Some(row.skp.status()),
        sub_periode,
    }))
}
