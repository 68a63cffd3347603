//! `POST /api/v1/preview`: stateless; runs exactly the domain computation
//! the browser runs (`domain::kalkulator`), for clients without WASM and for
//! parity tests. Needs no session: it reads and writes nothing.

use axum::routing::post;
use axum::{Json, Router};
use domain::kalkulator::{Hasil, Permintaan, hitung};

use crate::error::{ApiError, ApiResult, dua_bahasa};
use crate::extract::AppJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/preview", post(preview))
}

async fn preview(AppJson(permintaan): AppJson<Permintaan>) -> ApiResult<Json<Hasil>> {
    hitung(&permintaan).map(Json).map_err(|e| ApiError::field("input", dua_bahasa(&e.pesan)))
}
