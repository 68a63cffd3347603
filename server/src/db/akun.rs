//! The `akun` table (a pegawai's account: password, role, activation code)
//! and `sesi` (server-side sessions, stored by the token's SHA-256).

use anyhow::Context as _;
use sqlx::{Any, AnyConnection};

use super::error::DbResult;

/// A session with what every request checks about its account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub pegawai_id: String,
    pub instansi_id: String,
    pub csrf_token: String,
    /// Unix seconds of the last request (touched at most once a minute).
    pub aktif_terakhir: i64,
    /// Unix seconds of the absolute expiry.
    pub berakhir: i64,
    /// The account's role, as stored (`PeranAkun::as_str`).
    pub peran: String,
    /// 1 while the account may sign in.
    pub aktif: i64,
}

/// The session with this token hash, if any.
pub async fn session<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    token_hash: &str,
) -> DbResult<Option<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.pegawai_id, s.instansi_id, s.csrf_token, s.aktif_terakhir, s.berakhir, a.peran, a.aktif \
         FROM sesi s JOIN akun a ON a.pegawai_id = s.pegawai_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
    .context("reading a session")?)
}

/// A new session.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub instansi_id: String,
    pub pegawai_id: String,
    pub csrf_token: String,
    /// Unix seconds: now, and the absolute expiry.
    pub dibuat: i64,
    pub berakhir: i64,
}

pub async fn insert_session(conn: &mut AnyConnection, s: &NewSession) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO sesi (token_hash, instansi_id, pegawai_id, csrf_token, dibuat, aktif_terakhir, \
         berakhir) VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(&s.token_hash)
    .bind(&s.instansi_id)
    .bind(&s.pegawai_id)
    .bind(&s.csrf_token)
    .bind(s.dibuat)
    .bind(s.berakhir)
    .execute(&mut *conn)
    .await
    .context("starting a session")?;
    Ok(())
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> DbResult<()> {
    sqlx::query("DELETE FROM sesi WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await
        .context("ending a session")?;
    Ok(())
}

/// Records the session's last activity.
pub async fn touch_session(conn: &mut AnyConnection, token_hash: &str, now: i64) -> DbResult<()> {
    sqlx::query("UPDATE sesi SET aktif_terakhir = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(&mut *conn)
        .await
        .context("touching a session")?;
    Ok(())
}

/// Deletes the sessions past their absolute expiry.
pub async fn purge_sessions(conn: &mut AnyConnection, now: i64) -> DbResult<()> {
    sqlx::query("DELETE FROM sesi WHERE berakhir < $1")
        .bind(now)
        .execute(&mut *conn)
        .await
        .context("purging expired sessions")?;
    Ok(())
}

/// What the session view shows about its pegawai, with the session's CSRF token and expiry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionPegawai {
    pub nip: String,
    pub nama: String,
    pub jabatan: String,
    pub csrf_token: String,
    pub berakhir: i64,
}

pub async fn session_pegawai<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    token_hash: &str,
) -> DbResult<SessionPegawai> {
    Ok(sqlx::query_as(
        "SELECT p.nip, p.nama, p.jabatan, s.csrf_token, s.berakhir FROM sesi s JOIN pegawai p ON p.id = s.pegawai_id \
         WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_one(db)
    .await
    .context("reading the session's pegawai")?)
}

/// What signing in checks, by NIP.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginRow {
    pub id: String,
    pub instansi_id: String,
    pub nama: String,
    pub jabatan: String,
    /// `None` until the account is activated.
    pub password_hash: Option<String>,
    pub peran: String,
    pub aktif: i64,
}

pub async fn login_row<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, nip: &str) -> DbResult<Option<LoginRow>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.instansi_id, p.nama, p.jabatan, a.password_hash, a.peran, a.aktif \
         FROM pegawai p JOIN akun a ON a.pegawai_id = p.id WHERE p.nip = $1",
    )
    .bind(nip)
    .fetch_optional(db)
    .await
    .context("reading an account by NIP")?)
}

/// An account's NIP and password hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PasswordRow {
    pub nip: String,
    pub password_hash: Option<String>,
}

pub async fn password_row<'e, E: sqlx::Executor<'e, Database = Any>>(db: E, pegawai_id: &str) -> DbResult<PasswordRow> {
    Ok(sqlx::query_as(
        "SELECT p.nip, a.password_hash FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE a.pegawai_id = $1",
    )
    .bind(pegawai_id)
    .fetch_one(db)
    .await
    .context("reading an account's password")?)
}

/// Sets a new password; every session of the account but `keep` ends.
pub async fn set_password(conn: &mut AnyConnection, pegawai_id: &str, hash: &str, keep: &str) -> DbResult<()> {
    sqlx::query("UPDATE akun SET password_hash = $1, version = version + 1 WHERE pegawai_id = $2")
        .bind(hash)
        .bind(pegawai_id)
        .execute(&mut *conn)
        .await
        .context("setting a password")?;
    sqlx::query("DELETE FROM sesi WHERE pegawai_id = $1 AND token_hash <> $2")
        .bind(pegawai_id)
        .bind(keep)
        .execute(&mut *conn)
        .await
        .context("ending the account's other sessions")?;
    Ok(())
}

/// An account's activation code, by NIP.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivationRow {
    pub pegawai_id: String,
    pub kode_aktivasi_hash: Option<String>,
    pub kode_aktivasi_berakhir: Option<i64>,
}

pub async fn activation_row<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    nip: &str,
) -> DbResult<Option<ActivationRow>> {
    Ok(sqlx::query_as(
        "SELECT a.pegawai_id, a.kode_aktivasi_hash, a.kode_aktivasi_berakhir FROM akun a \
         JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip = $1",
    )
    .bind(nip)
    .fetch_optional(db)
    .await
    .context("reading an activation code")?)
}

/// Sets the first password and uses the code up, in the statement that
/// checks the code again (so two requests with one code cannot both set a
/// password). Returns whether the code was still valid.
pub async fn activate(
    conn: &mut AnyConnection,
    pegawai_id: &str,
    hash: &str,
    kode_hash: &str,
    now: i64,
) -> DbResult<bool> {
    let used = sqlx::query(
        "UPDATE akun SET password_hash = $1, kode_aktivasi_hash = NULL, kode_aktivasi_berakhir = NULL, \
         version = version + 1 WHERE pegawai_id = $2 AND kode_aktivasi_hash = $3 \
         AND kode_aktivasi_berakhir > $4",
    )
    .bind(hash)
    .bind(pegawai_id)
    .bind(kode_hash)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("activating an account")?
    .rows_affected();
    Ok(used > 0)
}
