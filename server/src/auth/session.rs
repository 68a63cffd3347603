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
//!   ([`SesiCache::lupakan`], [`SesiCache::lupakan_pegawai`]): on this
//!   server a revoked session stops working immediately;
//! - on *another* app server (several behind a load balancer on
//!   PostgreSQL), a session revoked elsewhere, an account deactivated or a
//!   role changed takes effect within [`SESI_TTL`];
//! - the absolute and idle timeouts are checked against the cached times on
//!   every request, so they are exact.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::error::ApiError;
use crate::state::AppState;

pub const COOKIE: &str = "ekinerja_sesi";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub use domain::api::PeranAkun as Peran;

/// The signed-in caller. Extracting it checks the session (401 when missing
/// or expired) and, for every method that changes something, the CSRF header.
#[derive(Clone, Debug)]
pub struct Actor {
    pub pegawai_id: String,
    pub instansi_id: String,
    pub peran: Peran,
    pub token_hash: String,
}

impl Actor {
    pub fn is_admin_of(&self, instansi_id: &str) -> bool {
        self.peran == Peran::SuperAdmin || (self.peran == Peran::AdminInstansi && self.instansi_id == instansi_id)
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

/// An activation code as stored: HMAC-SHA256 under the server's key, so a
/// copy of the database alone cannot be searched for the codes offline.
pub fn hash_kode(kunci: &[u8], kode: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(kunci).expect("HMAC takes a key of any length");
    mac.update(kode.as_bytes());
    hex::encode(mac.finalize().into_bytes())
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

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(actor) = parts.extensions.get::<Actor>() {
            return Ok(actor.clone());
        }
        let actor = authenticate(parts, state).await?;
        parts.extensions.insert(actor.clone());
        Ok(actor)
    }
}

/// pegawai_id, instansi_id, csrf, aktif_terakhir, berakhir, peran, aktif
type SessionRow = (String, String, String, i64, i64, String, i64);

/// How long a session row read from the database is trusted (≤ 5 s).
pub const SESI_TTL: Duration = Duration::from_secs(3);

/// Entries beyond which expired ones are swept on insert.
const SESI_SWEEP_AT: usize = 4096;

/// Session rows read in the last [`SESI_TTL`], by token hash (see the module docs).
///
/// A generation counter, bumped by every removal, keeps a row read before a
/// logout from being cached after it.
#[derive(Default, Debug)]
pub struct SesiCache(Mutex<Peta>);

#[derive(Default, Debug)]
struct Peta {
    generasi: u64,
    baris: HashMap<String, (Instant, Arc<SessionRow>)>,
}

impl SesiCache {
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
        peta.baris.retain(|_, (_, row)| row.0 != pegawai_id);
    }
}

/// Resolves the session cookie to an actor, enforcing the timeouts and CSRF.
pub async fn authenticate(parts: &Parts, state: &AppState) -> Result<Actor, ApiError> {
    let token = session_token(parts).ok_or(ApiError::Unauthenticated)?;
    let token_hash = hash_token(&token);
    let cache = &state.inner.sesi;
    let row = match cache.get(&token_hash) {
        Ok(row) => Some(row),
        Err(generasi) => {
            let read_at = Instant::now();
            let row: Option<SessionRow> = sqlx::query_as(
                "SELECT s.pegawai_id, s.instansi_id, s.csrf_token, s.aktif_terakhir, s.berakhir, a.peran, a.aktif \
                 FROM sesi s JOIN akun a ON a.pegawai_id = s.pegawai_id WHERE s.token_hash = $1",
            )
            .bind(&token_hash)
            .fetch_optional(state.db.pool())
            .await?;
            let row = row.map(Arc::new);
            if let Some(row) = &row {
                cache.put(&token_hash, row.clone(), read_at, generasi);
            }
            row
        }
    };
    // Shared with the cache: only what the actor keeps is copied.
    let row = row.ok_or(ApiError::Unauthenticated)?;
    let (pegawai_id, instansi_id, csrf, aktif_terakhir, berakhir, peran, aktif) = &*row;
    let (aktif_terakhir, berakhir, aktif) = (*aktif_terakhir, *berakhir, *aktif);
    let now = clock::now();
    let cfg = &state.inner.config;
    if aktif == 0 || now >= berakhir || now - aktif_terakhir > cfg.session_idle_secs {
        cache.lupakan(&token_hash);
        let h = token_hash.clone();
        state
            .db
            .write(move |c| {
                Box::pin(async move {
                    sqlx::query("DELETE FROM sesi WHERE token_hash = $1").bind(&h).execute(&mut *c).await?;
                    Ok(())
                })
            })
            .await?;
        return Err(ApiError::Unauthenticated);
    }
    if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if !same_secret(sent, csrf) {
            return Err(ApiError::Forbidden);
        }
    }
    // Touch at most once a minute, to keep reads from writing on every request.
    if now - aktif_terakhir >= 60 {
        cache.lupakan(&token_hash);
        let h = token_hash.clone();
        state
            .db
            .write(move |c| {
                Box::pin(async move {
                    sqlx::query("UPDATE sesi SET aktif_terakhir = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(&h)
                        .execute(&mut *c)
                        .await?;
                    Ok(())
                })
            })
            .await?;
    }
    let peran = Peran::parse(peran).ok_or_else(|| anyhow::anyhow!("unknown role in akun"))?;
    Ok(Actor { pegawai_id: pegawai_id.clone(), instansi_id: instansi_id.clone(), peran, token_hash })
}
