//! `POST /api/v1/preview`: stateless; runs exactly the domain computation
//! the browser runs (`domain::kalkulator`), for clients without WASM and for
//! parity tests. Needs no session: it reads and writes nothing.

use axum::Json;
use domain::kalkulator::{Hasil, Permintaan, hitung};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(preview))
}

/// One computation of the rules, exactly as the browser runs it.
#[utoipa::path(
    post,
    path = "/preview",
    tag = "preview",
    request_body(content = Permintaan, description = "`{ \"kind\": …, \"input\": { … } }`, as in the golden vectors."),
    responses(
        (status = 200, description = "The rule's own result with its `penjelasan` (explanation); its shape depends on `kind`.", body = Object),
        (status = 422, description = "Invalid fields, or inputs the rule cannot compute with (`fields.input`).", body = ErrorBody),
    )
)]
async fn preview(AppJson(permintaan): AppJson<Permintaan>) -> ApiResult<Json<Hasil>> {
    hitung(&permintaan).map(Json).map_err(|e| ApiError::field("input", e.pesan))
}
