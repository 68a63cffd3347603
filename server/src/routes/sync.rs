//! `POST /api/v1/sync`: an offline client's outbox, replayed in order.
//! Each mutation goes through the ordinary API (authorisation, validation,
//! idempotency, versions) in its own transaction, and gets its own result;
//! the client deletes an outbox entry only when its key is acknowledged.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::{Extension, Json, Router};
use domain::error::FieldErrors;
use domain::teks::Teks;
use tower::ServiceExt;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use domain::api::sync::{MAX_MUTATIONS, Mutation, MutationResult, SyncInput, SyncOutput};

use crate::auth::Actor;
use crate::auth::session::CSRF_HEADER;
use crate::db::idempotency as keys;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::idempotency;
use crate::state::AppState;

/// The API that sync replays into.
#[derive(Clone)]
pub struct Api(pub Router);

pub fn router(api: Router) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sync))
        // Its own server errors logged once (the changes it replays are logged inside `api`).
        .layer(tower::util::MapResponseLayer::new(crate::error::log_internal))
        .layer(Extension(Api(api)))
        .layer(axum::extract::DefaultBodyLimit::max(16 * 1024 * 1024))
}

/// A change answered by sync itself, without reaching its route.
fn tolak(m: &Mutation, status: u16, body: serde_json::Value) -> MutationResult {
    MutationResult { seq: m.seq, idempotency_key: m.idempotency_key.clone(), status, replayed: false, body }
}

fn check(input: &SyncInput) -> ApiResult<()> {
    if input.client_id.trim().is_empty() || input.client_id.len() > 100 {
        return Err(ApiError::field(
            "client_id",
            Teks::new("client_id wajib diisi (1–100 karakter).", "client_id is required."),
        ));
    }
    if input.mutations.len() > MAX_MUTATIONS {
        return Err(ApiError::field(
            "mutations",
            Teks::new(
                format!("Paling banyak {MAX_MUTATIONS} perubahan per kiriman."),
                format!("At most {MAX_MUTATIONS} mutations per batch."),
            ),
        ));
    }
    if input.mutations.iter().any(|m| i64::try_from(m.seq).is_err()) {
        return Err(ApiError::field("mutations", Teks::new("seq terlalu besar.", "seq is too large.")));
    }
    if input.mutations.windows(2).any(|w| w[1].seq <= w[0].seq) {
        return Err(ApiError::field(
            "mutations",
            Teks::new("seq harus naik berurutan.", "seq must be strictly increasing."),
        ));
    }
    Ok(())
}

/// Only changes to resources; never auth, sync itself, or a path outside the
/// API. The path must be one a request can carry as it is: a URI path (and
/// query) of RFC 3986's characters, so building the request cannot fail
/// (`<`, `>`, a backtick, a space or `"` would).
fn allowed(m: &Mutation) -> Option<Method> {
    let method = match m.method.as_str() {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        "DELETE" => Method::DELETE,
        _ => return None,
    };
    let uri_char = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?%".contains(c);
    let ok = m.path.starts_with("/api/v1/")
        && !m.path.starts_with("/api/v1/auth/")
        && !m.path.starts_with("/api/v1/sync")
        && !m.path.contains("..")
        && m.path.chars().all(uri_char);
    ok.then_some(method)
}

/// The key as a header value; `None` when it cannot be one (the route would
/// refuse it anyway: keys are 1–100 visible ASCII characters).
fn key_header(m: &Mutation) -> Option<HeaderValue> {
    let k = m.idempotency_key.trim();
    idempotency::kunci_sah(k).then(|| HeaderValue::from_str(k).ok()).flatten()
}

/// A mutation's error answer in the one error shape.
fn galat_body(code: &str, message: Teks) -> serde_json::Value {
    serde_json::to_value(ErrorBody { code: code.to_owned(), message, ..Default::default() })
        .expect("an ErrorBody always serialises")
}

/// The answer for a change that cannot be sent as it is: its own 422.
fn ditolak(m: &Mutation, field: &str, pesan: Teks) -> MutationResult {
    let body = ErrorBody {
        code: "validation".into(),
        message: Teks::new("Perubahan ini tidak dapat disinkronkan.", "This change cannot be synced."),
        fields: FieldErrors::new().with(field, pesan),
        current: None,
    };
    tolak(m, 422, serde_json::to_value(body).expect("an ErrorBody always serialises"))
}

/// The answer for a change whose handling failed inside the server: a
/// passing failure (500), so it and the ones after it are sent again.
fn gagal_server(m: &Mutation, e: &dyn std::fmt::Display) -> MutationResult {
    tracing::error!(error = %e, seq = m.seq, "a sync mutation could not be handled");
    let body = ApiError::Internal(anyhow::anyhow!("sync mutation {}", m.seq)).body();
    tolak(m, 500, serde_json::to_value(body).expect("an ErrorBody always serialises"))
}

/// Replays an offline outbox in `seq` order, each mutation through the
/// ordinary API with its own `idempotency_key`; one result per mutation.
#[utoipa::path(
    post,
    path = "/api/v1/sync",
    tag = "sync",
    security(("ekinerja_sesi" = [])),
    request_body = SyncInput,
    responses(
        (status = 200, description = "One result per mutation, each with the status and body the API gave it.", body = SyncOutput),
        (status = 409, description = "`sync_busy`: another batch of this client is being applied.", body = ErrorBody),
        (status = 413, description = "The batch is larger than 16 MiB.", body = ErrorBody),
        (status = 422, description = "A bad `client_id`, more than 200 mutations, or `seq` not increasing.", body = ErrorBody),
    )
)]
async fn sync(
    State(state): State<AppState>,
    actor: Actor,
    Extension(Api(api)): Extension<Api>,
    request: Request,
) -> ApiResult<Json<SyncOutput>> {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 16 * 1024 * 1024).await.map_err(|_| ApiError::TooLarge)?;
    let req = Request::from_parts(parts.clone(), Body::from(bytes));
    let AppJson(input) = <AppJson<SyncInput> as axum::extract::FromRequest<()>>::from_request(req, &()).await?;
    check(&input)?;
    // One batch of a client at a time (in this process): two at once could
    // both pass the order check below.
    let _giliran = Giliran::ambil(&actor.pegawai_id, &input.client_id).ok_or_else(|| {
        ApiError::Conflict(
            "sync_busy",
            Teks::new(
                "Kiriman lain dari perangkat ini sedang diproses; kirim lagi sesudahnya.",
                "Another batch from this device is being applied; send again after it.",
            ),
        )
    })?;
    let terakhir = seq_terakhir(&state, &actor.pegawai_id, &input.client_id).await?;
    let mut results = Vec::with_capacity(input.mutations.len());
    // The highest seq whose answer is final; the position moves up to it.
    let mut tuntas = terakhir;
    let mut mutations = input.mutations.iter();
    // Records a change of this batch was refused on: the batch's later
    // changes to them were made on top of it, and applied without it they
    // would change whatever the record now is (another device's version).
    let mut ditolak_pada: Vec<&str> = Vec::new();
    for m in mutations.by_ref() {
        // A change that can never be sent as it is (a path or method not
        // allowed, a key that cannot be a header) is refused for what it is,
        // the same on every resend.
        let (method, key) = match (allowed(m), key_header(m)) {
            (Some(method), Some(key)) => (method, key),
            (None, _) => {
                tuntas = tuntas.max(m.seq);
                results.push(ditolak(
                    m,
                    "path",
                    Teks::new("Jalur atau metode tidak diizinkan.", "Path or method not allowed."),
                ));
                continue;
            }
            (_, None) => {
                tuntas = tuntas.max(m.seq);
                results.push(ditolak(
                    m,
                    "idempotency_key",
                    Teks::new(
                        "Kunci wajib 1–100 karakter ASCII tanpa spasi.",
                        "The key must be 1–100 visible ASCII characters.",
                    ),
                ));
                continue;
            }
        };
        let tersimpan = if m.seq <= terakhir {
            match kunci_tersimpan(&state, &actor.pegawai_id, &m.idempotency_key).await {
                Ok(t) => t,
                Err(e) => {
                    results.push(gagal_server(m, &format!("{e:?}")));
                    break;
                }
            }
        } else {
            true
        };
        if !tersimpan {
            results.push(tolak(
                m,
                409,
                galat_body(
                    "out_of_order",
                    Teks::new(
                        format!(
                            "Perubahan ini (seq {}) tiba setelah perubahan yang lebih baru dari perangkat yang sama \
                             (seq {terakhir}); tidak diterapkan.",
                            m.seq
                        ),
                        format!(
                            "This change (seq {}) arrived after later ones from the same device (seq {terakhir}); \
                             not applied.",
                            m.seq
                        ),
                    ),
                ),
            ));
            continue;
        }
        if rekaman(&m.path).is_some_and(|r| ditolak_pada.contains(&r)) {
            tuntas = tuntas.max(m.seq);
            results.push(tolak(
                m,
                409,
                galat_body(domain::api::sync::EARLIER_REFUSED, domain::api::sync::earlier_refused_message()),
            ));
            continue;
        }
        let hasil = kirim(&api, &parts, m, method, key).await;
        let status = hasil.status;
        // Refused for what the record is (a stale version, a workflow rule,
        // its fields); not for whose it is (403/404 guard every change
        // alike) nor for the same change in flight elsewhere (`in_progress`).
        let dasar_ditolak =
            status == 422 || (status == 409 && hasil.body.get("code").and_then(|c| c.as_str()) != Some("in_progress"));
        results.push(hasil);
        if dasar_ditolak && let Some(r) = rekaman(&m.path) {
            ditolak_pada.push(r);
        }
        if sementara(status) {
            // Failed for a passing reason: it may succeed when sent again, so
            // nothing after it is applied before it.
            break;
        }
        tuntas = tuntas.max(m.seq);
    }
    for m in mutations {
        results.push(tolak(
            m,
            503,
            galat_body(
                "not_attempted",
                Teks::new(
                    "Belum diterapkan: perubahan sebelumnya gagal sementara; kirim lagi mulai dari perubahan itu.",
                    "Not applied: an earlier change failed for now; send again from that change.",
                ),
            ),
        ));
    }
    // What was applied is reported whatever happens now: a position not
    // moved only means a resend is answered from the keys.
    if tuntas > terakhir
        && let Err(e) = maju(&state, &actor, &input.client_id, tuntas).await
    {
        tracing::warn!(error = ?e, "could not record a sync client's position");
    }
    tracing::info!(mutations = results.len(), "sync batch applied");
    Ok(Json(SyncOutput { client_id: input.client_id, results }))
}

/// Sends one change through the API as if it came alone, with the batch's
/// session, CSRF token and language; any failure on the way is this
/// change's own answer, never the batch's.
async fn kirim(
    api: &Router,
    parts: &axum::http::request::Parts,
    m: &Mutation,
    method: Method,
    key: HeaderValue,
) -> MutationResult {
    let mut builder = Request::builder().method(method).uri(&m.path);
    for name in [header::COOKIE, HeaderName::from_static(CSRF_HEADER), header::ACCEPT_LANGUAGE] {
        for v in parts.headers.get_all(&name) {
            builder = builder.header(&name, v.clone());
        }
    }
    builder = builder.header(idempotency::HEADER, key).header(header::CONTENT_TYPE, "application/json");
    let body = match serde_json::to_vec(&m.body) {
        Ok(b) => b,
        Err(e) => return gagal_server(m, &e),
    };
    let mut inner = match builder.body(Body::from(body)) {
        Ok(r) => r,
        Err(_) => return ditolak(m, "path", Teks::new("Jalur tidak valid.", "Invalid path.")),
    };
    if let Some(ci) = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>() {
        inner.extensions_mut().insert(*ci);
    }
    let res = match api.clone().oneshot(inner).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let status = res.status().as_u16();
    let replayed = res.headers().contains_key(idempotency::REPLAYED);
    let body = match to_bytes(res.into_body(), idempotency::MAX_BODY).await {
        Ok(b) => serde_json::from_slice(&b).unwrap_or(serde_json::Value::Null),
        // The change was handled (its status says how); only its body is lost.
        Err(e) => {
            tracing::warn!(error = %e, seq = m.seq, "a sync mutation's answer could not be read");
            serde_json::Value::Null
        }
    };
    MutationResult { seq: m.seq, idempotency_key: m.idempotency_key.clone(), status, replayed, body }
}

/// Whether a change's answer says "not now" rather than "no": the session
/// ended, too many requests, the server failed or was busy. (A 403 inside a
/// batch is final: the batch itself passed the session and CSRF checks.)
/// The record a change's path is about (`/api/v1/skp/{id}` for a save or
/// a workflow step of that SKP); `None` for a creation.
fn rekaman(path: &str) -> Option<&str> {
    const API: &str = "/api/v1/";
    let (koleksi, sisa) = path.strip_prefix(API)?.split_once('/')?;
    let id = sisa.split('/').next().filter(|id| !id.is_empty())?;
    Some(&path[..API.len() + koleksi.len() + 1 + id.len()])
}

fn sementara(status: u16) -> bool {
    status == 401 || status == 429 || status >= 500
}

/// The highest seq taken from this person's client (0 before its first batch).
async fn seq_terakhir(state: &AppState, pemilik: &str, client_id: &str) -> ApiResult<u64> {
    Ok(keys::sync_position(state.db.pool(), pemilik, client_id).await?)
}

/// Whether a change with this key was already applied (then its answer is replayed).
async fn kunci_tersimpan(state: &AppState, pemilik: &str, kunci: &str) -> ApiResult<bool> {
    Ok(keys::exists(state.db.pool(), pemilik, kunci).await?)
}

/// Moves the client's position up to `seq` once the batch is through (never
/// down: a batch that raced ahead keeps its place).
async fn maju(state: &AppState, actor: &Actor, client_id: &str, seq: u64) -> ApiResult<()> {
    let (pemilik, instansi, client) = (actor.pegawai_id.clone(), actor.instansi_id.clone(), client_id.to_owned());
    Ok(state
        .db
        .write(move |c| Box::pin(async move { keys::advance_sync(c, &pemilik, &client, &instansi, seq).await }))
        .await?)
}

/// The batch of one person's client being applied now (see [`sync`]); the
/// entry goes when the guard is dropped.
struct Giliran(String);

fn berjalan() -> &'static std::sync::Mutex<std::collections::HashSet<String>> {
    static BERJALAN: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> =
        std::sync::OnceLock::new();
    BERJALAN.get_or_init(Default::default)
}

impl Giliran {
    /// `None` while another batch of the same client is being applied.
    fn ambil(pemilik: &str, client_id: &str) -> Option<Giliran> {
        let kunci = format!("{pemilik}\u{0}{client_id}");
        let baru = berjalan().lock().unwrap_or_else(|p| p.into_inner()).insert(kunci.clone());
        // (Built only when taken: a Giliran dropped here would free the other batch's turn.)
        baru.then(|| Giliran(kunci))
    }
}

impl Drop for Giliran {
    fn drop(&mut self) {
        berjalan().lock().unwrap_or_else(|p| p.into_inner()).remove(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_passing_failure_holds_back_the_rest_of_a_batch() {
        for s in [401, 429, 500, 502, 503] {
            assert!(sementara(s), "{s}");
        }
        for s in [200, 201, 204, 400, 403, 404, 409, 410, 413, 415, 422] {
            assert!(!sementara(s), "{s}");
        }
    }

    #[test]
    fn a_change_is_about_the_record_its_path_names() {
        assert_eq!(rekaman("/api/v1/skp/s1"), Some("/api/v1/skp/s1"));
        assert_eq!(rekaman("/api/v1/skp/s1/submit"), Some("/api/v1/skp/s1"));
        assert_eq!(rekaman("/api/v1/skp"), None);
        assert_eq!(rekaman("/api/v1/skp/"), None);
    }

    #[test]
    fn one_batch_of_a_client_at_a_time() {
        let a = Giliran::ambil("p1", "hp").expect("free");
        assert!(Giliran::ambil("p1", "hp").is_none(), "the same client waits");
        assert!(Giliran::ambil("p1", "laptop").is_some(), "another client does not");
        assert!(Giliran::ambil("p2", "hp").is_some(), "nor another person");
        drop(a);
        assert!(Giliran::ambil("p1", "hp").is_some(), "free again");
    }
}
