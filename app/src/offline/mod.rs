//! Working with no connection (issue 22): what the device keeps, and the
//! outbox sent to `/api/v1/sync`.
//!
//! Everything is in one IndexedDB store ([`idb`]) under these keys:
//! - `sesi`: the last signed-in person's session (without its CSRF token),
//!   so the app opens as them with no connection until the session's end;
//!   removed on signing out and when the server says there is no session
//!   (then the 360 secrets and the kept answers go too: [`sesi_hilang`]).
//! - `data:{pegawai}:{path}`: the answer of each `GET {path}` that person
//!   loaded, with when ([`Kept`]); read when the server cannot be
//!   reached. Only that person's are read; everyone else's go when someone
//!   signs in, and theirs on signing out.
//! - `outbox`: the device's [`Outbox`](crate::state::outbox::Outbox), one
//!   value, so an entry and its `seq` are written in one transaction.
//! - `keluar-tertunda`: a sign-out that could not reach the server (no
//!   connection); finished at the next start before any session is taken.
//!
//! The rules are plain types with native tests (`state::outbox`, the key
//! and backoff functions here); [`sinkron`] wires them to the store, the
//! server and the screen.

pub mod berkas;
pub mod idb;
pub mod sync;

use domain::api::SessionView;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A value as the outbox keeps a body. Through JSON text, not
/// `serde_json::to_value`: the app already writes every body as text, and a
/// second serialiser per type would cost the first load kilobytes.
pub fn to_json<T: Serialize>(t: &T) -> Value {
    serde_json::to_string(t).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
}

/// A kept body read as a type, through JSON text for the same reason (the
/// app reads every answer from text).
pub fn from_json<T: DeserializeOwned>(v: &Value) -> Option<T> {
    serde_json::from_str(&v.to_string()).ok()
}

pub const KEY_SESSION: &str = "sesi";
/// Set when signing out could not reach the server (no connection): the
/// server's session is ended at the next start, before anything else.
pub const KEY_PENDING_SIGN_OUT: &str = "keluar-tertunda";
pub const KEY_OUTBOX: &str = "outbox";
const AWALAN_DATA: &str = "data:";

/// Where a person's copy of `GET {path}` is kept.
pub fn data_key(pegawai_id: &str, path: &str) -> String {
    format!("{AWALAN_DATA}{pegawai_id}:{path}")
}

/// Whether a kept answer must go when `pegawai_id` signs in (`None`: on
/// signing out, all of them): everyone else's.
pub fn is_someone_elses(kunci: &str, pegawai_id: Option<&str>) -> bool {
    match pegawai_id {
        Some(p) => kunci.starts_with(AWALAN_DATA) && !kunci.starts_with(&data_key(p, "")),
        None => kunci.starts_with(AWALAN_DATA),
    }
}

/// Which answers are kept for use offline: what a person reads to work,
/// not the session, the server's health or anything under `/admin`.
pub fn kept_offline(path: &str) -> bool {
    path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/")
        && !path.starts_with("/api/v1/admin")
        && !path.starts_with("/api/v1/health")
}

/// A kept answer: the body as the server sent it and when (ms since the epoch).
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub pada: f64,
    pub isi: String,
}

impl Kept {
    /// Stored as `"{ms} {body}"` (whole ms): the body is not parsed to be kept.
    pub fn to_text(&self) -> String {
        format!("{} {}", self.pada as i64, self.isi)
    }

    pub fn parse(teks: &str) -> Option<Kept> {
        let (pada, isi) = teks.split_once(' ')?;
        Some(Kept { pada: pada.parse::<i64>().ok()? as f64, isi: isi.to_owned() })
    }
}

/// The session kept for opening offline: never its CSRF token (a change
/// needs a live session, which gives a fresh one).
pub fn session_to_keep(s: &SessionView) -> SessionView {
    SessionView { csrf_token: String::new(), ..s.clone() }
}

/// A kept session that may open the app offline at `sekarang_detik`: not
/// past its end.
pub fn session_valid(s: &SessionView, sekarang_detik: i64) -> bool {
    s.berakhir > sekarang_detik
}

/// The wait before the `percobaan`-th retry (from 0): doubling from 2 s up
/// to 60 s, then somewhere between half and all of it (`acak` in [0, 1)),
/// so a hundred tablets coming back at once do not all send together.
pub fn backoff_ms(percobaan: u32, acak: f64) -> u32 {
    let penuh = 2_000u32.saturating_mul(1 << percobaan.min(5)).min(60_000);
    let acak = acak.clamp(0.0, 1.0);
    (f64::from(penuh) * (0.5 + acak / 2.0)) as u32
}

/// This tab's name among the browser's tabs, kept through a reload
/// (`sessionStorage` is per tab): an editor opened again after a reload
/// goes on with its own waiting save; another tab's stays another's.
pub fn id_tab() -> String {
    const KUNCI: &str = "ekinerja.tab";
    let simpanan = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = simpanan.as_ref().and_then(|s| s.get_item(KUNCI).ok().flatten()) {
        return id;
    }
    let id = crate::api::idempotency_key();
    if let Some(s) = simpanan {
        let _ = s.set_item(KUNCI, &id);
    }
    id
}

/// Removes the kept answers of everyone but `pegawai_id` (all for `None`),
/// and their 360 answers waiting in the outbox.
pub async fn clear_data(pegawai_id: Option<&str>) {
    // And from the outbox, what others said of a colleague in a 360.
    sync::buang_rahasia(pegawai_id).await;
    let Ok(kunci) = idb::keys_with_prefix(AWALAN_DATA).await else { return };
    let buang: Vec<(String, Option<String>)> =
        kunci.into_iter().filter(|k| is_someone_elses(k, pegawai_id)).map(|k| (k, None)).collect();
    if !buang.is_empty() {
        let _ = idb::write(buang).await;
    }
}

/// What goes when the server says nobody is signed in any more (a session
/// that simply expired, or ended on another device), before anyone signs in
/// again: what a rater said of a colleague in a 360 — their answers waiting
/// in the outbox (`state::outbox::RAHASIA`) and typed on this device
/// (`state::draf::rahasia`) — and every answer kept for reading offline
/// (the `tugas-360` requests with the rater's own answers, a penilai's rater
/// lists). Nobody is signed in, so nothing kept can be read offline anyway.
///
/// Not what sign-out drops: the person's own unsent work stays — the SKP
/// form, the realisations and feedback sheets typed, the outbox's other
/// changes, the files waiting to upload — so a pegawai whose session
/// expired while they worked offline loses nothing they typed; it is sent
/// when they sign in again, and goes if someone else signs in first
/// (`clear_data`, `state::draf::bersihkan`). A rater's unsent 360 answer is
/// the one thing lost: it would tell whoever uses the device next who
/// rated whom, and it is typed again in a minute.
pub async fn sesi_hilang() {
    crate::state::draf::bersihkan_rahasia();
    clear_data(None).await;
}

/// Keeps a person's answer to `GET {path}`.
pub async fn keep_data(pegawai_id: &str, path: &str, isi: String) {
    let t = Kept { pada: js_sys::Date::now(), isi };
    let _ = idb::write(vec![(data_key(pegawai_id, path), Some(t.to_text()))]).await;
}

/// A person's kept answer to `GET {path}`, if any.
pub async fn read_data(pegawai_id: &str, path: &str) -> Option<Kept> {
    Kept::parse(&idb::read(&data_key(pegawai_id, path)).await.ok()??)
}

/// Keeps (or with `None` forgets) who is signed in, for opening offline.
pub async fn keep_session(s: Option<&SessionView>) {
    let isi = s.and_then(|s| serde_json::to_string(&session_to_keep(s)).ok());
    let _ = idb::write(vec![(KEY_SESSION.to_owned(), isi)]).await;
}

/// Remembers (or forgets) that a sign-out has yet to reach the server.
pub async fn mark_sign_out(tertunda: bool) {
    let _ = idb::write(vec![(KEY_PENDING_SIGN_OUT.to_owned(), tertunda.then(|| "1".to_owned()))]).await;
}

/// Whether a sign-out has yet to reach the server.
pub async fn sign_out_pending() -> bool {
    matches!(idb::read(KEY_PENDING_SIGN_OUT).await, Ok(Some(_)))
}

/// The kept session, if it may still open the app.
pub async fn read_session() -> Option<SessionView> {
    let s: SessionView = serde_json::from_str(&idb::read(KEY_SESSION).await.ok()??).ok()?;
    session_valid(&s, (js_sys::Date::now() / 1000.0) as i64).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_persons_answers_are_kept_apart_and_others_go_at_sign_in() {
        let mine = data_key("p1", "/api/v1/skp");
        let theirs = data_key("p12", "/api/v1/skp");
        assert_eq!(mine, "data:p1:/api/v1/skp");
        assert!(!is_someone_elses(&mine, Some("p1")));
        assert!(is_someone_elses(&theirs, Some("p1")), "a prefix of another id is another person");
        assert!(is_someone_elses(&mine, None), "signing out: all of them");
        assert!(!is_someone_elses(KEY_OUTBOX, None), "never the outbox");
        assert!(!is_someone_elses(KEY_SESSION, Some("p1")));
    }

    #[test]
    fn only_what_a_person_works_with_is_kept_for_offline() {
        assert!(kept_offline("/api/v1/skp/abc"));
        assert!(kept_offline("/api/v1/penilai/skp?periode_id=x"));
        assert!(!kept_offline("/api/v1/auth/session"));
        assert!(!kept_offline("/api/v1/health"));
        assert!(!kept_offline("/api/v1/admin/pegawai"));
        assert!(!kept_offline("/sw.js"));
    }

    #[test]
    fn a_kept_answer_round_trips_with_its_time() {
        let t = Kept { pada: 1_765_000_000_123.0, isi: r#"{"a": "b c"}"#.into() };
        assert_eq!(Kept::parse(&t.to_text()), Some(t));
        assert_eq!(Kept::parse("bukan angka {}"), None);
        assert_eq!(Kept::parse(""), None);
    }

    #[test]
    fn the_kept_session_has_no_csrf_token_and_ends_when_the_session_does() {
        let s = SessionView {
            pegawai_id: "p".into(),
            instansi_id: "i".into(),
            nip: "199003152015032004".into(),
            nama: "Dewi".into(),
            jabatan: "Pengelola".into(),
            peran: domain::api::PeranAkun::Pegawai,
            penilai: false,
            csrf_token: "rahasia".into(),
            berakhir: 1_000,
        };
        let kept = session_to_keep(&s);
        assert_eq!(kept.csrf_token, "");
        assert_eq!(kept.nip, s.nip);
        assert!(session_valid(&kept, 999));
        assert!(!session_valid(&kept, 1_000));
    }

    #[test]
    fn retries_back_off_to_a_minute_with_jitter() {
        assert_eq!(backoff_ms(0, 0.0), 1_000);
        assert_eq!(backoff_ms(0, 0.999_999), 1_999);
        assert_eq!(backoff_ms(1, 0.0), 2_000);
        assert_eq!(backoff_ms(4, 1.0), 32_000);
        assert_eq!(backoff_ms(5, 1.0), 60_000);
        assert_eq!(backoff_ms(40, 1.0), 60_000, "never more than a minute");
        assert!(backoff_ms(40, 0.0) >= 30_000);
    }
}
