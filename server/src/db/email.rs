//! `pegawai.email` (the address a person set for themself) and
//! `email_outbox` (the e-mails to send for notifications, sent by
//! `crate::email`). Times are unix milliseconds.

use anyhow::Context as _;
use sqlx::{AnyConnection, AnyPool};

use super::DbResult;

/// The address `pegawai_id` set, if any.
pub async fn address(pool: &AnyPool, pegawai_id: &str) -> DbResult<Option<String>> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT email FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_optional(pool)
        .await
        .context("reading an e-mail address")?;
    Ok(row.and_then(|(e,)| e))
}

/// Sets (or with `None` clears) `pegawai_id`'s own address. Not an admin's
/// change of the record: the row's version stays.
pub async fn set_address(c: &mut AnyConnection, pegawai_id: &str, email: Option<&str>) -> DbResult<()> {
    sqlx::query("UPDATE pegawai SET email = $1 WHERE id = $2")
        .bind(email.map(str::to_owned))
        .bind(pegawai_id)
        .execute(c)
        .await
        .context("setting an e-mail address")?;
    Ok(())
}

/// Queues the e-mail of notification `notifikasi_id` when its receiver
/// `penerima_id` has an address: in the transaction that stores the
/// notification, so both or neither are kept.
pub async fn enqueue(c: &mut AnyConnection, notifikasi_id: &str, penerima_id: &str, dibuat: i64) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO email_outbox (id, instansi_id, notifikasi_id, dibuat, attempts, next_attempt) \
         SELECT $1, instansi_id, $2, $3, 0, $3 FROM pegawai WHERE id = $4 AND email IS NOT NULL",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(notifikasi_id)
    .bind(dibuat)
    .bind(penerima_id)
    .execute(c)
    .await
    .context("queueing an e-mail")?;
    Ok(())
}

/// A pending e-mail with what its text is made of, read when it is sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: String,
    pub dibuat: i64,
    pub attempts: i64,
    pub next_attempt: i64,
    /// `Peristiwa::kode` of the notification.
    pub jenis: String,
    pub tahun: i64,
    /// The name of who did it.
    pub dari: Option<String>,
    /// The receiver's address now (`None`: cleared since).
    pub email: Option<String>,
}

/// At most `batas` pending jobs due at `now`, the longest due first.
pub async fn due(pool: &AnyPool, now: i64, batas: i64) -> DbResult<Vec<Job>> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.dibuat, o.attempts, o.next_attempt, n.jenis, CAST(pr.tahun AS BIGINT) AS tahun, \
         d.nama AS dari, p.email \
         FROM email_outbox o JOIN notifikasi n ON n.id = o.notifikasi_id \
         JOIN periode pr ON pr.id = n.periode_id JOIN pegawai p ON p.id = n.penerima_id \
         LEFT JOIN pegawai d ON d.id = n.dari_id \
         WHERE o.sent IS NULL AND o.failed IS NULL AND o.next_attempt <= $1 \
         ORDER BY o.next_attempt, o.id LIMIT $2",
    )
    .bind(now)
    .bind(batas)
    .fetch_all(pool)
    .await
    .context("reading the e-mails due")?)
}

/// When the next pending job is due, if any.
pub async fn next_due(pool: &AnyPool) -> DbResult<Option<i64>> {
    let (t,): (Option<i64>,) =
        sqlx::query_as("SELECT MIN(next_attempt) FROM email_outbox WHERE sent IS NULL AND failed IS NULL")
            .fetch_one(pool)
            .await
            .context("reading when the next e-mail is due")?;
    Ok(t)
}

/// Takes `job` for one attempt: counts it and moves it out of reach until
/// `lease_until` (another server, or this one after a crash, tries it then).
/// `false` when someone else took it first.
pub async fn claim(c: &mut AnyConnection, job: &Job, lease_until: i64) -> DbResult<bool> {
    let done = sqlx::query(
        "UPDATE email_outbox SET attempts = attempts + 1, next_attempt = $1 \
         WHERE id = $2 AND next_attempt = $3 AND sent IS NULL AND failed IS NULL",
    )
    .bind(lease_until)
    .bind(&job.id)
    .bind(job.next_attempt)
    .execute(c)
    .await
    .context("claiming an e-mail")?;
    Ok(done.rows_affected() == 1)
}

/// What became of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The relay took it.
    Sent,
    /// Try again at this time.
    RetryAt(i64),
    /// Given up.
    Failed,
}

pub async fn record(c: &mut AnyConnection, id: &str, outcome: Outcome, now: i64) -> DbResult<()> {
    let q = match outcome {
        Outcome::Sent => sqlx::query("UPDATE email_outbox SET sent = $1 WHERE id = $2").bind(now),
        Outcome::RetryAt(t) => sqlx::query("UPDATE email_outbox SET next_attempt = $1 WHERE id = $2").bind(t),
        Outcome::Failed => sqlx::query("UPDATE email_outbox SET failed = $1 WHERE id = $2").bind(now),
    };
    q.bind(id.to_owned()).execute(c).await.context("recording an e-mail attempt")?;
    Ok(())
}

/// Deletes the jobs sent or given up before `before`.
pub async fn purge(c: &mut AnyConnection, before: i64) -> DbResult<u64> {
    Ok(sqlx::query("DELETE FROM email_outbox WHERE (sent IS NOT NULL OR failed IS NOT NULL) AND dibuat < $1")
        .bind(before)
        .execute(c)
        .await
        .context("purging old e-mails")?
        .rows_affected())
}
