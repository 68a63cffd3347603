//! `/api/v1/…`: one module per resource, each with its `router()`.

use utoipa_axum::router::OpenApiRouter;

use crate::error::ApiError;
use crate::state::AppState;

pub mod auth;
pub mod bukti;
pub mod dokumen;
pub mod health;
pub mod notifikasi;
pub mod org;
pub mod pdf;
pub mod penilaian;
pub mod penilaian_lama;
pub mod preview;
pub mod realisasi;
pub mod skp;
pub mod sync;
pub mod umpan_balik;
pub mod umpan_balik_360;

/// Every resource's routes with their OpenAPI entries, relative to `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(org::router())
        .merge(skp::router())
        .merge(realisasi::router())
        .merge(bukti::router())
        .merge(notifikasi::router())
        .merge(preview::router())
        .merge(umpan_balik::router())
        .merge(umpan_balik_360::router())
        .merge(penilaian::router())
        .merge(penilaian_lama::router())
        .merge(dokumen::router())
        .merge(pdf::router())
        .fallback(|| async { ApiError::NotFound })
}
