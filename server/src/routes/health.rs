//! `GET /api/v1/health`: is the server up, which version, which database.

use axum::Json;
use axum::extract::State;
use domain::api::Health;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Is the server up (the database answers), which version, which database.
#[utoipa::path(
    get,
    path = "/health",
    tag = "health",
    responses((status = 200, description = "The server and its database are up.", body = Health))
)]
async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: state.inner.version.into(),
        domain_version: domain::VERSION.into(),
        database: state.db.kind().as_str().into(),
    }))
}
