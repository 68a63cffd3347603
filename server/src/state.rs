//! What every handler can reach.

use std::sync::Arc;

use crate::auth::throttle::Throttle;
use crate::config::SecurityArgs;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub inner: Arc<Inner>,
}

pub struct Inner {
    pub version: &'static str,
    pub config: SecurityArgs,
    pub throttle: Throttle,
}

impl AppState {
    pub fn new(db: Db, config: SecurityArgs) -> Self {
        AppState {
            db,
            inner: Arc::new(Inner { version: env!("CARGO_PKG_VERSION"), config, throttle: Throttle::default() }),
        }
    }
}
