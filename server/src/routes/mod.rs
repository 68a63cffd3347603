//! `/api/v1/…`: one module per resource, each with its `router()`.

use axum::Router;

use crate::error::ApiError;
use crate::state::AppState;

pub mod auth;
pub mod health;
pub mod org;
pub mod preview;
pub mod skp;
pub mod sync;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(org::router())
        .merge(skp::router())
        .merge(preview::router())
        .fallback(|| async { ApiError::NotFound })
}
