//! The outbox at work: a change is queued on the device (the entry and its
//! `seq` in one strict IndexedDB transaction) and then sent, in order, to
//! `/api/v1/sync` — at start, after each change, when the connection comes
//! back (`online`), when the app is shown again (`visibilitychange`,
//! `pageshow`), and on a timer that backs off with jitter while sending
//! fails. Not the Background Sync API: only Chromium has it.
//!
//! What each batch did is published ([`Syncer::results`]) for the screen
//! that made the change; what waits, what was refused and the last sync are
//! signals the sync bar shows.

use domain::api::sync::SyncOutput;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::api::{self, Client};
use crate::offline::{self, KEY_OUTBOX, idb};
use crate::state::auth::AuthContext;
use crate::state::outbox::{Outbox, Outcome, Refused, outcome_of};

/// One change's answer, for the screen that shows its record.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SyncResult {
    pub seq: u64,
    /// The record it changed (its API path), as queued.
    pub record: Option<String>,
    pub path: String,
    pub status: u16,
    pub body: Value,
}

impl SyncResult {
    pub fn outcome(&self) -> Outcome {
        outcome_of(self.status, &self.body)
    }

    /// The refusal as the API client reports one (field errors, conflicts).
    pub fn error(&self) -> Option<api::Error> {
        (self.outcome() == Outcome::Refused)
            .then(|| api::Error::Api { status: self.status, body: offline::from_json(&self.body).unwrap_or_default() })
    }
}

/// A person's refused saves of one record (see [`Syncer::refused_for`]).
pub struct RefusedSaves {
    pub seqs: Vec<u64>,
    pub body: Value,
    pub current: Option<Value>,
}

/// The device's sync state for the signed-in person (context newtype of
/// signals; copied freely).
#[derive(Clone, Copy)]
pub struct Syncer {
    client: Client,
    auth: AuthContext,
    /// The browser says it is online and the last request got an answer.
    pub online: RwSignal<bool>,
    /// How many of this person's changes wait to be sent.
    pub waiting: RwSignal<usize>,
    /// This person's refused changes, oldest first.
    pub refused: RwSignal<Vec<Refused>>,
    /// When the server last took a batch (ms since the epoch).
    pub last_sync: RwSignal<Option<f64>>,
    /// The answers of the last batch.
    pub results: RwSignal<Vec<SyncResult>>,
    sending: StoredValue<bool>,
    lagi: StoredValue<bool>,
    attempt: StoredValue<u32>,
    timer: StoredValue<Option<i32>>,
}

/// The stored outbox: a new one when none is stored yet; `None` when the
/// stored text cannot be read (written by a newer version of the app, say):
/// then nothing is sent from it and nothing is written over it.
fn outbox_from(teks: Option<String>) -> Option<Outbox> {
    match teks {
        None => Some(new_outbox()),
        Some(t) => serde_json::from_str(&t).ok(),
    }
}

/// The outbox as stored now.
async fn stored_outbox() -> Option<Outbox> {
    outbox_from(idb::read(KEY_OUTBOX).await.ok()?)
}

/// Changes the stored outbox in one transaction; `ubah`'s result comes back
/// with the outbox as written. An outbox that cannot be read stays as it is
/// (and this fails).
async fn update_outbox<R: 'static>(
    ubah: impl FnOnce(&mut Outbox) -> R + 'static,
) -> Result<(R, Outbox), idb::IdbError> {
    idb::update(KEY_OUTBOX, move |lama| match outbox_from(lama.clone()) {
        Some(mut ob) => {
            let r = ubah(&mut ob);
            (serde_json::to_string(&ob).ok().or(lama), Some((r, ob)))
        }
        None => (lama, None),
    })
    .await?
    .ok_or(idb::IdbError)
}

/// Drops from the stored outbox the 360 answers of everyone but
/// `pegawai_id` (`None`: of everyone; `Outbox::buang_rahasia`). Read
/// first: it runs at every start, and the outbox is written only when
/// something goes (a write per start would race the tabs' own writes for
/// nothing and wear the device's storage).
pub async fn buang_rahasia(pegawai_id: Option<&str>) {
    if !stored_outbox().await.is_some_and(|ob| ob.ada_rahasia(pegawai_id)) {
        return;
    }
    let p = pegawai_id.map(str::to_owned);
    let _ = update_outbox(move |ob| ob.buang_rahasia(p.as_deref())).await;
}

/// A device's id for its outbox, chosen once.
fn new_outbox() -> Outbox {
    Outbox::new(api::idempotency_key())
}

/// The channel the tabs of this browser tell each other a batch's answers on.
const CHANNEL: &str = "ekinerja-sinkron";

thread_local! {
    static THIS_CHANNEL: std::cell::RefCell<Option<web_sys::BroadcastChannel>> = const { std::cell::RefCell::new(None) };
}

fn last_sync_key(pegawai_id: &str) -> String {
    offline::data_key(pegawai_id, "#sinkron")
}

pub fn use_syncer() -> Option<Syncer> {
    use_context::<Syncer>()
}

/// Provides the sync state and starts watching the connection and the page.
pub fn provide_syncer(client: Client, auth: AuthContext) -> Syncer {
    let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    let s = Syncer {
        client,
        auth,
        online: RwSignal::new(online),
        waiting: RwSignal::new(0),
        refused: RwSignal::new(Vec::new()),
        last_sync: RwSignal::new(None),
        results: RwSignal::new(Vec::new()),
        sending: StoredValue::new(false),
        lagi: StoredValue::new(false),
        attempt: StoredValue::new(0),
        timer: StoredValue::new(None),
    };
    provide_context(s);
    // A batch sent by another tab of this browser: its answers reach this
    // tab's screens too (else an editor open here keeps the old version and
    // its next save is refused as stale).
    if let Ok(kanal) = web_sys::BroadcastChannel::new(CHANNEL) {
        let terima = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(teks) = e.data().as_string() else { return };
            let Ok((pemilik, hasil)) = serde_json::from_str::<(String, Vec<SyncResult>)>(&teks) else { return };
            if pemilik == s.owner() {
                s.results.set(hasil);
                leptos::task::spawn_local(s.refresh());
            }
        });
        kanal.set_onmessage(Some(terima.as_ref().unchecked_ref()));
        terima.forget();
        THIS_CHANNEL.with(|k| *k.borrow_mut() = Some(kanal));
    }
    if let Some(w) = web_sys::window() {
        let pasang = |nama: &str, f: Box<dyn FnMut()>| {
            let c = Closure::<dyn FnMut()>::new(f);
            let _ = w.add_event_listener_with_callback(nama, c.as_ref().unchecked_ref());
            c.forget();
        };
        pasang(
            "online",
            Box::new(move || {
                s.online.set(true);
                s.attempt.set_value(0);
                s.send();
            }),
        );
        pasang("offline", Box::new(move || s.online.set(false)));
        pasang("pageshow", Box::new(move || s.send()));
        if let Some(d) = w.document() {
            let c = Closure::<dyn FnMut()>::new(move || {
                if web_sys::window().and_then(|w| w.document()).is_some_and(|d| !d.hidden()) {
                    s.send();
                }
            });
            let _ = d.add_event_listener_with_callback("visibilitychange", c.as_ref().unchecked_ref());
            c.forget();
        }
    }
    // Whoever signs in: their state is read, and what they queued is sent.
    Effect::new(move |sebelumnya: Option<String>| {
        let pemilik = auth.0.with(|a| match a {
            crate::state::auth::Auth::Masuk(s) => s.pegawai_id.clone(),
            _ => String::new(),
        });
        if !pemilik.is_empty() && sebelumnya.as_deref() != Some(pemilik.as_str()) {
            s.attempt.set_value(0);
            let pemilik = pemilik.clone();
            leptos::task::spawn_local(async move {
                let t = idb::read(&last_sync_key(&pemilik)).await.ok().flatten().and_then(|t| t.parse::<i64>().ok());
                s.last_sync.set(t.map(|t| t as f64));
                s.refresh().await;
                s.send_all().await;
            });
        }
        pemilik
    });
    s
}

impl Syncer {
    fn owner(self) -> String {
        self.auth.pegawai_id()
    }

    /// Shows what the stored outbox holds for the signed-in person.
    fn show(self, ob: &Outbox) {
        let p = self.owner();
        self.waiting.set(ob.pending(&p).count());
        let ditolak: Vec<Refused> = ob.refused(&p).cloned().collect();
        if self.refused.with_untracked(|d| *d != ditolak) {
            self.refused.set(ditolak);
        }
    }

    /// Reads the stored outbox again (another tab may have changed it).
    async fn refresh(self) {
        if let Some(ob) = stored_outbox().await {
            self.show(&ob);
        }
    }

    /// Queues changes of the signed-in person's (one action: all of them
    /// stored in one transaction, or none) and starts sending. `record`: the
    /// record's API path and the version last received from the server (each
    /// body's `version` is set from it, after the changes of that record
    /// already waiting). Resolves with the last `seq` once stored on the device.
    pub async fn queue(
        self,
        record: Option<(String, i64)>,
        ubah: Vec<(&'static str, String, Value)>,
    ) -> Result<u64, idb::IdbError> {
        self.simpan(None, Vec::new(), record, false, ubah).await
    }

    /// [`Syncer::queue`] by the screen `asal` (an editor): its save not sent
    /// yet gives way to its next one; `tetap`: on the version given, not
    /// after the record's waiting changes (`Outbox::push_dari`).
    pub async fn queue_dari(
        self,
        asal: String,
        record: Option<(String, i64)>,
        tetap: bool,
        ubah: Vec<(&'static str, String, Value)>,
    ) -> Result<u64, idb::IdbError> {
        self.simpan(Some(asal), Vec::new(), record, tetap, ubah).await
    }

    /// [`Syncer::queue`], the refused changes `ganti` (their `seq`) dropped
    /// in the same transaction: what the person chose instead of them.
    pub async fn queue_instead(
        self,
        ganti: Vec<u64>,
        record: Option<(String, i64)>,
        ubah: Vec<(&'static str, String, Value)>,
    ) -> Result<u64, idb::IdbError> {
        self.simpan(None, ganti, record, false, ubah).await
    }

    async fn simpan(
        self,
        asal: Option<String>,
        ganti: Vec<u64>,
        record: Option<(String, i64)>,
        tetap: bool,
        ubah: Vec<(&'static str, String, Value)>,
    ) -> Result<u64, idb::IdbError> {
        let pemilik = self.owner();
        if pemilik.is_empty() || (ubah.is_empty() && ganti.is_empty()) {
            return Err(idb::IdbError);
        }
        let keys: Vec<String> = ubah.iter().map(|_| api::idempotency_key()).collect();
        let (seq, ob) = update_outbox(move |ob| {
            for s in ganti {
                ob.drop_refused(&pemilik, s);
            }
            let record = record.as_ref().map(|(r, v)| (r.as_str(), *v));
            let mut seq = 0;
            for ((method, path, body), key) in ubah.into_iter().zip(keys) {
                seq = ob.push_dari(asal.as_deref(), &pemilik, record, tetap, method, &path, body, key);
            }
            seq
        })
        .await?;
        self.show(&ob);
        self.send();
        Ok(seq)
    }

    /// What of the signed-in person's waits for the record `path`: the body
    /// of the last waiting save (`PUT path`: the editor opens on it after a
    /// reload) and the path of the last waiting workflow step (`POST
    /// path/…`). `None` when nothing waits.
    pub async fn waiting_for(self, path: &str) -> Option<(Option<Value>, Option<String>)> {
        let ob = stored_outbox().await?;
        let p = self.owner();
        let milik: Vec<_> = ob.pending(&p).filter(|e| e.record.as_ref().is_some_and(|(r, _)| r == path)).collect();
        if milik.is_empty() {
            return None;
        }
        let simpan = milik.iter().rev().find(|e| e.mutation.method == "PUT").map(|e| e.mutation.body.clone());
        let langkah = milik.iter().rev().find(|e| e.mutation.method == "POST").map(|e| e.mutation.path.clone());
        Some((simpan, langkah))
    }

    /// The signed-in person's refused saves of the record `path` (`PUT
    /// path`), for setting them beside the record as it now is: every one's
    /// outbox number, the last one's body, and the newest current record any
    /// refusal carried (a stale version's 409 has it).
    pub async fn refused_for(self, path: &str) -> Option<RefusedSaves> {
        let ob = stored_outbox().await?;
        let p = self.owner();
        let saves: Vec<&Refused> =
            ob.refused(&p).filter(|r| r.entry.mutation.method == "PUT" && r.entry.mutation.path == path).collect();
        let last = saves.last()?;
        let current = saves
            .iter()
            .filter_map(|r| r.body.get("current").filter(|c| c.get("version").and_then(Value::as_i64).is_some()))
            .max_by_key(|c| c.get("version").and_then(Value::as_i64))
            .cloned();
        Some(RefusedSaves {
            seqs: saves.iter().map(|r| r.entry.mutation.seq).collect(),
            body: last.entry.mutation.body.clone(),
            current,
        })
    }

    /// Whether a change of the signed-in person's by `method` to `path`
    /// whose body has `kunci` = `nilai` waits (e.g. an SKP created offline
    /// for a period: the dashboard says so after a reload too).
    pub async fn is_waiting(self, method: &str, path: &str, kunci: &str, nilai: &str) -> bool {
        let Some(ob) = stored_outbox().await else { return false };
        let p = self.owner();
        ob.pending(&p).any(|e| {
            e.mutation.method == method
                && e.mutation.path == path
                && e.mutation.body.get(kunci).and_then(Value::as_str) == Some(nilai)
        })
    }

    /// Drops a refused change, as its owner chose.
    pub fn drop_refused(self, seq: u64) {
        let p = self.owner();
        leptos::task::spawn_local(async move {
            if let Ok((_, ob)) = update_outbox(move |ob| ob.drop_refused(&p, seq)).await {
                self.show(&ob);
            }
        });
    }

    /// Queues a refused change again on the record as it now is (the
    /// refusal's current record, when it had one) and sends it.
    pub fn reapply(self, seq: u64) {
        let p = self.owner();
        let key = api::idempotency_key();
        leptos::task::spawn_local(async move {
            if let Ok((_, ob)) = update_outbox(move |ob| {
                let versi = ob
                    .refused(&p)
                    .find(|r| r.entry.mutation.seq == seq)
                    .and_then(|r| r.body.pointer("/current/version").and_then(Value::as_i64));
                ob.reapply(&p, seq, versi, key)
            })
            .await
            {
                self.show(&ob);
                self.send();
            }
        });
    }

    /// Sends what waits, now (in the background).
    pub fn send(self) {
        leptos::task::spawn_local(self.send_all());
    }

    /// Sends the signed-in person's waiting changes, batch after batch,
    /// until none waits or sending fails for now (then again after a wait).
    /// One at a time in this tab; another tab sending at once is told
    /// `sync_busy` by the server and tries again.
    pub async fn send_all(self) {
        if self.sending.get_value() {
            self.lagi.set_value(true);
            return;
        }
        self.sending.set_value(true);
        if let Some(id) = self.timer.get_value() {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(id);
            }
            self.timer.set_value(None);
        }
        loop {
            self.lagi.set_value(false);
            match self.send_batch().await {
                Langkah::Lanjut => continue,
                Langkah::Selesai => {
                    self.attempt.set_value(0);
                }
                Langkah::NantiLagi => self.retry_later(),
                Langkah::Berhenti => {}
            }
            if !self.lagi.get_value() {
                break;
            }
        }
        self.sending.set_value(false);
    }

    /// Tries again after the backoff.
    fn retry_later(self) {
        let n = self.attempt.get_value();
        self.attempt.set_value(n.saturating_add(1));
        let jeda = offline::backoff_ms(n, js_sys::Math::random());
        let Some(w) = web_sys::window() else { return };
        // One timer at a time.
        if let Some(id) = self.timer.get_value() {
            w.clear_timeout_with_handle(id);
        }
        let f = Closure::once_into_js(move || {
            self.timer.try_set_value(None);
            self.send();
        });
        if let Ok(id) = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), jeda as i32) {
            self.timer.set_value(Some(id));
        }
    }

    async fn send_batch(self) -> Langkah {
        let pemilik = self.owner();
        if pemilik.is_empty() || !self.auth.0.with_untracked(|a| matches!(a, crate::state::auth::Auth::Masuk(_))) {
            return Langkah::Berhenti;
        }
        let Ok(teks) = idb::read(KEY_OUTBOX).await else { return Langkah::NantiLagi };
        let Some(ob) = outbox_from(teks) else {
            web_sys::console::warn_1(
                &"the stored outbox cannot be read by this version: kept as it is, not sent".into(),
            );
            return Langkah::Berhenti;
        };
        self.show(&ob);
        if ob.batch(&pemilik).is_none() {
            return Langkah::Selesai;
        }
        // Opened with no connection: the session's CSRF token comes with the session.
        if !self.client.has_csrf_token() {
            match self.client.session().await {
                Ok(Some(s)) if s.pegawai_id == pemilik => {}
                // No session, or someone else's (signed in in another tab):
                // this person's changes wait until they sign in again.
                Ok(_) => {
                    self.client.remember(None);
                    self.auth.expire();
                    return Langkah::Berhenti;
                }
                Err(_) => {
                    self.online.set(false);
                    return Langkah::NantiLagi;
                }
            }
        }
        // Marked as sent in the same stored write that takes the batch: a
        // save typed meanwhile no longer takes the place of one of these.
        // (Not while the browser knows it has no connection: nothing would go.)
        if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
            self.online.set(false);
            return Langkah::NantiLagi;
        }
        let p = pemilik.clone();
        let (batch, ob) = match update_outbox(move |ob| ob.take_batch(&p)).await {
            Ok((Some(batch), ob)) => (batch, ob),
            // Sent meanwhile by another tab.
            Ok((None, _)) => return Langkah::Selesai,
            Err(_) => return Langkah::NantiLagi,
        };
        let out: SyncOutput = match self.client.sync(&batch).await {
            Ok(out) => out,
            Err(api::Error::SessionEnded) => {
                // Kept: sent once the same person signs in again.
                self.auth.expire();
                return Langkah::Berhenti;
            }
            Err(api::Error::Network) => {
                self.online.set(false);
                return Langkah::NantiLagi;
            }
            // A CSRF token no longer the session's (signed in again in
            // another tab): the next attempt asks for the session first.
            Err(api::Error::Api { status: 403, .. }) => {
                self.client.forget_csrf_token();
                return Langkah::NantiLagi;
            }
            // Busy with another tab's batch, too many requests, the server failing: later.
            Err(_) => return Langkah::NantiLagi,
        };
        self.online.set(true);
        let entri: Vec<(u64, Option<String>, String)> = ob
            .pending(&pemilik)
            .map(|e| (e.mutation.seq, e.record.as_ref().map(|(r, _)| r.clone()), e.mutation.path.clone()))
            .collect();
        let p = pemilik.clone();
        let jawab = out.clone();
        let Ok((applied, ob)) = update_outbox(move |ob| ob.apply(&p, &jawab)).await else {
            // Not recorded: sent again, answered from the keys.
            return Langkah::NantiLagi;
        };
        let hasil: Vec<SyncResult> = out
            .results
            .into_iter()
            .filter_map(|r| {
                let (_, record, path) = entri.iter().find(|(s, _, _)| *s == r.seq)?.clone();
                Some(SyncResult { seq: r.seq, record, path, status: r.status, body: r.body })
            })
            .collect();
        self.show(&ob);
        self.results.set(hasil.clone());
        if let Ok(teks) = serde_json::to_string(&(&pemilik, &hasil)) {
            THIS_CHANNEL.with(|k| k.borrow().as_ref().map(|k| k.post_message(&teks.into())));
        }
        // Signed out (or someone else) while the batch was out: nothing of
        // this person's is kept on the device any more.
        if self.owner() != pemilik {
            return Langkah::Berhenti;
        }
        // The saved record as the server now has it: what is read offline
        // next. Only an answer that is the record itself (its `id` the
        // record's): a change of a part of it (a realisation of an SKP)
        // answers with that part, which is not what `GET record` reads.
        for h in hasil.iter().filter(|h| h.outcome() == Outcome::Saved) {
            if let Some(r) = h.record.as_deref().filter(|r| is_the_record(r, &h.body)) {
                offline::keep_data(&pemilik, r, h.body.to_string()).await;
            }
        }
        let maju = !applied.saved.is_empty() || !applied.refused.is_empty();
        if maju {
            let t = js_sys::Date::now();
            self.last_sync.set(Some(t));
            let _ = idb::write(vec![(last_sync_key(&pemilik), Some((t as i64).to_string()))]).await;
        }
        if applied.retry {
            Langkah::NantiLagi
        } else if maju {
            Langkah::Lanjut
        } else {
            Langkah::Selesai
        }
    }
}

/// Whether an answer is the record at `path` (an object whose `id` is the
/// path's last segment).
fn is_the_record(path: &str, body: &Value) -> bool {
    body.get("id").and_then(Value::as_str).is_some_and(|id| path.rsplit('/').next() == Some(id))
}

enum Langkah {
    /// A batch went through: the next one.
    Lanjut,
    /// Nothing waits.
    Selesai,
    /// Failed for now: again after the backoff.
    NantiLagi,
    /// Nobody signed in, or the session ended: again after signing in.
    Berhenti,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_record_itself_is_kept_as_its_offline_copy() {
        let skp = serde_json::json!({ "id": "s-1", "version": 4 });
        assert!(is_the_record("/api/v1/skp/s-1", &skp));
        // A saved realisation answers with the realisation, not the SKP.
        let realisasi = serde_json::json!({ "skp_id": "s-1", "version": 5, "realisasi": {} });
        assert!(!is_the_record("/api/v1/skp/s-1", &realisasi));
        assert!(!is_the_record("/api/v1/skp/s-1", &serde_json::json!({ "id": "s-2" })));
        assert!(!is_the_record("/api/v1/skp/s-1", &Value::Null));
    }
}
