//! `GET /api/v1/health`.

use gloo_net::http::Request;
use serde::Deserialize;

use super::Error;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Health {
    pub version: String,
    pub database: String,
}

pub async fn fetch() -> Result<Health, Error> {
    let res = Request::get("/api/v1/health").send().await.map_err(|_| Error::Network)?;
    if !res.ok() {
        return Err(Error::Api { status: res.status() });
    }
    res.json::<Health>().await.map_err(|_| Error::Decode)
}
