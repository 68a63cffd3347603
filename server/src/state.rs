//! What every handler can reach.

use std::sync::Arc;

use crate::auth::session::SesiCache;
use crate::auth::throttle::Throttle;
use crate::config::SecurityArgs;
use crate::db::Db;
use crate::idempotency::KunciAktif;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub inner: Arc<Inner>,
}

pub struct Inner {
    pub version: &'static str,
    pub config: SecurityArgs,
    pub throttle: Throttle,
    /// Sessions recently read, for a few seconds (see `auth::session`).
    pub sesi: SesiCache,
    /// Idempotency keys being handled in this process.
    pub kunci_aktif: KunciAktif,
    /// The server's secret key for keyed hashes (activation codes).
    pub kunci_server: Vec<u8>,
}

impl AppState {
    pub fn new(db: Db, config: SecurityArgs, kunci_server: Vec<u8>) -> Self {
        AppState {
            db,
            inner: Arc::new(Inner {
                version: env!("CARGO_PKG_VERSION"),
                config,
                throttle: Throttle::default(),
                sesi: SesiCache::default(),
                kunci_aktif: KunciAktif::default(),
                kunci_server,
            }),
        }
    }
}
