//! The evaluation documents (*Dokumen Evaluasi Kinerja Pegawai*, Formats
//! D.1.1–D.1.3) driven by the domain's state machine
//! (`domain::skp::dokumen::DokumenEvaluasi`): the penilai signs, delivers
//! and reports; the pegawai signs or objects within the deadline; the atasan
//! pejabat penilai takes a late evaluation over (final) and decides
//! objections. Deadlines count working days with the instansi's calendar.
//! The annual document reported makes the SKP final. Every step is a new
//! version with who, in which role and when; a signing step also records
//! the PDF it signs and its hash (`sha256_pdf`, [`super::pdf`]).
//!
//! Also the queues: what each person must do about the evaluation, by when.

use std::collections::BTreeMap;

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{
    Akses, AntrianEvaluasi, DokumenEvaluasiView, LangkahDokumen, PegawaiRingkas, RiwayatDokumenView, SimpanPenilaian,
    TenggatView, TugasEvaluasi,
};
use domain::kalender::Kalender;
use domain::notifikasi::{Penerima, Peristiwa};
use domain::periode::{Periode, PeriodeEvaluasi};
use domain::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use domain::skp::dokumen::{AksiDokumen, DokumenEvaluasi, DokumenEvaluasiId, KeputusanKeberatan};
use domain::skp::indikator::MAKS_URAIAN;
use domain::skp::perilaku::perilaku_ambil_alih;
use domain::skp::{AksiSkp, Peran, SkpError, SkpId, StatusSkp};
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::penilaian::{
    baris_penilaian, hanya_6_2022, kalender_of, nilai_dari, nilai_dengan_galat, perilaku_of,
    predikat_organisasi_penilai,
};
use super::skp::{akses_of, check_version, load, peran_of, periode_of, periode_sendiri};
use crate::auth::Actor;
use crate::clock;
use crate::db::dokumen::{self as store, DokumenRow, Langkah, PihakDokumen, Pihaknya};
use crate::db::penilaian as nilai_store;
use crate::db::skp::{self as skp_store, SkpJson, SkpLengkap, SkpRow};
use crate::db::{DbError, notifikasi};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(baca))
        .routes(routes!(daftar_skp))
        .routes(routes!(sign_by_penilai))
        .routes(routes!(deliver))
        .routes(routes!(sign_by_pegawai))
        .routes(routes!(file_keberatan))
        .routes(routes!(reply_keberatan))
        .routes(routes!(decide_keberatan))
        .routes(routes!(report))
        .routes(routes!(take_over))
        .routes(routes!(antrian))
}

/// The format of a document: D.1.3 once an objection was decided, D.1.2
/// when the atasan signed it (take-over), D.1.1 otherwise.
pub(super) fn format_of(d: &DokumenEvaluasi) -> &'static str {
    if d.keberatan().is_some_and(|k| k.diputus_pada.is_some()) {
        "D.1.3"
    } else if d.diambil_alih() {
        "D.1.2"
    } else {
        "D.1.1"
    }
}

fn tenggat_of(d: &DokumenEvaluasi, kalender: &Kalender, hari_ini: Tanggal) -> Vec<TenggatView> {
    d.tenggat(kalender)
        .into_iter()
        .map(|t| TenggatView {
            jenis: t.jenis,
            batas: t.batas.to_string(),
            selesai_pada: t.selesai_pada.map(|s| s.to_string()),
            terlambat: t.terlambat(hari_ini),
            sisa_hari_kerja: if t.selesai_pada.is_some() { 0 } else { kalender.sisa_hari_kerja(hari_ini, t.batas) },
        })
        .collect()
}

fn view_of(
    row: &DokumenRow,
    dokumen: DokumenEvaluasi,
    version: i64,
    akses: Akses,
    kalender: &Kalender,
    riwayat: Vec<RiwayatDokumenView>,
    perilaku_per_nilai: BTreeMap<String, RatingEkspektasi>,
) -> DokumenEvaluasiView {
    DokumenEvaluasiView {
        id: row.id.clone(),
        version,
        skp_id: row.skp_id.clone(),
        periode_id: row.periode_id.clone(),
        evaluasi: row.evaluasi.clone(),
        akses,
        pegawai: row.pegawai.clone(),
        status: dokumen.status(),
        format: format_of(&dokumen).to_owned(),
        tenggat: tenggat_of(&dokumen, kalender, clock::hari_ini()),
        dokumen,
        riwayat,
        sha256_pdf: row.sha256_pdf.clone(),
        perilaku_per_nilai,
    }
}

/// The per-value perilaku ratings stored with a document's evaluation.
pub(super) async fn perilaku_tersimpan(
    state: &AppState,
    row: &DokumenRow,
) -> ApiResult<BTreeMap<String, RatingEkspektasi>> {
    match nilai_store::penilaian(state.db.pool(), &row.skp_id, &row.evaluasi).await? {
        Some(r) => perilaku_of(&r),
        None => Ok(BTreeMap::new()),
    }
}

async fn view_tersimpan(state: &AppState, row: &DokumenRow, akses: Akses) -> ApiResult<DokumenEvaluasiView> {
    let kalender = kalender_of(state, &row.instansi_id).await?;
    let riwayat = store::riwayat(state.db.pool(), &row.id).await?;
    let perilaku = perilaku_tersimpan(state, row).await?;
    Ok(view_of(row, row.dokumen.clone(), row.version, akses, &kalender, riwayat, perilaku))
}

/// The SKP of a document the caller was authorised on (by the document's
/// own parties, which a re-mapping of the SKP does not move).
async fn skp_dokumen(state: &AppState, row: &DokumenRow) -> ApiResult<SkpLengkap> {
    skp_store::find_lengkap(state.db.pool(), &row.skp_id).await?.ok_or(ApiError::NotFound)
}

/// A document the caller may see; another's is a 404, never a hint.
async fn load_dokumen(state: &AppState, actor: &Actor, id: &str) -> ApiResult<(DokumenRow, Akses)> {
    let row = store::find(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(actor, row.pihak()).ok_or(ApiError::NotFound)?;
    Ok((row, akses))
}

pub(super) fn peran_kode(p: Peran) -> &'static str {
    match p {
        Peran::Pegawai => "pegawai",
        Peran::PejabatPenilai => "pejabat_penilai",
        Peran::AtasanPejabatPenilai => "atasan_pejabat_penilai",
    }
}

/// Who is told of a step ([`domain::notifikasi::ATURAN`]): the document's
/// own parties, never the one who took it.
fn kabar_of(aksi: AksiDokumen, d: &DokumenRow, oleh: &str) -> Vec<notifikasi::Baru> {
    let Some(peristiwa) = Peristiwa::dari_aksi_dokumen(aksi) else { return Vec::new() };
    let siapa = |p: Penerima| match p {
        Penerima::Pegawai => Some(d.pegawai_id.clone()),
        Penerima::PejabatPenilai => Some(d.penilai_id.clone()),
        Penerima::AtasanPejabatPenilai => d.atasan_penilai_id.clone(),
        Penerima::Penilai360 => None,
    };
    notifikasi::kabar(peristiwa, siapa, oleh, &d.instansi_id, &d.periode_id, Some(d.skp_id.as_str()))
}

/// The steps the instansi admin takes in the atasan's place on a document
/// without an atasan pejabat penilai.
const LANGKAH_ADMIN: [AksiDokumen; 2] = [AksiDokumen::DecideKeberatan, AksiDokumen::Report];

/// The role the caller acts in on a document step. The instansi admin has
/// none, except on a document without an atasan pejabat penilai (the top
/// of the chain, or never mapped): an objection there must still be
/// decided (and the decided document reported), so the admin does it as
/// the instansi's official standing in for the atasan, recorded in the
/// history as `admin_instansi`.
fn peran_langkah(akses: Akses, aksi: AksiDokumen, row: &DokumenRow) -> ApiResult<Peran> {
    match akses {
        Akses::Admin if LANGKAH_ADMIN.contains(&aksi) && row.atasan_penilai_id.is_none() => {
            Ok(Peran::AtasanPejabatPenilai)
        }
        _ => peran_of(akses),
    }
}

/// The role a history entry records: the admin deciding in the atasan's place is named as such.
fn peran_tercatat(akses: Akses, peran: Peran) -> &'static str {
    if akses == Akses::Admin { "admin_instansi" } else { peran_kode(peran) }
}

/// An evaluation document (its evaluation, dates, objection, deadlines as
/// of today and every step) for its pegawai, penilai, atasan penilai or admin.
#[utoipa::path(
    get,
    path = "/dokumen-evaluasi/{id}",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    responses(
        (status = 200, description = "The document.", body = DokumenEvaluasiView),
    )
)]
async fn baca(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<DokumenEvaluasiView>> {
    let (row, akses) = load_dokumen(&state, &actor, &id).await?;
    Ok(Json(view_tersimpan(&state, &row, akses).await?))
}

/// The evaluation documents of an SKP.
#[utoipa::path(
    get,
    path = "/skp/{id}/dokumen-evaluasi",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "Its documents, by evaluation.", body = Vec<DokumenEvaluasiView>),
    )
)]
async fn daftar_skp(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<DokumenEvaluasiView>>> {
    let (_, akses) = load(&state, &actor, &id).await?;
    let mut out = Vec::new();
    for row in store::list_skp(state.db.pool(), &id).await? {
        out.push(view_tersimpan(&state, &row, akses).await?);
    }
    Ok(Json(out))
}

/// A change to the SKP a document step makes, written with it.
struct UbahSkp {
    row: SkpRow,
    aksi: AksiSkp,
    penilaian: Option<nilai_store::PenilaianRow>,
}

/// One step of a document: authorise, apply the domain's transition with
/// today's date and the instansi's calendar, then the document, its
/// history, the SKP's change (if any), the notifications and the key's
/// answer in one durable write.
async fn langkah(
    state: AppState,
    actor: Actor,
    kunci: Kunci,
    id: String,
    input: LangkahDokumen,
    aksi: AksiDokumen,
) -> ApiResult<Response> {
    let (row, akses) = load_dokumen(&state, &actor, &id).await?;
    let kalender = kalender_of(&state, &row.instansi_id).await?;
    if row.version != input.version {
        let current = view_tersimpan(&state, &row, akses).await?;
        return Err(ApiError::Stale(serde_json::to_value(current).context("rendering the document")?));
    }
    let peran = peran_langkah(akses, aksi, &row)?;
    let hari_ini = clock::hari_ini();
    let mut doc = row.dokumen.clone();
    let mut ubah: Option<UbahSkp> = None;
    if input.alasan.chars().count() > MAKS_URAIAN {
        return Err(ApiError::field(
            "alasan",
            Teks::new(format!("Paling banyak {MAKS_URAIAN} karakter."), format!("At most {MAKS_URAIAN} characters.")),
        ));
    }
    match aksi {
        AksiDokumen::SignByPenilai => doc.sign_by_penilai(peran, hari_ini, &kalender)?,
        AksiDokumen::Deliver => doc.deliver(peran, hari_ini, &kalender)?,
        AksiDokumen::SignByPegawai => doc.sign_by_pegawai(peran, hari_ini, &kalender)?,
        AksiDokumen::FileKeberatan => doc.file_keberatan(peran, hari_ini, &kalender, &input.alasan)?,
        AksiDokumen::ReplyKeberatan => doc.reply_keberatan(peran, hari_ini, &kalender, &input.alasan)?,
        AksiDokumen::DecideKeberatan => {
            let keputusan = match input.keputusan.as_deref() {
                Some("menguatkan") => KeputusanKeberatan::Menguatkan,
                Some("mengubah") => {
                    let Some(p) = input.penilaian.clone() else {
                        return Err(ApiError::field(
                            "penilaian",
                            Teks::new("Isi penilaian yang baru.", "Give the new evaluation."),
                        ));
                    };
                    let mut l = skp_dokumen(&state, &row).await?;
                    let periode = periode_of(&state, &l.row.periode_id).await?;
                    let po =
                        predikat_organisasi_penilai(&state, &row.penilai_id, &row.periode_id, &row.evaluasi).await?;
                    let perilaku = Default::default();
                    let penilaian = nilai_dari(&l.row.skp, &periode, p, po, &perilaku)?;
                    // The document first: it says whether this caller may decide now.
                    doc.decide_keberatan(
                        peran,
                        hari_ini,
                        &kalender,
                        KeputusanKeberatan::Mengubah { penilaian: Box::new(penilaian.clone()) },
                        &input.alasan,
                    )?;
                    l.row.skp.replace_evaluation(peran, hari_ini, &periode, penilaian.clone())?;
                    let lama = nilai_store::penilaian(state.db.pool(), &l.row.id, &row.evaluasi).await?;
                    let perilaku_lama = lama.as_ref().map(perilaku_of).transpose()?.unwrap_or_default();
                    let baris = baris_penilaian(
                        &l.row,
                        &l.jenis_jabatan,
                        &l.pegawai.jabatan,
                        &periode,
                        &penilaian,
                        &perilaku_lama,
                        &actor.pegawai_id,
                        lama,
                    )?;
                    let ubah = UbahSkp { row: l.row, aksi: AksiSkp::ReplaceEvaluation, penilaian: Some(baris) };
                    return simpan_langkah(state, actor, kunci, row, akses, peran, doc, kalender, aksi, Some(ubah))
                        .await;
                }
                _ => {
                    return Err(ApiError::field(
                        "keputusan",
                        Teks::new("Pilih menguatkan atau mengubah.", "Choose menguatkan or mengubah."),
                    ));
                }
            };
            doc.decide_keberatan(peran, hari_ini, &kalender, keputusan, &input.alasan)?
        }
        AksiDokumen::Report => {
            doc.report(peran, hari_ini, &kalender)?;
            if doc.evaluasi() == PeriodeEvaluasi::Tahunan {
                // The annual document reported closes the year: the SKP is final.
                let mut l = skp_dokumen(&state, &row).await?;
                l.row.skp.finalize(peran, hari_ini)?;
                ubah = Some(UbahSkp { row: l.row, aksi: AksiSkp::Finalize, penilaian: None });
            }
        }
        AksiDokumen::TakeOver => return Err(anyhow::anyhow!("take_over has its own route").into()),
    }
    simpan_langkah(state, actor, kunci, row, akses, peran, doc, kalender, aksi, ubah).await
}

#[allow(clippy::too_many_arguments)]
async fn simpan_langkah(
    state: AppState,
    actor: Actor,
    kunci: Kunci,
    row: DokumenRow,
    akses: Akses,
    peran: Peran,
    doc: DokumenEvaluasi,
    kalender: Kalender,
    aksi: AksiDokumen,
    ubah: Option<UbahSkp>,
) -> ApiResult<Response> {
    // A signing step records the PDF it signs, in the same transaction;
    // the per-value ratings it shows are those the answer carries.
    let perilaku = perilaku_tersimpan(&state, &row).await?;
    let ttd =
        super::pdf::ttd_langkah(&state, &row, &doc, row.version + 1, aksi, &actor.pegawai_id, peran, &perilaku).await?;
    let row = DokumenRow { sha256_pdf: ttd.as_ref().map(|t| t.sha256.clone()).or(row.sha256_pdf), ..row };
    let mut riwayat = store::riwayat(state.db.pool(), &row.id).await?;
    riwayat.push(RiwayatDokumenView {
        version: row.version + 1,
        aksi: aksi.to_string(),
        oleh: actor.pegawai_id.clone(),
        peran: peran_tercatat(akses, peran).to_owned(),
        status: doc.status(),
        waktu: clock::now(),
    });
    let view = view_of(&row, doc.clone(), row.version + 1, akses, &kalender, riwayat, perilaku);
    let body = skp_store::json(&view)?;
    let kabar = kabar_of(aksi, &row, &actor.pegawai_id);
    let (email, dikabari) = (state.inner.email.on(), !kabar.is_empty());
    let skp = ubah.map(|u| -> ApiResult<_> { Ok((SkpJson::dari(&u.row)?, u.row.perubahan(), u.aksi, u.penilaian)) });
    let skp = skp.transpose()?;
    let (k, oleh, peran_s, aksi_s) =
        (kunci.clone(), actor.pegawai_id.clone(), peran_tercatat(akses, peran), aksi.to_string());
    let (id, instansi, dasar) = (row.id.clone(), row.instansi_id.clone(), row.version);
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let l = Langkah { aksi: &aksi_s, oleh: &oleh, peran: peran_s };
                if !store::update(c, &id, &instansi, dasar, &doc, &l).await? {
                    return Ok(None);
                }
                if let Some(t) = &ttd {
                    crate::db::tanda_tangan::simpan(c, t).await?;
                }
                let body = match skp {
                    Some((j, perubahan, aksi_skp, penilaian)) => {
                        skp_store::update_json(c, &perubahan, &j, aksi_skp, &oleh, k.record(), &body).await?;
                        if let Some(p) = penilaian {
                            nilai_store::simpan_penilaian(c, &p).await?;
                        }
                        body
                    }
                    None => {
                        crate::db::idempotency::save_answer(c, k.record(), 200, &body).await?;
                        body
                    }
                };
                for n in &kabar {
                    notifikasi::tambah(c, n, email).await?;
                }
                Ok(Some(body))
            })
        })
        .await?;
    let Some(body) = body else {
        let row = store::find(state.db.pool(), &row.id).await?.ok_or(ApiError::NotFound)?;
        let current = view_tersimpan(&state, &row, akses).await?;
        return Err(ApiError::Stale(serde_json::to_value(current).context("rendering the document")?));
    };
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!(dokumen_id = %row.id, %aksi, "evaluation document step");
    Ok(jawaban_json(StatusCode::OK, body))
}

/// The pejabat penilai signs the document, within 14 working days after the evaluated period.
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/sign_by_penilai",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`; `not_allowed`: only the pejabat penilai; `deadline_passed`: the atasan takes over; `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` longer than allowed.", body = ErrorBody),
    )
)]
async fn sign_by_penilai(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::SignByPenilai).await
}

/// The signer delivers the signed document to the pegawai (received today).
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/deliver",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`: not signed yet; `not_allowed`: only the signer; `deadline_passed`: the penilai's 14 working days to deliver passed (the atasan takes over); `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` longer than allowed.", body = ErrorBody),
    )
)]
async fn deliver(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::Deliver).await
}

/// The pegawai signs the received document (an objection may still follow within its deadline).
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/sign_by_pegawai",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`: not delivered yet; `not_allowed`: only the pegawai; `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` longer than allowed.", body = ErrorBody),
    )
)]
async fn sign_by_pegawai(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::SignByPegawai).await
}

/// The pegawai objects, with reasons (`alasan`), within 14 working days of receipt.
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/file_keberatan",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`; `not_allowed`: only the pegawai; `objection_too_late`; `objection_not_allowed`: a take-over is final; `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` (the reasons) empty or longer than allowed.", body = ErrorBody),
    )
)]
async fn file_keberatan(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::FileKeberatan).await
}

/// The pejabat penilai replies to a pending objection (`alasan`), which the
/// atasan reads beside it before deciding; a later reply replaces it.
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/reply_keberatan",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`: no objection pending; `not_allowed`: only the pejabat penilai; `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` (the reply) empty or longer than allowed.", body = ErrorBody),
    )
)]
async fn reply_keberatan(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::ReplyKeberatan).await
}

/// The atasan pejabat penilai decides the objection: `keputusan` `menguatkan`, or `mengubah` with the new `penilaian`; `alasan` holds the considerations. A change replaces the SKP's evaluation (the original is kept). On a document without an atasan pejabat penilai the instansi admin decides (recorded as `admin_instansi`).
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/decide_keberatan",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`: no objection pending; `not_allowed`: only the atasan pejabat penilai; `date_before_previous_step`; `wrong_evaluasi`; a refused change of the SKP's evaluation (`invalid_transition`, `not_evaluated`, `evaluasi_belum_berakhir`).", body = ErrorBody),
        (status = 422, description = "`keputusan` neither `menguatkan` nor `mengubah`; `penilaian` missing or invalid (`rating_rhk.<id>`: a rating for an RHK without a realisation); `alasan` (the considerations) empty or longer than allowed.", body = ErrorBody),
    )
)]
async fn decide_keberatan(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::DecideKeberatan).await
}

/// The signer (after an objection, the atasan; without one, the instansi admin) reports the document to the PyB, once the pegawai's time to sign or object has passed. The annual document reported makes the SKP final.
#[utoipa::path(
    post,
    path = "/dokumen-evaluasi/{id}/report",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    request_body = LangkahDokumen,
    responses(
        (status = 200, description = "The document after the step.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the document); `invalid_transition`; `not_allowed`; `awaiting_pegawai`: the pegawai still has time to sign; `objection_window_open`: signed, the pegawai may still object; `date_before_previous_step`.", body = ErrorBody),
        (status = 422, description = "`alasan` longer than allowed.", body = ErrorBody),
    )
)]
async fn report(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<LangkahDokumen>,
) -> ApiResult<Response> {
    langkah(s, a, k, id, i, AksiDokumen::Report).await
}

/// The atasan pejabat penilai evaluates and signs in the pejabat penilai's
/// place once the penilai's deadline (14 working days after the evaluated
/// period) passed without a signature. The result is final (Format D.1.2).
#[utoipa::path(
    post,
    path = "/skp/{id}/take-over",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = SimpanPenilaian,
    responses(
        (status = 200, description = "The document, signed by the atasan.", body = DokumenEvaluasiView),
        (status = 403, description = "The instansi admin may read, never act.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the SKP); `not_allowed`: only the atasan pejabat penilai; `not_yet_overdue`: the penilai still has time (to sign, or, signed, to deliver); `invalid_transition`: the document was delivered already, or the SKP cannot be evaluated; `unknown_evaluasi`; `evaluasi_belum_berakhir`; `date_before_previous_step`; `rule_set_lama`; `concurrent_update`.", body = ErrorBody),
        (status = 422, description = "The rating is invalid: a missing choice, a departure from the suggestion without `alasan`, `rating_rhk.<id>` for an RHK without a realisation, an unknown BerAKHLAK value; with per-value ratings (`perilaku_per_nilai`), `perilaku_per_nilai.<kode>` for each of the seven values missing (or not a rating), and `rating_perilaku` when it is not the one the seven give (`domain::skp::perilaku`: any Di Bawah → Di Bawah, at least four Di Atas → Di Atas, else Sesuai; leave it out and the server takes theirs).", body = ErrorBody),
    )
)]
async fn take_over(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(mut input): AppJson<SimpanPenilaian>,
) -> ApiResult<Response> {
    let pool = state.db.pool();
    let mut l = skp_store::find_lengkap(pool, &id).await?.ok_or(ApiError::NotFound)?;
    // A party of the SKP or of one of its documents; anyone else learns nothing.
    let docs = store::list_skp(pool, &id).await?;
    if akses_of(&actor, l.row.pihak()).is_none() && !docs.iter().any(|d| akses_of(&actor, d.pihak()).is_some()) {
        return Err(ApiError::NotFound);
    }
    let periode = periode_of(&state, &l.row.periode_id).await?;
    hanya_6_2022(&periode)?;
    let evaluasi = input.penilaian.evaluasi;
    let Some(akhir) = periode.akhir_evaluasi(evaluasi).filter(|_| periode.memuat(evaluasi)) else {
        return Err(SkpError::UnknownEvaluasi { evaluasi }.into());
    };
    let kode = evaluasi.kode();
    let ada = docs.into_iter().find(|d| d.evaluasi == kode);
    // Once the document exists, its own parties decide (a re-mapping does not move them).
    let (penilai_id, atasan_penilai_id) = match &ada {
        Some(r) => (r.penilai_id.clone(), r.atasan_penilai_id.clone()),
        None => (l.row.penilai_id.clone(), l.row.atasan_penilai_id.clone()),
    };
    let akses = match &ada {
        Some(r) => akses_of(&actor, r.pihak()),
        None => akses_of(&actor, l.row.pihak()),
    }
    .ok_or(ApiError::NotFound)?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    let po = predikat_organisasi_penilai(&state, &penilai_id, &l.row.periode_id, &kode).await?;
    // The atasan rates each BerAKHLAK value; the whole is the one they give
    // (a client from before, with no per-value rating, keeps its one rating).
    let mut e = domain::FieldErrors::new();
    match perilaku_ambil_alih(&input.perilaku_per_nilai, input.penilaian.rating_perilaku) {
        Ok(r) => input.penilaian.rating_perilaku = r,
        Err(lain) => {
            e.merge("", lain);
        }
    }
    let p = nilai_dengan_galat(&l.row.skp, &periode, input.penilaian, po, &input.perilaku_per_nilai, &mut e);
    let Some(penilaian) = p.filter(|_| e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let kalender = kalender_of(&state, &l.row.instansi_id).await?;
    let hari_ini = clock::hari_ini();
    let (dok_id, mut doc, dasar) = match &ada {
        Some(r) => (r.id.clone(), r.dokumen.clone(), Some(r.version)),
        None => {
            let id_baru = uuid::Uuid::new_v4().to_string();
            let d = DokumenEvaluasi::new(
                DokumenEvaluasiId::new(id_baru.clone()),
                SkpId::new(id.clone()),
                akhir,
                penilaian.clone(),
                hari_ini,
            );
            (id_baru, d, None)
        }
    };
    doc.take_over(peran, hari_ini, &kalender, penilaian.clone())?;
    let aksi_skp = if l.row.skp.penilaian_untuk(evaluasi).is_some() {
        l.row.skp.replace_evaluation(peran, hari_ini, &periode, penilaian.clone())?;
        AksiSkp::ReplaceEvaluation
    } else {
        l.row.skp.record_evaluation(peran, hari_ini, &periode, penilaian.clone())?;
        AksiSkp::RecordEvaluation
    };
    let lama = nilai_store::penilaian(pool, &id, &kode).await?;
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
    let version = dasar.map_or(1, |v| v + 1);
    let mut riwayat = match &ada {
        Some(r) => store::riwayat(pool, &r.id).await?,
        None => Vec::new(),
    };
    riwayat.push(RiwayatDokumenView {
        version,
        aksi: AksiDokumen::TakeOver.to_string(),
        oleh: actor.pegawai_id.clone(),
        peran: peran_kode(peran).to_owned(),
        status: doc.status(),
        waktu: clock::now(),
    });
    let doc_row = DokumenRow {
        id: dok_id.clone(),
        instansi_id: l.row.instansi_id.clone(),
        periode_id: l.row.periode_id.clone(),
        skp_id: id.clone(),
        evaluasi: kode.clone(),
        version,
        dokumen: doc.clone(),
        sha256_pdf: None,
        pegawai_id: l.row.pegawai_id.clone(),
        penilai_id,
        atasan_penilai_id,
        pegawai: l.pegawai.clone(),
    };
    // The PDF signed shows the per-value ratings this take-over records (the
    // row is written with it, in the transaction below).
    let ttd = super::pdf::ttd_langkah(
        &state,
        &doc_row,
        &doc,
        version,
        AksiDokumen::TakeOver,
        &actor.pegawai_id,
        peran,
        &input.perilaku_per_nilai,
    )
    .await?
    .ok_or_else(|| anyhow::anyhow!("a take-over is a signature"))?;
    let doc_row = DokumenRow { sha256_pdf: Some(ttd.sha256.clone()), ..doc_row };
    let view = view_of(&doc_row, doc.clone(), version, akses, &kalender, riwayat, input.perilaku_per_nilai.clone());
    let body = skp_store::json(&view)?;
    let kabar = kabar_of(AksiDokumen::TakeOver, &doc_row, &actor.pegawai_id);
    let (email, dikabari) = (state.inner.email.on(), !kabar.is_empty());
    let j = SkpJson::dari(&l.row)?;
    let perubahan = l.row.perubahan();
    let (k, oleh, periode_id) = (kunci.clone(), actor.pegawai_id.clone(), l.row.periode_id.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let langkah = Langkah { aksi: "take_over", oleh: &oleh, peran: "atasan_pejabat_penilai" };
                match dasar {
                    Some(v) => {
                        if !store::update(c, &doc_row.id, &doc_row.instansi_id, v, &doc, &langkah).await? {
                            return Err(DbError::conflict(
                                "concurrent_update",
                                "Dokumen evaluasi baru saja diubah; muat ulang.",
                                "The evaluation document was just changed; reload.",
                            ));
                        }
                    }
                    None => {
                        let pihak = PihakDokumen {
                            penilai_id: &doc_row.penilai_id,
                            atasan_penilai_id: doc_row.atasan_penilai_id.as_deref(),
                        };
                        store::insert(c, &doc_row.id, &doc_row.instansi_id, &periode_id, &pihak, &doc, &langkah).await?
                    }
                }
                skp_store::update_json(c, &perubahan, &j, aksi_skp, &oleh, k.record(), &body).await?;
                nilai_store::simpan_penilaian(c, &baris).await?;
                crate::db::tanda_tangan::simpan(c, &ttd).await?;
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
    tracing::info!(skp_id = %id, evaluasi = %kode, "evaluation taken over");
    Ok(jawaban_json(StatusCode::OK, body))
}

// ---------------------------------------------------------------------------
// Queues and deadlines
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AntrianQuery {
    pub periode_id: String,
}

struct Pembuat<'a> {
    kalender: &'a Kalender,
    hari_ini: Tanggal,
}

impl Pembuat<'_> {
    #[allow(clippy::too_many_arguments)]
    fn tugas(
        &self,
        tugas: &str,
        label: Teks,
        pegawai: &PegawaiRingkas,
        skp_id: &str,
        dokumen_id: Option<&str>,
        evaluasi: &str,
        batas: Tanggal,
    ) -> TugasEvaluasi {
        TugasEvaluasi {
            tugas: tugas.to_owned(),
            label,
            pegawai: pegawai.clone(),
            skp_id: skp_id.to_owned(),
            dokumen_id: dokumen_id.map(str::to_owned),
            evaluasi: evaluasi.to_owned(),
            batas: batas.to_string(),
            terlambat: self.hari_ini > batas,
            sisa_hari_kerja: self.kalender.sisa_hari_kerja(self.hari_ini, batas),
        }
    }

    /// The task of a document step, due by the deadline the domain names for it.
    fn dari_dokumen(&self, l: &LangkahAntrian, d: &DokumenRow) -> Option<TugasEvaluasi> {
        let batas = d.dokumen.batas(d.dokumen.tenggat_langkah(l.aksi), self.kalender)?;
        let label = Teks::new(l.label.0, l.label.1);
        Some(self.tugas(l.tugas, label, &d.pegawai, &d.skp_id, Some(&d.id), &d.evaluasi, batas))
    }
}

/// A document step a queue offers: to whom (and in which role), which
/// step, and the task's name and label. Whether it is offered now is the
/// domain's answer ([`DokumenEvaluasi::bisa`]), never a second copy of
/// the status rules here.
struct LangkahAntrian {
    sebagai: Pihaknya,
    aksi: AksiDokumen,
    tugas: &'static str,
    label: (&'static str, &'static str),
}

const fn l(
    sebagai: Pihaknya,
    aksi: AksiDokumen,
    tugas: &'static str,
    id: &'static str,
    en: &'static str,
) -> LangkahAntrian {
    LangkahAntrian { sebagai, aksi, tugas, label: (id, en) }
}

const TANDATANGANI: (&str, &str) = ("Tanda tangani dokumen evaluasi", "Sign the evaluation document");
const SAMPAIKAN: (&str, &str) = ("Sampaikan dokumen evaluasi", "Deliver the evaluation document");
const LAPORKAN: (&str, &str) = ("Laporkan dokumen evaluasi", "Report the evaluation document");
const AMBIL_ALIH: (&str, &str) = ("Ambil alih penilaian yang terlambat", "Take over a late evaluation");
const PUTUSKAN: (&str, &str) = ("Putuskan keberatan", "Decide the objection");

const LANGKAH_ANTRIAN: &[LangkahAntrian] = &[
    l(Pihaknya::Penilai, AksiDokumen::SignByPenilai, "tandatangani", TANDATANGANI.0, TANDATANGANI.1),
    l(Pihaknya::Penilai, AksiDokumen::Deliver, "sampaikan", SAMPAIKAN.0, SAMPAIKAN.1),
    l(
        Pihaknya::Penilai,
        AksiDokumen::ReplyKeberatan,
        "tanggapi_keberatan",
        "Tanggapi keberatan pegawai",
        "Reply to the employee's objection",
    ),
    l(Pihaknya::Penilai, AksiDokumen::Report, "laporkan", LAPORKAN.0, LAPORKAN.1),
    l(Pihaknya::AtasanPenilai, AksiDokumen::TakeOver, "ambil_alih", AMBIL_ALIH.0, AMBIL_ALIH.1),
    l(Pihaknya::AtasanPenilai, AksiDokumen::Deliver, "sampaikan", SAMPAIKAN.0, SAMPAIKAN.1),
    l(Pihaknya::AtasanPenilai, AksiDokumen::DecideKeberatan, "putuskan_keberatan", PUTUSKAN.0, PUTUSKAN.1),
    l(Pihaknya::AtasanPenilai, AksiDokumen::Report, "laporkan", LAPORKAN.0, LAPORKAN.1),
    l(
        Pihaknya::Pegawai,
        AksiDokumen::SignByPegawai,
        "tandatangani_pegawai",
        "Tanda tangani dokumen evaluasi Anda",
        "Sign your evaluation document",
    ),
    l(
        Pihaknya::Pegawai,
        AksiDokumen::FileKeberatan,
        "keberatan",
        "Batas mengajukan keberatan (bila ada)",
        "Deadline to object (if you wish)",
    ),
];

fn peran_pihak(p: Pihaknya) -> Peran {
    match p {
        Pihaknya::Pegawai => Peran::Pegawai,
        Pihaknya::Penilai => Peran::PejabatPenilai,
        Pihaknya::AtasanPenilai => Peran::AtasanPejabatPenilai,
    }
}

impl Pembuat<'_> {
    /// The steps `sebagai` can take on these documents today.
    fn langkah_dokumen(&self, sebagai: Pihaknya, docs: &[DokumenRow]) -> Vec<TugasEvaluasi> {
        self.langkah_yang(docs, peran_pihak(sebagai), |l| l.sebagai == sebagai)
    }

    /// The atasan's steps the admin takes on documents without an atasan.
    fn langkah_dokumen_admin(&self, docs: &[DokumenRow]) -> Vec<TugasEvaluasi> {
        let atasan = |l: &LangkahAntrian| l.sebagai == Pihaknya::AtasanPenilai && LANGKAH_ADMIN.contains(&l.aksi);
        self.langkah_yang(docs, Peran::AtasanPejabatPenilai, atasan)
    }

    fn langkah_yang(
        &self,
        docs: &[DokumenRow],
        peran: Peran,
        pilih: impl Fn(&LangkahAntrian) -> bool,
    ) -> Vec<TugasEvaluasi> {
        let mut out = Vec::new();
        for d in docs {
            for l in LANGKAH_ANTRIAN.iter().filter(|l| pilih(l)) {
                // A reply may be replaced, but once given it is no longer a task.
                let dijawab = d.dokumen.keberatan().is_some_and(|k| k.tanggapan_penilai.is_some());
                if (l.aksi == AksiDokumen::ReplyKeberatan && dijawab)
                    || d.dokumen.bisa(l.aksi, peran, self.hari_ini, self.kalender).is_err()
                {
                    continue;
                }
                out.extend(self.dari_dokumen(l, d));
            }
        }
        out
    }
}

/// The evaluations of a period that have ended by `hari_ini`.
fn berakhir(periode: &Periode, hari_ini: Tanggal) -> Vec<(PeriodeEvaluasi, Tanggal)> {
    let mut v: Vec<_> = periode
        .sub_periode()
        .into_iter()
        .filter(|s| s.selesai < hari_ini)
        .map(|s| (PeriodeEvaluasi::Periodik { ke: s.ke }, s.selesai))
        .collect();
    if periode.selesai() < hari_ini {
        v.push((PeriodeEvaluasi::Tahunan, periode.selesai()));
    }
    v
}

/// What the caller must do about the period's evaluation, by when (working
/// days with the instansi's calendar), overdue items marked: as pejabat
/// penilai (subordinates still to rate once an evaluated stretch has ended,
/// documents to sign, deliver, report), as atasan pejabat penilai
/// (evaluations to take over, objections to decide within 7 working days,
/// documents to deliver or report), as pegawai (one's own documents to
/// sign, or object to), and as the instansi admin (objections whose
/// document has no atasan pejabat penilai: the admin decides them). A
/// document step is listed only on the days the domain allows it.
#[utoipa::path(
    get,
    path = "/antrian-evaluasi",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(AntrianQuery),
    responses(
        (status = 200, description = "The caller's queues.", body = AntrianEvaluasi),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
    )
)]
async fn antrian(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<AntrianQuery>,
) -> ApiResult<Json<AntrianEvaluasi>> {
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    let kalender = kalender_of(&state, &actor.instansi_id).await?;
    let hari_ini = clock::hari_ini();
    let b = Pembuat { kalender: &kalender, hari_ini };
    let pool = state.db.pool();
    let me = actor.pegawai_id.as_str();
    let batas_menilai =
        |akhir: Tanggal| kalender.tambah_hari_kerja(akhir, domain::skp::dokumen::batas::PENILAI_MENANDATANGANI);

    let docs_penilai = store::list_untuk(pool, &q.periode_id, me, Pihaknya::Penilai).await?;
    let docs_atasan = store::list_untuk(pool, &q.periode_id, me, Pihaknya::AtasanPenilai).await?;
    let mut sebagai_penilai = b.langkah_dokumen(Pihaknya::Penilai, &docs_penilai);
    let mut sebagai_atasan = b.langkah_dokumen(Pihaknya::AtasanPenilai, &docs_atasan);
    // Rated evaluations without a document yet: the penilai rates; once late, the atasan takes over.
    for (sebagai, kolom) in [(Pihaknya::Penilai, "penilai_id"), (Pihaknya::AtasanPenilai, "atasan_penilai_id")] {
        for skp in skp_dinilai(pool, &q.periode_id, kolom, me).await? {
            if !matches!(skp.skp.status(), StatusSkp::Ditetapkan | StatusSkp::Dinilai) {
                continue;
            }
            let pegawai = crate::db::org::pegawai_ringkas(pool, &skp.pegawai_id).await?;
            let dokumen = store::list_skp(pool, &skp.id).await?;
            for (e, akhir) in berakhir(&periode, hari_ini) {
                let kode = e.kode();
                if skp.skp.penilaian_untuk(e).is_some() || dokumen.iter().any(|d| d.evaluasi == kode) {
                    continue;
                }
                let batas = batas_menilai(akhir);
                let (daftar, tugas, label) = match sebagai {
                    Pihaknya::Penilai => {
                        (&mut sebagai_penilai, "nilai", ("Nilai kinerja pegawai", "Rate the employee"))
                    }
                    _ if hari_ini > batas => (&mut sebagai_atasan, "ambil_alih", AMBIL_ALIH),
                    _ => continue,
                };
                let label = Teks::new(label.0, label.1);
                daftar.push(b.tugas(tugas, label, &pegawai, &skp.id, None, &kode, batas));
            }
        }
    }
    let mine = store::list_untuk(pool, &q.periode_id, me, Pihaknya::Pegawai).await?;
    let mut sebagai_pegawai = b.langkah_dokumen(Pihaknya::Pegawai, &mine);
    let mut sebagai_admin = Vec::new();
    if actor.is_admin_of(&actor.instansi_id) {
        let tanpa_atasan = store::list_tanpa_atasan(pool, &q.periode_id, &actor.instansi_id).await?;
        sebagai_admin = b.langkah_dokumen_admin(&tanpa_atasan);
    }
    for v in [&mut sebagai_penilai, &mut sebagai_atasan, &mut sebagai_pegawai, &mut sebagai_admin] {
        v.sort_by(|a, b| a.batas.cmp(&b.batas).then_with(|| a.pegawai.nama.cmp(&b.pegawai.nama)));
    }
    Ok(Json(AntrianEvaluasi {
        periode_id: q.periode_id,
        sebagai_penilai,
        sebagai_atasan,
        sebagai_pegawai,
        sebagai_admin,
    }))
}

/// The SKPs of a period in which `pegawai_id` is the penilai (`kolom`
/// `penilai_id`) or the atasan penilai (`atasan_penilai_id`).
async fn skp_dinilai(pool: &sqlx::AnyPool, periode_id: &str, kolom: &str, pegawai_id: &str) -> ApiResult<Vec<SkpRow>> {
    let kolom = if kolom == "penilai_id" { "penilai_id" } else { "atasan_penilai_id" };
    let ids: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM skp WHERE periode_id = $1 AND {kolom} = $2 ORDER BY id"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_all(pool)
    .await
    .context("listing the SKPs a pegawai rates")?;
    let mut out = Vec::with_capacity(ids.len());
    for (id,) in ids {
        out.extend(skp_store::find(pool, &id).await?);
    }
    Ok(out)
}
