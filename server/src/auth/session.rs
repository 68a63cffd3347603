//! Sessions and the authenticated `Actor` extractor.
//!
//! ## The session cache
//!
//! Every request is authenticated and its CSRF token, timeouts and account
//! state are checked every time; what is cached is only the session row
//! (with the account's role and `aktif`), keyed by the token's SHA-256, for
//! at most [`SESI_TTL`] (3 s, ≤ 5 s by design) after it was read from the
//! database. So:
//!
//! - logout and a password change clear this server's entries at once
//!   ([`Sessions::forget`], [`Sessions::forget_pegawai`]): on this
//!   server a revoked session stops working immediately;
//! - on *another* app server (several behind a load balancer on
//!   PostgreSQL), a session revoked elsewhere, an account deactivated or a
//!   role changed takes effect within [`SESI_TTL`];
//! - the absolute and idle timeouts are checked against the cached times on
//!   every request, so they are exact.
//!
//! What authenticating needs — the database, the cache and the idle timeout
//! — is a [`Sessions`]; the state a router runs with provides one
//! (`FromRef`), so this module knows nothing of the app's state.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, header};
pub use domain::api::PeranAkun;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::db::Db;
use crate::db::akun::{self, SessionRow};
use crate::error::ApiError;

pub const COOKIE: &str = "ekinerja_sesi";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in caller. Extracting it checks the session (401 when missing
/// or expired) and, for every method that changes something, the CSRF header.
#[derive(Clone, Debug)]
pub struct Actor {
    pub pegawai_id: String,
    pub instansi_id: String,
    /// The account's role (not a role in an SKP: that is `domain::skp::Peran`).
    pub peran: PeranAkun,
    pub token_hash: String,
}

impl Actor {
    pub fn is_admin_of(&self, instansi_id: &str) -> bool {
        self.peran == PeranAkun::SuperAdmin
            || (self.peran == PeranAkun::AdminInstansi && self.instansi_id == instansi_id)
    }

    /// Whether the caller administers some instansi.
    pub fn is_admin(&self) -> bool {
        matches!(self.peran, PeranAkun::AdminInstansi | PeranAkun::SuperAdmin)
    }
}

/// A fresh 128-bit token (hex) and its SHA-256 (hex), which is all we store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time comparison of two short secrets.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
}

impl<S> FromRequestParts<S> for Actor
where
    S: Send + Sync,
    Sessions: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(actor) = parts.extensions.get::<Actor>() {
            return Ok(actor.clone());
        }
        let actor = Sessions::from_ref(state).authenticate(parts).await?;
        parts.extensions.insert(actor.clone());
        Ok(actor)
    }
}

/// How long a session row read from the database is trusted (≤ 5 s).
pub const SESI_TTL: Duration = Duration::from_secs(3);

/// Entries beyond which expired ones are swept on insert.
const SESI_SWEEP_AT: usize = 4096;

/// Session rows read in the last [`SESI_TTL`], by token hash (see the module docs).
///
/// A generation counter, bumped by every removal, keeps a row read before a
/// logout from being cached after it.
#[derive(Default, Debug)]
pub struct SessionCache(Mutex<Peta>);

#[derive(Default, Debug)]
struct Peta {
    generasi: u64,
    baris: HashMap<String, (Instant, Arc<SessionRow>)>,
}

impl SessionCache {
    fn peta(&self) -> std::sync::MutexGuard<'_, Peta> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cached row if fresh, else the generation to pass to `put`.
    fn get(&self, token_hash: &str) -> Result<Arc<SessionRow>, u64> {
        let peta = self.peta();
        match peta.baris.get(token_hash) {
            Some((at, row)) if at.elapsed() < SESI_TTL => Ok(row.clone()),
            _ => Err(peta.generasi),
        }
    }

    fn put(&self, token_hash: &str, row: Arc<SessionRow>, read_at: Instant, generasi: u64) {
        let mut peta = self.peta();
        if peta.generasi != generasi {
            return; // something was revoked while we read: do not cache what we read
        }
        if peta.baris.len() >= SESI_SWEEP_AT {
            peta.baris.retain(|_, (at, _)| at.elapsed() < SESI_TTL);
        }
        peta.baris.insert(token_hash.to_owned(), (read_at, row));
    }

    /// Forgets one session (logout, expiry).
    pub fn lupakan(&self, token_hash: &str) {
        let mut peta = self.peta();
        peta.generasi += 1;
        peta.baris.remove(token_hash);
    }

    /// Forgets every session of a pegawai (password change, account change).
    pub fn lupakan_pegawai(&self, pegawai_id: &str) {
        let mut peta = self.peta();
        peta.generasi += 1;
        peta.baris.retain(|_, (_, row)| row.pegawai_id != pegawai_id);
    }
}

/// What authenticating a request needs: the database, this server's
/// session cache, and the idle timeout. Cloned cheaply (one `Arc`).
#[derive(Clone, Debug)]
pub struct Sessions(Arc<SessionsInner>);

#[derive(Debug)]
struct SessionsInner {
    db: Db,
    cache: SessionCache,
    idle_secs: i64,
}

impl Sessions {
    pub fn new(db: Db, idle_secs: i64) -> Self {
        Sessions(Arc::new(SessionsInner { db, cache: SessionCache::default(), idle_secs }))
    }

    /// Forgets one session in this server's cache (logout).
    pub fn forget(&self, token_hash: &str) {
        self.0.cache.lupakan(token_hash);
    }

    /// Forgets every session of a pegawai in this server's cache (password change).
    pub fn forget_pegawai(&self, pegawai_id: &str) {
        self.0.cache.lupakan_pegawai(pegawai_id);
    }

    /// Resolves the session cookie to an actor, enforcing the timeouts and CSRF.
    pub async fn authenticate(&self, parts: &Parts) -> Result<Actor, ApiError> {
        let SessionsInner { db, cache, idle_secs } = &*self.0;
        let token = session_token(parts).ok_or(ApiError::Unauthenticated)?;
        let token_hash = hash_token(&token);
        let row = match cache.get(&token_hash) {
            Ok(row) => Some(row),
            Err(generasi) => {
                let read_at = Instant::now();
                let row = akun::session(db.pool(), &token_hash).await?.map(Arc::new);
                if let Some(row) = &row {
                    cache.put(&token_hash, row.clone(), read_at, generasi);
                }
                row
            }
        };
        // Shared with the cache: only what the actor keeps is copied.
        let row = row.ok_or(ApiError::Unauthenticated)?;
        let now = clock::now();
        if row.aktif == 0 || now >= row.berakhir || now - row.aktif_terakhir > *idle_secs {
            cache.lupakan(&token_hash);
            let h = token_hash.clone();
            db.write(move |c| Box::pin(async move { akun::delete_session(c, &h).await })).await?;
            return Err(ApiError::Unauthenticated);
        }
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            if !same_secret(sent, &row.csrf_token) {
                return Err(ApiError::Forbidden);
            }
        }
        // Touch at most once a minute, to keep reads from writing on every request.
        if now - row.aktif_terakhir >= 60 {
            cache.lupakan(&token_hash);
            let h = token_hash.clone();
            db.write(move |c| Box::pin(async move { akun::touch_session(c, &h, now).await })).await?;
        }
        let peran = PeranAkun::parse(&row.peran).with_context(|| format!("unknown role {:?} in akun", row.peran))?;
        Ok(Actor { pegawai_id: row.pegawai_id.clone(), instansi_id: row.instansi_id.clone(), peran, token_hash })
    }
}
