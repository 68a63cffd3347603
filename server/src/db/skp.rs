//! SKP storage: the aggregate as JSON with its query columns, and its history.

use domain::skp::{Skp, SkpInput};
use sqlx::{Any, Transaction};

use crate::clock;
use crate::error::{ApiError, ApiResult};

/// One stored SKP.
#[derive(Debug, Clone)]
pub struct SkpRow {
    pub id: String,
    pub instansi_id: String,
    pub periode_id: String,
    pub pegawai_id: String,
    pub penilai_id: String,
    pub atasan_penilai_id: Option<String>,
    pub version: i64,
    pub skp: Skp,
    pub isian: SkpInput,
}

type Raw = (String, String, String, String, String, Option<String>, i64, String, String);

const COLUMNS: &str = "id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, version, dokumen, isian";

fn from_raw(r: Raw) -> ApiResult<SkpRow> {
    let skp: Skp = serde_json::from_str(&r.7).map_err(|e| anyhow::anyhow!("stored SKP {} unreadable: {e}", r.0))?;
    let isian: SkpInput =
        serde_json::from_str(&r.8).map_err(|e| anyhow::anyhow!("stored SKP form {} unreadable: {e}", r.0))?;
    Ok(SkpRow {
        id: r.0,
        instansi_id: r.1,
        periode_id: r.2,
        pegawai_id: r.3,
        penilai_id: r.4,
        atasan_penilai_id: r.5,
        version: r.6,
        skp,
        isian,
    })
}

pub async fn find<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, id: &str) -> ApiResult<Option<SkpRow>> {
    let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM skp WHERE id = $1")))
        .bind(id)
        .fetch_optional(db)
        .await?;
    raw.map(from_raw).transpose()
}

pub async fn find_for<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    periode_id: &str,
    pegawai_id: &str,
) -> ApiResult<Option<SkpRow>> {
    let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM skp WHERE periode_id = $1 AND pegawai_id = $2"
    )))
    .bind(periode_id)
    .bind(pegawai_id)
    .fetch_optional(db)
    .await?;
    raw.map(from_raw).transpose()
}

fn json<T: serde::Serialize>(v: &T) -> ApiResult<String> {
    serde_json::to_string(v).map_err(|e| ApiError::Internal(e.into()))
}

/// Inserts a new SKP (version 1) and its first history entry.
pub async fn insert(tx: &mut Transaction<'_, Any>, row: &SkpRow, oleh: &str) -> ApiResult<()> {
    let dokumen = json(&row.skp)?;
    let inserted = sqlx::query(
        "INSERT INTO skp (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, status, version, dokumen, isian, diubah) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10) ON CONFLICT (periode_id, pegawai_id) DO NOTHING",
    )
    .bind(&row.id)
    .bind(&row.instansi_id)
    .bind(&row.periode_id)
    .bind(&row.pegawai_id)
    .bind(&row.penilai_id)
    .bind(&row.atasan_penilai_id)
    .bind(row.skp.status().kode())
    .bind(&dokumen)
    .bind(json(&row.isian)?)
    .bind(clock::now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::Conflict(
            "skp_exists",
            "Anda sudah memiliki SKP untuk periode ini. / You already have an SKP for this period.".into(),
        ));
    }
    history(tx, row, 1, "create", oleh, &dokumen).await
}

/// Saves a changed SKP if nobody changed it since `row.version`; returns the new version.
pub async fn update(tx: &mut Transaction<'_, Any>, row: &SkpRow, aksi: &str, oleh: &str) -> ApiResult<i64> {
    let dokumen = json(&row.skp)?;
    let next = row.version + 1;
    let updated = sqlx::query(
        "UPDATE skp SET status = $1, version = $2, dokumen = $3, isian = $4, diubah = $5 WHERE id = $6 AND version = $7",
    )
    .bind(row.skp.status().kode())
    .bind(next)
    .bind(&dokumen)
    .bind(json(&row.isian)?)
    .bind(clock::now())
    .bind(&row.id)
    .bind(row.version)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(ApiError::Conflict(
            "concurrent_update",
            "SKP baru saja diubah orang lain; muat ulang. / The SKP was just changed by someone else; reload.".into(),
        ));
    }
    history(tx, row, next, aksi, oleh, &dokumen).await?;
    Ok(next)
}

async fn history(
    tx: &mut Transaction<'_, Any>,
    row: &SkpRow,
    version: i64,
    aksi: &str,
    oleh: &str,
    dokumen: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO skp_versi (skp_id, version, instansi_id, aksi, oleh, status, dokumen, dibuat) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row.id)
    .bind(version)
    .bind(&row.instansi_id)
    .bind(aksi)
    .bind(oleh)
    .bind(row.skp.status().kode())
    .bind(dokumen)
    .bind(clock::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One entry of an SKP's history.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct VersiSkp {
    pub version: i64,
    pub aksi: String,
    pub oleh: String,
    pub status: String,
    pub dibuat: i64,
    pub skp: serde_json::Value,
}

pub async fn versions<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, skp_id: &str) -> ApiResult<Vec<VersiSkp>> {
    let rows: Vec<(i64, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT version, aksi, oleh, status, dibuat, dokumen FROM skp_versi WHERE skp_id = $1 ORDER BY version",
    )
    .bind(skp_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(version, aksi, oleh, status, dibuat, dokumen)| {
            let skp = serde_json::from_str(&dokumen).map_err(|e| ApiError::Internal(e.into()))?;
            Ok(VersiSkp { version, aksi, oleh, status, dibuat, skp })
        })
        .collect()
}
