//! The `dokumen_evaluasi` and `dokumen_evaluasi_versi` tables: each
//! evaluation document as `domain::skp::dokumen::DokumenEvaluasi` JSON, with
//! its parties (the penilai and atasan penilai stored when it was made,
//! migration 0013: a later re-mapping does not change who signs or decides;
//! the pegawai is the SKP's), and every step it went through.

use anyhow::Context as _;
use domain::api::{PegawaiRingkas, RiwayatDokumenView};
use domain::skp::dokumen::{DokumenEvaluasi, StatusDokumen};
use sqlx::{Any, AnyConnection};

use super::error::DbResult;
use super::skp::Pihak;

/// One stored document with its SKP's parties and pegawai.
#[derive(Debug, Clone)]
pub struct DokumenRow {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub skp_id: String,
    pub evaluasi: String,
    pub version: i64,
    pub dokumen: DokumenEvaluasi,
    pub sha256_pdf: Option<String>,
    pub pegawai_id: String,
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
    pub pegawai: PegawaiRingkas,
}

impl DokumenRow {
    pub fn pihak(&self) -> Pihak<'_> {
        Pihak {
            pegawai_id: &self.pegawai_id,
            penilai_id: &self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id.as_deref(),
            instansi_id: &self.instansi_id,
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Stored {
    id: String,
    instansi_id: String,
    periode_id: String,
    skp_id: String,
    evaluasi: String,
    version: i64,
    dokumen: String,
    sha256_pdf: Option<String>,
    pegawai_id: String,
    penilai_id: String,
    atasan_penilai_id: Option<String>,
    nip: String,
    nama: String,
    jabatan: String,
}

impl Stored {
    fn parse(self) -> DbResult<DokumenRow> {
        let dokumen: DokumenEvaluasi = serde_json::from_str(&self.dokumen)
            .with_context(|| format!("stored evaluation document {} unreadable", self.id))?;
        Ok(DokumenRow {
            pegawai: PegawaiRingkas {
                id: self.pegawai_id.clone(),
                nip: self.nip,
                nama: self.nama,
                jabatan: self.jabatan,
            },
            id: self.id,
            instansi_id: self.instansi_id,
            periode_id: self.periode_id,
            skp_id: self.skp_id,
            evaluasi: self.evaluasi,
            version: self.version,
            dokumen,
            sha256_pdf: self.sha256_pdf,
            pegawai_id: self.pegawai_id,
            penilai_id: self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id,
        })
    }
}

const SELECT: &str = "SELECT d.id, d.instansi_id, d.periode_id, d.skp_id, d.evaluasi, d.version, d.dokumen, \
                      d.sha256_pdf, s.pegawai_id, COALESCE(d.penilai_id, s.penilai_id) AS penilai_id, \
                      d.atasan_penilai_id, p.nip, p.nama, p.jabatan \
                      FROM dokumen_evaluasi d JOIN skp s ON s.id = d.skp_id JOIN pegawai p ON p.id = s.pegawai_id";

pub async fn find<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<DokumenRow>> {
    let raw: Option<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.id = $1")))
        .bind(id)
        .fetch_optional(db)
        .await
        .with_context(|| format!("reading evaluation document {id}"))?;
    raw.map(Stored::parse).transpose()
}

/// The document of an SKP's evaluation, if made.
pub async fn find_skp<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    evaluasi: &str,
) -> DbResult<Option<DokumenRow>> {
    let raw: Option<Stored> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.skp_id = $1 AND d.evaluasi = $2")))
            .bind(skp_id)
            .bind(evaluasi)
            .fetch_optional(db)
            .await
            .with_context(|| format!("reading the evaluation document of SKP {skp_id}"))?;
    raw.map(Stored::parse).transpose()
}

/// Every document of an SKP.
pub async fn list_skp<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, skp_id: &str) -> DbResult<Vec<DokumenRow>> {
    let raw: Vec<Stored> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.skp_id = $1 ORDER BY d.evaluasi")))
            .bind(skp_id)
            .fetch_all(db)
            .await
            .with_context(|| format!("listing the evaluation documents of SKP {skp_id}"))?;
    raw.into_iter().map(Stored::parse).collect()
}

/// Who a list of documents is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pihaknya {
    Pegawai,
    Penilai,
    AtasanPenilai,
}

/// The documents of a period in which `pegawai_id` is the pegawai, or the
/// document's penilai or atasan penilai.
pub async fn list_untuk<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
    sebagai: Pihaknya,
) -> DbResult<Vec<DokumenRow>> {
    let kolom = match sebagai {
        Pihaknya::Pegawai => "s.pegawai_id",
        Pihaknya::Penilai => "d.penilai_id",
        Pihaknya::AtasanPenilai => "d.atasan_penilai_id",
    };
    let raw: Vec<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE d.periode_id = $1 AND {kolom} = $2 ORDER BY p.nama, d.evaluasi"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_all(db)
    .await
    .context("listing evaluation documents")?;
    raw.into_iter().map(Stored::parse).collect()
}

/// The documents of a period in the instansi that have no atasan pejabat
/// penilai: the admin decides their objections.
pub async fn list_tanpa_atasan<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    instansi_id: &str,
) -> DbResult<Vec<DokumenRow>> {
    let raw: Vec<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE d.periode_id = $1 AND d.instansi_id = $2 AND d.atasan_penilai_id IS NULL \
         ORDER BY p.nama, d.evaluasi"
    )))
    .bind(periode_id)
    .bind(instansi_id)
    .fetch_all(db)
    .await
    .context("listing evaluation documents without an atasan")?;
    raw.into_iter().map(Stored::parse).collect()
}

/// What a history entry records beside the document.
pub struct Langkah<'a> {
    pub aksi: &'a str,
    pub oleh: &'a str,
    pub peran: &'a str,
}

/// Who rates and who decides on a new document: the SKP's penilai and
/// atasan penilai as they stand when it is made, kept with it.
pub struct PihakDokumen<'a> {
    pub penilai_id: &'a str,
    pub atasan_penilai_id: Option<&'a str>,
}

/// A new document (version 1) with its parties, and its first history entry.
pub async fn insert(
    c: &mut AnyConnection,
    id: &str,
    instansi_id: &str,
    periode_id: &str,
    pihak: &PihakDokumen<'_>,
    dokumen: &DokumenEvaluasi,
    l: &Langkah<'_>,
) -> DbResult<()> {
    let json = serde_json::to_string(dokumen).context("serialising an evaluation document")?;
    let now = crate::clock::now();
    let n = sqlx::query(
        "INSERT INTO dokumen_evaluasi (id, instansi_id, periode_id, skp_id, evaluasi, status, version, dokumen, \
         dibuat, diubah, penilai_id, atasan_penilai_id) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9, $10) \
         ON CONFLICT (skp_id, evaluasi) DO NOTHING",
    )
    .bind(id)
    .bind(instansi_id)
    .bind(periode_id)
    .bind(dokumen.skp().as_str())
    .bind(dokumen.evaluasi().kode())
    .bind(dokumen.status().to_string())
    .bind(&json)
    .bind(now)
    .bind(pihak.penilai_id)
    .bind(pihak.atasan_penilai_id)
    .execute(&mut *c)
    .await
    .context("inserting an evaluation document")?
    .rows_affected();
    if n != 1 {
        return Err(super::DbError::conflict(
            "dokumen_ada",
            "Dokumen evaluasi ini sudah dibuat.",
            "This evaluation document already exists.",
        ));
    }
    versi(c, id, 1, instansi_id, dokumen.status(), &json, l).await
}

/// Saves a changed document if still at `dasar`, with its history entry;
/// whether it was written.
pub async fn update(
    c: &mut AnyConnection,
    id: &str,
    instansi_id: &str,
    dasar: i64,
    dokumen: &DokumenEvaluasi,
    l: &Langkah<'_>,
) -> DbResult<bool> {
    let json = serde_json::to_string(dokumen).context("serialising an evaluation document")?;
    let n = sqlx::query(
        "UPDATE dokumen_evaluasi SET status = $1, version = $2, dokumen = $3, diubah = $4 WHERE id = $5 AND version = $6",
    )
    .bind(dokumen.status().to_string())
    .bind(dasar + 1)
    .bind(&json)
    .bind(crate::clock::now())
    .bind(id)
    .bind(dasar)
    .execute(&mut *c)
    .await
    .with_context(|| format!("saving evaluation document {id}"))?
    .rows_affected();
    if n != 1 {
        return Ok(false);
    }
    versi(c, id, dasar + 1, instansi_id, dokumen.status(), &json, l).await?;
    Ok(true)
}

async fn versi(
    c: &mut AnyConnection,
    id: &str,
    version: i64,
    instansi_id: &str,
    status: StatusDokumen,
    json: &str,
    l: &Langkah<'_>,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO dokumen_evaluasi_versi (dokumen_id, version, instansi_id, aksi, oleh, peran, status, dokumen, \
         dibuat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(version)
    .bind(instansi_id)
    .bind(l.aksi)
    .bind(l.oleh)
    .bind(l.peran)
    .bind(status.to_string())
    .bind(json)
    .bind(crate::clock::now())
    .execute(&mut *c)
    .await
    .context("recording an evaluation document's history")?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct StoredVersi {
    version: i64,
    aksi: String,
    oleh: String,
    peran: String,
    status: String,
    dibuat: i64,
}

/// A document's history, oldest first.
pub async fn riwayat<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Vec<RiwayatDokumenView>> {
    let rows: Vec<StoredVersi> = sqlx::query_as(
        "SELECT version, aksi, oleh, peran, status, dibuat FROM dokumen_evaluasi_versi WHERE dokumen_id = $1 \
         ORDER BY version",
    )
    .bind(id)
    .fetch_all(db)
    .await
    .with_context(|| format!("reading the history of evaluation document {id}"))?;
    rows.into_iter()
        .map(|r| {
            let status: StatusDokumen = serde_json::from_value(serde_json::Value::String(r.status.clone()))
                .with_context(|| format!("a stored document status {:?}", r.status))?;
            Ok(RiwayatDokumenView {
                version: r.version,
                aksi: r.aksi,
                oleh: r.oleh,
                peran: r.peran,
                status,
                waktu: r.dibuat,
            })
        })
        .collect()
}
