//! The `dokumen_pdf` table (migration 0014): for every signing act on an
//! evaluation document, the exact PDF bytes signed, their SHA-256, who, in
//! which role, when, and the document version. `dokumen_evaluasi.sha256_pdf`
//! follows the latest. Also the few reads the PDF needs beside the
//! document: the parties' identity and the instansi's name.

use anyhow::Context as _;
use sqlx::{Any, AnyConnection};

use super::error::DbResult;

/// One signing act with its PDF, as written.
#[derive(Debug, Clone)]
pub struct TtdBaru {
    pub sha256: String,
    pub dokumen_id: String,
    pub version: i64,
    pub instansi_id: String,
    pub format: String,
    pub aksi: String,
    pub oleh: String,
    pub peran: String,
    /// The domain date of the act (ISO), as printed on the PDF.
    pub tanggal: String,
    pub pdf: Vec<u8>,
}

/// Records a signing act and makes its PDF the document's current one.
/// Inside the step's transaction: the act and its PDF stand or fall together.
pub async fn simpan(c: &mut AnyConnection, t: &TtdBaru) -> DbResult<()> {
    let now = crate::clock::now();
    sqlx::query(
        "INSERT INTO dokumen_pdf (sha256, dokumen_id, version, instansi_id, format, aksi, oleh, peran, tanggal, \
         ukuran, pdf, dibuat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&t.sha256)
    .bind(&t.dokumen_id)
    .bind(t.version)
    .bind(&t.instansi_id)
    .bind(&t.format)
    .bind(&t.aksi)
    .bind(&t.oleh)
    .bind(&t.peran)
    .bind(&t.tanggal)
    .bind(i64::try_from(t.pdf.len()).unwrap_or(i64::MAX))
    .bind(t.pdf.clone())
    .bind(now)
    .execute(&mut *c)
    .await
    .context("recording a signed evaluation PDF")?;
    sqlx::query("UPDATE dokumen_evaluasi SET sha256_pdf = $1 WHERE id = $2")
        .bind(&t.sha256)
        .bind(&t.dokumen_id)
        .execute(&mut *c)
        .await
        .context("naming the document's signed PDF")?;
    Ok(())
}

/// One recorded signature, without its bytes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Ttd {
    pub sha256: String,
    pub dokumen_id: String,
    pub version: i64,
    pub format: String,
    pub aksi: String,
    pub oleh: String,
    pub peran: String,
    pub tanggal: String,
    pub dibuat: i64,
    pub nama: String,
    pub nip: String,
}

const TTD: &str = "SELECT t.sha256, t.dokumen_id, t.version, t.format, t.aksi, t.oleh, t.peran, t.tanggal, t.dibuat, \
                   p.nama, p.nip FROM dokumen_pdf t JOIN pegawai p ON p.id = t.oleh";

/// The signature whose PDF has this hash.
pub async fn cari<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, sha256: &str) -> DbResult<Option<Ttd>> {
    let r = sqlx::query_as(sqlx::AssertSqlSafe(format!("{TTD} WHERE t.sha256 = $1")))
        .bind(sha256)
        .fetch_optional(db)
        .await
        .context("looking a signed PDF up")?;
    Ok(r)
}

/// A document's signatures, oldest first, up to `sampai` (a version).
pub async fn daftar<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    dokumen_id: &str,
    sampai: i64,
) -> DbResult<Vec<Ttd>> {
    let r = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TTD} WHERE t.dokumen_id = $1 AND t.version <= $2 ORDER BY t.version"
    )))
    .bind(dokumen_id)
    .bind(sampai)
    .fetch_all(db)
    .await
    .context("listing a document's signatures")?;
    Ok(r)
}

/// The bytes of a recorded PDF.
pub async fn pdf<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, sha256: &str) -> DbResult<Option<Vec<u8>>> {
    let r: Option<(Vec<u8>,)> = sqlx::query_as("SELECT pdf FROM dokumen_pdf WHERE sha256 = $1")
        .bind(sha256)
        .fetch_optional(db)
        .await
        .context("reading a signed PDF")?;
    Ok(r.map(|(b,)| b))
}

/// A party as the documents print it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identitas {
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
    pub unit_kerja: String,
}

pub async fn identitas<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    pegawai_id: &str,
) -> DbResult<Option<Identitas>> {
    let r = sqlx::query_as(
        "SELECT p.nama, p.nip, p.jabatan, u.nama AS unit_kerja FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_id \
         WHERE p.id = $1",
    )
    .bind(pegawai_id)
    .fetch_optional(db)
    .await
    .context("reading a party's identity")?;
    Ok(r)
}

pub async fn nama_instansi<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, instansi_id: &str) -> DbResult<String> {
    let r: Option<(String,)> = sqlx::query_as("SELECT nama FROM instansi WHERE id = $1")
        .bind(instansi_id)
        .fetch_optional(db)
        .await
        .context("reading the instansi's name")?;
    Ok(r.map(|(n,)| n).unwrap_or_default())
}
