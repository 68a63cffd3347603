//! `GET /api/v1/health`: is the server up, which version, which database.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub domain_version: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: state.inner.version.into(),
        domain_version: domain::VERSION.into(),
        database: state.db.kind().as_str().into(),
    }))
}
