//! The documents as PDF and their signing trail (issue 24 point 4).
//!
//! - `GET /dokumen-evaluasi/{id}/pdf`: the latest signed PDF, exactly the
//!   bytes whose SHA-256 is recorded; before any signature a draft marked
//!   "DRAF", rendered fresh and never recorded.
//! - `GET /skp/{id}/pdf`: the SKP (formats A.1.x with its Lampiran).
//! - `POST /cek-dokumen` (no sign-in): a hash or the PDF itself answers
//!   whether it is a signed document, whose, and who signed it when.
//! - `GET|POST /cek-dokumen` outside the API ([`crate::cek_halaman`]): the
//!   same check as a plain HTML page, no script (the server's CSP holds).
//!
//! Every signing act (the penilai signs, the pegawai signs, the atasan takes
//! over, the atasan decides an objection) renders the document as it stands
//! after the act ([`ttd_langkah`]) and records the bytes in the same
//! transaction as the step ([`crate::db::tanda_tangan::simpan`]).

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::Akses;
use domain::periode::{Periode, PeriodeEvaluasi, tanggal_panjang};
use domain::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use domain::skp::dokumen::{AksiDokumen, DokumenEvaluasi};
use domain::skp::indikator::AspekIndikator;
use domain::skp::{NilaiBerakhlak, Peran};
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::dokumen::{format_of, peran_kode};
use super::skp::{akses_of, load, periode_of};
use crate::auth::Actor;
use crate::auth::throttle::{Limit, alamat_klien, jaringan};
use crate::db::dokumen::{self as dok_store, DokumenRow};
use crate::db::tanda_tangan::{self as store, TtdBaru};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::state::AppState;

/// The largest PDF the check accepts (a signed document is far smaller).
pub const MAKS_CEK: usize = 20 * 1024 * 1024;
/// The body limit of the check's routes: the file and the form around it.
pub(crate) const MAKS_BODY: usize = MAKS_CEK + 64 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(pdf_dokumen))
        .routes(routes!(pdf_skp))
        .merge(OpenApiRouter::new().routes(routes!(cek)).layer(DefaultBodyLimit::max(MAKS_BODY)))
}

fn label_peran(kode: &str) -> &'static str {
    match kode {
        "pegawai" => "Pegawai yang Dinilai",
        "pejabat_penilai" => "Pejabat Penilai Kinerja",
        _ => "Atasan Pejabat Penilai Kinerja",
    }
}

fn hari(t: Tanggal) -> String {
    tanggal_panjang(t).id
}

/// A signature block of `x` in `peran`, signed on `pada` if it was.
fn ttd(peran: &str, x: &pdf::Pihak, pada: Option<Tanggal>) -> pdf::TandaTangan {
    pdf::TandaTangan { peran: peran.to_owned(), nama: x.nama.clone(), nip: x.nip.clone(), pada: pada.map(hari) }
}

fn rating(r: RatingEkspektasi) -> String {
    r.label().id
}

/// The dates an evaluation covers and its name.
fn rentang(periode: &Periode, e: PeriodeEvaluasi) -> (String, String) {
    match e {
        PeriodeEvaluasi::Tahunan => {
            (format!("{} – {}", hari(periode.mulai()), hari(periode.selesai())), "Tahunan".to_owned())
        }
        PeriodeEvaluasi::Periodik { ke } => match periode.sub_periode_ke(ke) {
            Some(s) => (format!("{} – {}", hari(s.mulai), hari(s.selesai)), s.label().id),
            None => (format!("{} – {}", hari(periode.mulai()), hari(periode.selesai())), e.kode()),
        },
    }
}

async fn pihak(state: &AppState, id: &str) -> ApiResult<pdf::Pihak> {
    let i = store::identitas(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    Ok(pdf::Pihak { nama: i.nama, nip: i.nip, pangkat: None, jabatan: i.jabatan, unit_kerja: i.unit_kerja })
}

/// The document's content as `doc` stands, its signature blocks filled
/// from its dates; `draf` when nothing is signed yet. The per-value
/// perilaku ratings are the stored ones, or `perilaku` (a step that records
/// new ones, rendered before its write).
async fn isi_evaluasi(
    state: &AppState,
    row: &DokumenRow,
    doc: &DokumenEvaluasi,
    draf: bool,
    perilaku: Option<&std::collections::BTreeMap<String, RatingEkspektasi>>,
) -> ApiResult<pdf::DokumenEvaluasi> {
    let pool = state.db.pool();
    let periode = periode_of(state, &row.periode_id).await?;
    let (rentang, evaluasi) = rentang(&periode, doc.evaluasi());
    let pegawai = pihak(state, &row.pegawai_id).await?;
    let penilai = pihak(state, &row.penilai_id).await?;
    let atasan = match &row.atasan_penilai_id {
        Some(a) => Some(pihak(state, a).await?),
        None => None,
    };
    let skp = crate::db::skp::find(pool, &row.skp_id).await?.ok_or(ApiError::NotFound)?;
    let p = doc.penilaian();
    let rencana = skp.skp.rencana();
    let hasil_kerja = p
        .rating_rhk()
        .iter()
        .map(|(id, r)| pdf::Dinilai {
            uraian: rencana.rhk_by_id(id).map_or_else(|| id.as_str().to_owned(), |x| x.uraian().to_owned()),
            rating: rating(*r),
        })
        .collect();
    let per_nilai = match perilaku {
        Some(p) => p.clone(),
        None => super::dokumen::perilaku_tersimpan(state, row).await?,
    };
    let perilaku = NilaiBerakhlak::ALL
        .into_iter()
        .map(|n| pdf::Dinilai {
            uraian: n.label().id,
            rating: per_nilai.get(n.kode()).map_or_else(|| "—".to_owned(), |r| rating(*r)),
        })
        .collect();
    let format = format_of(doc);
    let penanda = if doc.diambil_alih() { atasan.as_ref().unwrap_or(&penilai) } else { &penilai };
    let peran_penanda = if doc.diambil_alih() { "Atasan Pejabat Penilai Kinerja" } else { "Pejabat Penilai Kinerja" };
    let mut tanda_tangan = vec![
        ttd(peran_penanda, penanda, doc.ditandatangani_pada()),
        ttd("Pegawai yang Dinilai", &pegawai, doc.ditandatangani_pegawai_pada()),
    ];
    let keberatan = doc.keberatan().filter(|k| k.diputus_pada.is_some()).map(|k| {
        if let Some(a) = &atasan {
            tanda_tangan.push(ttd("Atasan Pejabat Penilai Kinerja (keputusan keberatan)", a, k.diputus_pada));
        }
        pdf::Keberatan {
            diajukan_pada: hari(k.diajukan_pada),
            alasan: k.alasan.clone(),
            tanggapan_penilai: k.tanggapan_penilai.clone(),
            keputusan: if k.menguatkan == Some(false) {
                "Mengubah hasil evaluasi".to_owned()
            } else {
                "Menguatkan hasil evaluasi".to_owned()
            },
            pertimbangan: k.pertimbangan.clone().unwrap_or_default(),
            diputus_pada: k.diputus_pada.map(hari).unwrap_or_default(),
            predikat_awal: doc.penilaian_awal().map(|a| a.predikat().label().id),
        }
    });
    Ok(pdf::DokumenEvaluasi {
        format: format.to_owned(),
        id: row.id.clone(),
        instansi: store::nama_instansi(pool, &row.instansi_id).await?,
        periode: rentang,
        evaluasi,
        pegawai,
        penilai,
        atasan,
        predikat_organisasi: p.predikat_organisasi().map(|o| o.label().id),
        hasil_kerja,
        rating_hasil_kerja: rating(p.rating_hasil_kerja().rating),
        alasan_penilai: p.rating_hasil_kerja().alasan_penilai.clone(),
        perilaku,
        rating_perilaku: rating(p.rating_perilaku()),
        predikat: p.predikat().label().id,
        catatan: p.catatan().to_owned(),
        rekomendasi: p.rekomendasi().to_owned(),
        keberatan,
        tanda_tangan,
        draf,
    })
}

fn render(isi: &pdf::DokumenEvaluasi) -> ApiResult<Vec<u8>> {
    pdf::dokumen_evaluasi(isi).map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))
}

/// Whether a step is a signing act.
fn menandatangani(aksi: AksiDokumen) -> bool {
    matches!(
        aksi,
        AksiDokumen::SignByPenilai | AksiDokumen::SignByPegawai | AksiDokumen::TakeOver | AksiDokumen::DecideKeberatan
    )
}

/// For a signing step, the PDF of the document as the step leaves it (at
/// `version`), to record with the step in its transaction; `None` for any
/// other step. Rendered before the write: the transaction stays short, and
/// `perilaku` are the per-value ratings it shows: the stored ones, or those
/// a take-over records with the step.
#[allow(clippy::too_many_arguments)]
pub async fn ttd_langkah(
    state: &AppState,
    row: &DokumenRow,
    doc: &DokumenEvaluasi,
    version: i64,
    aksi: AksiDokumen,
    oleh: &str,
    peran: Peran,
    perilaku: &std::collections::BTreeMap<String, RatingEkspektasi>,
) -> ApiResult<Option<TtdBaru>> {
    if !menandatangani(aksi) {
        return Ok(None);
    }
    let isi = isi_evaluasi(state, row, doc, false, Some(perilaku)).await?;
    let bytes = render(&isi)?;
    Ok(Some(TtdBaru {
        sha256: hex::encode(Sha256::digest(&bytes)),
        dokumen_id: row.id.clone(),
        version,
        instansi_id: row.instansi_id.clone(),
        format: isi.format,
        aksi: aksi.to_string(),
        oleh: oleh.to_owned(),
        peran: peran_kode(peran).to_owned(),
        tanggal: crate::clock::hari_ini().to_string(),
        pdf: bytes,
    }))
}

fn jawaban_pdf(bytes: Vec<u8>, nama: &str) -> Response {
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{nama}.pdf\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// An id fit for a file name (ids are UUIDs; anything else is dropped).
fn nama_berkas(awal: &str, id: &str) -> String {
    let bersih: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(64).collect();
    format!("{awal}-{bersih}")
}

/// The evaluation document as PDF: the latest signed one, exactly the bytes
/// whose SHA-256 is recorded (`sha256_pdf`), or, before any signature, a
/// draft marked "DRAF" (rendered now, never recorded, not verifiable). For
/// its pegawai, penilai, atasan penilai and the instansi admin.
#[utoipa::path(
    get,
    path = "/dokumen-evaluasi/{id}/pdf",
    tag = "dokumen",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The document id.")),
    responses(
        (status = 200, description = "The PDF (`attachment`, named by the document id).", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 404, description = "No such document, or not the caller's to read.", body = ErrorBody),
    )
)]
async fn pdf_dokumen(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Response> {
    let row = dok_store::find(state.db.pool(), &id).await?.ok_or(ApiError::NotFound)?;
    akses_of(&actor, row.pihak()).ok_or(ApiError::NotFound)?;
    let nama = nama_berkas("dokumen-evaluasi", &row.id);
    if let Some(sha) = &row.sha256_pdf
        && let Some(bytes) = store::pdf(state.db.pool(), sha).await?
    {
        return Ok(jawaban_pdf(bytes, &nama));
    }
    let isi = isi_evaluasi(&state, &row, &row.dokumen, true, None).await?;
    let bytes = render(&isi)?;
    Ok(jawaban_pdf(bytes, &format!("{nama}-draf")))
}

fn label_aspek(a: AspekIndikator) -> &'static str {
    match a {
        AspekIndikator::Kuantitas => "Kuantitas",
        AspekIndikator::Kualitas => "Kualitas",
        AspekIndikator::Waktu => "Waktu",
        AspekIndikator::Biaya => "Biaya",
    }
}

/// The SKP as PDF (formats A.1.x with the Lampiran A.1.8), signed blocks
/// from its history (submitted by the pegawai, set by the penilai). For
/// those who may read the SKP.
#[utoipa::path(
    get,
    path = "/skp/{id}/pdf",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The PDF (`attachment`, named by the SKP id).", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 404, description = "No such SKP, or not the caller's to read.", body = ErrorBody),
    )
)]
async fn pdf_skp(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Response> {
    let (row, _akses): (_, Akses) = load(&state, &actor, &id).await?;
    let pool = state.db.pool();
    let periode = periode_of(&state, &row.periode_id).await?;
    let pegawai = pihak(&state, &row.pegawai_id).await?;
    let penilai = pihak(&state, &row.penilai_id).await?;
    let jpt = crate::db::org::pegawai_jabatan(pool, &row.pegawai_id).await?.is_some_and(|j| j.jenis_jabatan == "jpt");
    let rencana = row.skp.rencana();
    // The penilai's own SKP of the period names the RHK each one intervenes in.
    let atasan_rhk: std::collections::BTreeMap<String, String> =
        match crate::db::skp::find_for(pool, &row.periode_id, &row.penilai_id).await? {
            Some(a) => {
                a.skp.rencana().rhk().iter().map(|r| (r.id().as_str().to_owned(), r.uraian().to_owned())).collect()
            }
            None => Default::default(),
        };
    let rhk = |jenis: domain::rule_set::JenisRhk| -> Vec<pdf::RhkSkp> {
        rencana
            .rhk()
            .iter()
            .filter(|r| r.jenis() == jenis)
            .map(|r| pdf::RhkSkp {
                intervensi: r.rhk_atasan().and_then(|a| atasan_rhk.get(a.as_str()).cloned()),
                uraian: r.uraian().to_owned(),
                indikator: r
                    .indikator()
                    .iter()
                    .map(|i| pdf::Indikator {
                        aspek: label_aspek(i.aspek()).to_owned(),
                        uraian: i.uraian().to_owned(),
                        target: format!(
                            "{} {}",
                            domain::rule_set::angka_target(i.target().min(), i.target().max()).id,
                            i.satuan()
                        ),
                    })
                    .collect(),
            })
            .collect()
    };
    let ekspektasi = rencana.ekspektasi_khusus();
    let lampiran = rencana.lampiran();
    let riwayat = row.skp.riwayat();
    let terakhir = |aksi: domain::skp::AksiSkp| riwayat.iter().rev().find(|r| r.aksi == aksi).map(|r| r.tanggal);
    let s = pdf::Skp {
        format: if jpt { "A.1.1/A.1.2 dan Lampiran A.1.8" } else { "A.1.6/A.1.7 dan Lampiran A.1.8" }.to_owned(),
        id: row.id.clone(),
        instansi: store::nama_instansi(pool, &row.instansi_id).await?,
        periode: format!("{} – {}", hari(periode.mulai()), hari(periode.selesai())),
        utama: rhk(domain::rule_set::JenisRhk::Utama),
        tambahan: rhk(domain::rule_set::JenisRhk::Tambahan),
        perilaku: NilaiBerakhlak::ALL
            .into_iter()
            .map(|n| (n.label().id, ekspektasi.get(&n).cloned().unwrap_or_else(|| "—".to_owned())))
            .collect(),
        lampiran: vec![
            ("Dukungan Sumber Daya".to_owned(), lampiran.dukungan_sumber_daya.clone()),
            ("Skema Pertanggungjawaban".to_owned(), lampiran.skema_pertanggungjawaban.clone()),
            ("Konsekuensi".to_owned(), lampiran.konsekuensi.clone()),
        ],
        tanda_tangan: vec![
            ttd("Pegawai yang Dinilai", &pegawai, terakhir(domain::skp::AksiSkp::Submit)),
            ttd("Pejabat Penilai Kinerja", &penilai, terakhir(domain::skp::AksiSkp::Approve)),
        ],
        pegawai,
        penilai,
    };
    let bytes = pdf::skp(&s).map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(jawaban_pdf(bytes, &nama_berkas("skp", &row.id)))
}

// ---------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------

/// A hash to check (the file's SHA-256, 64 hex digits).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CekHash {
    pub sha256: String,
}

/// One signature up to the checked PDF.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TandaTanganView {
    pub nama: String,
    pub nip: String,
    /// `pejabat_penilai`, `pegawai` or `atasan_pejabat_penilai`.
    pub peran: String,
    pub peran_label: String,
    /// `sign_by_penilai`, `sign_by_pegawai`, `take_over`, `decide_keberatan`.
    pub aksi: String,
    /// The day printed on the PDF (ISO) and as written on it.
    pub tanggal: String,
    pub tanggal_label: String,
    /// When it was recorded (unix seconds).
    pub waktu: i64,
}

/// A signed document found by its hash.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HasilCek {
    pub sha256: String,
    pub dokumen_id: String,
    /// `D.1.1`, `D.1.2` or `D.1.3`.
    pub format: String,
    /// The document version this PDF was signed at.
    pub version: i64,
    /// Whether a later signature made a newer PDF of the same document.
    pub ada_yang_lebih_baru: bool,
    pub instansi: String,
    pub pegawai_nama: String,
    pub pegawai_nip: String,
    /// `tahunan` or `periodik-{ke}`, and as written.
    pub evaluasi: String,
    pub evaluasi_label: String,
    pub periode: String,
    /// Every signature up to and including the one that made this PDF.
    pub tanda_tangan: Vec<TandaTanganView>,
}

fn hex_sah(s: &str) -> Option<String> {
    let s = s.trim().to_ascii_lowercase();
    (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then_some(s)
}

fn hex_salah() -> ApiError {
    ApiError::field(
        "sha256",
        Teks::new(
            "SHA-256 harus 64 digit heksadesimal (0–9, a–f).",
            "The SHA-256 must be 64 hexadecimal digits (0–9, a–f).",
        ),
    )
}

fn bukan_pdf() -> ApiError {
    ApiError::Unggahan(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "not_a_pdf",
        Teks::new("Berkas ini bukan PDF.", "This file is not a PDF."),
    )
}

fn terlalu_besar() -> ApiError {
    ApiError::Unggahan(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
        Teks::new(
            "Berkas lebih dari 20 MiB: bukan dokumen e-Kinerja.",
            "The file is over 20 MiB: not an e-Kinerja document.",
        ),
    )
}

fn kiriman_salah() -> ApiError {
    ApiError::BadRequest(
        "bad_request",
        Teks::new(
            "Kiriman tidak dapat dibaca: kirim JSON {\"sha256\": …} atau formulir dengan berkas `berkas`.",
            "The request cannot be read: send JSON {\"sha256\": …} or a form with the file `berkas`.",
        ),
    )
}

/// A multipart form's hash: the file `berkas` streamed into SHA-256 (never
/// held whole), or the pasted `sha256`.
async fn dari_formulir(mut mp: Multipart) -> ApiResult<String> {
    let gagal = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { terlalu_besar() } else { kiriman_salah() }
    };
    let mut tempel: Option<String> = None;
    while let Some(mut field) = mp.next_field().await.map_err(gagal)? {
        let nama = field.name().map(str::to_owned);
        match nama.as_deref() {
            Some("berkas") => {
                let mut h = Sha256::new();
                let (mut n, mut awal) = (0usize, Vec::<u8>::with_capacity(5));
                while let Some(chunk) = field.chunk().await.map_err(gagal)? {
                    n += chunk.len();
                    if n > MAKS_CEK {
                        return Err(terlalu_besar());
                    }
                    if awal.len() < 5 {
                        awal.extend(chunk.iter().take(5 - awal.len()));
                    }
                    h.update(&chunk);
                }
                if n == 0 {
                    // An empty file input: the pasted hash, if any, decides.
                    continue;
                }
                if awal.as_slice() != b"%PDF-" {
                    return Err(bukan_pdf());
                }
                return Ok(hex::encode(h.finalize()));
            }
            Some("sha256") => {
                let t = field.text().await.map_err(gagal)?;
                if !t.trim().is_empty() {
                    tempel = Some(t);
                }
            }
            _ => {}
        }
    }
    match tempel {
        Some(t) => hex_sah(&t).ok_or_else(hex_salah),
        None => Err(ApiError::field(
            "berkas",
            Teks::new("Pilih berkas PDF atau tempel SHA-256-nya.", "Choose a PDF file or paste its SHA-256."),
        )),
    }
}

/// The hash a request carries: JSON `{ "sha256" }` or a multipart form.
/// How many documents one network may check a minute: checking needs no
/// sign-in and may upload 20 MiB, so it is counted per network (the
/// client's address through trusted proxies: `auth::throttle`). An office
/// checking a pile of PDFs behind one address stays well inside it.
pub(crate) const BATAS_CEK: Limit = Limit { max_failures: 60, window: Duration::from_secs(60) };

/// Counts one check of the caller's network; past [`BATAS_CEK`] a 429 with
/// the wait (`Retry-After`).
pub(crate) fn batasi_cek(state: &AppState, req: &Request) -> ApiResult<()> {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    let klien = alamat_klien(peer, req.headers(), &state.inner.config.trusted_proxies);
    let kunci = format!("cek-dokumen@{}", jaringan(klien));
    let now = Instant::now();
    let throttle = &state.inner.throttle;
    if let Some(tunggu) = throttle.check(&kunci, BATAS_CEK, now) {
        return Err(ApiError::TooManyRequests(tunggu));
    }
    throttle.fail(&kunci, now, BATAS_CEK.window);
    Ok(())
}

pub(crate) async fn hash_dari(req: Request) -> ApiResult<String> {
    let jenis =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    if jenis.starts_with("multipart/form-data") {
        let mp = Multipart::from_request(req, &()).await.map_err(|_| kiriman_salah())?;
        dari_formulir(mp).await
    } else if jenis.starts_with("application/json") {
        let AppJson(CekHash { sha256 }) = AppJson::<CekHash>::from_request(req, &()).await?;
        hex_sah(&sha256).ok_or_else(hex_salah)
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

pub(crate) async fn periksa(state: &AppState, sha256: &str) -> ApiResult<HasilCek> {
    let pool = state.db.pool();
    let ttd = store::cari(pool, sha256).await?.ok_or(ApiError::NotFound)?;
    let row = dok_store::find(pool, &ttd.dokumen_id).await?.ok_or(ApiError::NotFound)?;
    let semua = store::daftar(pool, &row.id, i64::MAX).await?;
    let periode = periode_of(state, &row.periode_id).await?;
    let (rentang, label) = rentang(&periode, row.dokumen.evaluasi());
    Ok(HasilCek {
        sha256: ttd.sha256.clone(),
        dokumen_id: row.id.clone(),
        format: ttd.format.clone(),
        version: ttd.version,
        ada_yang_lebih_baru: semua.iter().any(|t| t.version > ttd.version),
        instansi: store::nama_instansi(pool, &row.instansi_id).await?,
        pegawai_nama: row.pegawai.nama.clone(),
        pegawai_nip: row.pegawai.nip.clone(),
        evaluasi: row.evaluasi.clone(),
        evaluasi_label: label,
        periode: rentang,
        tanda_tangan: semua
            .into_iter()
            .filter(|t| t.version <= ttd.version)
            .map(|t| TandaTanganView {
                peran_label: label_peran(&t.peran).to_owned(),
                tanggal_label: Tanggal::parse_iso(&t.tanggal).map(hari).unwrap_or_else(|| t.tanggal.clone()),
                nama: t.nama,
                nip: t.nip,
                peran: t.peran,
                aksi: t.aksi,
                tanggal: t.tanggal,
                waktu: t.dibuat,
            })
            .collect(),
    })
}

/// Checks a PDF anyone holds, without signing in: by its SHA-256 (JSON
/// `{"sha256": "<64 hex>"}`) or by the file itself (multipart field
/// `berkas`, at most 20 MiB, hashed as it streams in). A signed document
/// answers what it is, whose and every signature up to it; anything else
/// (a draft, a changed byte, an unknown hash) is only "not found".
#[utoipa::path(
    post,
    path = "/cek-dokumen",
    tag = "dokumen",
    request_body(content(
        (CekHash = "application/json"),
        (Vec<u8> = "multipart/form-data"),
    ), description = "The hash as JSON, or a form with the PDF as `berkas` (or the hash as `sha256`)."),
    responses(
        (status = 200, description = "A signed document.", body = HasilCek),
        (status = 400, description = "`bad_request`: the form or JSON cannot be read.", body = ErrorBody),
        (status = 404, description = "No signed document has this hash.", body = ErrorBody),
        (status = 413, description = "`file_too_large`: over 20 MiB.", body = ErrorBody),
        (status = 415, description = "`not_a_pdf`: the file is not a PDF; or neither JSON nor a form.", body = ErrorBody),
        (status = 422, description = "Not 64 hex digits, or neither a file nor a hash given.", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: this network checked 60 documents in the last minute; see `Retry-After`.", body = ErrorBody),
    )
)]
async fn cek(State(state): State<AppState>, req: Request) -> ApiResult<Response> {
    batasi_cek(&state, &req)?;
    let sha = hash_dari(req).await?;
    let hasil = periksa(&state, &sha).await?;
    let mut res = Json(hasil).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
