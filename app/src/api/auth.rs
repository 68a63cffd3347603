//! `/api/v1/auth/…`.

use domain::api::{ActivationInput, LoginInput, PasswordInput, SessionView};
use gloo_net::http::Method;

use super::Error;

pub async fn login(nip: String, password: String) -> Result<SessionView, Error> {
    let body = LoginInput { nip, password };
    // A 401 here is a wrong NIP or password, with the server's message.
    let s: SessionView =
        super::finish_as(gloo_net::http::Request::post("/api/v1/auth/login").json(&body), false).await?;
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

/// Changes the signed-in user's password (their other sessions end).
pub async fn ganti_sandi(lama: String, baru: String) -> Result<(), Error> {
    super::send(Method::POST, "/api/v1/auth/password", &PasswordInput { lama, baru }).await
}
