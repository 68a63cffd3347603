//! What every handler can reach.

use std::sync::Arc;

use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub inner: Arc<Inner>,
}

pub struct Inner {
    pub version: &'static str,
}

impl AppState {
    pub fn new(db: Db) -> Self {
        AppState { db, inner: Arc::new(Inner { version: env!("CARGO_PKG_VERSION") }) }
    }
}
