//! What every handler can reach. `AppState` only holds things: the layers
//! below it (`auth`, `idempotency`, `db`) never name it; an extractor that
//! needs one of its parts gets it through `FromRef`.

use std::sync::Arc;

use axum::extract::FromRef;

use crate::auth::Sessions;
use crate::auth::throttle::Throttle;
use crate::berkas::Berkas;
use crate::config::SecurityArgs;
use crate::db::Db;
use crate::email::Outbox;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub inner: Arc<Inner>,
}

pub struct Inner {
    pub version: &'static str,
    pub config: SecurityArgs,
    pub throttle: Throttle,
    /// Authentication, with the sessions recently read (see `auth::session`).
    pub sessions: Sessions,
    /// The server's secret key for keyed hashes (activation codes).
    pub kunci_server: Vec<u8>,
    /// E-mail for the notifications (off unless configured).
    pub email: Outbox,
    /// The evidence files' store.
    pub berkas: Berkas,
}

impl AppState {
    pub fn new(db: Db, config: SecurityArgs, kunci_server: Vec<u8>, email: Outbox, berkas: Berkas) -> Self {
        let sessions = Sessions::new(db.clone(), config.session_idle_secs);
        AppState {
            db,
            inner: Arc::new(Inner {
                version: env!("CARGO_PKG_VERSION"),
                config,
                throttle: Throttle::default(),
                sessions,
                kunci_server,
                email,
                berkas,
            }),
        }
    }
}

impl FromRef<AppState> for Sessions {
    fn from_ref(state: &AppState) -> Sessions {
        state.inner.sessions.clone()
    }
}
