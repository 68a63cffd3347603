//! The evaluation (issue 24; RULES.md §2.1, §3.4): a subordinate's rating
//! per evaluation, the organisation's predikat and the distribution pattern
//! of a penilai's unit, the unit finalised, the angka kredit, and the
//! holiday calendar the deadlines count with. The documents and queues are
//! in [`super::dokumen`].
//!
//! A rating is saved like every SKP change (the SKP's `version`, an
//! `Idempotency-Key`, a history entry `record_evaluation`); the server
//! recomputes the suggestion, the kuadran and the predikat with the domain.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::angka_kredit::{Jenjang, compute_angka_kredit_jenjang, jumlahkan_angka_kredit};
use domain::api::{
    Akses, AngkaKreditEvaluasi, AngkaKreditSkp, BatasView, DistribusiUnit, Finalisasi, FinalisasiView, HariLiburView,
    NilaiLamaRingkas, PegawaiDistribusi, PegawaiRingkas, PengaturanPenilaian, PenilaianDisimpan, PenilaianSkp,
    PenilaianTercatat, PredikatOrganisasiView, SetPengaturanPenilaian, SetPredikatOrganisasi, SimpanPenilaian,
    TambahHariLibur, UnitBawahan,
};
use domain::distribusi::{JumlahPredikat, ModeDistribusi, batas_pola, check_distribusi};
use domain::kalender::{HariLibur, JenisLibur, Kalender, MAKS_NAMA_LIBUR};
use domain::periode::{Periode, PeriodeEvaluasi};
use domain::rule_set::RuleSet;
use domain::rule_set::permenpanrb_6_2022::{Predikat, PredikatOrganisasi, RatingEkspektasi};
use domain::skp::dokumen::{DokumenEvaluasi, DokumenEvaluasiId};
use domain::skp::indikator::MAKS_URAIAN;
use domain::skp::penilaian::saran_rating;
use domain::skp::penilaian_lama::DasarLama;
use domain::skp::preview::SkpPreview;
use domain::skp::{AksiSkp, Penilaian, PenilaianInput, Peran, RhkId, Skp, SkpError, SkpId, StatusSkp};
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::penilaian_lama::tercatat_lama_of;
use super::realisasi::preview_of;
use super::skp::{check_version, load, load_lengkap, peran_of, periode_of, periode_sendiri};
use crate::auth::Actor;
use crate::clock;
use crate::db::dokumen as dok_store;
use crate::db::org;
use crate::db::penilaian::{self as store, FinalisasiRow, PenilaianRow, PredikatOrganisasiRow};
use crate::db::skp::{self as skp_store, SkpJson};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(baca, simpan))
        .routes(routes!(daftar_predikat_organisasi, set_predikat_organisasi))
        .routes(routes!(unit_bawahan))
        .routes(routes!(lihat_pengaturan))
        .routes(routes!(set_pengaturan))
        .routes(routes!(distribusi))
        .routes(routes!(finalisasi))
        .routes(routes!(angka_kredit))
        .routes(routes!(kalender))
        .routes(routes!(tambah_hari_libur))
}

// ---------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------

/// An evaluation token of the period (`periodik-3`, `tahunan`); 422 otherwise.
pub(crate) fn evaluasi_of(kode: &str, periode: &Periode) -> ApiResult<PeriodeEvaluasi> {
    PeriodeEvaluasi::from_kode(kode).filter(|e| periode.memuat(*e)).ok_or_else(|| {
        ApiError::field(
            "evaluasi",
            Teks::new("Periode evaluasi tidak dikenal untuk periode ini.", "Unknown evaluation for this period."),
        )
    })
}

/// Only PermenPANRB 6/2022 periods are rated with predikat, calibrated,
/// finalised and documented here; a former rule set's period is rated with
/// numbers ([`super::penilaian_lama`]).
pub(crate) fn hanya_6_2022(periode: &Periode) -> ApiResult<()> {
    if periode.rule_set() == RuleSet::Permenpanrb6_2022 {
        return Ok(());
    }
    Err(ApiError::Conflict(
        "rule_set_lama",
        Teks::new(
            "Periode ini memakai aturan lama: nilainya diisi dengan formulir nilai angka (nilai kinerja atau \
             nilai prestasi kerja), tanpa kuadran, pola distribusi, dan dokumen evaluasi.",
            "This period follows a former rule set: it is rated with the numeric form (nilai kinerja or nilai \
             prestasi kerja), with no quadrant, distribution pattern or evaluation document.",
        ),
    ))
}

pub(crate) fn sudah_difinalisasi() -> ApiError {
    ApiError::Conflict(
        "sudah_difinalisasi",
        Teks::new(
            "Penilaian unit untuk periode evaluasi ini sudah difinalisasi; perubahan hanya melalui keberatan.",
            "The unit's ratings for this evaluation are final; a change goes only through an objection.",
        ),
    )
}

/// The working-day calendar of an instansi: the national holidays the
/// domain ships, with the instansi's own added (a date of theirs wins).
pub(crate) async fn kalender_of(state: &AppState, instansi_id: &str) -> ApiResult<Kalender> {
    Ok(Kalender::nasional().tambah(store::hari_libur(state.db.pool(), instansi_id).await?))
}

/// A period's distribution mode and its version (0: never set, warning).
async fn pengaturan_of(state: &AppState, periode_id: &str) -> ApiResult<PengaturanPenilaian> {
    let (mode, version) = match store::pengaturan(state.db.pool(), periode_id).await? {
        Some((m, v)) => (mode_of(&m)?, v),
        None => (ModeDistribusi::default(), 0),
    };
    Ok(PengaturanPenilaian { periode_id: periode_id.to_owned(), mode_distribusi: mode, version })
}

fn mode_of(kode: &str) -> ApiResult<ModeDistribusi> {
    match kode {
        "peringatan" => Ok(ModeDistribusi::Peringatan),
        "blokir" => Ok(ModeDistribusi::Blokir),
        other => Err(anyhow::anyhow!("stored distribution mode {other:?} unknown").into()),
    }
}

fn mode_kode(m: ModeDistribusi) -> &'static str {
    match m {
        ModeDistribusi::Peringatan => "peringatan",
        ModeDistribusi::Blokir => "blokir",
    }
}

fn predikat_of(kode: &str) -> ApiResult<Predikat> {
    Predikat::from_kode(kode).ok_or_else(|| anyhow::anyhow!("stored predikat {kode:?} unknown").into())
}

fn predikat_org_of(kode: &str) -> ApiResult<PredikatOrganisasi> {
    PredikatOrganisasi::from_kode(kode)
        .ok_or_else(|| anyhow::anyhow!("stored organisation predikat {kode:?} unknown").into())
}

/// The unit a penilai leads (their own): whose organisation predikat counts
/// for their subordinates (Lampiran IV.B.1.g).
pub(crate) async fn unit_penilai(state: &AppState, penilai_id: &str) -> ApiResult<String> {
    Ok(store::unit_of(state.db.pool(), penilai_id)
        .await?
        .with_context(|| format!("pegawai {penilai_id} has no unit"))?)
}

/// The organisation predikat of the penilai's unit for an evaluation, if set.
pub(crate) async fn predikat_organisasi_penilai(
    state: &AppState,
    penilai_id: &str,
    periode_id: &str,
    evaluasi: &str,
) -> ApiResult<Option<PredikatOrganisasi>> {
    let unit = unit_penilai(state, penilai_id).await?;
    store::predikat_organisasi(state.db.pool(), &unit, periode_id, evaluasi)
        .await?
        .map(|r| predikat_org_of(&r.predikat))
        .transpose()
}

/// Per RHK id, the rating the domain gives from a preview of the SKP's stored realisations.
fn rating_server(preview: &SkpPreview) -> BTreeMap<String, RatingEkspektasi> {
    preview.rhk().iter().filter_map(|r| r.rating.map(|x| (r.rhk.as_str().to_owned(), x))).collect()
}

/// The rater's form as the server reads it: the per-RHK ratings are the
/// server's, from the stored realisations (the suggestion a departure is
/// measured against is never the client's); a rating sent for an RHK
/// without a realisation is refused (422 on `rating_rhk.<id>`), one for an
/// RHK with a realisation is replaced by the server's. The organisation
/// predikat is the stored one. Also checks the per-value perilaku ratings.
pub(crate) fn nilai_dari(
    skp: &Skp,
    periode: &Periode,
    input: PenilaianInput,
    predikat_organisasi: Option<PredikatOrganisasi>,
    perilaku_per_nilai: &BTreeMap<String, RatingEkspektasi>,
) -> ApiResult<Penilaian> {
    let mut e = domain::FieldErrors::new();
    match nilai_dengan_galat(skp, periode, input, predikat_organisasi, perilaku_per_nilai, &mut e) {
        Some(p) if e.is_empty() => Ok(p),
        _ => Err(ApiError::Validation(e)),
    }
}

/// [`nilai_dari`], adding what is wrong to `e` (a caller with checks of its
/// own answers every message at once): the rating when it holds.
pub(crate) fn nilai_dengan_galat(
    skp: &Skp,
    periode: &Periode,
    mut input: PenilaianInput,
    predikat_organisasi: Option<PredikatOrganisasi>,
    perilaku_per_nilai: &BTreeMap<String, RatingEkspektasi>,
    e: &mut domain::FieldErrors,
) -> Option<Penilaian> {
    let server = rating_server(&preview_of(skp, periode, input.evaluasi));
    for id in input.rating_rhk.keys().filter(|id| !server.contains_key(id.trim())) {
        e.push(
            format!("rating_rhk.{id}"),
            "RHK ini belum memiliki realisasi; ratingnya tidak dapat diisi sendiri.",
            "This RHK has no realisation yet; its rating cannot be given by hand.",
        );
    }
    input.rating_rhk = server;
    input.predikat_organisasi = predikat_organisasi;
    let p = input.validate(skp.rencana()).map_err(|lain| e.merge("", lain)).ok();
    if let Err(lain) = domain::skp::perilaku::check_kode_nilai(perilaku_per_nilai) {
        e.merge("", lain);
    }
    p
}

/// A functional position's angka kredit for a predikat (`None` for another
/// position, or a jabatan whose jenjang the rules do not know).
fn angka_kredit_of(
    jenis_jabatan: &str,
    jabatan: &str,
    predikat: Predikat,
    periode: &Periode,
    evaluasi: PeriodeEvaluasi,
) -> Option<domain::angka_kredit::AngkaKredit> {
    if jenis_jabatan != "fungsional" {
        return None;
    }
    let jenjang = Jenjang::dari_jabatan(jabatan)?;
    let bulan = match evaluasi {
        PeriodeEvaluasi::Periodik { .. } => periode.siklus().bulan(),
        PeriodeEvaluasi::Tahunan => 12,
    };
    compute_angka_kredit_jenjang(predikat, bulan, jenjang).ok()
}

pub(crate) fn tercatat_of(r: &PenilaianRow) -> ApiResult<PenilaianTercatat> {
    let baca = |what: &str, s: &str| -> ApiResult<Penilaian> {
        Ok(serde_json::from_str(s).with_context(|| format!("stored {what} of SKP {} unreadable", r.skp_id))?)
    };
    Ok(PenilaianTercatat {
        penilaian: baca("rating", &r.isi)?,
        penilaian_awal: baca("first rating", &r.isi_awal)?,
        predikat: predikat_of(&r.predikat)?,
        predikat_awal: predikat_of(&r.predikat_awal)?,
        perilaku_per_nilai: perilaku_of(r)?,
        dinilai_oleh: r.dinilai_oleh.clone(),
        diubah: r.diubah,
    })
}

/// The per-value perilaku ratings stored with a rating.
pub(crate) fn perilaku_of(r: &PenilaianRow) -> ApiResult<BTreeMap<String, RatingEkspektasi>> {
    Ok(serde_json::from_str(&r.perilaku_per_nilai)
        .with_context(|| format!("stored perilaku ratings of SKP {} unreadable", r.skp_id))?)
}

/// The row of a rating about to be stored: `lama` is the stored one (its
/// first rating stays the original).
#[allow(clippy::too_many_arguments)]
pub(crate) fn baris_penilaian(
    skp: &skp_store::SkpRow,
    jenis_jabatan: &str,
    jabatan: &str,
    periode: &Periode,
    penilaian: &Penilaian,
    perilaku_per_nilai: &BTreeMap<String, RatingEkspektasi>,
    oleh: &str,
    lama: Option<PenilaianRow>,
) -> ApiResult<PenilaianRow> {
    let now = clock::now();
    let evaluasi = penilaian.evaluasi();
    let isi = skp_store::json(penilaian)?;
    let ak = angka_kredit_of(jenis_jabatan, jabatan, penilaian.predikat(), periode, evaluasi);
    let (isi_awal, predikat_awal, dibuat) = match lama {
        Some(l) => (l.isi_awal, l.predikat_awal, l.dibuat),
        None => (isi.clone(), penilaian.predikat().kode().to_owned(), now),
    };
    Ok(PenilaianRow {
        skp_id: skp.id.clone(),
        evaluasi: evaluasi.kode(),
        instansi_id: skp.instansi_id.clone(),
        periode_id: skp.periode_id.clone(),
        pegawai_id: skp.pegawai_id.clone(),
        dinilai_oleh: oleh.to_owned(),
        predikat: penilaian.predikat().kode().to_owned(),
        predikat_awal,
        isi,
        isi_awal,
        perilaku_per_nilai: skp_store::json(perilaku_per_nilai)?,
        angka_kredit: ak.map(|a| skp_store::json(&a)).transpose()?,
        dibuat,
        diubah: now,
    })
}

// ---------------------------------------------------------------------------
// A subordinate's rating
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluasiQuery {
    /// `periodik-3` or `tahunan`.
    pub evaluasi: String,
}

/// What the penilai rates one evaluation of an SKP with: the server's
/// per-RHK ratings from the stored realisations, the domain's suggestion
/// with its reasons, the 360 advice (penilai and atasan only), the
/// organisation's predikat, and the rating recorded so far.
#[utoipa::path(
    get,
    path = "/skp/{id}/penilaian",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id."), EvaluasiQuery),
    responses(
        (status = 200, description = "The suggestion and the rating so far.", body = PenilaianSkp),
        (status = 422, description = "`evaluasi` is not an evaluation of the SKP's period.", body = ErrorBody),
    )
)]
async fn baca(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    AppQuery(q): AppQuery<EvaluasiQuery>,
) -> ApiResult<Json<PenilaianSkp>> {
    let (row, akses) = load(&state, &actor, &id).await?;
    let periode = periode_of(&state, &row.periode_id).await?;
    let evaluasi = evaluasi_of(&q.evaluasi, &periode)?;
    let kode = evaluasi.kode();
    // One preview of the stored realisations gives both the per-RHK ratings
    // and, in a former rule set's period, the SKP's own number.
    let preview = preview_of(&row.skp, &periode, evaluasi);
    let rating_rhk = rating_server(&preview);
    let ids: Vec<(RhkId, RatingEkspektasi)> = rating_rhk.iter().map(|(k, v)| (RhkId::new(k.as_str()), *v)).collect();
    let saran = saran_rating(row.skp.rencana(), ids.iter().map(|(k, v)| (k, v)));
    let umpan_balik_360 = match akses {
        Akses::PejabatPenilai | Akses::AtasanPejabatPenilai => {
            super::umpan_balik_360::saran_360(&state, &periode, &row.pegawai_id, &actor.pegawai_id).await?
        }
        Akses::Pegawai | Akses::Admin => None,
    };
    let predikat_organisasi = predikat_organisasi_penilai(&state, &row.penilai_id, &row.periode_id, &kode).await?;
    let penilaian = store::penilaian(state.db.pool(), &id, &kode).await?.map(|r| tercatat_of(&r)).transpose()?;
    let dokumen_id = dok_store::find_skp(state.db.pool(), &id, &kode).await?.map(|d| d.id);
    let pegawai = org::pegawai_ringkas(state.db.pool(), &row.pegawai_id).await?;
    let dasar_lama = DasarLama::dari(&preview);
    let penilaian_lama =
        store::penilaian_lama(state.db.pool(), &id, &kode).await?.map(|r| tercatat_lama_of(&r)).transpose()?;
    Ok(Json(PenilaianSkp {
        skp_id: row.id.clone(),
        version: row.version,
        status: row.skp.status(),
        akses,
        pegawai,
        rule_set: periode.rule_set(),
        evaluasi,
        rating_rhk,
        saran,
        umpan_balik_360,
        predikat_organisasi,
        penilaian,
        dokumen_id,
        dasar_lama,
        penilaian_lama,
    }))
}

/// The pejabat penilai rates one evaluation of a subordinate's set SKP (or
/// changes that rating until the unit is finalised): the server reads the
/// suggestion from the stored realisations, asks for a reason to depart
/// from it, and computes the kuadran and the predikat. The SKP moves to
/// `dinilai` (periodic) or `dinilai_tahunan` (annual).
#[utoipa::path(
    put,
    path = "/skp/{id}/penilaian",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = SimpanPenilaian,
    responses(
        (status = 200, description = "Saved: the SKP's new version and status, the rating.", body = PenilaianDisimpan),
        (status = 403, description = "The instansi admin may read, never rate.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the SKP); `not_allowed`: only the pejabat penilai rates here (the atasan takes over); `invalid_transition`: the SKP is not set, or is in revision or closed; `unknown_evaluasi`; `sudah_difinalisasi`: the unit's ratings for this evaluation are final; `evaluasi_belum_berakhir`: the evaluated (sub-)period has not ended yet; `rule_set_lama`: a former rule set's period.", body = ErrorBody),
        (status = 422, description = "The rating is invalid: a missing choice, a departure from the suggestion without `alasan`, a text too long, `rating_rhk.<id>` for an RHK without a realisation (the server rates RHK from the stored realisations), an unknown BerAKHLAK value in `perilaku_per_nilai`.", body = ErrorBody),
    )
)]
async fn simpan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SimpanPenilaian>,
) -> ApiResult<Response> {
    let (mut l, akses) = load_lengkap(&state, &actor, &id).await?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    if peran != Peran::PejabatPenilai {
        return Err(SkpError::NotAllowed { peran, aksi: AksiSkp::RecordEvaluation }.into());
    }
    let periode = periode_of(&state, &l.row.periode_id).await?;
    hanya_6_2022(&periode)?;
    let evaluasi = input.penilaian.evaluasi;
    if !periode.memuat(evaluasi) {
        return Err(SkpError::UnknownEvaluasi { evaluasi }.into());
    }
    let kode = evaluasi.kode();
    let pool = state.db.pool();
    if dok_store::find_skp(pool, &id, &kode).await?.is_some()
        || store::finalisasi(pool, &l.row.periode_id, &kode, &l.row.penilai_id).await?.is_some()
    {
        return Err(sudah_difinalisasi());
    }
    let po = predikat_organisasi_penilai(&state, &l.row.penilai_id, &l.row.periode_id, &kode).await?;
    let penilaian = nilai_dari(&l.row.skp, &periode, input.penilaian, po, &input.perilaku_per_nilai)?;
    let hari_ini = clock::hari_ini();
    if l.row.skp.penilaian_untuk(evaluasi).is_some() {
        l.row.skp.recalibrate_evaluation(peran, hari_ini, &periode, penilaian.clone())?;
    } else {
        l.row.skp.record_evaluation(peran, hari_ini, &periode, penilaian.clone())?;
    }
    let lama = store::penilaian(pool, &id, &kode).await?;
    let baris = baris_penilaian(
        &l.row,
        &l.jenis_jabatan,
        &l.pegawai.jabatan,
        &periode,
        &penilaian,
        &input.perilaku_per_nilai,
        &actor.pegawai_id,
        lama,
    )?;
    let jawaban = PenilaianDisimpan {
        skp_id: l.row.id.clone(),
        version: l.row.version + 1,
        status: l.row.skp.status(),
        penilaian: tercatat_of(&baris)?,
    };
    let body = skp_store::json(&jawaban)?;
    let j = SkpJson::dari(&l.row)?;
    let perubahan = l.row.perubahan();
    let (oleh, k) = (actor.pegawai_id.clone(), kunci.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                skp_store::update_json(c, &perubahan, &j, AksiSkp::RecordEvaluation, &oleh, k.record(), &body).await?;
                // After the SKP's row lock: a finalisation committed meanwhile is seen here.
                let (n,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM dokumen_evaluasi WHERE skp_id = $1 AND evaluasi = $2")
                        .bind(&baris.skp_id)
                        .bind(&baris.evaluasi)
                        .fetch_one(&mut *c)
                        .await
                        .context("checking an evaluation document")?;
                if n > 0 {
                    return Err(crate::db::DbError::conflict(
                        "sudah_difinalisasi",
                        "Penilaian unit untuk periode evaluasi ini sudah difinalisasi.",
                        "The unit's ratings for this evaluation are final.",
                    ));
                }
                store::simpan_penilaian(c, &baris).await?;
                Ok(body)
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!(skp_id = %id, evaluasi = %evaluasi, "rating saved");
    Ok(jawaban_json(StatusCode::OK, body))
}

// ---------------------------------------------------------------------------
// The organisation's predikat and the distribution mode
// ---------------------------------------------------------------------------

fn po_view(r: PredikatOrganisasiRow) -> ApiResult<PredikatOrganisasiView> {
    Ok(PredikatOrganisasiView {
        predikat: predikat_org_of(&r.predikat)?,
        unit_id: r.unit_id,
        periode_id: r.periode_id,
        evaluasi: r.evaluasi,
        version: r.version,
        oleh: r.oleh,
        diubah: r.diubah,
    })
}

/// 404 unless the unit is of the caller's instansi.
async fn unit_sendiri(state: &AppState, actor: &Actor, unit_id: &str) -> ApiResult<()> {
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    match org::unit_instansi(&mut conn, unit_id).await? {
        Some(i) if i == actor.instansi_id => Ok(()),
        _ => Err(ApiError::NotFound),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodeQuery {
    pub periode_id: String,
}

/// A unit's organisation predikat of a period, per evaluation, for anyone of its instansi.
#[utoipa::path(
    get,
    path = "/unit/{id}/predikat-organisasi",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The unit id."), PeriodeQuery),
    responses(
        (status = 200, description = "One entry per evaluation set.", body = Vec<PredikatOrganisasiView>),
    )
)]
async fn daftar_predikat_organisasi(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    AppQuery(q): AppQuery<PeriodeQuery>,
) -> ApiResult<Json<Vec<PredikatOrganisasiView>>> {
    unit_sendiri(&state, &actor, &id).await?;
    periode_sendiri(&state, &actor, &q.periode_id).await?;
    let rows = store::daftar_predikat_organisasi(state.db.pool(), &id, &q.periode_id).await?;
    Ok(Json(rows.into_iter().map(po_view).collect::<ApiResult<_>>()?))
}

/// The instansi admin or the unit's leader one level above (a member of the
/// parent unit who is (atasan) pejabat penilai of someone in this unit; never the
/// unit's own penilai, whose distribution it judges) sets the unit's
/// organisation predikat for an evaluation, until a penilai of the unit
/// finalised it.
#[utoipa::path(
    put,
    path = "/unit/{id}/predikat-organisasi",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The unit id.")),
    request_body = SetPredikatOrganisasi,
    responses(
        (status = 200, description = "The predikat after the change.", body = PredikatOrganisasiView),
        (status = 403, description = "Neither the instansi admin nor the unit's leader one level above.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (0 when none is set); `sudah_difinalisasi`: a penilai of the unit has finalised this evaluation.", body = ErrorBody),
        (status = 422, description = "`evaluasi` is not an evaluation of the period.", body = ErrorBody),
    )
)]
async fn set_predikat_organisasi(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SetPredikatOrganisasi>,
) -> ApiResult<Response> {
    unit_sendiri(&state, &actor, &id).await?;
    let periode = periode_sendiri(&state, &actor, &input.periode_id).await?;
    let kode = evaluasi_of(&input.evaluasi, &periode)?.kode();
    let pool = state.db.pool();
    if !actor.is_admin_of(&actor.instansi_id)
        && !store::atasan_unit(pool, &input.periode_id, &actor.pegawai_id, &id).await?
    {
        return Err(ApiError::Forbidden);
    }
    if store::unit_difinalisasi(pool, &id, &input.periode_id, &kode).await? {
        return Err(sudah_difinalisasi());
    }
    let sekarang = store::predikat_organisasi(pool, &id, &input.periode_id, &kode).await?;
    let stale = |sekarang: Option<PredikatOrganisasiRow>| -> ApiResult<ApiError> {
        let current = sekarang.map(po_view).transpose()?;
        Ok(ApiError::Stale(serde_json::to_value(current).context("rendering an organisation predikat")?))
    };
    if sekarang.as_ref().map_or(0, |r| r.version) != input.version {
        return Err(stale(sekarang)?);
    }
    let row = PredikatOrganisasiRow {
        unit_id: id.clone(),
        periode_id: input.periode_id.clone(),
        evaluasi: kode.clone(),
        instansi_id: actor.instansi_id.clone(),
        predikat: input.predikat.kode().to_owned(),
        version: input.version + 1,
        oleh: actor.pegawai_id.clone(),
        diubah: clock::now(),
    };
    let view = po_view(row.clone())?;
    let (k, dasar) = (kunci.clone(), input.version);
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                if !store::set_predikat_organisasi(c, &row, dasar).await? {
                    return Ok(None);
                }
                // After the row's lock: a finalisation that read the old predikat
                // has committed by now and is seen here (the check above is only
                // the early answer).
                if store::unit_difinalisasi(&mut *c, &row.unit_id, &row.periode_id, &row.evaluasi).await? {
                    return Err(crate::db::DbError::conflict(
                        "sudah_difinalisasi",
                        "Penilaian unit untuk periode evaluasi ini sudah difinalisasi; predikat organisasi tidak \
                         dapat diubah.",
                        "The unit's ratings for this evaluation are final; the organisation predikat cannot change.",
                    ));
                }
                Ok(Some(k.simpan_json(c, StatusCode::OK, &view).await?))
            })
        })
        .await?;
    let Some(body) = body else {
        return Err(stale(store::predikat_organisasi(pool, &id, &input.periode_id, &kode).await?)?);
    };
    kunci.tercatat();
    tracing::info!(unit_id = %id, evaluasi = %kode, "organisation predikat set");
    Ok(jawaban_json(StatusCode::OK, body))
}

/// The units one level below the caller whose organisation predikat the
/// caller sets as their leader (the caller is in the parent unit and
/// (atasan) pejabat penilai of someone in the unit: the rule of
/// `PUT /unit/{id}/predikat-organisasi`), each with its predikat per
/// evaluation of the period. Empty for anyone else, the admin included
/// (the admin sets every unit's in the console).
#[utoipa::path(
    get,
    path = "/penilai/unit-bawahan",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(PeriodeQuery),
    responses(
        (status = 200, description = "The units, by name.", body = Vec<UnitBawahan>),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
    )
)]
async fn unit_bawahan(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<PeriodeQuery>,
) -> ApiResult<Json<Vec<UnitBawahan>>> {
    periode_sendiri(&state, &actor, &q.periode_id).await?;
    let pool = state.db.pool();
    let mut out = Vec::new();
    for (unit_id, nama) in store::unit_bawahan(pool, &q.periode_id, &actor.pegawai_id).await? {
        let rows = store::daftar_predikat_organisasi(pool, &unit_id, &q.periode_id).await?;
        let predikat = rows.into_iter().map(po_view).collect::<ApiResult<_>>()?;
        out.push(UnitBawahan { unit_id, nama, predikat });
    }
    Ok(Json(out))
}

/// A period's evaluation settings, for anyone of its instansi.
#[utoipa::path(
    get,
    path = "/pengaturan-penilaian",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(PeriodeQuery),
    responses(
        (status = 200, description = "The settings (`peringatan` until set).", body = PengaturanPenilaian),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
    )
)]
async fn lihat_pengaturan(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<PeriodeQuery>,
) -> ApiResult<Json<PengaturanPenilaian>> {
    periode_sendiri(&state, &actor, &q.periode_id).await?;
    Ok(Json(pengaturan_of(&state, &q.periode_id).await?))
}

/// The admin chooses whether the distribution pattern warns or blocks in a period.
#[utoipa::path(
    put,
    path = "/org/periode/{id}/pengaturan-penilaian",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The period id.")),
    request_body = SetPengaturanPenilaian,
    responses(
        (status = 200, description = "The settings after the change.", body = PengaturanPenilaian),
        (status = 403, description = "Not an admin of the instansi.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (0 while never set).", body = ErrorBody),
    )
)]
async fn set_pengaturan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SetPengaturanPenilaian>,
) -> ApiResult<Response> {
    periode_sendiri(&state, &actor, &id).await?;
    if !actor.is_admin_of(&actor.instansi_id) {
        return Err(ApiError::Forbidden);
    }
    let sekarang = pengaturan_of(&state, &id).await?;
    if sekarang.version != input.version {
        return Err(ApiError::Stale(serde_json::to_value(&sekarang).context("rendering the settings")?));
    }
    let view = PengaturanPenilaian {
        periode_id: id.clone(),
        mode_distribusi: input.mode_distribusi,
        version: input.version + 1,
    };
    let (k, instansi, dasar, v) = (kunci.clone(), actor.instansi_id.clone(), input.version, view.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                if !store::set_pengaturan(c, &v.periode_id, &instansi, mode_kode(v.mode_distribusi), dasar).await? {
                    return Ok(None);
                }
                Ok(Some(k.simpan_json(c, StatusCode::OK, &v).await?))
            })
        })
        .await?;
    let Some(body) = body else {
        let current = pengaturan_of(&state, &id).await?;
        return Err(ApiError::Stale(serde_json::to_value(current).context("rendering the settings")?));
    };
    kunci.tercatat();
    Ok(jawaban_json(StatusCode::OK, body))
}

// ---------------------------------------------------------------------------
// The penilai's unit: distribution and finalisation
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DistribusiQuery {
    pub periode_id: String,
    /// `periodik-3` or `tahunan`.
    pub evaluasi: String,
}

fn batas_view(po: PredikatOrganisasi, jumlah: &JumlahPredikat) -> Vec<BatasView> {
    let a = jumlah.to_array();
    let total = jumlah.total();
    batas_pola(po)
        .iter()
        .map(|b| {
            let di = b.jumlah_kelompok(&a);
            BatasView {
                kelompok: b.kelompok.to_vec(),
                jenis: b.jenis,
                persen: b.persen,
                batas_orang: b.batas_orang(total),
                jumlah: di,
                dilanggar: b.dilanggar(di, total),
            }
        })
        .collect()
}

/// What the unit screen and the finalisation both read.
struct Unit {
    unit_id: String,
    po: Option<PredikatOrganisasi>,
    /// The organisation predikat's version as read (0: not set).
    po_version: i64,
    mode: ModeDistribusi,
    rows: Vec<store::BawahanRow>,
    jumlah: JumlahPredikat,
}

async fn unit_of(state: &AppState, actor: &Actor, periode_id: &str, kode: &str) -> ApiResult<Unit> {
    let unit_id = unit_penilai(state, &actor.pegawai_id).await?;
    let po_row = store::predikat_organisasi(state.db.pool(), &unit_id, periode_id, kode).await?;
    let po_version = po_row.as_ref().map_or(0, |r| r.version);
    let po = po_row.map(|r| predikat_org_of(&r.predikat)).transpose()?;
    let mode = pengaturan_of(state, periode_id).await?.mode_distribusi;
    let rows = store::bawahan(state.db.pool(), periode_id, &actor.pegawai_id, &actor.instansi_id, kode).await?;
    let jumlah = rows.iter().filter_map(|r| r.predikat.as_deref()).map(predikat_of).collect::<ApiResult<_>>()?;
    Ok(Unit { unit_id, po, po_version, mode, rows, jumlah })
}

async fn finalisasi_view(state: &AppState, r: FinalisasiRow) -> ApiResult<FinalisasiView> {
    let docs =
        dok_store::list_untuk(state.db.pool(), &r.periode_id, &r.penilai_id, dok_store::Pihaknya::Penilai).await?;
    Ok(FinalisasiView {
        predikat_organisasi: predikat_org_of(&r.predikat_organisasi)?,
        mode: mode_of(&r.mode_distribusi)?,
        jumlah: serde_json::from_str(&r.jumlah).context("a stored distribution unreadable")?,
        sesuai_pola: r.sesuai_pola != 0,
        dokumen_ids: docs.into_iter().filter(|d| d.evaluasi == r.evaluasi).map(|d| d.id).collect(),
        periode_id: r.periode_id,
        evaluasi: r.evaluasi,
        unit_id: r.unit_id,
        alasan: r.alasan,
        oleh: r.penilai_id,
        dibuat: r.dibuat,
    })
}

/// The caller's unit as pejabat penilai for one evaluation: each current
/// subordinate's predikat (and the original, before calibration), the
/// counts against the pattern of the organisation's predikat, every
/// violation, and the finalisation once made.
#[utoipa::path(
    get,
    path = "/penilai/distribusi",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(DistribusiQuery),
    responses(
        (status = 200, description = "The unit's distribution.", body = DistribusiUnit),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
        (status = 422, description = "`evaluasi` is not an evaluation of the period.", body = ErrorBody),
    )
)]
async fn distribusi(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<DistribusiQuery>,
) -> ApiResult<Json<DistribusiUnit>> {
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    let kode = evaluasi_of(&q.evaluasi, &periode)?.kode();
    let u = unit_of(&state, &actor, &q.periode_id, &kode).await?;
    let pegawai = u
        .rows
        .iter()
        .map(|r| {
            Ok(PegawaiDistribusi {
                pegawai: PegawaiRingkas {
                    id: r.pegawai_id.clone(),
                    nip: r.nip.clone(),
                    nama: r.nama.clone(),
                    jabatan: r.jabatan.clone(),
                },
                skp_id: r.skp_id.clone(),
                status: r.status.as_deref().and_then(StatusSkp::parse),
                predikat: r.predikat.as_deref().map(predikat_of).transpose()?,
                predikat_awal: r.predikat_awal.as_deref().map(predikat_of).transpose()?,
                nilai_lama: r
                    .nilai_x100
                    .zip(r.sebutan.clone())
                    .map(|(n, sebutan)| NilaiLamaRingkas { nilai: n as f64 / 100.0, sebutan }),
            })
        })
        .collect::<ApiResult<_>>()?;
    let finalisasi = match store::finalisasi(state.db.pool(), &q.periode_id, &kode, &actor.pegawai_id).await? {
        Some(r) => Some(finalisasi_view(&state, r).await?),
        None => None,
    };
    Ok(Json(DistribusiUnit {
        periode_id: q.periode_id.clone(),
        evaluasi: kode,
        batas: u.po.map(|po| batas_view(po, &u.jumlah)).unwrap_or_default(),
        hasil: u.po.map(|po| check_distribusi(po, &u.jumlah, u.mode)),
        unit_id: u.unit_id,
        predikat_organisasi: u.po,
        mode: u.mode,
        pegawai,
        jumlah: u.jumlah,
        finalisasi,
    }))
}

/// A document the finalisation makes, with the SKP version it was read at
/// and its parties (kept with it: migration 0013).
struct DokumenBaru {
    id: String,
    version: i64,
    penilai_id: String,
    atasan_penilai_id: Option<String>,
    doc: DokumenEvaluasi,
}

/// The penilai finalises the unit's ratings for one evaluation: every
/// subordinate whose SKP can be rated is rated, the organisation's predikat
/// is set, and the distribution fits the pattern — or, in warning mode, the
/// reason it does not is recorded (blocking mode refuses). The rated SKPs'
/// evaluation documents are made (status `dibuat`), ready to sign.
#[utoipa::path(
    post,
    path = "/penilai/distribusi/finalisasi",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    request_body = Finalisasi,
    responses(
        (status = 201, description = "Finalised: the distribution as it stood and the documents made.", body = FinalisasiView),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
        (status = 409, description = "`sudah_difinalisasi`; `predikat_organisasi_belum`: the organisation's predikat is not set; `belum_dinilai`: a subordinate is not rated yet (or nobody is); `distribusi_diblokir`: outside the pattern in blocking mode; `rule_set_lama`; `concurrent_update`: a rating or the organisation predikat changed since the distribution was checked (reload and check again); `dokumen_ada`.", body = ErrorBody),
        (status = 422, description = "`alasan` missing while the unit is outside the pattern, or too long; an unknown `evaluasi`.", body = ErrorBody),
    )
)]
async fn finalisasi(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    AppJson(input): AppJson<Finalisasi>,
) -> ApiResult<Response> {
    let periode = periode_sendiri(&state, &actor, &input.periode_id).await?;
    hanya_6_2022(&periode)?;
    let evaluasi = evaluasi_of(&input.evaluasi, &periode)?;
    let kode = evaluasi.kode();
    let pool = state.db.pool();
    if store::finalisasi(pool, &input.periode_id, &kode, &actor.pegawai_id).await?.is_some() {
        return Err(sudah_difinalisasi());
    }
    let u = unit_of(&state, &actor, &input.periode_id, &kode).await?;
    let Some(po) = u.po else {
        return Err(ApiError::Conflict(
            "predikat_organisasi_belum",
            Teks::new(
                "Predikat organisasi unit untuk periode evaluasi ini belum ditetapkan.",
                "The unit's organisation predikat for this evaluation is not set yet.",
            ),
        ));
    };
    let belum: Vec<&str> = u
        .rows
        .iter()
        .filter(|r| {
            r.predikat.is_none()
                // What can be rated now (a plan in revision cannot, nor a closed year).
                && r.status.as_deref().and_then(StatusSkp::parse).is_some_and(|s| {
                    matches!(s, StatusSkp::Ditetapkan | StatusSkp::Dinilai)
                })
        })
        .map(|r| r.nama.as_str())
        .collect();
    let dinilai: Vec<&store::BawahanRow> = u.rows.iter().filter(|r| r.predikat.is_some()).collect();
    if !belum.is_empty() || dinilai.is_empty() {
        let nama = belum.join(", ");
        return Err(ApiError::Conflict(
            "belum_dinilai",
            Teks::new(
                format!("Masih ada pegawai yang belum dinilai: {nama}."),
                format!("Some subordinates are not rated yet: {nama}."),
            ),
        ));
    }
    let hasil = check_distribusi(po, &u.jumlah, u.mode);
    if !hasil.boleh_ditetapkan {
        let id: Vec<String> = hasil.pelanggaran.iter().map(|p| p.pesan.id.clone()).collect();
        let en: Vec<String> = hasil.pelanggaran.iter().map(|p| p.pesan.en.clone()).collect();
        return Err(ApiError::Conflict(
            "distribusi_diblokir",
            Teks::new(
                format!("Sebaran predikat di luar pola distribusi: {}", id.join(" ")),
                format!("The spread of predicates is outside the pattern: {}", en.join(" ")),
            ),
        ));
    }
    let alasan = input.alasan.trim();
    if !hasil.sesuai_pola && alasan.is_empty() {
        return Err(ApiError::field(
            "alasan",
            Teks::new(
                "Sebaran di luar pola distribusi: tuliskan alasannya.",
                "The spread is outside the pattern: give the reason.",
            ),
        ));
    }
    if alasan.chars().count() > MAKS_URAIAN {
        return Err(ApiError::field(
            "alasan",
            Teks::new(format!("Paling banyak {MAKS_URAIAN} karakter."), format!("At most {MAKS_URAIAN} characters.")),
        ));
    }
    let akhir = periode.akhir_evaluasi(evaluasi).context("the evaluation's last day")?;
    let hari_ini = clock::hari_ini();
    // The documents carry exactly the ratings the check above counted: each
    // SKP must still be at the version of that snapshot (read here, and
    // locked at it in the write); one rated meanwhile is refused, never
    // swapped in past the pattern.
    let berubah = || {
        ApiError::Conflict(
            "concurrent_update",
            Teks::new(
                "Penilaian seorang pegawai baru saja diubah; muat ulang lalu periksa sebarannya lagi.",
                "A rating was just changed; reload and check the distribution again.",
            ),
        )
    };
    let mut dokumen: Vec<DokumenBaru> = Vec::new();
    for r in dinilai {
        let (Some(skp_id), Some(version)) = (&r.skp_id, r.version) else { continue };
        if dok_store::find_skp(pool, skp_id, &kode).await?.is_some() {
            continue; // taken over by the atasan: its document exists
        }
        let skp = skp_store::find(pool, skp_id).await?.ok_or(ApiError::NotFound)?;
        let Some(p) = skp.skp.penilaian_untuk(evaluasi).cloned() else { continue };
        if skp.version != version || r.predikat.as_deref() != Some(p.predikat().kode()) {
            return Err(berubah());
        }
        let id = uuid::Uuid::new_v4().to_string();
        let doc =
            DokumenEvaluasi::new(DokumenEvaluasiId::new(id.clone()), SkpId::new(skp_id.clone()), akhir, p, hari_ini);
        dokumen.push(DokumenBaru {
            id,
            version,
            penilai_id: skp.penilai_id,
            atasan_penilai_id: skp.atasan_penilai_id,
            doc,
        });
    }
    let po_version = u.po_version;
    let row = FinalisasiRow {
        periode_id: input.periode_id.clone(),
        evaluasi: kode.clone(),
        penilai_id: actor.pegawai_id.clone(),
        instansi_id: actor.instansi_id.clone(),
        unit_id: u.unit_id.clone(),
        predikat_organisasi: po.kode().to_owned(),
        mode_distribusi: mode_kode(u.mode).to_owned(),
        jumlah: skp_store::json(&u.jumlah)?,
        sesuai_pola: i64::from(hasil.sesuai_pola),
        alasan: (!alasan.is_empty()).then(|| alasan.to_owned()),
        dibuat: clock::now(),
    };
    let view = FinalisasiView {
        periode_id: row.periode_id.clone(),
        evaluasi: kode.clone(),
        unit_id: row.unit_id.clone(),
        predikat_organisasi: po,
        mode: u.mode,
        jumlah: u.jumlah,
        sesuai_pola: hasil.sesuai_pola,
        alasan: row.alasan.clone(),
        oleh: row.penilai_id.clone(),
        dibuat: row.dibuat,
        dokumen_ids: dokumen.iter().map(|d| d.id.clone()).collect(),
    };
    let (k, oleh, instansi, periode_id) =
        (kunci.clone(), actor.pegawai_id.clone(), actor.instansi_id.clone(), input.periode_id.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                if !store::insert_finalisasi(c, &row).await? {
                    return Err(crate::db::DbError::conflict(
                        "sudah_difinalisasi",
                        "Penilaian unit untuk periode evaluasi ini sudah difinalisasi.",
                        "The unit's ratings for this evaluation are already final.",
                    ));
                }
                // The organisation predikat the check used still stands (its row
                // locked for the rest of the write: a change waits, then sees this).
                store::predikat_organisasi_masih(c, &row.unit_id, &periode_id, &row.evaluasi, po_version).await?;
                let langkah = dok_store::Langkah { aksi: "create", oleh: &oleh, peran: "pejabat_penilai" };
                for d in &dokumen {
                    store::skp_masih(c, d.doc.skp().as_str(), d.version).await?;
                    let pihak = dok_store::PihakDokumen {
                        penilai_id: &d.penilai_id,
                        atasan_penilai_id: d.atasan_penilai_id.as_deref(),
                    };
                    dok_store::insert(c, &d.id, &instansi, &periode_id, &pihak, &d.doc, &langkah).await?;
                }
                k.simpan_json(c, StatusCode::CREATED, &view).await
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!(evaluasi = %kode, sesuai_pola = hasil.sesuai_pola, "unit finalised");
    Ok(jawaban_json(StatusCode::CREATED, body))
}

// ---------------------------------------------------------------------------
// Angka kredit
// ---------------------------------------------------------------------------

/// A functional position's angka kredit per rated evaluation (from its
/// current predikat), the total of the periodic ones and the annual one.
#[utoipa::path(
    get,
    path = "/skp/{id}/angka-kredit",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The angka kredit so far (empty for another position).", body = AngkaKreditSkp),
    )
)]
async fn angka_kredit(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<AngkaKreditSkp>> {
    let (l, _) = load_lengkap(&state, &actor, &id).await?;
    let jenjang = if l.jenis_jabatan == "fungsional" { Jenjang::dari_jabatan(&l.pegawai.jabatan) } else { None };
    let mut periodik = Vec::new();
    let mut tahunan = None;
    for r in store::penilaian_skp(state.db.pool(), &id).await? {
        let Some(ak) = &r.angka_kredit else { continue };
        let angka_kredit = serde_json::from_str(ak).context("a stored angka kredit unreadable")?;
        let e = AngkaKreditEvaluasi { evaluasi: r.evaluasi.clone(), angka_kredit };
        if r.evaluasi == PeriodeEvaluasi::Tahunan.kode() {
            tahunan = Some(e);
        } else {
            periodik.push(e);
        }
    }
    periodik.sort_by_key(|e| PeriodeEvaluasi::from_kode(&e.evaluasi));
    let semua: Vec<_> = periodik.iter().map(|e| e.angka_kredit.clone()).collect();
    let total_periodik = (!semua.is_empty()).then(|| jumlahkan_angka_kredit(&semua));
    Ok(Json(AngkaKreditSkp { skp_id: id, jenjang, periodik, total_periodik, tahunan }))
}

// ---------------------------------------------------------------------------
// The holiday calendar
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KalenderQuery {
    /// Only this year's holidays.
    pub tahun: Option<i32>,
}

fn kalender_view(kalender: &Kalender, milik: &BTreeSet<Tanggal>, tahun: Option<i32>) -> Vec<HariLiburView> {
    kalender
        .semua()
        .filter(|l| tahun.is_none_or(|t| l.tanggal.tahun() == t))
        .map(|l| HariLiburView {
            tanggal: l.tanggal.to_string(),
            nama: l.nama.clone(),
            jenis: l.jenis,
            perkiraan: l.perkiraan,
            instansi: milik.contains(&l.tanggal),
        })
        .collect()
}

/// The working-day calendar deadlines count with: the national holidays
/// and cuti bersama built in, and the instansi's own.
#[utoipa::path(
    get,
    path = "/kalender",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    params(KalenderQuery),
    responses(
        (status = 200, description = "The holidays, by date.", body = Vec<HariLiburView>),
    )
)]
async fn kalender(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<KalenderQuery>,
) -> ApiResult<Json<Vec<HariLiburView>>> {
    let milik = store::hari_libur(state.db.pool(), &actor.instansi_id).await?;
    let tanggal: BTreeSet<Tanggal> = milik.iter().map(|l| l.tanggal).collect();
    let kalender = Kalender::nasional().tambah(milik);
    Ok(Json(kalender_view(&kalender, &tanggal, q.tahun)))
}

/// The most holidays one request adds (a year's SKB is about 27 dates).
const MAKS_HARI_LIBUR: usize = domain::kalender::MAKS_HARI_LIBUR_SEKALIGUS;
/// The most holidays of its own an instansi keeps in one year: with the
/// national ones, more would leave few working days, and a runaway script
/// could otherwise stretch every deadline.
const MAKS_HARI_LIBUR_SETAHUN: usize = 40;

/// The instansi admin adds holidays (a new year's SKB, a regional holiday):
/// deadlines count with them from now on, without a release. Only today or
/// later (a past date would move deadlines already run, and with them who
/// was late); at most 60 dates a request and 40 of the instansi's own a
/// year. Every addition is kept with who made it and when
/// (`hari_libur_riwayat`), also when it replaces an earlier entry.
#[utoipa::path(
    post,
    path = "/org/hari-libur",
    tag = "penilaian",
    security(("ekinerja_sesi" = [])),
    request_body = TambahHariLibur,
    responses(
        (status = 200, description = "The whole calendar after the change.", body = Vec<HariLiburView>),
        (status = 403, description = "Not an admin of the instansi.", body = ErrorBody),
        (status = 422, description = "`validation`: an invalid or past date, an empty or long name, none or more than 60 holidays, or more than 40 of the instansi's own in a year.", body = ErrorBody),
    )
)]
async fn tambah_hari_libur(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    AppJson(input): AppJson<TambahHariLibur>,
) -> ApiResult<Response> {
    if !actor.is_admin_of(&actor.instansi_id) {
        return Err(ApiError::Forbidden);
    }
    let hari_ini = clock::hari_ini();
    let mut e = domain::FieldErrors::new();
    if input.hari_libur.is_empty() || input.hari_libur.len() > MAKS_HARI_LIBUR {
        e.push(
            "hari_libur",
            format!("Isi 1 sampai {MAKS_HARI_LIBUR} hari libur sekaligus."),
            format!("Give 1 to {MAKS_HARI_LIBUR} holidays at a time."),
        );
    }
    let mut baru = Vec::new();
    for (i, h) in input.hari_libur.iter().take(MAKS_HARI_LIBUR).enumerate() {
        let tanggal = Tanggal::parse_iso(h.tanggal.trim()).filter(|t| (1900..=2200).contains(&t.tahun()));
        match tanggal {
            None => {
                e.push(format!("hari_libur[{i}].tanggal"), "Tanggal tidak valid.", "Not a valid date.");
            }
            Some(t) if t < hari_ini => {
                e.push(
                    format!("hari_libur[{i}].tanggal"),
                    "Tanggal sudah lewat: hari libur yang lalu akan mengubah tenggat yang sudah berjalan.",
                    "The date has passed: a past holiday would change deadlines already run.",
                );
            }
            Some(_) => {}
        }
        let nama = h.nama.trim();
        if nama.is_empty() || nama.chars().count() > MAKS_NAMA_LIBUR {
            e.push(
                format!("hari_libur[{i}].nama"),
                format!("Isi 1 sampai {MAKS_NAMA_LIBUR} karakter."),
                format!("1 to {MAKS_NAMA_LIBUR} characters."),
            );
        }
        if let Some(tanggal) = tanggal {
            baru.push(HariLibur {
                tanggal,
                nama: nama.to_owned(),
                jenis: h.jenis.unwrap_or(JenisLibur::LiburInstansi),
                perkiraan: false,
            });
        }
    }
    let mut milik = store::hari_libur(state.db.pool(), &actor.instansi_id).await?;
    milik.extend(baru.iter().cloned());
    let tanggal: BTreeSet<Tanggal> = milik.iter().map(|l| l.tanggal).collect();
    let mut per_tahun: BTreeMap<i32, usize> = BTreeMap::new();
    for t in &tanggal {
        *per_tahun.entry(t.tahun()).or_default() += 1;
    }
    for (tahun, n) in per_tahun.into_iter().filter(|(_, n)| *n > MAKS_HARI_LIBUR_SETAHUN) {
        e.push(
            "hari_libur",
            format!("Tahun {tahun} akan memiliki {n} hari libur instansi; paling banyak {MAKS_HARI_LIBUR_SETAHUN}."),
            format!("{tahun} would have {n} instansi holidays; at most {MAKS_HARI_LIBUR_SETAHUN}."),
        );
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let view = kalender_view(&Kalender::nasional().tambah(milik), &tanggal, None);
    let (k, instansi, oleh) = (kunci.clone(), actor.instansi_id.clone(), actor.pegawai_id.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tambah_hari_libur(c, &instansi, &baru, &oleh).await?;
                k.simpan_json(c, StatusCode::OK, &view).await
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!("holidays added");
    Ok(jawaban_json(StatusCode::OK, body))
}
