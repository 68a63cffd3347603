//! SKP reads gathered into shared queries: `db.skp_mentah(id)`.
//!
//! Opening an SKP is the read everyone makes at once near a deadline (a
//! pegawai checking their plan, a penilai going through forty). Each read
//! used to be its own query: on PostgreSQL a network round trip and a
//! backend's per-statement work, on SQLite a hand-off to the connection's
//! thread and back. Here reads wait in a queue; one task takes every read
//! waiting (up to [`store::BACA_SEKALIGUS`]) and answers them with ONE query
//! (`WHERE id IN (…)`) on a pooled connection, while the next batch gathers
//! behind it.
//!
//! - One batch at a time: the batch is the parallelism. Several batches in
//!   flight only split the same reads into smaller batches, each costing
//!   the database its per-statement work (`make bench-api`, 64 clients, 2
//!   cores: one in flight gave batches of about 20 reads and 33–34 k
//!   reads/s on PostgreSQL with p99 3.5 ms; one per pooled connection gave
//!   batches of 6 and 23 k/s with p99 5.4 ms).
//! - Nothing is cached: every read is answered by a query that starts after
//!   the read was asked, so it sees every write acknowledged before it.
//! - Alone, a read waits for nothing: the batch is whatever is queued when
//!   the batch before it is answered, often just that one read.
//! - Authorisation is unchanged: the caller checks the row it gets back.

use std::collections::HashMap;

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use super::error::{DbError, DbResult};
use super::skp::{self as store, SkpMentah};

type Balasan = oneshot::Sender<Result<Option<SkpMentah>, String>>;

/// The queue of SKP reads; cloned with the [`super::Db`].
#[derive(Debug)]
pub struct Pembaca(mpsc::UnboundedSender<(String, Balasan)>);

impl Pembaca {
    /// Starts the task that answers the queued reads from `pool`. It stops
    /// when the `Pembaca` is dropped.
    pub fn mulai(pool: AnyPool) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(jalan(pool, rx));
        Pembaca(tx)
    }

    /// The SKP `id` as stored, with its pegawai; `None` when there is none.
    pub async fn skp(&self, id: &str) -> DbResult<Option<SkpMentah>> {
        let (tx, rx) = oneshot::channel();
        self.0
            .send((id.to_owned(), tx))
            .map_err(|_| DbError::Internal(anyhow::anyhow!("the SKP reader has stopped")))?;
        match rx.await {
            Ok(Ok(found)) => Ok(found),
            Ok(Err(why)) => Err(DbError::Internal(anyhow::anyhow!("reading SKPs: {why}"))),
            Err(_) => Err(DbError::Internal(anyhow::anyhow!("the SKP reader stopped before answering"))),
        }
    }
}

async fn jalan(pool: AnyPool, mut rx: mpsc::UnboundedReceiver<(String, Balasan)>) {
    while let Some(pertama) = rx.recv().await {
        let conn = pool.acquire().await;
        let mut batch = vec![pertama];
        while batch.len() < store::BACA_SEKALIGUS {
            match rx.try_recv() {
                Ok(m) => batch.push(m),
                Err(_) => break,
            }
        }
        let found = match conn {
            Ok(mut conn) => {
                let ids: Vec<&str> = batch.iter().map(|(id, _)| id.as_str()).collect();
                store::find_mentah_banyak(&mut conn, &ids).await.map_err(|e| e.to_string())
            }
            Err(e) => Err(format!("no database connection: {e}")),
        };
        match found {
            Ok(rows) => bagikan(batch, rows),
            Err(why) => {
                tracing::error!(error = %why, reads = batch.len(), "an SKP read batch failed");
                for (_, balas) in batch {
                    let _ = balas.send(Err(why.clone()));
                }
            }
        }
    }
}

/// Gives each read its row (a copy only when the same SKP was asked twice).
fn bagikan(batch: Vec<(String, Balasan)>, rows: Vec<SkpMentah>) {
    let mut sisa: HashMap<String, usize> = HashMap::with_capacity(batch.len());
    for (id, _) in &batch {
        *sisa.entry(id.clone()).or_default() += 1;
    }
    let mut rows: HashMap<String, SkpMentah> = rows.into_iter().map(|r| (r.id.clone(), r)).collect();
    for (id, balas) in batch {
        let n = sisa.get_mut(&id).expect("counted above");
        *n -= 1;
        let row = if *n == 0 { rows.remove(&id) } else { rows.get(&id).cloned() };
        let _ = balas.send(Ok(row));
    }
}
