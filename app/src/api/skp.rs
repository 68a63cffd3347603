//! `/api/v1/skp/…` and the penilai's queue.

use domain::api::{AntrianItem, CreateSkp, EditSkp, RhkAtasan, SkpBaca, SkpRingkas, Transition};
use domain::skp::SkpInput;
use gloo_net::http::Method;

use super::Error;

pub async fn mine() -> Result<Vec<SkpRingkas>, Error> {
    super::get("/api/v1/skp").await
}

pub async fn read(id: &str) -> Result<SkpBaca, Error> {
    super::get(&format!("/api/v1/skp/{id}")).await
}

pub async fn create(periode_id: String, rencana: SkpInput) -> Result<SkpBaca, Error> {
    super::send(Method::POST, "/api/v1/skp", &CreateSkp { periode_id, rencana }).await
}

pub async fn save(id: &str, version: i64, rencana: SkpInput) -> Result<SkpBaca, Error> {
    super::send(Method::PUT, &format!("/api/v1/skp/{id}"), &EditSkp { version, rencana }).await
}

/// `aksi`: `submit`, `approve`, `return` or `revise`.
pub async fn act(id: &str, aksi: &str, version: i64, catatan: String) -> Result<SkpBaca, Error> {
    super::send(Method::POST, &format!("/api/v1/skp/{id}/{aksi}"), &Transition { version, catatan }).await
}

pub async fn rhk_atasan(id: &str) -> Result<RhkAtasan, Error> {
    super::get(&format!("/api/v1/skp/{id}/rhk-atasan")).await
}

pub async fn antrian(periode_id: &str) -> Result<Vec<AntrianItem>, Error> {
    super::get(&format!("/api/v1/penilai/skp?periode_id={periode_id}")).await
}
