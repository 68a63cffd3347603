//! Talking to the server: one module per resource. Every change carries the
//! CSRF token of the session and an Idempotency-Key, so a retry after a lost
//! answer is applied once.

pub mod admin;
pub mod auth;
pub mod health;
pub mod org;
pub mod skp;

use std::cell::RefCell;

use domain::api::ErrorBody;
use gloo_net::http::{Method, Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What can go wrong with a request, as the user needs to hear it.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No answer at all: offline or the server is unreachable.
    Network,
    /// The session ended (401): sign in again; nothing typed is lost.
    SesiBerakhir,
    /// The server refused with its error body (422 field errors, 409 conflicts, …).
    Api { status: u16, body: ErrorBody },
    /// The server answered 2xx with a body we could not read.
    Decode,
}

impl Error {
    /// The field errors of a 422, keyed by field path.
    pub fn fields(&self) -> Option<&std::collections::BTreeMap<String, Vec<String>>> {
        match self {
            Error::Api { body, .. } if !body.fields.is_empty() => Some(&body.fields),
            _ => None,
        }
    }

    /// The server's errors for one field, in the user's language.
    pub fn pesan_bidang(&self, kunci: &str, bahasa_inggris: bool) -> Option<String> {
        let pesan = self.fields()?.get(kunci)?;
        Some(pesan.iter().map(|p| satu_bahasa(p, bahasa_inggris)).collect::<Vec<_>>().join(" "))
    }

    /// What to tell the user, in their language, for any failure: no
    /// connection (and that what they typed is still on the screen), an
    /// answer the app could not read, or the server's own words. Nothing for
    /// an ended session: the sign-in dialog says that.
    pub fn untuk_pengguna(&self, l: crate::i18n::Locale) -> String {
        use crate::i18n::td_string;
        match self {
            Error::Network => td_string!(l, umum.galat_jaringan).to_owned(),
            Error::Decode => td_string!(l, umum.galat_tak_terduga).to_owned(),
            Error::SesiBerakhir => String::new(),
            Error::Api { body, .. } => satu_bahasa(&body.message, l == crate::i18n::Locale::en),
        }
    }

    /// The server's message in the user's language (it sends "id / en").
    pub fn pesan(&self, bahasa_inggris: bool) -> Option<String> {
        match self {
            Error::Api { body, .. } => Some(satu_bahasa(&body.message, bahasa_inggris)),
            _ => None,
        }
    }
}

/// For the console and the page's error boundary: what failed, never what
/// was sent or who sent it.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Network => f.write_str("no answer from the server"),
            Error::SesiBerakhir => f.write_str("the session ended"),
            Error::Api { status, body } => write!(f, "the server refused: HTTP {status} ({})", body.code),
            Error::Decode => f.write_str("an answer the app could not read"),
        }
    }
}

impl std::error::Error for Error {}

/// Picks one side of a server message "Bahasa Indonesia / English".
pub fn satu_bahasa(pesan: &str, bahasa_inggris: bool) -> String {
    match pesan.split_once(" / ") {
        Some((id, en)) => if bahasa_inggris { en } else { id }.trim().to_owned(),
        None => pesan.to_owned(),
    }
}

thread_local! {
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The CSRF token of the current session (empty when signed out), for a
/// request built by hand (e.g. a CSV body).
pub fn csrf_token() -> String {
    CSRF.with(|c| c.borrow().clone()).unwrap_or_default()
}

/// Remembers the CSRF token of the current session (`None` after logout).
pub fn set_csrf(token: Option<String>) {
    CSRF.with(|c| *c.borrow_mut() = token);
}

async fn finish<T: DeserializeOwned>(req: Result<gloo_net::http::Request, gloo_net::Error>) -> Result<T, Error> {
    finish_as(req, true).await
}

/// `sesi_401`: a 401 means the session ended (every route but the sign-in
/// itself, where it means a wrong NIP or password and carries the message).
async fn finish_as<T: DeserializeOwned>(
    req: Result<gloo_net::http::Request, gloo_net::Error>,
    sesi_401: bool,
) -> Result<T, Error> {
    let res = req.map_err(|_| Error::Network)?.send().await.map_err(|_| Error::Network)?;
    let status = res.status();
    if status == 401 && sesi_401 {
        return Err(Error::SesiBerakhir);
    }
    if !(200..300).contains(&status) {
        let body = res.json::<ErrorBody>().await.unwrap_or_else(|_| ErrorBody {
            code: "unknown".into(),
            // No error body (a proxy's page, say): said in both languages, as the server would.
            message: {
                use crate::i18n::{Locale, td_string};
                let umum = |l| td_string!(l, umum.galat_server_umum);
                format!("{} (HTTP {status}). / {} (HTTP {status}).", umum(Locale::id), umum(Locale::en))
            },
            ..ErrorBody::default()
        });
        return Err(Error::Api { status, body });
    }
    if status == 204 {
        return serde_json::from_str("null").map_err(|_| Error::Decode);
    }
    res.json::<T>().await.map_err(|_| Error::Decode)
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Error> {
    finish(Request::get(path).build()).await
}

fn mutation(method: Method, path: &str, key: &str) -> RequestBuilder {
    let csrf = csrf_token();
    RequestBuilder::new(path).method(method).header("x-csrf-token", &csrf).header("idempotency-key", key)
}

/// A change with a fresh Idempotency-Key.
pub async fn send<B: Serialize, T: DeserializeOwned>(method: Method, path: &str, body: &B) -> Result<T, Error> {
    send_with_key(method, path, body, &kunci_baru()).await
}

/// A change with a given Idempotency-Key (a retry of the same action reuses it).
pub async fn send_with_key<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
    key: &str,
) -> Result<T, Error> {
    finish(mutation(method, path, key).json(body)).await
}

pub fn kunci_baru() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galat(bidang: &str, pesan: &str) -> Error {
        let mut body = ErrorBody { code: "validation".into(), message: "x".into(), ..ErrorBody::default() };
        body.fields.insert(bidang.into(), vec![pesan.into()]);
        Error::Api { status: 422, body }
    }

    #[test]
    fn the_servers_field_errors_land_under_their_fields_in_the_users_language() {
        let kode = galat("kode", "Kode aktivasi salah. / Wrong activation code.");
        assert_eq!(kode.pesan_bidang("kode", false).as_deref(), Some("Kode aktivasi salah."));
        assert_eq!(kode.pesan_bidang("kode", true).as_deref(), Some("Wrong activation code."));
        assert_eq!(kode.pesan_bidang("baru", false), None);
        // The password's rule is reported by the server as `baru` (the field `SandiBaru` shows).
        let sandi = galat("baru", "Kata sandi minimal 10 karakter. / At least 10 characters.");
        assert_eq!(sandi.pesan_bidang("baru", true).as_deref(), Some("At least 10 characters."));
        assert_eq!(Error::Network.pesan_bidang("kode", false), None);
    }
}
