//! The database: SQLite (embedded default) or PostgreSQL, one query layer on
//! sqlx's `Any` driver with `$n` placeholders, which both dialects accept.
//!
//! Below the HTTP layer and above `domain`: nothing here knows of requests,
//! status codes or `axum`; every function returns [`DbResult`], which the
//! server maps to its answers in one place. Each table's SQL lives in one
//! module, its rows read into named structs:
//!
//! | module | tables |
//! |---|---|
//! | [`akun`] | `akun`, `sesi` (accounts, sign-in, sessions) |
//! | [`idempotency`] | `idempotensi`, `sync_klien` (stored answers, offline replay) |
//! | [`org`] | `instansi`, `unit_kerja`, `pegawai`, `periode`, `atasan`, `atasan_riwayat` |
//! | [`skp`] | `skp`, `skp_versi` |
//! | [`notifikasi`] | `notifikasi` (what each person was told) |
//! | [`email`] | `email_outbox`, `pegawai.email` (e-mail for the notifications) |
//! | [`umpan_balik`] | `umpan_balik`, `umpan_balik_versi` (continuous feedback) |
//! | [`umpan_balik_360`] | `pengaturan_360`, `penilai_360`, `jawaban_360` (the 360) |
//! | [`penilaian`] | `penilaian`, `penilaian_lama` (0015), `predikat_organisasi`, `pengaturan_penilaian`, `finalisasi_distribusi`, `hari_libur` (+ `_riwayat`) |
//! | [`dokumen`] | `dokumen_evaluasi`, `dokumen_evaluasi_versi` (the evaluation documents) |
//! | [`tanda_tangan`] | `dokumen_pdf` (the signed PDFs of the evaluation documents) |
//!
//! (The CSV import, `crate::import::apply`, uses [`org`]'s bulk reads and
//! writes; only `crate::seed`, which fills an empty database with the demo
//! instansi, writes its fixture rows itself.)
//!
//! Writes go through [`Db::write`] (the durability contract is in [`tulis`]);
//! the hot SKP read through [`Db::skp_mentah`] (shared queries, [`baca`]).

pub mod akun;
pub mod baca;
pub mod dokumen;
pub mod email;
pub mod error;
pub mod idempotency;
pub mod notifikasi;
pub mod org;
pub mod penilaian;
pub mod realisasi;
pub mod skp;
pub mod tanda_tangan;
pub mod tulis;
pub mod umpan_balik;
pub mod umpan_balik_360;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use anyhow::Context;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use baca::Pembaca;
pub use error::{DbError, DbResult};
pub use tulis::BoxFuture;
use tulis::Tulis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(DbKind::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbKind::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got another scheme)")
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        }
    }
}

/// The database: cloned into every request's state, so one `Arc` (a clone
/// is one count, not one per part).
#[derive(Clone, Debug)]
pub struct Db(Arc<Bagian>);

#[derive(Debug)]
struct Bagian {
    pool: AnyPool,
    kind: DbKind,
    tulis: Tulis,
    baca: Pembaca,
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) when missing.
    /// SQLite runs in WAL mode with `synchronous=FULL`: an acknowledged write
    /// survives a power cut.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        install_default_drivers();
        let kind = DbKind::from_url(url)?;
        let mut url = url.to_owned();
        if kind == DbKind::Sqlite {
            let path = sqlite_path(&url);
            if let Some(parent) = Path::new(&path).parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating the database folder {}", parent.display()))?;
            }
            if !url.contains("mode=") {
                url.push_str(if url.contains('?') { "&mode=rwc" } else { "?mode=rwc" });
            }
        }
        let max = pool_size();
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            // No ping before each use: it doubled the round trips of every
            // one-query request (a thread hand-off on SQLite, a network round
            // trip on PostgreSQL). A connection PostgreSQL dropped fails its
            // next query once and is then discarded by the pool.
            .test_before_acquire(false)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if kind == DbKind::Sqlite {
                        sqlite_pragmas(conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the {} database", kind.as_str()))?;
        let tulis = match kind {
            DbKind::Sqlite => {
                let mut conn = AnyConnection::connect(&url).await.context("opening the SQLite writer connection")?;
                sqlite_pragmas(&mut conn).await?;
                // The writer never checkpoints on its commit path (a checkpoint
                // copies the WAL into the database and fsyncs it: milliseconds
                // every few hundred writes, which every queued write would
                // wait for); a background task does it instead.
                conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                tokio::spawn(checkpointer(pool.clone()));
                Tulis::penulis(conn).context("starting the SQLite writer thread")?
            }
            DbKind::Postgres => Tulis::pool(pool.clone()),
        };
        let baca = Pembaca::mulai(pool.clone());
        Ok(Db(Arc::new(Bagian { pool, kind, tulis, baca })))
    }

    /// Runs `job` in a transaction and returns its result once durably
    /// committed. Every write made on behalf of a request goes through here;
    /// what a job may and may not do is the contract in [`tulis`].
    pub async fn write<T, F>(&self, job: F) -> DbResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, DbResult<T>> + Send + 'static,
    {
        self.0.tulis.write(job).await
    }

    /// The SKP `id` as stored, with its pegawai (reads made at the same
    /// time share a query: see [`baca`]).
    pub async fn skp_mentah(&self, id: &str) -> DbResult<Option<skp::SkpMentah>> {
        self.0.baca.skp(id).await
    }

    pub fn pool(&self) -> &AnyPool {
        &self.0.pool
    }

    pub fn kind(&self) -> DbKind {
        self.0.kind
    }

    /// Applies the migrations (embedded in the binary; portable SQL that
    /// runs unchanged on SQLite and PostgreSQL).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        sqlx::migrate!("./migrations").run(&self.0.pool).await.context("applying migrations")
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.0.pool).await.context("database ping")?;
        Ok(())
    }

    pub async fn close(&self) {
        self.0.tulis.close().await;
        self.0.pool.close().await;
    }
}

/// WAL, `synchronous=FULL` (an acknowledged write survives a power cut),
/// foreign keys, and a busy timeout for the rare write outside the writer.
async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = FULL").await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute("PRAGMA busy_timeout = 10000").await?;
    Ok(())
}

/// Connections in the pool: `DATABASE_MAX_CONNECTIONS`, else twice the
/// cores (at least 4). More than the machine can run at once only adds
/// switching between threads (SQLite) or backend processes (PostgreSQL):
/// on 2 cores, 4 connections served PostgreSQL reads ~15 % faster than 16.
fn pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::env::var("DATABASE_MAX_CONNECTIONS")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| u32::try_from(cores * 2).unwrap_or(8).max(4))
}

/// How often the SQLite WAL is copied back into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Checkpoints the SQLite WAL off the writer's path, on a reader connection
/// (a PASSIVE checkpoint never blocks readers or the writer), until the
/// pool is closed. Closing the database checkpoints what is left.
async fn checkpointer(pool: AnyPool) {
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %e, "WAL checkpoint failed; retrying");
        }
    }
}

/// The file path inside a `sqlite:` URL (`sqlite://data/x.db?…` → `data/x.db`).
fn sqlite_path(url: &str) -> String {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let rest = rest.split('?').next().unwrap_or_default();
    String::from_str(rest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite://data/ekinerja.db"), "data/ekinerja.db");
        assert_eq!(sqlite_path("sqlite:///tmp/x.db?mode=rwc"), "/tmp/x.db");
        assert_eq!(sqlite_path("sqlite:x.db"), "x.db");
    }

    #[test]
    fn unknown_schemes_are_refused() {
        assert!(DbKind::from_url("mysql://localhost/x").is_err());
        assert_eq!(DbKind::from_url("postgres://localhost/test").unwrap(), DbKind::Postgres);
    }
}
