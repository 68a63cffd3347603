//! Offline-safe writes: every mutation carries an `Idempotency-Key`. The
//! first request with a key runs and its response is stored; a replay with
//! the same body returns that response and changes nothing; the same key
//! with another body is a 422. Keys are per caller and kept ≥ 30 days.
//!
//! ## One durable write per mutation (routes in [`SATU_TULIS`])
//!
//! Every mutation that carries a key (all but the exempt `/auth/…`,
//! `/preview`, `/sync` and the colleague search `/calon-penilai-360`) uses
//! this protocol unless it answers 204 without a body: the SKP routes
//! (create, edit, submit, approve, return, revise, a realisation saved),
//! the deletion of an evidence file, the admin's routes
//! (a new period, the atasan mapping, activation codes, the CSV import, a
//! period's 360 deadline), a sheet of feedback, the 360's rater list and
//! answers. The key's
//! record is written **in the same transaction as the change**, with the
//! final response:
//!
//! 1. the middleware claims the key in this process (a second concurrent
//!    request with the key gets 409 `in_progress` at once) and hands the
//!    handler a [`Kunci`]. It looks the key up first only for a large body
//!    (over [`CEK_DULU_DARI`] bytes: a CSV import, whose replay should not
//!    redo its work); a small request with a fresh key (nearly every one)
//!    costs no read;
//! 2. the handler's write job ([`crate::db::Db::write`]) makes the change,
//!    renders its response and calls [`Kunci::simpan_json`] (which stores
//!    the record, status and body, with [`crate::db::idempotency`]) in the
//!    job's transaction (an SKP change inserts it in the same SQL
//!    statement as the change: [`crate::db::skp::update_json`], given
//!    [`Kunci::record`]).  The database layer sees only a plain
//!    [`KeyRecord`], never this module. If the key was taken meanwhile (another app
//!    server on the same PostgreSQL), the insert finds it, the job fails and
//!    its change is rolled back with it; the middleware then replays the
//!    winner's stored answer. So exactly one request with a key changes
//!    anything, and the change and its answer become durable together (one
//!    commit, shared with other requests by group commit on SQLite): a crash
//!    can leave neither or both, never a change without its answer. An
//!    answer holding one-time secrets (the activation codes) is never
//!    stored: its job calls [`Kunci::simpan_rahasia`], which stores the 410
//!    `secret_not_replayed` a replay gets instead;
//! 3. a handler that answers without changing anything (a validation error,
//!    a stale version: 4xx) leaves the key to the middleware, which stores a
//!    settled answer in one write (`ON CONFLICT DO NOTHING`) before
//!    answering. If the key is already stored, that stored answer is
//!    returned instead (another body: 422; a record still "running" from the
//!    other protocol: 409 `in_progress`). This is how a **replay** is
//!    answered: its handler runs again but cannot change anything — the
//!    first request moved the version on, so it stops at 409
//!    `stale_version`, or its job's `simpan` finds the key and rolls the
//!    change back — and the stored first answer is what the client gets.
//!    Unsettled answers (401, 403, 429, 5xx) store nothing.
//!
//! ## An evidence upload: its own key
//!
//! `POST /skp/{id}/bukti` ([`unggahan`]) passes this layer: its body is a
//! file streamed to the object store, never read into memory here. Its
//! route keeps the same promise itself (`routes::bukti`): a stored key is
//! answered from the store before anything is read, and the record and the
//! key's answer are written in one transaction once the file is stored whole.
//!
//! ## Any other mutation: the running row
//!
//! What a mutation not listed in [`SATU_TULIS`] gets: the ones answering
//! 204 without a body (a penilai's reminder, a request for feedback, a 360
//! rater removed). The key row is written (status 0, "running") before
//! the handler runs, so two concurrent requests with one key cannot both
//! run: the second gets 409; the response replaces it afterwards, or it is
//! deleted when the answer is not settled. Three writes instead of one, and
//! the change cannot join the key's transaction (a crash between them loses
//! the answer, and a retry runs the change again); moving a route to the
//! one-write protocol means taking a [`Kunci`], calling [`Kunci::simpan_json`] in
//! its write job and listing it in [`SATU_TULIS`].
//!
//! A response marked [`Rahasia`] is never stored by the middleware in either
//! protocol: it stores the 410 stand-in.

use std::collections::HashSet;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::teks::Teks;
use futures_util::future::Either;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use crate::auth::{Actor, Sessions};
use crate::clock;
use crate::db::idempotency::{self as store, KeyRecord, StoredAnswer};
use crate::db::{Db, DbResult, akun};
use crate::error::ApiError;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";
/// The largest body any mutation may send (the CSV import is the largest).
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// One-write requests with a body larger than this are looked up before
/// their handler runs, so a replay of a large import is answered from the
/// store instead of redoing the import.
pub const CEK_DULU_DARI: usize = 64 * 1024;
/// The largest body of every other mutation (JSON).
pub const MAX_JSON_BODY: usize = 1024 * 1024;

/// How much of a mutation's body may be read: the CSV import's limit for an
/// admin sending to the import, the JSON limit for everything else (so a
/// pegawai cannot make the server hold 64 MiB by sending it to the import).
fn body_limit(matched: Option<&str>, actor: &Actor) -> usize {
    let path = matched.map(|p| p.strip_prefix("/api/v1").unwrap_or(p));
    if path == Some("/admin/import") && actor.is_admin() { MAX_BODY } else { MAX_JSON_BODY }
}

/// Rows older than this are purged; the promise is 30 days.
pub const KEEP_SECS: i64 = 35 * 24 * 60 * 60;

/// Put in a response's extensions by a handler whose body holds one-time
/// secrets (activation codes): the body is not stored, and a replay of the
/// key gets 410 saying the secrets were shown once.
#[derive(Clone, Copy, Debug)]
pub struct Rahasia;

/// The stored answer to a replay of a request whose response was [`Rahasia`].
fn rahasia_body() -> String {
    let body = crate::error::ErrorBody {
        code: "secret_not_replayed".into(),
        message: Teks::new(
            "Isi jawaban ini rahasia dan hanya ditampilkan sekali; minta yang baru.",
            "This answer held secrets shown only once; request new ones.",
        ),
        ..Default::default()
    };
    serde_json::to_string(&body).expect("an ErrorBody always serialises")
}

/// Whether a (trimmed) `Idempotency-Key` is one: 1–100 visible ASCII characters.
pub fn kunci_sah(key: &str) -> bool {
    !key.is_empty() && key.len() <= 100 && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The request's `Idempotency-Key` (trimmed); 422 when missing or not a key.
pub fn kunci_dari(headers: &axum::http::HeaderMap) -> Result<String, ApiError> {
    let key = headers.get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or_default();
    if !kunci_sah(key) {
        return Err(ApiError::field(
            "Idempotency-Key",
            Teks::new(
                "Setiap perubahan wajib membawa header Idempotency-Key (1–100 karakter).",
                "Every change needs an Idempotency-Key header (1–100 characters).",
            ),
        ));
    }
    Ok(key.to_owned())
}

/// An evidence upload (`POST /skp/{id}/bukti`, inside `/api/v1`): its body
/// is streamed to the object store, never read here, so its route keeps its
/// key by itself ([`crate::routes::bukti`]), with the same promise: a
/// replay answers the first upload's stored answer and stores nothing.
pub fn unggahan(method: &Method, path: &str) -> bool {
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    let bagian: Vec<&str> = path.split('/').collect();
    *method == Method::POST && matches!(bagian.as_slice(), ["", "skp", id, "bukti"] if !id.is_empty())
}

/// Paths (inside `/api/v1`) that change nothing or carry their own keys.
/// The colleague search is a POST only to keep what is typed (a name, a
/// NIP) out of the address; it reads, so it needs no key. So does the
/// public check of a signed PDF (`/cek-dokumen`: no sign-in, nothing written).
pub fn exempt(path: &str) -> bool {
    path.starts_with("/auth/")
        || path == "/preview"
        || path == "/sync"
        || path == "/calon-penilai-360"
        || path == "/cek-dokumen"
}

/// Statuses whose response is the settled answer to the request. Others
/// (401, 403, 429, 5xx) may succeed on a retry with the same key.
fn settled(status: StatusCode) -> bool {
    status.is_success() || matches!(status.as_u16(), 400 | 404 | 409 | 410 | 413 | 415 | 422)
}

/// The layer in front of the API's routes: reads and exempt paths go
/// straight to their route (no allocation, no clone of the route), every
/// other request through the idempotency protocol ([`run`]).
#[derive(Clone)]
pub struct Lapisan(Arc<Bagian>);

/// What the protocol needs: the sessions (a mutation is authenticated
/// first), the database, and the keys being handled in this process.
struct Bagian {
    sessions: Sessions,
    db: Db,
    aktif: KunciAktif,
}

impl Lapisan {
    pub fn new(sessions: Sessions, db: Db) -> Self {
        Lapisan(Arc::new(Bagian { sessions, db, aktif: KunciAktif::default() }))
    }
}

impl<S> tower::Layer<S> for Lapisan {
    type Service = Penjaga<S>;

    fn layer(&self, inner: S) -> Penjaga<S> {
        Penjaga { state: self.0.clone(), inner }
    }
}

#[derive(Clone)]
pub struct Penjaga<S> {
    state: Arc<Bagian>,
    inner: S,
}

type Jawaban = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl<S> tower::Service<Request> for Penjaga<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<S::Future, Jawaban>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        // Only the methods that change something take a key; any other
        // (GET, HEAD, OPTIONS, TRACE, …) goes to its route, which answers it
        // or says 405.
        let mutation = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
        if !mutation || exempt(req.uri().path()) || unggahan(req.method(), req.uri().path()) {
            return Either::Left(self.inner.call(req));
        }
        // The service that was polled ready handles this request; a clone
        // stays for the next one (as axum's own middleware does).
        let clone = self.inner.clone();
        let mut ready = std::mem::replace(&mut self.inner, clone);
        let next = Next(Box::new(move |req| {
            Box::pin(async move {
                match ready.call(req).await {
                    Ok(res) => res,
                    Err(never) => match never {},
                }
            })
        }));
        let state = self.state.clone();
        Either::Right(Box::pin(async move {
            Ok(match run(state, req, next).await {
                Ok(res) => res,
                Err(e) => e.into_response(),
            })
        }))
    }
}

/// The route a mutation goes on to, once.
struct Next(Box<dyn FnOnce(Request) -> Lanjutan + Send>);

type Lanjutan = Pin<Box<dyn Future<Output = Response> + Send>>;

impl Next {
    async fn run(self, req: Request) -> Response {
        (self.0)(req).await
    }
}

/// Mutations whose handler stores the key's record in its own write job
/// (method, route as matched under `/api/v1`).
pub const SATU_TULIS: &[(&str, &str)] = &[
    ("POST", "/skp"),
    ("PUT", "/skp/{id}"),
    ("POST", "/skp/{id}/submit"),
    ("POST", "/skp/{id}/approve"),
    ("POST", "/skp/{id}/return"),
    ("POST", "/skp/{id}/revise"),
    ("PUT", "/skp/{id}/realisasi"),
    ("DELETE", "/bukti/{id}"),
    ("POST", "/org/periode"),
    ("PUT", "/org/atasan"),
    ("POST", "/admin/aktivasi"),
    ("POST", "/admin/import"),
    ("PUT", "/umpan-balik/{id}"),
    ("PUT", "/org/periode/{id}/pengaturan-360"),
    ("PUT", "/skp/{id}/penilaian"),
    ("PUT", "/skp/{id}/penilaian-lama"),
    ("PUT", "/unit/{id}/predikat-organisasi"),
    ("PUT", "/org/periode/{id}/pengaturan-penilaian"),
    ("POST", "/penilai/distribusi/finalisasi"),
    ("POST", "/org/hari-libur"),
    ("POST", "/dokumen-evaluasi/{id}/sign_by_penilai"),
    ("POST", "/dokumen-evaluasi/{id}/deliver"),
    ("POST", "/dokumen-evaluasi/{id}/sign_by_pegawai"),
    ("POST", "/dokumen-evaluasi/{id}/file_keberatan"),
    ("POST", "/dokumen-evaluasi/{id}/reply_keberatan"),
    ("POST", "/dokumen-evaluasi/{id}/decide_keberatan"),
    ("POST", "/dokumen-evaluasi/{id}/report"),
    ("POST", "/skp/{id}/take-over"),
    ("POST", "/penilai-360"),
    ("POST", "/penilai-360/{id}/konfirmasi"),
    ("PUT", "/tugas-360/{id}"),
];

fn satu_tulis(method: &Method, matched: Option<&str>) -> bool {
    let Some(path) = matched else { return false };
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    SATU_TULIS.iter().any(|(m, p)| *m == method.as_str() && *p == path)
}

/// The key of the request being handled, for a handler in [`SATU_TULIS`]:
/// its write job calls [`Kunci::simpan_json`] with the answer, and the
/// handler calls [`Kunci::tercatat`] once that write returned.
#[derive(Clone, Debug)]
pub struct Kunci(Arc<KunciInner>);

#[derive(Debug)]
struct KunciInner {
    record: KeyRecord,
    tercatat: AtomicBool,
}

impl Kunci {
    /// What is stored beside the answer — owner, key, instansi and request
    /// hash — for a write that stores the answer in its own SQL statement
    /// (one round trip fewer: [`crate::db::skp::update_json`]).
    pub fn record(&self) -> &KeyRecord {
        &self.0.record
    }

    /// Inside the write job that makes the change: renders `value`, stores
    /// it with `status` as this key's answer, and returns the text to answer
    /// with ([`jawaban_json`]). Fails, rolling the job back, when the key was
    /// stored meanwhile by another request.
    pub async fn simpan_json<T: Serialize + Sync>(
        &self,
        conn: &mut AnyConnection,
        status: StatusCode,
        value: &T,
    ) -> DbResult<String> {
        store::save_json(conn, &self.0.record, status.as_u16(), value).await
    }

    /// For an answer holding one-time secrets: stores what a replay gets
    /// instead (410 `secret_not_replayed`), never the secrets.
    pub async fn simpan_rahasia(&self, conn: &mut AnyConnection) -> DbResult<()> {
        store::save_answer(conn, &self.0.record, StatusCode::GONE.as_u16(), &rahasia_body()).await
    }

    /// The write holding [`Kunci::simpan_json`] committed: the middleware stores nothing more.
    pub fn tercatat(&self) {
        self.0.tercatat.store(true, Ordering::Release);
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Kunci {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Kunci>()
            .cloned()
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("a one-write route ran without its Kunci (SATU_TULIS)")))
    }
}

/// A JSON answer whose body was rendered, and stored with its key, inside the write.
pub fn jawaban_json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Keys being handled in this process under the one-write protocol.
#[derive(Default, Debug)]
pub struct KunciAktif(Mutex<HashSet<(String, String)>>);

/// Holds a claim in [`KunciAktif`]; releases it when dropped (also when the
/// request is cancelled).
struct Klaim<'a> {
    aktif: &'a KunciAktif,
    id: (String, String),
}

impl KunciAktif {
    fn klaim(&self, pemilik: &str, kunci: &str) -> Option<Klaim<'_>> {
        let id = (pemilik.to_owned(), kunci.to_owned());
        let fresh = self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(id.clone());
        // (Not `then_some`: a Klaim built and dropped here would release the holder's claim.)
        if fresh { Some(Klaim { aktif: self, id }) } else { None }
    }
}

impl Drop for Klaim<'_> {
    fn drop(&mut self) {
        self.aktif.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.id);
    }
}

fn in_progress() -> ApiError {
    store::in_progress().into()
}

/// The stored record of a key, if any.
async fn stored(state: &Bagian, pemilik: &str, key: &str) -> Result<Option<StoredAnswer>, ApiError> {
    Ok(store::stored(state.db.pool(), pemilik, key).await?)
}

/// The answer to a request whose key is already stored.
pub fn answer_stored(hash: &str, record: StoredAnswer) -> Result<Response, ApiError> {
    if record.request_hash != hash {
        return Err(ApiError::KeyReused);
    }
    if record.status == 0 {
        return Err(in_progress());
    }
    Ok(replay(record.status, record.body.unwrap_or_default()))
}

/// The stored form of a settled answer (a secret one is replaced).
fn to_store(res_parts: &axum::http::response::Parts, res_bytes: &[u8]) -> (StatusCode, String) {
    if res_parts.extensions.get::<Rahasia>().is_some() {
        (StatusCode::GONE, rahasia_body())
    } else {
        (res_parts.status, String::from_utf8_lossy(res_bytes).into_owned())
    }
}

async fn run(state: Arc<Bagian>, req: Request, next: Next) -> Result<Response, ApiError> {
    let (mut parts, body) = req.into_parts();
    let actor = state.sessions.authenticate(&parts).await?;
    parts.extensions.insert(actor.clone());
    let key = kunci_dari(&parts.headers)?;
    let matched = parts.extensions.get::<MatchedPath>().map(|m| m.as_str().to_owned());
    // The route's own limit applies before anything is read: a body that says
    // it is larger is refused unread, and reading stops at the limit.
    let limit = body_limit(matched.as_deref(), &actor);
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge);
    }
    let bytes = to_bytes(body, limit).await.map_err(|_| ApiError::TooLarge)?;
    let hash = request_hash(&parts.method, parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"), &bytes);
    if satu_tulis(&parts.method, matched.as_deref()) {
        return run_satu_tulis(state, parts, bytes, next, actor.pegawai_id, actor.instansi_id, key, hash).await;
    }

    let record = KeyRecord {
        owner: actor.pegawai_id.clone(),
        key: key.clone(),
        instansi_id: actor.instansi_id.clone(),
        request_hash: hash.clone(),
    };
    let claimed = state.db.write(move |c| Box::pin(async move { store::claim_running(c, &record).await })).await?;
    if !claimed {
        let record = stored(&state, &actor.pegawai_id, &key).await?.ok_or_else(in_progress)?;
        return answer_stored(&hash, record);
    }

    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let (res_parts, res_body) = res.into_parts();
    let res_bytes: Bytes = match to_bytes(res_body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            forget(&state, &actor.pegawai_id, &key).await;
            return Err(anyhow::anyhow!("reading a response body: {e}").into());
        }
    };
    if settled(res_parts.status) {
        let (status, text) = to_store(&res_parts, &res_bytes);
        let (pemilik, kunci) = (actor.pegawai_id.clone(), key.clone());
        state
            .db
            .write(move |c| Box::pin(async move { store::settle(c, &pemilik, &kunci, status.as_u16(), &text).await }))
            .await?;
    } else {
        forget(&state, &actor.pegawai_id, &key).await;
    }
    Ok(Response::from_parts(res_parts, Body::from(res_bytes)))
}

/// The one-write protocol (see the module docs).
#[allow(clippy::too_many_arguments)]
async fn run_satu_tulis(
    state: Arc<Bagian>,
    mut parts: axum::http::request::Parts,
    bytes: Bytes,
    next: Next,
    pemilik: String,
    instansi_id: String,
    key: String,
    hash: String,
) -> Result<Response, ApiError> {
    // A small request is not looked up first: a fresh key (the usual case)
    // then costs no read. Its replay runs the handler, whose change cannot
    // commit (its `simpan` finds the key and its job rolls back; usually it
    // stops earlier, at the stale version); storing that answer then finds
    // the key, and the stored answer is replayed instead (below).
    if bytes.len() > CEK_DULU_DARI
        && let Some(record) = stored(&state, &pemilik, &key).await?
    {
        return answer_stored(&hash, record);
    }
    let Some(_klaim) = state.aktif.klaim(&pemilik, &key) else {
        return Err(in_progress());
    };
    let kunci = Kunci(Arc::new(KunciInner {
        record: KeyRecord { owner: pemilik.clone(), key: key.clone(), instansi_id, request_hash: hash },
        tercatat: AtomicBool::new(false),
    }));
    parts.extensions.insert(kunci.clone());
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if kunci.0.tercatat.load(Ordering::Acquire) || !settled(res.status()) {
        return Ok(res);
    }
    let (res_parts, res_body) = res.into_parts();
    let res_bytes = to_bytes(res_body, MAX_BODY).await.map_err(|e| anyhow::anyhow!("reading a response body: {e}"))?;
    let (status, text) = to_store(&res_parts, &res_bytes);
    let k = kunci.clone();
    let inserted = state
        .db
        .write(move |c| Box::pin(async move { store::insert_answer(c, k.record(), status.as_u16(), &text).await }))
        .await?;
    if !inserted {
        // The key was stored before (a replay) or meanwhile (another server): that answer stands.
        let record = stored(&state, &pemilik, &key).await?.ok_or_else(in_progress)?;
        return answer_stored(&kunci.record().request_hash, record);
    }
    Ok(Response::from_parts(res_parts, Body::from(res_bytes)))
}

async fn forget(state: &Bagian, pemilik: &str, key: &str) {
    let (pemilik, key) = (pemilik.to_owned(), key.to_owned());
    let r = state.db.write(move |c| Box::pin(async move { store::forget(c, &pemilik, &key).await })).await;
    if let Err(e) = r {
        tracing::warn!(error = ?e, "could not release an idempotency key");
    }
}

fn replay(status: i64, body: String) -> Response {
    let status = u16::try_from(status).ok().and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::OK);
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    res
}

pub fn request_hash(method: &Method, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_str().as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

/// Deletes idempotency rows past retention and expired sessions.
pub async fn purge(db: &Db) -> anyhow::Result<()> {
    let now = clock::now();
    db.write(move |c| {
        Box::pin(async move {
            store::purge(c, now - KEEP_SECS).await?;
            akun::purge_sessions(c, now).await
        })
    })
    .await
    .context("purging old keys and sessions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_method_path_and_body() {
        let a = request_hash(&Method::POST, "/skp", b"{}");
        assert_ne!(a, request_hash(&Method::PUT, "/skp", b"{}"));
        assert_ne!(a, request_hash(&Method::POST, "/skp/1", b"{}"));
        assert_ne!(a, request_hash(&Method::POST, "/skp", b"{ }"));
        assert_eq!(a, request_hash(&Method::POST, "/skp", b"{}"));
    }

    #[test]
    fn only_an_evidence_upload_streams_past_the_key_layer() {
        assert!(unggahan(&Method::POST, "/skp/s1/bukti"));
        assert!(unggahan(&Method::POST, "/api/v1/skp/s1/bukti"));
        for (m, p) in [
            (Method::PUT, "/skp/s1/bukti"),
            (Method::POST, "/skp//bukti"),
            (Method::POST, "/skp/s1/bukti/x"),
            (Method::POST, "/skp/s1/realisasi"),
            (Method::POST, "/bukti/s1"),
            (Method::POST, "/x/skp/s1/bukti"),
        ] {
            assert!(!unggahan(&m, p), "{m} {p}");
        }
    }

    #[test]
    fn only_settled_answers_are_kept() {
        assert!(settled(StatusCode::CREATED));
        assert!(settled(StatusCode::CONFLICT));
        assert!(settled(StatusCode::UNPROCESSABLE_ENTITY));
        assert!(!settled(StatusCode::UNAUTHORIZED));
        assert!(!settled(StatusCode::TOO_MANY_REQUESTS));
        assert!(!settled(StatusCode::INTERNAL_SERVER_ERROR));
    }
}
