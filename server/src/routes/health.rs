//! `GET /api/v1/health`: is the server up, which version, which database.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::Health;

use crate::error::ApiError;
use crate::state::AppState;

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
