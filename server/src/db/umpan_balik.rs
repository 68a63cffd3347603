//! The `umpan_balik` and `umpan_balik_versi` tables: continuous feedback,
//! one sheet per giver, SKP, sub-period and form, with its history.

use anyhow::Context as _;
use domain::skp::StatusSkp;
use domain::skp::umpan_balik::{BentukUmpanBalik, ItemUmpanBalik};
use sqlx::{Any, AnyConnection};

use super::error::DbResult;
use crate::clock;

/// One stored sheet.
#[derive(Debug, Clone)]
pub struct UmpanBalikRow {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub skp_id: String,
    pub pegawai_id: String,
    pub pemberi_id: String,
    pub ke: u8,
    pub bentuk: BentukUmpanBalik,
    pub version: i64,
    pub item: Vec<ItemUmpanBalik>,
    pub dibuat: i64,
    pub diubah: i64,
}

#[derive(Debug, sqlx::FromRow)]
struct Stored {
    id: String,
    instansi_id: String,
    periode_id: String,
    skp_id: String,
    pegawai_id: String,
    pemberi_id: String,
    ke: i64,
    bentuk: String,
    version: i64,
    isi: String,
    dibuat: i64,
    diubah: i64,
}

const COLUMNS: &str = "id, instansi_id, periode_id, skp_id, pegawai_id, pemberi_id, CAST(ke AS BIGINT) AS ke, bentuk, version, isi, dibuat, diubah";

impl Stored {
    fn parse(self) -> DbResult<UmpanBalikRow> {
        let item =
            serde_json::from_str(&self.isi).with_context(|| format!("stored feedback {} unreadable", self.id))?;
        let bentuk = match self.bentuk.as_str() {
            "berkala" => BentukUmpanBalik::Berkala,
            "insidentil" => BentukUmpanBalik::Insidentil,
            other => return Err(anyhow::anyhow!("stored feedback {}: unknown form {other:?}", self.id).into()),
        };
        Ok(UmpanBalikRow {
            ke: u8::try_from(self.ke)
                .with_context(|| format!("stored feedback {}: sub-period {}", self.id, self.ke))?,
            id: self.id,
            instansi_id: self.instansi_id,
            periode_id: self.periode_id,
            skp_id: self.skp_id,
            pegawai_id: self.pegawai_id,
            pemberi_id: self.pemberi_id,
            bentuk,
            version: self.version,
            item,
            dibuat: self.dibuat,
            diubah: self.diubah,
        })
    }
}

pub fn kode_bentuk(b: BentukUmpanBalik) -> &'static str {
    match b {
        BentukUmpanBalik::Berkala => "berkala",
        BentukUmpanBalik::Insidentil => "insidentil",
    }
}

pub async fn find<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> DbResult<Option<UmpanBalikRow>> {
    let raw: Option<Stored> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM umpan_balik WHERE id = $1")))
            .bind(id)
            .fetch_optional(db)
            .await
            .context("reading a feedback sheet")?;
    raw.map(Stored::parse).transpose()
}

/// The scheduled sheet of a giver for an SKP and sub-period, if given.
pub async fn berkala<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    skp_id: &str,
    ke: u8,
    pemberi_id: &str,
) -> DbResult<Option<UmpanBalikRow>> {
    let raw: Option<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM umpan_balik WHERE skp_id = $1 AND ke = $2 AND pemberi_id = $3 AND bentuk = 'berkala'"
    )))
    .bind(skp_id)
    .bind(i64::from(ke))
    .bind(pemberi_id)
    .fetch_optional(db)
    .await
    .context("reading a scheduled feedback sheet")?;
    raw.map(Stored::parse).transpose()
}

/// Every sheet on an SKP, by sub-period, then as given.
pub async fn of_skp<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, skp_id: &str) -> DbResult<Vec<UmpanBalikRow>> {
    let raw: Vec<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM umpan_balik WHERE skp_id = $1 ORDER BY ke, dibuat, id"
    )))
    .bind(skp_id)
    .fetch_all(db)
    .await
    .context("reading an SKP's feedback")?;
    raw.into_iter().map(Stored::parse).collect()
}

/// Stores a new sheet (version 1) and its first history entry; `false`
/// (nothing written) when its id is taken or the giver already gave this
/// sub-period's scheduled feedback on the SKP.
pub async fn insert(c: &mut AnyConnection, row: &UmpanBalikRow, isi: &str) -> DbResult<bool> {
    let n = sqlx::query(
        "INSERT INTO umpan_balik (id, instansi_id, periode_id, skp_id, pegawai_id, pemberi_id, ke, bentuk, version, \
         isi, dibuat, diubah) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) ON CONFLICT DO NOTHING",
    )
    .bind(&row.id)
    .bind(&row.instansi_id)
    .bind(&row.periode_id)
    .bind(&row.skp_id)
    .bind(&row.pegawai_id)
    .bind(&row.pemberi_id)
    .bind(i64::from(row.ke))
    .bind(kode_bentuk(row.bentuk))
    .bind(isi)
    .bind(row.dibuat)
    .execute(&mut *c)
    .await
    .context("storing a feedback sheet")?
    .rows_affected();
    if n == 1 {
        versi(c, &row.id, 1, &row.instansi_id, &row.pemberi_id, isi).await?;
    }
    Ok(n == 1)
}

/// Changes a sheet based on `version`; `false` when it is not the current one.
pub async fn update(c: &mut AnyConnection, row: &UmpanBalikRow, version: i64, isi: &str) -> DbResult<bool> {
    let n = sqlx::query("UPDATE umpan_balik SET isi = $1, version = $2, diubah = $3 WHERE id = $4 AND version = $5")
        .bind(isi)
        .bind(version + 1)
        .bind(row.diubah)
        .bind(&row.id)
        .bind(version)
        .execute(&mut *c)
        .await
        .context("changing a feedback sheet")?
        .rows_affected();
    if n == 1 {
        versi(c, &row.id, version + 1, &row.instansi_id, &row.pemberi_id, isi).await?;
    }
    Ok(n == 1)
}

async fn versi(
    c: &mut AnyConnection,
    id: &str,
    version: i64,
    instansi_id: &str,
    oleh: &str,
    isi: &str,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO umpan_balik_versi (umpan_balik_id, version, instansi_id, oleh, isi, dibuat) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(instansi_id)
    .bind(oleh)
    .bind(isi)
    .bind(clock::now())
    .execute(c)
    .await
    .context("recording a feedback sheet's history")?;
    Ok(())
}

/// One line of a penilai's feedback queue: a subordinate's set SKP and the
/// caller's scheduled sheet for the sub-period, if given.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AntrianLine {
    pub pegawai_id: String,
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub skp_id: String,
    pub dokumen: String,
    pub ub_id: Option<String>,
    pub ub_version: Option<i64>,
}

/// The SKPs the caller rates in a period that are set (feedback is given on
/// a set plan), with the caller's scheduled sheet for sub-period `ke`.
pub async fn antrian<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    penilai_id: &str,
    ke: u8,
) -> DbResult<Vec<AntrianLine>> {
    // The statuses as the domain names them (constants, never input).
    let ditetapkan: Vec<String> =
        StatusSkp::SEMUA.into_iter().filter(|s| s.menerima_umpan_balik()).map(|s| format!("'{}'", s.kode())).collect();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT p.id AS pegawai_id, p.nip, p.nama, p.jabatan, s.id AS skp_id, s.dokumen, \
         u.id AS ub_id, u.version AS ub_version \
         FROM skp s JOIN pegawai p ON p.id = s.pegawai_id \
         LEFT JOIN umpan_balik u ON u.skp_id = s.id AND u.ke = $3 AND u.pemberi_id = $2 AND u.bentuk = 'berkala' \
         WHERE s.periode_id = $1 AND s.penilai_id = $2 AND s.status IN ({}) \
         ORDER BY CASE WHEN u.id IS NULL THEN 0 ELSE 1 END, p.nama, p.id",
        ditetapkan.join(", ")
    )))
    .bind(periode_id)
    .bind(penilai_id)
    .bind(i64::from(ke))
    .fetch_all(db)
    .await
    .context("reading a penilai's feedback queue")?)
}
