//! Durable writes behind one API: `db.write(|c| Box::pin(async move { … }))`.
//!
//! ## The contract
//!
//! This is the one place it is written down; [`crate::db::Db::write`] and
//! every job rely on it.
//!
//! 1. **Durable before acknowledged.** `write` returns only after the
//!    transaction holding the job has committed (SQLite with
//!    `synchronous=FULL`; PostgreSQL's own commit). An answer built from its
//!    result — and so an HTTP answer — never precedes the durable commit
//!    (DESIGN "Reliability invariants" 3).
//! 2. **All or nothing, per job.** A job that returns an error, or panics, is
//!    rolled back alone and gets its own error; the other jobs of its batch
//!    go on. If the commit fails, every job of the batch gets an error, and
//!    none was acknowledged.
//! 3. **One connection, short jobs.** A job uses only the connection it is
//!    given: never another pool connection, never another `write` (either
//!    can deadlock the one writer). It does only what must be atomic: read
//!    and serialise before, decide inside only what must see the data as it
//!    is at the write.
//! 4. **One API, both databases.** Handlers do not know which one runs.
//!
//! ## How: SQLite, group commit
//!
//! One writer (a task on its own thread, see [`Tulis::penulis`]) owns the
//! only connection that writes on behalf of requests. Handlers send it jobs
//! (async closures over `&mut AnyConnection`) through a channel, each with a
//! oneshot reply. The writer takes every job waiting (up to [`MAX_BATCH`]),
//! opens ONE transaction (`BEGIN IMMEDIATE`), runs each job inside its own
//! SAVEPOINT — a job that fails rolls back only its savepoint — then commits
//! once: one fsync for the whole batch. Only after that commit returns does
//! it reply. Jobs that arrive while a batch is committing form the next
//! batch, which is what makes the fsync shared. Writers queue in the channel
//! instead of sleeping on SQLite's `busy_timeout`, so the tail latency stays
//! at a few batch times.
//!
//! ## How: PostgreSQL
//!
//! PostgreSQL already shares WAL flushes between concurrent commits, and
//! several app servers may write, so each job simply runs in its own
//! transaction on the pool.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use sqlx::{AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

use anyhow::Context as _;

use super::error::{DbError, DbResult};

/// The future a job returns, borrowing the connection it was given.
pub type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// At most this many jobs share one transaction.
pub const MAX_BATCH: usize = 512;

/// Jobs that may wait for the writer before senders wait for room.
const QUEUE: usize = 4096;

/// Called once the batch is settled: `None` when it committed, otherwise
/// why it did not.
type Reply = Box<dyn FnOnce(Option<String>) + Send>;

/// A type-erased job: runs on the connection, says whether it succeeded and
/// how to answer its caller once the batch is settled.
type Run = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, (bool, Reply)> + Send>;

enum Message {
    Job(Run),
    /// Stop after the jobs already queued; the reply comes when the
    /// connection is closed.
    Stop(oneshot::Sender<()>),
}

/// Where writes go: the SQLite writer task, or the PostgreSQL pool.
#[derive(Clone, Debug)]
pub struct Tulis(Jalur);

#[derive(Clone, Debug)]
enum Jalur {
    Penulis(mpsc::Sender<Message>),
    Pool(AnyPool),
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Message::Job(_) => "Job",
            Message::Stop(_) => "Stop",
        })
    }
}

impl Tulis {
    /// Starts the writer that owns `conn` (SQLite), on its own thread.
    ///
    /// The writer gets a thread (with a one-thread runtime) rather than a
    /// task on the server's runtime: it waits on SQLite once per statement,
    /// and as a task each of those wake-ups would queue behind every ready
    /// HTTP task — under load the writer, which every write waits for, would
    /// be the slowest thing in the process. The runtime has no I/O or timer
    /// driver (the writer only waits on its channel and on SQLite's thread),
    /// so waking it is a plain thread unpark, not an event-loop wake-up.
    pub fn penulis(conn: AnyConnection) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread().build()?;
        std::thread::Builder::new()
            .name("ekinerja-penulis".into())
            .spawn(move || runtime.block_on(writer(conn, rx)))?;
        Ok(Tulis(Jalur::Penulis(tx)))
    }

    /// Writes straight to the pool, a transaction per job (PostgreSQL).
    pub fn pool(pool: AnyPool) -> Self {
        Tulis(Jalur::Pool(pool))
    }

    /// Runs `job` atomically and durably; returns its result only after the
    /// commit. On SQLite it shares a transaction (and its fsync) with other
    /// jobs, inside its own savepoint.
    pub async fn write<T, F>(&self, job: F) -> DbResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, DbResult<T>> + Send + 'static,
    {
        match &self.0 {
            Jalur::Pool(pool) => {
                let mut tx = pool.begin().await.context("beginning a write")?;
                let value = job(&mut tx).await?;
                tx.commit().await.context("committing a write")?;
                Ok(value)
            }
            Jalur::Penulis(sender) => {
                let (reply_tx, reply_rx) = oneshot::channel::<DbResult<T>>();
                let run: Run = Box::new(move |conn: &mut AnyConnection| {
                    Box::pin(async move {
                        let result = job(conn).await;
                        let ok = result.is_ok();
                        let reply: Reply = Box::new(move |commit_failed: Option<String>| {
                            let answer = match (result, commit_failed) {
                                (Ok(_), Some(why)) => {
                                    Err(DbError::Internal(anyhow::anyhow!("the write was not committed: {why}")))
                                }
                                (result, _) => result,
                            };
                            let _ = reply_tx.send(answer);
                        });
                        (ok, reply)
                    })
                });
                sender
                    .send(Message::Job(run))
                    .await
                    .map_err(|_| DbError::Internal(anyhow::anyhow!("the database writer has stopped")))?;
                reply_rx
                    .await
                    .map_err(|_| DbError::Internal(anyhow::anyhow!("the database writer stopped before answering")))?
            }
        }
    }

    /// Lets queued jobs finish, then closes the writer's connection.
    pub async fn close(&self) {
        if let Jalur::Penulis(sender) = &self.0 {
            let (tx, rx) = oneshot::channel();
            if sender.send(Message::Stop(tx)).await.is_ok() {
                let _ = rx.await;
            }
        }
    }
}

async fn writer(mut conn: AnyConnection, mut rx: mpsc::Receiver<Message>) {
    let mut batch: Vec<Run> = Vec::new();
    let mut stop: Option<oneshot::Sender<()>> = None;
    while stop.is_none() {
        match rx.recv().await {
            Some(Message::Job(run)) => batch.push(run),
            Some(Message::Stop(done)) => stop = Some(done),
            None => break,
        }
        while batch.len() < MAX_BATCH && stop.is_none() {
            match rx.try_recv() {
                Ok(Message::Job(run)) => batch.push(run),
                Ok(Message::Stop(done)) => stop = Some(done),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            run_batch(&mut conn, std::mem::take(&mut batch)).await;
        }
    }
    // Jobs queued after a stop are dropped unrun: their callers get an error.
    rx.close();
    while rx.try_recv().is_ok() {}
    if let Err(e) = conn.close().await {
        tracing::warn!(error = %e, "closing the writer connection");
    }
    if let Some(done) = stop {
        let _ = done.send(());
    }
}

/// One transaction, one savepoint per job, one commit; then every reply.
///
/// The savepoints are written by hand (not sqlx's nested transactions) so
/// that releasing one job's savepoint and opening the next one's is a single
/// round trip to SQLite's thread, and the last one is released by the
/// COMMIT itself: per job, one hand-off fewer than a savepoint opened and
/// released on its own.
async fn run_batch(conn: &mut AnyConnection, jobs: Vec<Run>) {
    const OPEN: &str = "SAVEPOINT tulis";
    const NEXT: &str = "RELEASE tulis; SAVEPOINT tulis";
    const UNDO: &str = "ROLLBACK TO tulis; RELEASE tulis";
    let size = jobs.len();
    let mut replies: Vec<Reply> = Vec::with_capacity(size);
    let settled = async {
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let mut open = OPEN;
        // On an error below the transaction is in an unknown state: the batch
        // is given up, and jobs not run yet are dropped (their callers get an error).
        for job in jobs {
            sqlx::raw_sql(open).execute(&mut *tx).await?;
            let (ok, reply) = match (CatchUnwind(job(&mut tx))).await {
                Ok(done) => done,
                Err(_) => {
                    tracing::error!("a write job panicked; its savepoint is rolled back");
                    (false, Box::new(|_: Option<String>| {}) as Reply)
                }
            };
            replies.push(reply);
            if ok {
                open = NEXT;
            } else {
                sqlx::raw_sql(UNDO).execute(&mut *tx).await?;
                open = OPEN;
            }
        }
        tx.commit().await
    }
    .await;
    let why = settled.err().map(|e| {
        tracing::error!(error = %e, jobs = size, "a write batch failed");
        e.to_string()
    });
    for reply in replies {
        reply(why.clone());
    }
}

/// Turns a panic inside a job into an error for that job alone.
struct CatchUnwind<'c, T>(BoxFuture<'c, T>);

impl<T> Future for CatchUnwind<'_, T> {
    type Output = Result<T, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let fut = &mut self.0;
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
