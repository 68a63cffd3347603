//! The `realisasi_preview` and `bukti` tables: the server's stored preview
//! of each evaluation of an SKP, and the evidence files' metadata (their
//! content is in the object store, [`crate::berkas`]).

use anyhow::Context as _;
use domain::api::BuktiView;
use domain::periode::PeriodeEvaluasi;
use domain::skp::JenisBerkas;
use sqlx::{Any, AnyConnection};

use super::error::DbResult;
use crate::clock;

/// Stores the preview of one evaluation of an SKP, computed on `skp_version`.
pub async fn simpan_preview(
    conn: &mut AnyConnection,
    skp_id: &str,
    instansi_id: &str,
    evaluasi: PeriodeEvaluasi,
    skp_version: i64,
    preview: &str,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO realisasi_preview (skp_id, evaluasi, instansi_id, skp_version, preview, diubah) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (skp_id, evaluasi) DO UPDATE SET \
         skp_version = excluded.skp_version, preview = excluded.preview, diubah = excluded.diubah",
    )
    .bind(skp_id)
    .bind(evaluasi.kode())
    .bind(instansi_id)
    .bind(skp_version)
    .bind(preview)
    .bind(clock::now())
    .execute(&mut *conn)
    .await
    .with_context(|| format!("storing the preview of SKP {skp_id}"))?;
    Ok(())
}

/// The stored previews of an SKP: (evaluation token, preview JSON).
pub async fn previews<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
) -> DbResult<Vec<(String, String)>> {
    Ok(sqlx::query_as("SELECT evaluasi, preview FROM realisasi_preview WHERE skp_id = $1")
        .bind(skp_id)
        .fetch_all(db)
        .await
        .with_context(|| format!("reading the previews of SKP {skp_id}"))?)
}

/// One evidence file as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BuktiRow {
    pub id: String,
    pub instansi_id: String,
    pub skp_id: String,
    pub indikator_id: String,
    pub evaluasi: String,
    pub pemilik_id: String,
    pub nama: String,
    pub jenis: String,
    pub ukuran: i64,
    pub sha256: String,
    pub objek: String,
    pub dibuat: i64,
}

const BUKTI_COLS: &str = "b.id, b.instansi_id, b.skp_id, b.indikator_id, b.evaluasi, b.pemilik_id, b.nama, b.jenis, \
                          b.ukuran, b.sha256, b.objek, b.dibuat";

impl BuktiRow {
    pub fn view(&self) -> DbResult<BuktiView> {
        let evaluasi = PeriodeEvaluasi::from_kode(&self.evaluasi)
            .with_context(|| format!("evidence {}: stored evaluation {:?} unreadable", self.id, self.evaluasi))?;
        let jenis = JenisBerkas::from_mime(&self.jenis)
            .with_context(|| format!("evidence {}: stored type {:?} not accepted", self.id, self.jenis))?;
        Ok(BuktiView {
            id: self.id.clone(),
            skp_id: self.skp_id.clone(),
            indikator_id: self.indikator_id.clone(),
            evaluasi,
            nama: self.nama.clone(),
            jenis,
            ukuran: self.ukuran,
            sha256: self.sha256.clone(),
            dibuat: self.dibuat,
        })
    }
}

pub async fn insert_bukti(conn: &mut AnyConnection, b: &BuktiRow) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO bukti (id, instansi_id, skp_id, indikator_id, evaluasi, pemilik_id, nama, jenis, ukuran, \
         sha256, objek, dibuat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&b.id)
    .bind(&b.instansi_id)
    .bind(&b.skp_id)
    .bind(&b.indikator_id)
    .bind(&b.evaluasi)
    .bind(&b.pemilik_id)
    .bind(&b.nama)
    .bind(&b.jenis)
    .bind(b.ukuran)
    .bind(&b.sha256)
    .bind(&b.objek)
    .bind(b.dibuat)
    .execute(&mut *conn)
    .await
    .context("recording an evidence file")?;
    Ok(())
}

/// How many evidence files an indicator of an SKP has for an evaluation.
pub async fn jumlah_bukti<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    indikator_id: &str,
    evaluasi: &str,
) -> DbResult<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM bukti WHERE skp_id = $1 AND indikator_id = $2 AND evaluasi = $3")
            .bind(skp_id)
            .bind(indikator_id)
            .bind(evaluasi)
            .fetch_one(db)
            .await
            .with_context(|| format!("counting the evidence of SKP {skp_id}"))?;
    Ok(n)
}

/// Takes the SKP's row lock for the rest of the transaction (an update that
/// changes nothing): on PostgreSQL, uploads to one SKP and its status changes
/// then see each other's commits in turn; SQLite's one writer already does.
pub async fn kunci_skp(conn: &mut AnyConnection, skp_id: &str) -> DbResult<()> {
    sqlx::query("UPDATE skp SET version = version WHERE id = $1")
        .bind(skp_id)
        .execute(&mut *conn)
        .await
        .with_context(|| format!("locking SKP {skp_id}"))?;
    Ok(())
}

/// An evidence file with what authorisation looks at: its SKP's parties.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BuktiPihak {
    #[sqlx(flatten)]
    pub bukti: BuktiRow,
    pub pegawai_id: String,
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
}

impl BuktiPihak {
    pub fn pihak(&self) -> super::skp::Pihak<'_> {
        super::skp::Pihak {
            pegawai_id: &self.pegawai_id,
            penilai_id: &self.penilai_id,
            atasan_penilai_id: self.atasan_penilai_id.as_deref(),
            instansi_id: &self.bukti.instansi_id,
        }
    }
}

pub async fn find_bukti<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<BuktiPihak>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BUKTI_COLS}, s.pegawai_id, s.penilai_id, s.atasan_penilai_id \
         FROM bukti b JOIN skp s ON s.id = b.skp_id WHERE b.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await
    .context("reading an evidence file's record")?)
}

/// The evidence of an SKP, oldest first.
pub async fn list_bukti<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, skp_id: &str) -> DbResult<Vec<BuktiRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BUKTI_COLS} FROM bukti b WHERE b.skp_id = $1 ORDER BY b.dibuat, b.id"
    )))
    .bind(skp_id)
    .fetch_all(db)
    .await
    .with_context(|| format!("listing the evidence of SKP {skp_id}"))?)
}

/// Deletes an evidence file's record; whether it was there.
pub async fn hapus_bukti(conn: &mut AnyConnection, id: &str) -> DbResult<bool> {
    let n = sqlx::query("DELETE FROM bukti WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("deleting an evidence file's record")?
        .rows_affected();
    Ok(n == 1)
}
