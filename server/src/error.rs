//! One error type for every handler, one error JSON for every client.
//! Internal errors reveal nothing to the caller; each is logged once, by
//! [`log_internal`] (axum's `examples/error-handling`): the answer carries
//! the error in its extensions ([`InternalError`]), the layer logs it inside
//! the request's trace span, and the trace layer does not log failures again.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use domain::api::ErrorBody;
use domain::error::FieldErrors;
use domain::teks::Teks;

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(&'static str, Teks),
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("not authenticated")]
    Unauthenticated,
    /// Credentials were wrong (login, activation): 401 with this message.
    #[error("unauthorized")]
    Unauthorized(Teks),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A rule of the workflow refuses the change (e.g. an approved SKP is not editable).
    #[error("conflict: {0}")]
    Conflict(&'static str, Teks),
    /// The write was based on an old version; carries the current record.
    #[error("stale version")]
    Stale(serde_json::Value),
    #[error("idempotency key reused with another body")]
    KeyReused,
    #[error("payload too large")]
    TooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// An upload refused for what it is (too large, a refused kind, cut
    /// off): its own status, code and message.
    #[error("upload refused: {1}")]
    Unggahan(StatusCode, &'static str, Teks),
    #[error("too many requests")]
    TooManyRequests(Duration),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The one place the database layer's errors become answers.
impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => ApiError::NotFound,
            DbError::Invalid(fields) => fields.into(),
            DbError::Conflict { code, message } => ApiError::Conflict(code, message),
            DbError::Stale(current) => ApiError::Stale(current),
            DbError::Internal(e) => ApiError::Internal(e),
        }
    }
}

impl ApiError {
    /// A single-field validation error.
    pub fn field(field: &str, message: Teks) -> Self {
        ApiError::Validation(FieldErrors::new().with(field, message))
    }

    /// The error's JSON (its code and message; the fields and the current
    /// record are added when the error is answered).
    pub fn body(&self) -> ErrorBody {
        let (_, code, message) = self.parts();
        ErrorBody { code: code.to_owned(), message, fields: FieldErrors::new(), current: None }
    }

    fn parts(&self) -> (StatusCode, &str, Teks) {
        match self {
            ApiError::BadRequest(code, m) => (StatusCode::BAD_REQUEST, code, m.clone()),
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                Teks::new("Ada isian yang perlu diperbaiki.", "Some fields need correcting."),
            ),
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                Teks::new("Sesi Anda berakhir atau belum masuk; silakan masuk lagi.", "Please sign in."),
            ),
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, "wrong_credentials", m.clone()),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                Teks::new("Anda tidak berhak melakukan ini.", "You are not allowed to do this."),
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", Teks::new("Tidak ditemukan.", "Not found.")),
            ApiError::Conflict(code, m) => (StatusCode::CONFLICT, code, m.clone()),
            ApiError::Stale(_) => (
                StatusCode::CONFLICT,
                "stale_version",
                Teks::new(
                    "Data ini sudah diubah di tempat lain; lihat versi terbaru.",
                    "This record changed elsewhere; see the current version.",
                ),
            ),
            ApiError::KeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                Teks::new(
                    "Kunci Idempotency-Key sudah dipakai untuk isi yang berbeda.",
                    "The Idempotency-Key was used with a different body.",
                ),
            ),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                Teks::new("Kiriman terlalu besar.", "The request body is too large."),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                Teks::new("Kirim sebagai application/json.", "Send application/json."),
            ),
            ApiError::Unggahan(status, code, m) => (*status, code, m.clone()),
            ApiError::TooManyRequests(wait) => {
                let menit = wait.as_millis().div_ceil(60_000).max(1);
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_requests",
                    Teks::new(
                        format!("Terlalu banyak percobaan; coba lagi dalam {menit} menit."),
                        format!("Too many attempts; try again in {menit} min."),
                    ),
                )
            }
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                Teks::new(
                    "Terjadi kesalahan di server; data Anda yang sudah tersimpan tetap aman.",
                    "A server error occurred; your saved data is safe.",
                ),
            ),
        }
    }
}

/// An internal error riding in its answer's extensions, to be logged once by [`log_internal`].
#[derive(Clone, Debug)]
pub struct InternalError(pub Arc<anyhow::Error>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.parts().0;
        let mut body = self.body();
        let mut retry_after = None;
        let mut internal = None;
        match self {
            ApiError::Validation(fields) => body.fields = fields,
            ApiError::Stale(current) => body.current = Some(current),
            ApiError::TooManyRequests(wait) => retry_after = Some(wait.as_secs().max(1)),
            ApiError::Internal(e) => internal = Some(InternalError(Arc::new(e))),
            _ => {}
        }
        let mut res = (status, Json(body)).into_response();
        if let Some(secs) = retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if let Some(e) = internal {
            res.extensions_mut().insert(e);
        }
        res
    }
}

/// The one place a server error is logged (used as a `MapResponseLayer`
/// around the API's routes, inside the trace layer's span): the error an
/// answer carries ([`InternalError`]) with its whole context chain, or the
/// bare status of a 5xx that carries none. Each answer passes here once.
pub fn log_internal<B>(res: http::Response<B>) -> http::Response<B> {
    if let Some(InternalError(e)) = res.extensions().get::<InternalError>() {
        tracing::error!(status = res.status().as_u16(), error = ?e, "internal error");
    } else if res.status().is_server_error() {
        tracing::error!(status = res.status().as_u16(), "server error without detail");
    }
    res
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}

/// A refused step of an evaluation document: a missing reason is a field
/// error on `alasan`; anything else is the workflow's 409.
impl From<domain::skp::dokumen::DokumenError> for ApiError {
    fn from(e: domain::skp::dokumen::DokumenError) -> Self {
        match e {
            domain::skp::dokumen::DokumenError::ReasonRequired => ApiError::field("alasan", e.pesan()),
            other => ApiError::Conflict(other.kode(), other.pesan()),
        }
    }
}

impl From<domain::skp::SkpError> for ApiError {
    fn from(e: domain::skp::SkpError) -> Self {
        match e {
            domain::skp::SkpError::Incomplete(fields) => fields.into(),
            // Missing input, not a refused transition: a field error on the notes.
            domain::skp::SkpError::NotesRequired | domain::skp::SkpError::NotesTooLong { .. } => {
                ApiError::field("catatan", e.pesan())
            }
            other => ApiError::Conflict(other.kode(), other.pesan()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_internal_error_rides_in_its_answer_for_the_log() {
        let res = ApiError::Internal(anyhow::anyhow!("disk full").context("saving SKP 1")).into_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let e = res.extensions().get::<InternalError>().expect("the error rides along");
        assert_eq!(format!("{:#}", e.0), "saving SKP 1: disk full");
        for other in [ApiError::NotFound, ApiError::Forbidden, ApiError::field("x", Teks::new("y", "y"))] {
            assert!(other.into_response().extensions().get::<InternalError>().is_none());
        }
    }

    #[test]
    fn a_database_error_becomes_its_answer_in_one_place() {
        let conflict = DbError::conflict("skp_exists", "Sudah ada.", "Already there.");
        match ApiError::from(conflict) {
            ApiError::Conflict(code, m) => {
                assert_eq!((code, m), ("skp_exists", Teks::new("Sudah ada.", "Already there.")))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(ApiError::from(DbError::NotFound), ApiError::NotFound));
        assert!(matches!(ApiError::from(DbError::Stale(serde_json::json!([]))), ApiError::Stale(_)));
        assert!(matches!(ApiError::from(DbError::Internal(anyhow::anyhow!("x"))), ApiError::Internal(_)));
        let fields = domain::error::FieldErrors::new().with("f", domain::teks::Teks::new("Salah.", "Wrong."));
        match ApiError::from(DbError::Invalid(fields)) {
            ApiError::Validation(f) => assert_eq!(f.get("f"), [Teks::new("Salah.", "Wrong.")]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_many_attempts_says_how_long_to_wait() {
        let lama = ApiError::TooManyRequests(Duration::from_secs(601));
        let (status, code, pesan) = lama.parts();
        assert_eq!((status, code), (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"));
        assert!(pesan.id.contains("coba lagi dalam 11 menit") && pesan.en.contains("try again in 11 min"), "{pesan:?}");
        let sebentar = ApiError::TooManyRequests(Duration::from_secs(5));
        let (_, _, pesan) = sebentar.parts();
        assert!(pesan.id.contains("dalam 1 menit"), "{pesan:?}");
        let hampir_dua = ApiError::TooManyRequests(Duration::from_millis(60_900));
        let (_, _, pesan) = hampir_dua.parts();
        assert!(pesan.id.contains("dalam 2 menit"), "{pesan:?}");
    }
}
