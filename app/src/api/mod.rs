//! Talking to the server: one [`Client`], with one method per endpoint in
//! the module of its resource. Every change carries the CSRF token of the
//! session and an Idempotency-Key, so a retry after a lost answer is applied
//! once.

pub mod admin;
pub mod auth;
pub mod bukti;
pub mod health;
pub mod notifikasi;
pub mod org;
pub mod penilaian;
pub mod realisasi;
pub mod skp;
pub mod sync;
pub mod umpan_balik;

use domain::Teks;
use domain::api::{ErrorBody, SessionView};
use domain::error::FieldErrors;
use gloo_net::http::{Method, Request, RequestBuilder};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What can go wrong with a request, as the user needs to hear it.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No answer at all: offline or the server is unreachable.
    Network,
    /// The session ended (401): sign in again; nothing typed is lost.
    SessionEnded,
    /// The server refused with its error body (422 field errors, 409 conflicts, …).
    Api { status: u16, body: ErrorBody },
    /// The server answered 2xx with a body we could not read.
    Decode,
}

impl Error {
    /// The field errors of a 422, keyed by field path.
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            Error::Api { body, .. } if !body.fields.is_empty() => Some(&body.fields),
            _ => None,
        }
    }

    /// The server's errors for one field, in the user's language.
    pub fn field_messages(&self, field: &str, bahasa_inggris: bool) -> Vec<String> {
        let pesan = self.fields().map(|f| f.get(field)).unwrap_or_default();
        pesan.iter().map(|p| satu_bahasa(p, bahasa_inggris)).collect()
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
            Error::SessionEnded => String::new(),
            Error::Api { body, .. } => satu_bahasa(&body.message, l == crate::i18n::Locale::en),
        }
    }

    /// The server's message in the user's language.
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
            Error::SessionEnded => f.write_str("the session ended"),
            Error::Api { status, body } => write!(f, "the server refused: HTTP {status} ({})", body.code),
            Error::Decode => f.write_str("an answer the app could not read"),
        }
    }
}

impl std::error::Error for Error {}

/// A server message (each language apart, as every message on the wire) in the user's language.
pub fn satu_bahasa(pesan: &Teks, bahasa_inggris: bool) -> String {
    pesan.dalam(if bahasa_inggris { "en" } else { "id" }).to_owned()
}

/// The one way to the server: one method per endpoint (in the resource's
/// module), and what belongs to the signed-in session (its CSRF token),
/// kept here from the sign-in or the session's answer until the sign-out.
/// Copied freely (it is a handle); pages get it with [`use_client`].
#[derive(Clone, Copy)]
pub struct Client {
    csrf: StoredValue<Option<String>>,
    /// Whose session it is: the answers they load are kept on the device
    /// under their id, and read back when the server cannot be reached.
    pemilik: StoredValue<Option<String>>,
    /// Whether answers are kept for offline use at all: in the pegawai's
    /// app, not in the admin console (online only).
    luring: StoredValue<bool>,
    /// When the oldest answer on screen read from the device was loaded
    /// (ms since the epoch); `None` while the server answers.
    dari_perangkat: RwSignal<Option<f64>>,
}

/// The app's [`Client`], provided once at the root (context newtype).
#[derive(Clone, Copy)]
pub struct ClientContext(pub Client);

/// Provides the app's client (called once, before any page).
pub fn provide_client() -> Client {
    let client = Client::new();
    provide_context(ClientContext(client));
    client
}

/// The app's client, for a page that fetches.
#[inline(never)]
pub fn use_client() -> Client {
    use_context::<ClientContext>().expect("the app provides its client before any page").0
}

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

impl Client {
    /// A client without a session (a guest's).
    pub fn new() -> Self {
        Client {
            csrf: StoredValue::new(None),
            pemilik: StoredValue::new(None),
            luring: StoredValue::new(false),
            dari_perangkat: RwSignal::new(None),
        }
    }

    /// Keeps the session's CSRF token for every later change and whose it
    /// is (`None`: signed out). A session kept on the device (opened with
    /// no connection) has no token: the next change asks for the session first.
    pub fn remember(self, session: Option<&SessionView>) {
        self.csrf.try_set_value(session.map(|s| s.csrf_token.clone()));
        self.pemilik.try_set_value(session.map(|s| s.pegawai_id.clone()));
    }

    /// The CSRF token of the current session (empty when signed out).
    fn csrf_token(self) -> String {
        self.csrf.try_get_value().flatten().unwrap_or_default()
    }

    /// Forgets a CSRF token the server no longer takes (the next change
    /// asks for the session first).
    pub fn forget_csrf_token(self) {
        self.csrf.try_set_value(None);
    }

    /// Whether a change can be sent now without asking for the session first.
    pub fn has_csrf_token(self) -> bool {
        !self.csrf_token().is_empty()
    }

    /// When what is on screen was loaded, if some of it came from the device.
    pub fn dari_perangkat(self) -> Signal<Option<f64>> {
        self.dari_perangkat.into()
    }

    /// A read. A signed-in person's answer is kept on the device, and read
    /// from there when the server cannot be reached (said on screen with
    /// when it was loaded).
    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, Error> {
        let (teks, dari_server) = self.baca(path).await?;
        match serde_json::from_str(&teks) {
            Ok(nilai) => {
                if dari_server {
                    self.simpan_untuk_luring(path, teks);
                }
                Ok(nilai)
            }
            // A kept copy the app can no longer read is as good as none.
            Err(_) => Err(if dari_server { Error::Decode } else { Error::Network }),
        }
    }

    /// The body of `GET {path}` and whether the server gave it (else the
    /// device's copy, when the server cannot be reached). Not generic: one
    /// copy of this code, whatever the answer's type.
    async fn baca(self, path: &str) -> Result<(String, bool), Error> {
        match body_of(Request::get(path).build(), true).await {
            Err(Error::Network) => {
                let p = self.pemilik_luring(path).ok_or(Error::Network)?;
                let kept = crate::offline::read_data(&p, path).await.ok_or(Error::Network)?;
                let lama = self.dari_perangkat.try_get_untracked().flatten().map_or(kept.pada, |t| t.min(kept.pada));
                self.dari_perangkat.try_set(Some(lama));
                Ok((kept.isi, false))
            }
            r => r.map(|teks| (teks, true)),
        }
    }

    /// Whose copy of `GET {path}` is kept on the device: the signed-in
    /// person's, for what they work with offline.
    fn pemilik_luring(self, path: &str) -> Option<String> {
        let luring = self.luring.try_get_value() == Some(true) && crate::offline::kept_offline(path);
        self.pemilik.try_get_value().flatten().filter(|_| luring)
    }

    /// Keeps the signed-in person's answers for offline use (the pegawai's
    /// app calls it once; the admin console never does).
    pub fn keep_for_offline(self) {
        self.luring.try_set_value(true);
    }

    /// Keeps an answer the app could read, for use offline.
    fn simpan_untuk_luring(self, path: &str, teks: String) {
        let Some(p) = self.pemilik_luring(path) else { return };
        let path = path.to_owned();
        leptos::task::spawn_local(async move { crate::offline::keep_data(&p, &path, teks).await });
        if self.dari_perangkat.try_get_untracked().flatten().is_some() {
            self.dari_perangkat.try_set(None);
        }
    }

    /// A change: the session's CSRF token and the Idempotency-Key `key`
    /// (a retry of the same action reuses it).
    fn mutation(self, method: Method, path: &str, key: &str) -> RequestBuilder {
        RequestBuilder::new(path)
            .method(method)
            .header("x-csrf-token", &self.csrf_token())
            .header("idempotency-key", key)
    }

    /// A change with a fresh Idempotency-Key.
    async fn send<B: Serialize, T: DeserializeOwned>(self, method: Method, path: &str, body: &B) -> Result<T, Error> {
        self.send_with_key(method, path, body, &idempotency_key()).await
    }

    /// A change with a given Idempotency-Key.
    async fn send_with_key<B: Serialize, T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
        body: &B,
        key: &str,
    ) -> Result<T, Error> {
        finish(self.mutation(method, path, key).json(body)).await
    }
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
    let teks = body_of(req, sesi_401).await?;
    serde_json::from_str(&teks).map_err(|_| Error::Decode)
}

/// Sends the request and reads a 2xx answer's body (`null` for a 204); the
/// same for every endpoint, so only the parsing above is per answer type.
async fn body_of(req: Result<gloo_net::http::Request, gloo_net::Error>, sesi_401: bool) -> Result<String, Error> {
    let res = req.map_err(|_| Error::Network)?.send().await.map_err(|_| Error::Network)?;
    let status = res.status();
    if status == 401 && sesi_401 {
        return Err(Error::SessionEnded);
    }
    if !(200..300).contains(&status) {
        let body = res.json::<ErrorBody>().await.unwrap_or_else(|_| tanpa_body(status));
        return Err(Error::Api { status, body });
    }
    if status == 204 {
        return Ok("null".to_owned());
    }
    res.text().await.map_err(|_| Error::Decode)
}

/// The error of a refusal without an error body (a proxy's page, say):
/// said in both languages, as the server would.
fn tanpa_body(status: u16) -> ErrorBody {
    use crate::i18n::{Locale, td_string};
    let umum = |l| td_string!(l, umum.galat_server_umum);
    ErrorBody {
        code: "unknown".into(),
        message: Teks::new(
            format!("{} (HTTP {status}).", umum(Locale::id)),
            format!("{} (HTTP {status}).", umum(Locale::en)),
        ),
        ..ErrorBody::default()
    }
}

/// A fresh Idempotency-Key, for an action the page retries with the same key.
pub fn idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galat(bidang: &str, pesan: &str) -> Error {
        let (id, en) = pesan.split_once(" / ").expect("the test writes both languages");
        let message = Teks::new("x", "x");
        let body = ErrorBody {
            code: "validation".into(),
            message,
            fields: FieldErrors::new().with(bidang, Teks::new(id, en)),
            current: None,
        };
        Error::Api { status: 422, body }
    }

    #[test]
    fn the_servers_field_errors_land_under_their_fields_in_the_users_language() {
        let kode = galat("kode", "Kode aktivasi salah. / Wrong activation code.");
        assert_eq!(kode.field_messages("kode", false), ["Kode aktivasi salah."]);
        assert_eq!(kode.field_messages("kode", true), ["Wrong activation code."]);
        assert!(kode.field_messages("baru", false).is_empty());
        // The password's rule is reported by the server as `baru` (the field `SandiBaru` shows).
        let sandi = galat("baru", "Kata sandi minimal 10 karakter. / At least 10 characters.");
        assert_eq!(sandi.field_messages("baru", true), ["At least 10 characters."]);
        assert!(Error::Network.field_messages("kode", false).is_empty());
    }

    #[test]
    fn the_client_keeps_the_sessions_csrf_token_until_sign_out() {
        let client = Client::new();
        assert_eq!(client.csrf_token(), "", "a guest has none");
        let session = SessionView {
            pegawai_id: "p".into(),
            instansi_id: "i".into(),
            nip: "199003152015032004".into(),
            nama: "Dewi".into(),
            jabatan: "Pengelola".into(),
            peran: domain::api::PeranAkun::Pegawai,
            penilai: false,
            csrf_token: "token-1".into(),
            berakhir: 0,
        };
        client.remember(Some(&session));
        assert_eq!(client.csrf_token(), "token-1");
        // A copy of the handle is the same client.
        let copy = client;
        copy.remember(None);
        assert_eq!(client.csrf_token(), "", "signed out");
    }
}
