//! Offline-safe writes: every mutation carries an `Idempotency-Key`. The
//! first request with a key runs and its response is stored; a replay with
//! the same body returns that response and changes nothing; the same key
//! with another body is a 422. Keys are per caller and kept ≥ 30 days.
//!
//! The key row is written (status 0, "running") before the handler runs, so
//! two concurrent requests with one key cannot both run: the second gets 409.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::auth::session::authenticate;
use crate::clock;
use crate::error::ApiError;
use crate::state::AppState;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";
/// The largest body any mutation may send (the CSV import is the largest).
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// Rows older than this are purged; the promise is 30 days.
pub const KEEP_SECS: i64 = 35 * 24 * 60 * 60;

/// Put in a response's extensions by a handler whose body holds one-time
/// secrets (activation codes): the body is not stored, and a replay of the
/// key gets 410 saying the secrets were shown once.
#[derive(Clone, Copy, Debug)]
pub struct Rahasia;

/// The stored answer to a replay of a request whose response was [`Rahasia`].
fn rahasia_body() -> String {
    serde_json::json!({
        "code": "secret_not_replayed",
        "message": "Isi jawaban ini rahasia dan hanya ditampilkan sekali; minta yang baru. / This answer held secrets shown only once; request new ones.",
    })
    .to_string()
}

/// Paths (inside `/api/v1`) that change nothing or carry their own keys.
fn exempt(path: &str) -> bool {
    path.starts_with("/auth/") || path == "/preview" || path == "/sync"
}

/// Statuses whose response is the settled answer to the request. Others
/// (401, 403, 429, 5xx) may succeed on a retry with the same key.
fn settled(status: StatusCode) -> bool {
    status.is_success() || matches!(status.as_u16(), 400 | 404 | 409 | 410 | 413 | 415 | 422)
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || exempt(req.uri().path()) {
        return next.run(req).await;
    }
    match run(state, req, next).await {
        Ok(res) => res,
        Err(e) => e.into_response(),
    }
}

async fn run(state: AppState, req: Request, next: Next) -> Result<Response, ApiError> {
    let (mut parts, body) = req.into_parts();
    let actor = authenticate(&parts, &state).await?;
    parts.extensions.insert(actor.clone());
    let key = parts.headers.get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or_default().to_owned();
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::field(
            "Idempotency-Key",
            "Setiap perubahan wajib membawa header Idempotency-Key (1–100 karakter). / Every change needs an Idempotency-Key header (1–100 characters).",
        ));
    }
    let bytes = to_bytes(body, MAX_BODY).await.map_err(|_| ApiError::TooLarge)?;
    let hash = request_hash(&parts.method, parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"), &bytes);

    let pool = state.db.pool();
    let inserted = sqlx::query(
        "INSERT INTO idempotensi (pemilik, kunci, instansi_id, hash_permintaan, status, dibuat) \
         VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (pemilik, kunci) DO NOTHING",
    )
    .bind(&actor.pegawai_id)
    .bind(&key)
    .bind(&actor.instansi_id)
    .bind(&hash)
    .bind(clock::now())
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 0 {
        let (stored_hash, status, body): (String, i64, Option<String>) = sqlx::query_as(
            "SELECT hash_permintaan, status, respons FROM idempotensi WHERE pemilik = $1 AND kunci = $2",
        )
        .bind(&actor.pegawai_id)
        .bind(&key)
        .fetch_one(pool)
        .await?;
        if stored_hash != hash {
            return Err(ApiError::KeyReused);
        }
        if status == 0 {
            return Err(ApiError::Conflict(
                "in_progress",
                "Permintaan dengan kunci ini sedang diproses; coba lagi sebentar. / A request with this key is still running; retry shortly."
                    .into(),
            ));
        }
        return Ok(replay(status, body.unwrap_or_default()));
    }

    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let (res_parts, res_body) = res.into_parts();
    let res_bytes: Bytes = match to_bytes(res_body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            forget(&state, &actor.pegawai_id, &key).await;
            return Err(ApiError::Internal(anyhow::anyhow!("reading a response body: {e}")));
        }
    };
    if settled(res_parts.status) {
        let (status, text) = if res_parts.extensions.get::<Rahasia>().is_some() {
            (StatusCode::GONE, rahasia_body())
        } else {
            (res_parts.status, String::from_utf8_lossy(&res_bytes).into_owned())
        };
        sqlx::query("UPDATE idempotensi SET status = $1, respons = $2 WHERE pemilik = $3 AND kunci = $4")
            .bind(i64::from(status.as_u16()))
            .bind(text)
            .bind(&actor.pegawai_id)
            .bind(&key)
            .execute(pool)
            .await?;
    } else {
        forget(&state, &actor.pegawai_id, &key).await;
    }
    Ok(Response::from_parts(res_parts, Body::from(res_bytes)))
}

async fn forget(state: &AppState, pemilik: &str, key: &str) {
    let r = sqlx::query("DELETE FROM idempotensi WHERE pemilik = $1 AND kunci = $2")
        .bind(pemilik)
        .bind(key)
        .execute(state.db.pool())
        .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, "could not release an idempotency key");
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

fn request_hash(method: &Method, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_str().as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

/// Deletes idempotency rows past retention and expired sessions.
pub async fn purge(state: &AppState) -> anyhow::Result<()> {
    let now = clock::now();
    sqlx::query("DELETE FROM idempotensi WHERE dibuat < $1").bind(now - KEEP_SECS).execute(state.db.pool()).await?;
    sqlx::query("DELETE FROM sesi WHERE berakhir < $1").bind(now).execute(state.db.pool()).await?;
    Ok(())
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
    fn only_settled_answers_are_kept() {
        assert!(settled(StatusCode::CREATED));
        assert!(settled(StatusCode::CONFLICT));
        assert!(settled(StatusCode::UNPROCESSABLE_ENTITY));
        assert!(!settled(StatusCode::UNAUTHORIZED));
        assert!(!settled(StatusCode::TOO_MANY_REQUESTS));
        assert!(!settled(StatusCode::INTERNAL_SERVER_ERROR));
    }
}
