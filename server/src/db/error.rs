//! The database layer's one error type. It knows nothing of HTTP: the server
//! maps it to an answer in one place (`From<DbError> for ApiError`).

use domain::error::FieldErrors;
use domain::teks::Teks;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// What the caller named does not exist (or is not theirs to see).
    #[error("not found")]
    NotFound,
    /// Input only the database can judge (a count over a limit, an account
    /// already activated), by field.
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    /// The stored data refuses the change: `code` for machines, `message`
    /// for people.
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: Teks },
    /// The change was based on an old version; carries the current record.
    #[error("stale version")]
    Stale(serde_json::Value),
    /// The database, or the data it holds, failed: nothing the caller can fix.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl DbError {
    pub fn conflict(code: &'static str, id: impl Into<String>, en: impl Into<String>) -> Self {
        DbError::Conflict { code, message: Teks::new(id, en) }
    }
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        DbError::Internal(e.into())
    }
}

impl From<serde_json::Error> for DbError {
    fn from(e: serde_json::Error) -> Self {
        DbError::Internal(e.into())
    }
}

pub type DbResult<T> = Result<T, DbError>;
