//! `GET /api/v1/health`.

pub use domain::api::Health;

use super::{Client, Error};

impl Client {
    pub async fn health(self) -> Result<Health, Error> {
        self.get("/api/v1/health").await
    }
}
