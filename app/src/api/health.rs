//! `GET /api/v1/health`.

pub use domain::api::Health;

use super::Error;

pub async fn fetch() -> Result<Health, Error> {
    super::get("/api/v1/health").await
}
