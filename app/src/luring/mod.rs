//! Working with no connection (issue 22): what the device keeps, and the
//! outbox sent to `/api/v1/sync`.
//!
//! Everything is in one IndexedDB store ([`idb`]) under these keys:
//! - `sesi`: the last signed-in person's session (without its CSRF token),
//!   so the app opens as them with no connection until the session's end;
//!   removed on signing out and when the server says there is no session.
//! - `data:{pegawai}:{path}`: the answer of each `GET {path}` that person
//!   loaded, with when ([`Tersimpan`]); read when the server cannot be
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

pub mod idb;
pub mod sinkron;

use domain::api::SessionView;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A value as the outbox keeps a body. Through JSON text, not
/// `serde_json::to_value`: the app already writes every body as text, and a
/// second serialiser per type would cost the first load kilobytes.
pub fn ke_json<T: Serialize>(t: &T) -> Value {
    serde_json::to_string(t).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
}

/// A kept body read as a type, through JSON text for the same reason (the
/// app reads every answer from text).
pub fn dari_json<T: DeserializeOwned>(v: &Value) -> Option<T> {
    serde_json::from_str(&v.to_string()).ok()
}

pub const KUNCI_SESI: &str = "sesi";
/// Set when signing out could not reach the server (no connection): the
/// server's session is ended at the next start, before anything else.
pub const KUNCI_KELUAR: &str = "keluar-tertunda";
pub const KUNCI_OUTBOX: &str = "outbox";
const AWALAN_DATA: &str = "data:";

/// Where a person's copy of `GET {path}` is kept.
pub fn kunci_data(pegawai_id: &str, path: &str) -> String {
    format!("{AWALAN_DATA}{pegawai_id}:{path}")
}

/// Whether a kept answer must go when `pegawai_id` signs in (`None`: on
/// signing out, all of them): everyone else's.
pub fn data_orang_lain(kunci: &str, pegawai_id: Option<&str>) -> bool {
    match pegawai_id {
        Some(p) => kunci.starts_with(AWALAN_DATA) && !kunci.starts_with(&kunci_data(p, "")),
        None => kunci.starts_with(AWALAN_DATA),
    }
}

/// Which answers are kept for use offline: what a person reads to work,
/// not the session, the server's health or anything under `/admin`.
pub fn disimpan_untuk_luring(path: &str) -> bool {
    path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/")
        && !path.starts_with("/api/v1/admin")
        && !path.starts_with("/api/v1/health")
}

/// A kept answer: the body as the server sent it and when (ms since the epoch).
#[derive(Clone, Debug, PartialEq)]
pub struct Tersimpan {
    pub pada: f64,
    pub isi: String,
}

impl Tersimpan {
    /// Stored as `"{ms} {body}"` (whole ms): the body is not parsed to be kept.
    pub fn tulis(&self) -> String {
        format!("{} {}", self.pada as i64, self.isi)
    }

    pub fn baca(teks: &str) -> Option<Tersimpan> {
        let (pada, isi) = teks.split_once(' ')?;
        Some(Tersimpan { pada: pada.parse::<i64>().ok()? as f64, isi: isi.to_owned() })
    }
}

/// The session kept for opening offline: never its CSRF token (a change
/// needs a live session, which gives a fresh one).
pub fn sesi_untuk_disimpan(s: &SessionView) -> SessionView {
    SessionView { csrf_token: String::new(), ..s.clone() }
}

/// A kept session that may open the app offline at `sekarang_detik`: not
/// past its end.
pub fn sesi_berlaku(s: &SessionView, sekarang_detik: i64) -> bool {
    s.berakhir > sekarang_detik
}

/// The wait before the `percobaan`-th retry (from 0): doubling from 2 s up
/// to 60 s, then somewhere between half and all of it (`acak` in [0, 1)),
/// so a hundred tablets coming back at once do not all send together.
pub fn jeda_ms(percobaan: u32, acak: f64) -> u32 {
    let penuh = 2_000u32.saturating_mul(1 << percobaan.min(5)).min(60_000);
    let acak = acak.clamp(0.0, 1.0);
    (f64::from(penuh) * (0.5 + acak / 2.0)) as u32
}

/// Removes the kept answers of everyone but `pegawai_id` (all for `None`).
pub async fn bersihkan_data(pegawai_id: Option<&str>) {
    let Ok(kunci) = idb::kunci_berawalan(AWALAN_DATA).await else { return };
    let buang: Vec<(String, Option<String>)> =
        kunci.into_iter().filter(|k| data_orang_lain(k, pegawai_id)).map(|k| (k, None)).collect();
    if !buang.is_empty() {
        let _ = idb::tulis(buang).await;
    }
}

/// Keeps a person's answer to `GET {path}`.
pub async fn simpan_data(pegawai_id: &str, path: &str, isi: String) {
    let t = Tersimpan { pada: js_sys::Date::now(), isi };
    let _ = idb::tulis(vec![(kunci_data(pegawai_id, path), Some(t.tulis()))]).await;
}

/// A person's kept answer to `GET {path}`, if any.
pub async fn baca_data(pegawai_id: &str, path: &str) -> Option<Tersimpan> {
    Tersimpan::baca(&idb::baca(&kunci_data(pegawai_id, path)).await.ok()??)
}

/// Keeps (or with `None` forgets) who is signed in, for opening offline.
pub async fn simpan_sesi(s: Option<&SessionView>) {
    let isi = s.and_then(|s| serde_json::to_string(&sesi_untuk_disimpan(s)).ok());
    let _ = idb::tulis(vec![(KUNCI_SESI.to_owned(), isi)]).await;
}

/// Remembers (or forgets) that a sign-out has yet to reach the server.
pub async fn tandai_keluar(tertunda: bool) {
    let _ = idb::tulis(vec![(KUNCI_KELUAR.to_owned(), tertunda.then(|| "1".to_owned()))]).await;
}

/// Whether a sign-out has yet to reach the server.
pub async fn keluar_tertunda() -> bool {
    matches!(idb::baca(KUNCI_KELUAR).await, Ok(Some(_)))
}

/// The kept session, if it may still open the app.
pub async fn baca_sesi() -> Option<SessionView> {
    let s: SessionView = serde_json::from_str(&idb::baca(KUNCI_SESI).await.ok()??).ok()?;
    sesi_berlaku(&s, (js_sys::Date::now() / 1000.0) as i64).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_persons_answers_are_kept_apart_and_others_go_at_sign_in() {
        let mine = kunci_data("p1", "/api/v1/skp");
        let theirs = kunci_data("p12", "/api/v1/skp");
        assert_eq!(mine, "data:p1:/api/v1/skp");
        assert!(!data_orang_lain(&mine, Some("p1")));
        assert!(data_orang_lain(&theirs, Some("p1")), "a prefix of another id is another person");
        assert!(data_orang_lain(&mine, None), "signing out: all of them");
        assert!(!data_orang_lain(KUNCI_OUTBOX, None), "never the outbox");
        assert!(!data_orang_lain(KUNCI_SESI, Some("p1")));
    }

    #[test]
    fn only_what_a_person_works_with_is_kept_for_offline() {
        assert!(disimpan_untuk_luring("/api/v1/skp/abc"));
        assert!(disimpan_untuk_luring("/api/v1/penilai/skp?periode_id=x"));
        assert!(!disimpan_untuk_luring("/api/v1/auth/session"));
        assert!(!disimpan_untuk_luring("/api/v1/health"));
        assert!(!disimpan_untuk_luring("/api/v1/admin/pegawai"));
        assert!(!disimpan_untuk_luring("/sw.js"));
    }

    #[test]
    fn a_kept_answer_round_trips_with_its_time() {
        let t = Tersimpan { pada: 1_765_000_000_123.0, isi: r#"{"a": "b c"}"#.into() };
        assert_eq!(Tersimpan::baca(&t.tulis()), Some(t));
        assert_eq!(Tersimpan::baca("bukan angka {}"), None);
        assert_eq!(Tersimpan::baca(""), None);
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
        let kept = sesi_untuk_disimpan(&s);
        assert_eq!(kept.csrf_token, "");
        assert_eq!(kept.nip, s.nip);
        assert!(sesi_berlaku(&kept, 999));
        assert!(!sesi_berlaku(&kept, 1_000));
    }

    #[test]
    fn retries_back_off_to_a_minute_with_jitter() {
        assert_eq!(jeda_ms(0, 0.0), 1_000);
        assert_eq!(jeda_ms(0, 0.999_999), 1_999);
        assert_eq!(jeda_ms(1, 0.0), 2_000);
        assert_eq!(jeda_ms(4, 1.0), 32_000);
        assert_eq!(jeda_ms(5, 1.0), 60_000);
        assert_eq!(jeda_ms(40, 1.0), 60_000, "never more than a minute");
        assert!(jeda_ms(40, 0.0) >= 30_000);
    }
}
