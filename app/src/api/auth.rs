//! `/api/v1/auth/…`.

use domain::api::{ActivationInput, LoginInput, SessionView};
use gloo_net::http::Method;

use super::Error;

pub async fn login(nip: String, password: String) -> Result<SessionView, Error> {
    let body = LoginInput { nip, password };
    let s: SessionView = super::finish(gloo_net::http::Request::post("/api/v1/auth/login").json(&body)).await?;
    super::set_csrf(Some(s.csrf_token.clone()));
    Ok(s)
}

/// The current session, `None` for a guest (asked without an error status).
pub async fn sesi() -> Result<Option<SessionView>, Error> {
    let s: domain::api::SesiSaatIni = super::get("/api/v1/auth/sesi").await?;
    super::set_csrf(s.sesi.as_ref().map(|s| s.csrf_token.clone()));
    Ok(s.sesi)
}

pub async fn logout() -> Result<(), Error> {
    let r: Result<(), Error> = super::send(Method::POST, "/api/v1/auth/logout", &serde_json::json!({})).await;
    super::set_csrf(None);
    r
}

/// Sets the first password of an imported pegawai with the admin's one-time code.
pub async fn aktivasi(nip: String, kode: String, password: String) -> Result<(), Error> {
    let body = ActivationInput { nip, kode, password };
    super::finish(gloo_net::http::Request::post("/api/v1/auth/aktivasi").json(&body)).await
}
