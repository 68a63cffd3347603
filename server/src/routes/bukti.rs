//! Evidence files (bukti dukung) of a realisation: `POST
//! /api/v1/skp/{id}/bukti` (the file as the raw body, streamed to the object
//! store: [`crate::berkas`]), `GET /api/v1/bukti/{id}` (the download, to the
//! SKP's readers) and `DELETE /api/v1/bukti/{id}` (by its pegawai while the
//! evaluation is open).
//!
//! An upload keeps its `Idempotency-Key` itself (its body is never read by
//! the key layer, [`crate::idempotency::unggahan`]): a key already stored
//! answers the stored first answer at once; otherwise the file is received,
//! and its record and the key's answer are written in one transaction after
//! the object is stored whole. Refusals store nothing: the same key may be
//! sent again with the file.

use axum::body::Body;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::BuktiView;
use domain::periode::{Periode, PeriodeEvaluasi};
use domain::skp::realisasi::MAKS_BERKAS;
use domain::skp::{IndikatorId, JenisBerkas, Peran, Skp};
use domain::teks::Teks;
use serde::Deserialize;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::skp::{akses_of, load, peran_of, periode_of};
use crate::auth::Actor;
use crate::berkas::{Berkas, Diterima, GagalUnggah};
use crate::clock;
use crate::db::idempotency::{self as kunci_store, KeyRecord};
use crate::db::realisasi::{self as store, BuktiRow};
use crate::db::{DbError, DbResult, skp as skp_store};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppQuery;
use crate::idempotency::{self, Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(unggah)).routes(routes!(unduh, hapus))
}

/// The header carrying the chosen file name (percent-encoded UTF-8), for
/// display only. A header, not the query: a name may be personal, and URLs
/// are logged.
pub const NAMA_HEADER: &str = "x-nama-berkas";
const MAKS_NAMA: usize = 200;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnggahQuery {
    /// The indicator of the SKP's plan the file documents.
    pub indikator_id: String,
    /// The evaluation: `periodik-{ke}` (the sub-period) or `tahunan`.
    pub evaluasi: String,
}

/// The chosen name as shown: decoded, its last path segment, without
/// control characters, at most 200 characters; `berkas` when there is none.
fn nama_tampil(headers: &HeaderMap) -> String {
    let mentah = headers.get(NAMA_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    let teks = percent_encoding::percent_decode(mentah).decode_utf8_lossy();
    let akhir = teks.rsplit(['/', '\\']).next().unwrap_or_default();
    let bersih: String = akhir.chars().filter(|&c| !c.is_control() && !format_bidi(c)).take(MAKS_NAMA).collect();
    let bersih = bersih.trim();
    if bersih.is_empty() { "berkas".to_owned() } else { bersih.to_owned() }
}

/// Invisible characters that change how a name reads: zero-width ones and
/// the bidirectional overrides (`laporan<RLO>fdp.exe` shows as
/// `laporanexe.pdf`).
fn format_bidi(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn gagal(e: GagalUnggah, maks: u64) -> ApiError {
    match e {
        GagalUnggah::TerlaluBesar => {
            ApiError::Unggahan(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", JenisBerkas::terlalu_besar(maks))
        }
        GagalUnggah::JenisDitolak => {
            ApiError::Unggahan(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_type_refused", JenisBerkas::ditolak())
        }
        GagalUnggah::BerisiMakro => {
            ApiError::Unggahan(StatusCode::UNSUPPORTED_MEDIA_TYPE, "file_has_macros", JenisBerkas::bermakro())
        }
        GagalUnggah::Kosong => ApiError::field("berkas", Teks::new("Berkas kosong.", "The file is empty.")),
        GagalUnggah::Terputus => ApiError::Unggahan(
            StatusCode::BAD_REQUEST,
            "upload_incomplete",
            Teks::new(
                "Unggahan terputus sebelum selesai; tidak ada yang disimpan. Kirim lagi.",
                "The upload was cut off before it ended; nothing was stored. Send it again.",
            ),
        ),
        GagalUnggah::Store(e) => ApiError::Internal(e),
    }
}

/// Uploads one evidence file for an indicator and evaluation of the
/// caller's set SKP. The body is the file itself (any `Content-Type`: the
/// kind is read from the bytes).
#[utoipa::path(
    post,
    path = "/skp/{id}/bukti",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(
        ("id" = String, Path, description = "The SKP id."),
        UnggahQuery,
        ("X-Nama-Berkas" = Option<String>, Header, description = "The chosen file name, percent-encoded (display only)."),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG, PNG, WebP, DOCX, XLSX, PPTX, ODT or ODS, judged by its bytes; at most `EKINERJA_BUKTI_MAKS_BYTES` (10 MiB by default)."),
    responses(
        (status = 201, description = "Stored.", body = BuktiView),
        (status = 400, description = "`upload_incomplete`: the upload was cut off (nothing stored); or the query cannot be read.", body = ErrorBody),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`not_allowed`: only the pegawai uploads; `invalid_transition`: the SKP is not set or its year is closed; `unknown_evaluasi`, `unknown_indikator`, `already_evaluated`; `too_many_files`: the indicator has 20 files for that evaluation (checked before and after receiving: nothing stored); or the key's request still runs.", body = ErrorBody),
        (status = 413, description = "`file_too_large`: larger than the limit (nothing stored).", body = ErrorBody),
        (status = 415, description = "`file_type_refused`: not an accepted kind of file, by its bytes (an office document also by its central directory once whole); `file_has_macros`: an office document with macros or ActiveX controls (nothing stored).", body = ErrorBody),
        (status = 422, description = "An empty file, an unknown `evaluasi`, or a missing or reused `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn unggah(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    AppQuery(q): AppQuery<UnggahQuery>,
    body: Body,
) -> ApiResult<Response> {
    let key = idempotency::kunci_dari(&headers)?;
    let nama = nama_tampil(&headers);
    let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let record = KeyRecord {
        owner: actor.pegawai_id.clone(),
        key,
        instansi_id: actor.instansi_id.clone(),
        request_hash: idempotency::request_hash(&Method::POST, target, nama.as_bytes()),
    };
    // A replay is answered before anything else: the first upload stands,
    // whatever changed since.
    if let Some(first) = kunci_store::stored(state.db.pool(), &record.owner, &record.key).await? {
        return idempotency::answer_stored(&record.request_hash, first);
    }
    let (row, akses) = load(&state, &actor, &id).await?;
    let peran = peran_of(akses)?;
    let evaluasi = PeriodeEvaluasi::from_kode(&q.evaluasi).ok_or_else(|| {
        ApiError::field(
            "evaluasi",
            Teks::new(
                "Evaluasi tidak dikenal: periodik-{ke} atau tahunan.",
                "Unknown evaluation: periodik-{ke} or tahunan.",
            ),
        )
    })?;
    let periode = periode_of(&state, &row.periode_id).await?;
    let syarat = Syarat { peran, periode, indikator: IndikatorId::new(q.indikator_id.clone()), evaluasi };
    let ada = store::jumlah_bukti(state.db.pool(), &row.id, syarat.indikator.as_str(), &evaluasi.kode()).await?;
    syarat.cek(&row.skp, ada)?;
    let berkas = state.inner.berkas.clone();
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > berkas.maks) {
        return Err(gagal(GagalUnggah::TerlaluBesar, berkas.maks));
    }
    let bukti_id = uuid::Uuid::new_v4().to_string();
    let bukti = BuktiRow {
        objek: Berkas::kunci_bukti(&row.instansi_id, &row.id, &bukti_id),
        id: bukti_id,
        instansi_id: row.instansi_id.clone(),
        skp_id: row.id.clone(),
        indikator_id: syarat.indikator.as_str().to_owned(),
        evaluasi: evaluasi.kode(),
        pemilik_id: actor.pegawai_id.clone(),
        nama,
        jenis: String::new(),
        ukuran: 0,
        sha256: String::new(),
        dibuat: 0,
    };
    // Received and committed in a task of its own: a client that goes away
    // mid-upload cancels nothing half-way; the task sees the body end short
    // and cleans up.
    let tugas = tokio::spawn(terima(state.clone(), berkas, body, declared, bukti, record, syarat));
    tugas.await.map_err(|e| anyhow::anyhow!("an upload task failed: {e}"))?
}

/// What an upload must meet, checked before the file is received and again
/// in the transaction that records it: receiving takes long enough for the
/// SKP to change (evaluated, closed) or for other uploads to fill the quota.
struct Syarat {
    peran: Peran,
    periode: Periode,
    indikator: IndikatorId,
    evaluasi: PeriodeEvaluasi,
}

impl Syarat {
    /// The rules, on the SKP and the number of files `ada` already stored.
    fn cek(&self, skp: &Skp, ada: i64) -> Result<(), DbError> {
        skp.periksa_dokumentasi(self.peran, &self.periode, &self.indikator, self.evaluasi)
            .map_err(|e| DbError::Conflict { code: e.kode(), message: e.pesan() })?;
        if usize::try_from(ada).unwrap_or(usize::MAX) >= MAKS_BERKAS {
            return Err(DbError::Conflict { code: "too_many_files", message: JenisBerkas::terlalu_banyak() });
        }
        Ok(())
    }

    /// [`Syarat::cek`] on the SKP and its files as they are at the write, the SKP's row locked.
    async fn cek_saat_tulis(&self, c: &mut AnyConnection, skp_id: &str) -> DbResult<()> {
        store::kunci_skp(c, skp_id).await?;
        let row = skp_store::find(&mut *c, skp_id).await?.ok_or(DbError::NotFound)?;
        let ada = store::jumlah_bukti(&mut *c, skp_id, self.indikator.as_str(), &self.evaluasi.kode()).await?;
        self.cek(&row.skp, ada)
    }
}

/// Receives the file, moves it to its key and writes its record with the
/// key's answer; on any failure removes what it stored.
async fn terima(
    state: AppState,
    berkas: Berkas,
    body: Body,
    panjang: Option<u64>,
    mut bukti: BuktiRow,
    record: KeyRecord,
    syarat: Syarat,
) -> ApiResult<Response> {
    let diterima: Diterima = berkas.terima(body, panjang).await.map_err(|e| gagal(e, berkas.maks))?;
    bukti.jenis = diterima.jenis.mime().to_owned();
    bukti.ukuran = i64::try_from(diterima.ukuran).unwrap_or(i64::MAX);
    bukti.sha256 = diterima.sha256.clone();
    bukti.dibuat = clock::now();
    if let Err(e) = berkas.simpan(&diterima, &bukti.objek).await {
        berkas.buang(&diterima).await;
        return Err(e.into());
    }
    let view = bukti.view()?;
    let (b, r) = (bukti.clone(), record.clone());
    let tulis = state
        .db
        .write(move |c| {
            Box::pin(async move {
                syarat.cek_saat_tulis(c, &b.skp_id).await?;
                store::insert_bukti(c, &b).await?;
                kunci_store::save_json(c, &r, StatusCode::CREATED.as_u16(), &view).await
            })
        })
        .await;
    match tulis {
        Ok(body) => {
            tracing::info!(bukti_id = %bukti.id, skp_id = %bukti.skp_id, ukuran = bukti.ukuran, "evidence stored");
            Ok(jawaban_json(StatusCode::CREATED, body))
        }
        Err(e) => {
            berkas.hapus(&bukti.objek).await;
            // The key was stored meanwhile by the same upload sent twice: its answer stands.
            if matches!(&e, DbError::Conflict { code: "in_progress", .. })
                && let Some(first) = kunci_store::stored(state.db.pool(), &record.owner, &record.key).await?
            {
                return idempotency::answer_stored(&record.request_hash, first);
            }
            Err(e.into())
        }
    }
}

/// An id as the server makes them (a UUID's characters); anything else
/// (`..`, `/`, a percent sign) names nothing and is not looked up.
fn id_sah(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// Downloads an evidence file: to the pegawai, their pejabat penilai and
/// atasan penilai, and the instansi's admin; as an attachment, with the
/// type read from its bytes and `nosniff`.
#[utoipa::path(
    get,
    path = "/bukti/{id}",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The evidence id.")),
    responses(
        (status = 200, description = "The file, as an attachment.", content_type = "application/octet-stream", body = Vec<u8>),
    )
)]
async fn unduh(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Response> {
    if !id_sah(&id) {
        return Err(ApiError::NotFound);
    }
    let b = store::find_bukti(state.db.pool(), &id).await?.ok_or(ApiError::NotFound)?;
    akses_of(&actor, b.pihak()).ok_or(ApiError::NotFound)?;
    let jenis = b.bukti.view()?.jenis;
    let Some(body) = state.inner.berkas.baca(&b.bukti.objek).await? else {
        // Its record without its object: nothing to serve, and nothing the caller can fix.
        tracing::warn!(bukti_id = %b.bukti.id, "evidence object missing");
        return Err(ApiError::NotFound);
    };
    let disposisi = format!("attachment; filename=\"bukti-{}.{}\"", b.bukti.id, jenis.ekstensi());
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(jenis.mime()));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::try_from(disposisi).map_err(anyhow::Error::from)?);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(n) = HeaderValue::try_from(b.bukti.ukuran.to_string()) {
        h.insert(header::CONTENT_LENGTH, n);
    }
    Ok(res)
}

/// Deletes an evidence file: its pegawai, while that evaluation is open.
#[utoipa::path(
    delete,
    path = "/bukti/{id}",
    tag = "realisasi",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The evidence id.")),
    responses(
        (status = 200, description = "Deleted: the record as it was.", body = BuktiView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`not_allowed`: only the pegawai deletes; `invalid_transition` or `already_evaluated`: the evaluation is closed.", body = ErrorBody),
    )
)]
async fn hapus(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    if !id_sah(&id) {
        return Err(ApiError::NotFound);
    }
    let b = store::find_bukti(state.db.pool(), &id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(&actor, b.pihak()).ok_or(ApiError::NotFound)?;
    let peran = peran_of(akses)?;
    let view = b.bukti.view()?;
    let row = skp_store::find(state.db.pool(), &b.bukti.skp_id).await?.ok_or(ApiError::NotFound)?;
    let periode = periode_of(&state, &row.periode_id).await?;
    row.skp.periksa_dokumentasi(peran, &periode, &IndikatorId::new(view.indikator_id.clone()), view.evaluasi)?;
    let (bukti_id, k) = (id.clone(), kunci.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                if !store::hapus_bukti(c, &bukti_id).await? {
                    return Err(DbError::NotFound);
                }
                k.simpan_json(c, StatusCode::OK, &view).await
            })
        })
        .await?;
    kunci.tercatat();
    // The record went first: an object left by a failed delete is invisible, never served.
    state.inner.berkas.hapus(&b.bukti.objek).await;
    tracing::info!(bukti_id = %id, "evidence deleted");
    Ok(jawaban_json(StatusCode::OK, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_name_is_shown_plain_and_short() {
        let nama = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(NAMA_HEADER, HeaderValue::from_str(v).unwrap());
            nama_tampil(&h)
        };
        assert_eq!(nama("Laporan%20TW%20I.pdf"), "Laporan TW I.pdf");
        assert_eq!(nama("..%2F..%2Fetc%2Fpasswd"), "passwd");
        assert_eq!(nama("C:%5CUsers%5Cbudi%5Cfoto.jpg"), "foto.jpg");
        assert_eq!(nama("a%0Ab%00c"), "abc");
        // U+202E (right-to-left override), U+200B, U+2066, U+FEFF: gone.
        assert_eq!(nama("laporan%E2%80%AEfdp.exe"), "laporanfdp.exe");
        assert_eq!(nama("%EF%BB%BFa%E2%80%8Bb%E2%81%A6c%E2%80%8F.pdf"), "abc.pdf");
        assert_eq!(nama("%E2%80%AE"), "berkas");
        assert_eq!(nama("%2F"), "berkas");
        assert_eq!(nama(&"x".repeat(500)).chars().count(), MAKS_NAMA);
        assert_eq!(nama_tampil(&HeaderMap::new()), "berkas");
    }

    #[test]
    fn only_an_id_the_server_makes_is_looked_up() {
        assert!(id_sah(&uuid::Uuid::new_v4().to_string()));
        for salah in ["", "..", "../x", "a/b", "%2e%2e", "x y", &"a".repeat(65)] {
            assert!(!id_sah(salah), "{salah:?}");
        }
    }
}
