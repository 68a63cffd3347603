//! `/api/v1/auth/…`: signing in and out, the session, passwords, the
//! address for e-mail notifications.

use domain::api::{ActivationInput, EmailInput, EmailView, LoginInput, PasswordInput, SessionView};
use gloo_net::http::{Method, Request};

use super::{Client, Error};

impl Client {
    /// Signs in; the session's CSRF token is kept for every later change.
    pub async fn login(self, nip: String, password: String) -> Result<SessionView, Error> {
        let body = LoginInput { nip, password };
        // A 401 here is a wrong NIP or password, with the server's message.
        let s: SessionView = super::finish_as(Request::post("/api/v1/auth/login").json(&body), false).await?;
        self.remember(Some(&s));
        Ok(s)
    }

    /// The current session, `None` for a guest (asked without an error status).
    pub async fn session(self) -> Result<Option<SessionView>, Error> {
        let s: domain::api::CurrentSession = self.get("/api/v1/auth/session").await?;
        self.remember(s.session.as_ref());
        Ok(s.session)
    }

    pub async fn logout(self) -> Result<(), Error> {
        let r: Result<(), Error> = self.send(Method::POST, "/api/v1/auth/logout", &serde_json::json!({})).await;
        self.remember(None);
        r
    }

    /// Sets the first password of an imported pegawai with the admin's one-time code.
    pub async fn activate(self, nip: String, kode: String, password: String) -> Result<(), Error> {
        let body = ActivationInput { nip, kode, password };
        super::finish(Request::post("/api/v1/auth/aktivasi").json(&body)).await
    }

    /// Changes the signed-in user's password (their other sessions end).
    pub async fn change_password(self, lama: String, baru: String) -> Result<(), Error> {
        self.send(Method::POST, "/api/v1/auth/password", &PasswordInput { lama, baru }).await
    }

    /// The signed-in user's address for e-mail notifications.
    pub async fn email(self) -> Result<EmailView, Error> {
        self.get("/api/v1/auth/email").await
    }

    /// Sets (or, empty, clears) the signed-in user's address for e-mail notifications.
    pub async fn set_email(self, email: String) -> Result<EmailView, Error> {
        self.send(Method::PUT, "/api/v1/auth/email", &EmailInput { email }).await
    }
}
