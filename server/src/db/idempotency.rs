//! The `idempotensi` table — each Idempotency-Key's stored answer (the
//! protocol is `crate::idempotency`'s) — and `sync_klien`, how far each
//! offline client's outbox has been replayed.

use anyhow::Context as _;
use serde::Serialize;
use sqlx::{Any, AnyConnection};

use super::error::{DbError, DbResult};
use crate::clock;

/// A key as stored beside its answer: whose key, which key, in which
/// instansi, and the hash of the request it was first used with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRecord {
    pub owner: String,
    pub key: String,
    pub instansi_id: String,
    pub request_hash: String,
}

/// A key's stored row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredAnswer {
    /// The hash of the request that first used the key.
    #[sqlx(rename = "hash_permintaan")]
    pub request_hash: String,
    /// The answer's HTTP status; 0 while the first request runs.
    pub status: i64,
    /// The answer's body (JSON); `None` while running.
    #[sqlx(rename = "respons")]
    pub body: Option<String>,
}

/// The refusal of a second request with a key still being handled.
pub fn in_progress() -> DbError {
    DbError::conflict(
        "in_progress",
        "Permintaan dengan kunci ini sedang diproses; coba lagi sebentar.",
        "A request with this key is still running; retry shortly.",
    )
}

/// Stores `status` and `body` as the key's settled answer unless the key is
/// stored already; returns whether it was stored.
pub async fn insert_answer(conn: &mut AnyConnection, k: &KeyRecord, status: u16, body: &str) -> DbResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO idempotensi (pemilik, kunci, instansi_id, hash_permintaan, status, respons, dibuat) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (pemilik, kunci) DO NOTHING",
    )
    .bind(&k.owner)
    .bind(&k.key)
    .bind(&k.instansi_id)
    .bind(&k.request_hash)
    .bind(i64::from(status))
    .bind(body)
    .bind(clock::now())
    .execute(&mut *conn)
    .await
    .context("storing an idempotency key's answer")?
    .rows_affected();
    Ok(inserted == 1)
}

/// Inside the write job that makes the change: stores the key's answer.
/// Fails ([`in_progress`]), rolling the job back, when the key was stored
/// meanwhile by another request.
pub async fn save_answer(conn: &mut AnyConnection, k: &KeyRecord, status: u16, body: &str) -> DbResult<()> {
    if insert_answer(conn, k, status, body).await? { Ok(()) } else { Err(in_progress()) }
}

/// [`save_answer`] for a JSON answer: renders `value`, stores it, and
/// returns the text to answer with.
pub async fn save_json<T: Serialize + Sync>(
    conn: &mut AnyConnection,
    k: &KeyRecord,
    status: u16,
    value: &T,
) -> DbResult<String> {
    let body = serde_json::to_string(value).context("rendering an answer")?;
    save_answer(conn, k, status, &body).await?;
    Ok(body)
}

/// Claims a key for a request of the three-write protocol: the "running"
/// row (status 0). Returns whether the key was free.
pub async fn claim_running(conn: &mut AnyConnection, k: &KeyRecord) -> DbResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO idempotensi (pemilik, kunci, instansi_id, hash_permintaan, status, dibuat) \
         VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (pemilik, kunci) DO NOTHING",
    )
    .bind(&k.owner)
    .bind(&k.key)
    .bind(&k.instansi_id)
    .bind(&k.request_hash)
    .bind(clock::now())
    .execute(&mut *conn)
    .await
    .context("claiming an idempotency key")?
    .rows_affected();
    Ok(inserted == 1)
}

/// Replaces a running row with the answer.
pub async fn settle(conn: &mut AnyConnection, owner: &str, key: &str, status: u16, body: &str) -> DbResult<()> {
    sqlx::query("UPDATE idempotensi SET status = $1, respons = $2 WHERE pemilik = $3 AND kunci = $4")
        .bind(i64::from(status))
        .bind(body)
        .bind(owner)
        .bind(key)
        .execute(&mut *conn)
        .await
        .context("storing a running key's answer")?;
    Ok(())
}

/// Deletes a key's row (an answer that is not settled).
pub async fn forget(conn: &mut AnyConnection, owner: &str, key: &str) -> DbResult<()> {
    sqlx::query("DELETE FROM idempotensi WHERE pemilik = $1 AND kunci = $2")
        .bind(owner)
        .bind(key)
        .execute(&mut *conn)
        .await
        .context("releasing an idempotency key")?;
    Ok(())
}

/// The stored row of a key, if any.
pub async fn stored<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    owner: &str,
    key: &str,
) -> DbResult<Option<StoredAnswer>> {
    Ok(sqlx::query_as("SELECT hash_permintaan, status, respons FROM idempotensi WHERE pemilik = $1 AND kunci = $2")
        .bind(owner)
        .bind(key)
        .fetch_optional(db)
        .await
        .context("reading an idempotency key")?)
}

/// Whether the key is stored (running or answered).
pub async fn exists<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, owner: &str, key: &str) -> DbResult<bool> {
    let row: Option<i64> = sqlx::query_scalar("SELECT status FROM idempotensi WHERE pemilik = $1 AND kunci = $2")
        .bind(owner)
        .bind(key)
        .fetch_optional(db)
        .await
        .context("looking up an idempotency key")?;
    Ok(row.is_some())
}

/// Deletes the keys stored before `before` (unix seconds).
pub async fn purge(conn: &mut AnyConnection, before: i64) -> DbResult<()> {
    sqlx::query("DELETE FROM idempotensi WHERE dibuat < $1")
        .bind(before)
        .execute(&mut *conn)
        .await
        .context("purging old idempotency keys")?;
    Ok(())
}

// ---------------------------------------------------------------- sync_klien

/// The highest seq taken from this person's client (0 before its first batch).
pub async fn sync_position<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    owner: &str,
    client_id: &str,
) -> DbResult<u64> {
    let row: Option<i64> =
        sqlx::query_scalar("SELECT seq_terakhir FROM sync_klien WHERE pemilik = $1 AND client_id = $2")
            .bind(owner)
            .bind(client_id)
            .fetch_optional(db)
            .await
            .context("reading a sync client's position")?;
    Ok(row.map_or(0, |seq| u64::try_from(seq).unwrap_or(0)))
}

/// Moves the client's position up to `seq` (never down: a batch that raced
/// ahead keeps its place).
pub async fn advance_sync(
    conn: &mut AnyConnection,
    owner: &str,
    client_id: &str,
    instansi_id: &str,
    seq: u64,
) -> DbResult<()> {
    let seq = i64::try_from(seq).context("a sync seq beyond i64")?;
    sqlx::query(
        "INSERT INTO sync_klien (pemilik, client_id, instansi_id, seq_terakhir, diubah) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (pemilik, client_id) DO UPDATE \
         SET seq_terakhir = excluded.seq_terakhir, diubah = excluded.diubah \
         WHERE sync_klien.seq_terakhir < excluded.seq_terakhir",
    )
    .bind(owner)
    .bind(client_id)
    .bind(instansi_id)
    .bind(seq)
    .bind(clock::now())
    .execute(&mut *conn)
    .await
    .context("moving a sync client's position")?;
    Ok(())
}
