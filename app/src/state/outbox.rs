//! The device's outbox (issue 22): every change the app makes, in order,
//! until the server has it — `POST /api/v1/sync`, one batch at a time. Plain
//! data and rules with native tests; where it is kept (IndexedDB, with the
//! entry and its `seq` in one transaction) and when it is sent are the I/O
//! around it. It is one value per device, serialisable as it is.
//!
//! - Every entry has its owner: only the signed-in person's entries are
//!   sent, counted or shown, and signing out never drops them silently.
//! - Sent in `seq` order. A passing failure (no answer, 401, 429, 5xx,
//!   `not_attempted`) keeps the entry, to be sent again with the same
//!   Idempotency-Key (so a change the server applied but whose answer was
//!   lost is answered from the key, never applied twice); a refusal (409,
//!   422, 403, 404, …) moves it to the refused list, where the person sees
//!   it and chooses to re-apply or drop it.
//! - Queued changes of one record chain their versions: each is based on the
//!   version the changes before it will leave.

use domain::api::sync::{MAX_MUTATIONS, Mutation, SyncInput, SyncOutput};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How one answer of the server is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server has it (2xx, a replayed answer too): it leaves the outbox.
    Saved,
    /// A passing failure: kept, and sent again later in the same order.
    Passing,
    /// Refused as it is: moved to the refused list for the person to decide.
    Refused,
}

/// The outcome of an answer's status, as the server's `/sync` stops on it
/// (`routes::sync::sementara`: 401, 429 and 5xx are passing).
pub fn classify(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Saved,
        401 | 429 => Outcome::Passing,
        s if s >= 500 => Outcome::Passing,
        _ => Outcome::Refused,
    }
}

/// One queued change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The pegawai who made it.
    pub owner: String,
    /// The record it changes (its API path, e.g. `/api/v1/skp/{id}`) and
    /// the version it is based on; `None` for a creation.
    pub record: Option<(String, i64)>,
    pub mutation: Mutation,
    /// Put in a batch that went out: the server may have it already.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sent: bool,
    /// The screen that queued it (one editor in one tab), when its saves
    /// may replace each other ([`Outbox::push_dari`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asal: Option<String>,
}

/// A change the server refused, with what it answered (a stale version's
/// 409 carries the current record, to show beside the change).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub entry: Entry,
    pub status: u16,
    pub body: Value,
}

/// What a batch's answer did.
/// The outcome of one change's answer: as [`classify`], except that a 409
/// saying the change is being applied right now (`in_progress`: the same
/// key in flight, from another tab or server process) or the device's other
/// batch is (`sync_busy`) is a passing failure, never a refusal — the change
/// may well be applied, and sending it again with its key tells.
pub fn outcome_of(status: u16, body: &Value) -> Outcome {
    let sibuk = matches!(body.get("code").and_then(Value::as_str), Some("in_progress" | "sync_busy"));
    if status == 409 && sibuk { Outcome::Passing } else { classify(status) }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub saved: Vec<u64>,
    pub refused: Vec<u64>,
    /// A passing failure: send again later (with backoff).
    pub retry: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    client_id: String,
    /// The last `seq` allocated (0 before the first).
    last_seq: u64,
    pending: Vec<Entry>,
    refused: Vec<Refused>,
}

impl Outbox {
    /// A new device's outbox; `client_id` is chosen once per device (1–100 characters).
    pub fn new(client_id: impl Into<String>) -> Self {
        Outbox { client_id: client_id.into(), last_seq: 0, pending: Vec::new(), refused: Vec::new() }
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Queues a change and allocates its `seq` (the next one, in the same
    /// step, so one stored write holds both). For a change of `record`
    /// (its path and the version last received from the server), the body's
    /// `version` is set to the version the changes of that record already
    /// waiting will leave — at least the one received, which may already
    /// count some of them (applied, their answer lost).
    pub fn push(
        &mut self,
        owner: &str,
        record: Option<(&str, i64)>,
        method: &str,
        path: &str,
        body: Value,
        idempotency_key: String,
    ) -> u64 {
        self.push_dari(None, owner, record, false, method, path, body, idempotency_key)
    }

    /// [`Outbox::push`] by the screen `asal`: a save of its takes the place
    /// of its own save of the record not sent yet (never another screen's:
    /// two tabs' forms are two changes). `tetap`: the change stays on the
    /// version given, not after the record's waiting changes: a form typed
    /// on an older version (a device copy restored after the browser was
    /// killed) meets the server's conflict instead of writing over what was
    /// saved since.
    #[allow(clippy::too_many_arguments)]
    pub fn push_dari(
        &mut self,
        asal: Option<&str>,
        owner: &str,
        record: Option<(&str, i64)>,
        tetap: bool,
        method: &str,
        path: &str,
        mut body: Value,
        idempotency_key: String,
    ) -> u64 {
        if let Some(seq) = self.replace_unsent_save(asal, owner, record.map(|(r, _)| r), method, path, &mut body) {
            return seq;
        }
        let record = record
            .map(|(r, diterima)| (r.to_owned(), if tetap { diterima } else { self.next_version(owner, r, diterima) }));
        if let (Some((_, version)), Value::Object(isi)) = (&record, &mut body) {
            isi.insert("version".to_owned(), Value::from(*version));
        }
        self.last_seq += 1;
        let mutation =
            Mutation { seq: self.last_seq, idempotency_key, method: method.to_owned(), path: path.to_owned(), body };
        self.pending.push(Entry {
            owner: owner.to_owned(),
            record,
            mutation,
            sent: false,
            asal: asal.map(str::to_owned),
        });
        self.last_seq
    }

    /// A save (`PUT`, the whole record) takes the place of the record's last
    /// waiting change when that is a save of the same path by the same
    /// screen (`asal`), never sent: the
    /// server gets the last form once, not every pause of the typing (a
    /// plan saved as it is typed, offline for a day). Its `seq`, key and
    /// version stay. `None`: queued after it instead.
    fn replace_unsent_save(
        &mut self,
        asal: Option<&str>,
        owner: &str,
        record: Option<&str>,
        method: &str,
        path: &str,
        body: &mut Value,
    ) -> Option<u64> {
        let record = record.filter(|_| method == "PUT" && asal.is_some())?;
        let last = self
            .pending
            .iter_mut()
            .rev()
            .find(|e| e.owner == owner && e.record.as_ref().is_some_and(|(r, _)| r == record))
            .filter(|e| {
                !e.sent && e.asal.as_deref() == asal && e.mutation.method == "PUT" && e.mutation.path == path
            })?;
        let version = last.record.as_ref().map(|(_, v)| *v)?;
        if let Value::Object(isi) = body {
            isi.insert("version".to_owned(), Value::from(version));
        }
        last.mutation.body = std::mem::take(body);
        Some(last.mutation.seq)
    }

    /// The version a new change of `record` is based on.
    fn next_version(&self, owner: &str, record: &str, diterima: i64) -> i64 {
        self.pending
            .iter()
            .filter(|e| e.owner == owner)
            .filter_map(|e| e.record.as_ref().filter(|(r, _)| r == record).map(|(_, v)| v + 1))
            .fold(diterima, i64::max)
    }

    /// The next batch to send for `owner`: their waiting changes in `seq`
    /// order, at most [`MAX_MUTATIONS`]; `None` when nothing waits.
    pub fn batch(&self, owner: &str) -> Option<SyncInput> {
        let mutations: Vec<Mutation> =
            self.pending.iter().filter(|e| e.owner == owner).take(MAX_MUTATIONS).map(|e| e.mutation.clone()).collect();
        (!mutations.is_empty()).then(|| SyncInput { client_id: self.client_id.clone(), mutations })
    }

    /// [`Outbox::batch`], its changes marked as sent (one stored write with
    /// the sending): none of them is replaced by a later save any more.
    pub fn take_batch(&mut self, owner: &str) -> Option<SyncInput> {
        let batch = self.batch(owner)?;
        for e in self.pending.iter_mut().filter(|e| e.owner == owner).take(MAX_MUTATIONS) {
            e.sent = true;
        }
        Some(batch)
    }

    /// Takes the server's answer to a batch of `owner`'s: saved changes
    /// leave, refused ones move to the refused list, passing failures stay.
    /// A result for a change no longer waiting (an answer taken twice) or of
    /// another person changes nothing.
    pub fn apply(&mut self, owner: &str, out: &SyncOutput) -> Applied {
        let mut applied = Applied::default();
        if out.client_id != self.client_id {
            return applied;
        }
        for r in &out.results {
            let Some(i) = self.pending.iter().position(|e| {
                e.owner == owner && e.mutation.seq == r.seq && e.mutation.idempotency_key == r.idempotency_key
            }) else {
                continue;
            };
            match outcome_of(r.status, &r.body) {
                Outcome::Saved => {
                    self.pending.remove(i);
                    applied.saved.push(r.seq);
                }
                Outcome::Refused => {
                    let entry = self.pending.remove(i);
                    // (Refused for what the record is, as the server decides the same.)
                    let record =
                        entry.record.as_ref().filter(|_| matches!(r.status, 409 | 422)).map(|(p, _)| p.clone());
                    self.refused.push(Refused { entry, status: r.status, body: r.body.clone() });
                    applied.refused.push(r.seq);
                    // The record's later changes were made on top of this
                    // one: sent without it they would apply to whatever the
                    // record now is (another device's version). They wait
                    // beside it, for the person to decide.
                    if let Some(record) = record {
                        let (ikut, tetap): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.pending)
                            .into_iter()
                            .partition(|e| e.owner == owner && e.record.as_ref().is_some_and(|(p, _)| *p == record));
                        self.pending = tetap;
                        for entry in ikut {
                            applied.refused.push(entry.mutation.seq);
                            self.refused.push(Refused { entry, status: 409, body: earlier_refused() });
                        }
                    }
                }
                Outcome::Passing => applied.retry = true,
            }
        }
        applied
    }

    /// Drops the waiting and refused changes that say what their owner
    /// thinks of a colleague ([`RAHASIA`]: 360 answers) of everyone but
    /// `owner` (`None`: of everyone): who rated whom must not stay readable
    /// on a device the next person uses. `true` when something went.
    pub fn buang_rahasia(&mut self, owner: Option<&str>) -> bool {
        let sebelum = (self.pending.len(), self.refused.len());
        self.pending.retain(|e| !rahasia_bukan_milik(e, owner));
        self.refused.retain(|r| !rahasia_bukan_milik(&r.entry, owner));
        sebelum != (self.pending.len(), self.refused.len())
    }

    /// Whether [`Outbox::buang_rahasia`] would drop anything: read first,
    /// so the stored outbox is written only when something goes (at nearly
    /// every start nothing does).
    pub fn ada_rahasia(&self, owner: Option<&str>) -> bool {
        self.pending.iter().chain(self.refused.iter().map(|r| &r.entry)).any(|e| rahasia_bukan_milik(e, owner))
    }

    /// `owner`'s changes waiting to be sent, oldest first.
    pub fn pending<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.pending.iter().filter(move |e| e.owner == owner)
    }

    /// `owner`'s refused changes, oldest first.
    pub fn refused<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a Refused> + 'a {
        self.refused.iter().filter(move |r| r.entry.owner == owner)
    }

    /// Whether signing `owner` out would leave changes of theirs unsent:
    /// then the app asks first (they stay on the device either way).
    pub fn has_unsent(&self, owner: &str) -> bool {
        self.pending(owner).next().is_some() || self.refused(owner).next().is_some()
    }

    /// Drops a refused change, as its owner chose; `false` when there is none.
    pub fn drop_refused(&mut self, owner: &str, seq: u64) -> bool {
        let before = self.refused.len();
        self.refused.retain(|r| !(r.entry.owner == owner && r.entry.mutation.seq == seq));
        self.refused.len() != before
    }

    /// Queues a refused change again, as its owner chose, on the record as
    /// it now is (`current_version`, e.g. from the 409's current record),
    /// with a new `seq` and key (the old key holds the refusal).
    pub fn reapply(&mut self, owner: &str, seq: u64, current_version: Option<i64>, key: String) -> Option<u64> {
        let i = self.refused.iter().position(|r| r.entry.owner == owner && r.entry.mutation.seq == seq)?;
        let Refused { entry, .. } = self.refused.remove(i);
        let m = entry.mutation;
        let record = match (&entry.record, current_version) {
            (Some((r, lama)), baru) => Some((r.as_str(), baru.unwrap_or(*lama))),
            (None, _) => None,
        };
        Some(self.push(owner, record, &m.method, &m.path, m.body, key))
    }
}

/// A change saying what its owner thinks of a colleague ([`RAHASIA`]), of
/// someone other than `owner` (`None`: of anyone).
fn rahasia_bukan_milik(e: &Entry, owner: Option<&str>) -> bool {
    owner != Some(e.owner.as_str()) && RAHASIA.iter().any(|r| e.mutation.path.starts_with(r))
}

/// The paths of changes that must not outlive their owner's session on a
/// device: a rater's 360 answers (the ratee or the penilai could read them
/// from the browser's storage and learn who rated what).
pub const RAHASIA: [&str; 1] = ["/api/v1/tugas-360/"];

/// The answer kept for a change not sent because an earlier change to the
/// same record was refused (the server answers a batch the same way).
fn earlier_refused() -> Value {
    let pesan = domain::api::sync::earlier_refused_message();
    serde_json::json!({ "code": domain::api::sync::EARLIER_REFUSED, "message": { "id": pesan.id, "en": pesan.en } })
}

/// What a queued change does, as the person sees it in the sync bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    BuatSkp,
    UbahSkp(String),
    /// A workflow step of an SKP (submit, approve, …).
    LangkahSkp(String, domain::skp::AksiSkp),
    Lain,
}

impl Change {
    /// From the change's method and API path.
    pub fn of(method: &str, path: &str) -> Change {
        let Some(sisa) = path.strip_prefix("/api/v1/skp").filter(|s| s.is_empty() || s.starts_with('/')) else {
            return Change::Lain;
        };
        let bagian: Vec<&str> = sisa.split('/').skip(1).collect();
        match (method, bagian.as_slice()) {
            ("POST", []) => Change::BuatSkp,
            ("PUT", [id]) if !id.is_empty() => Change::UbahSkp((*id).to_owned()),
            ("POST", [id, aksi]) => domain::skp::AksiSkp::parse(aksi)
                .filter(|a| a.kode() == *aksi)
                .map_or(Change::Lain, |a| Change::LangkahSkp((*id).to_owned(), a)),
            _ => Change::Lain,
        }
    }

    /// The SKP it changes, if any.
    pub fn skp_id(&self) -> Option<&str> {
        match self {
            Change::UbahSkp(id) | Change::LangkahSkp(id, _) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::sync::MutationResult;
    use serde_json::json;

    const SKP: &str = "/api/v1/skp/s1";

    fn jawaban(client_id: &str, hasil: &[(&Mutation, u16, bool)]) -> SyncOutput {
        SyncOutput {
            client_id: client_id.into(),
            results: hasil
                .iter()
                .map(|(m, status, replayed)| MutationResult {
                    seq: m.seq,
                    idempotency_key: m.idempotency_key.clone(),
                    status: *status,
                    replayed: *replayed,
                    body: json!({}),
                })
                .collect(),
        }
    }

    fn edit(o: &mut Outbox, owner: &str, diterima: i64, uraian: &str, key: &str) -> u64 {
        o.push(owner, Some((SKP, diterima)), "PUT", SKP, json!({ "version": 0, "rencana": uraian }), key.into())
    }

    /// A save by the editor `asal` (its saves of the record replace each other while unsent).
    fn ketik(o: &mut Outbox, asal: &str, owner: &str, diterima: i64, uraian: &str, key: &str) -> u64 {
        let body = json!({ "version": 0, "rencana": uraian });
        o.push_dari(Some(asal), owner, Some((SKP, diterima)), false, "PUT", SKP, body, key.into())
    }

    #[test]
    fn answers_are_classified_as_the_server_stops_on_them() {
        for (status, outcome) in [
            (200, Outcome::Saved),
            (201, Outcome::Saved),
            (401, Outcome::Passing),
            (429, Outcome::Passing),
            (500, Outcome::Passing),
            (503, Outcome::Passing),
            (400, Outcome::Refused),
            (403, Outcome::Refused),
            (404, Outcome::Refused),
            (409, Outcome::Refused),
            (413, Outcome::Refused),
            (422, Outcome::Refused),
        ] {
            assert_eq!(classify(status), outcome, "{status}");
        }
    }

    #[test]
    fn changes_are_sent_in_order_and_only_by_their_owner() {
        let mut o = Outbox::new("hp-1");
        let a1 = o.push("ani", None, "POST", "/api/v1/skp", json!({ "periode_id": "p" }), "k1".into());
        let b1 = o.push("budi", None, "POST", "/api/v1/skp", json!({ "periode_id": "p" }), "k2".into());
        let a2 = edit(&mut o, "ani", 1, "x", "k3");
        assert_eq!((a1, b1, a2), (1, 2, 3), "one seq per change, strictly increasing on the device");
        let batch = o.batch("ani").unwrap();
        assert_eq!(batch.client_id, "hp-1");
        assert_eq!(batch.mutations.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(o.batch("budi").unwrap().mutations.len(), 1);
        assert!(o.batch("citra").is_none());
        assert!(o.has_unsent("budi") && !o.has_unsent("citra"));
    }

    #[test]
    fn a_refused_change_takes_the_later_changes_of_its_record_with_it() {
        // Two saves and a submission of one SKP queued offline, an edit of
        // another; the first save is refused as stale (another device saved).
        let mut o = Outbox::new("hp");
        let s1 = edit(&mut o, "ani", 1, "a", "k1");
        o.take_batch("ani");
        let s2 = edit(&mut o, "ani", 1, "b", "k2");
        let ajukan =
            o.push("ani", Some((SKP, 1)), "POST", &format!("{SKP}/submit"), json!({ "version": 0 }), "k3".into());
        let lain = o.push("ani", Some(("/api/v1/skp/s2", 4)), "PUT", "/api/v1/skp/s2", json!({}), "k4".into());
        let batch = o.batch("ani").unwrap();
        let m = &batch.mutations;
        let applied = o.apply("ani", &jawaban("hp", &[(&m[0], 409, false)]));
        // Chained on the refused one, the second save would have been version
        // 2: the other device's. Nothing of that SKP is sent any more.
        assert_eq!(applied.refused, [s1, s2, ajukan]);
        assert_eq!(o.pending("ani").map(|e| e.mutation.seq).collect::<Vec<_>>(), [lain]);
        let refused: Vec<_> = o.refused("ani").map(|r| (r.entry.mutation.seq, r.body["code"].clone())).collect();
        assert_eq!(refused[1], (s2, json!("earlier_refused")));
        assert_eq!(refused[2], (ajukan, json!("earlier_refused")));
        // The server's own answer for them in the same batch changes nothing more.
        let again = o.apply("ani", &jawaban("hp", &[(&m[1], 409, false), (&m[3], 200, false)]));
        assert_eq!((again.refused.len(), again.saved.clone()), (0, vec![lain]));
    }

    #[test]
    fn a_save_never_sent_is_replaced_by_the_next_save_of_its_record() {
        let mut o = Outbox::new("hp");
        // Typed offline, saved at every pause: one save waits, with the last form.
        let s1 = ketik(&mut o, "tab-a", "ani", 2, "sa", "k1");
        let lain = o.push("ani", Some(("/api/v1/skp/s2", 7)), "PUT", "/api/v1/skp/s2", json!({}), "k2".into());
        assert_eq!(ketik(&mut o, "tab-a", "ani", 2, "satu", "k3"), s1, "the same place in the queue");
        // Another tab's editor of the same SKP: its own change, chained after.
        let b = ketik(&mut o, "tab-b", "ani", 2, "dari tab b", "k3b");
        assert!(b > lain);
        let batch = o.take_batch("ani").unwrap();
        let m = &batch.mutations;
        assert_eq!(m.iter().map(|m| m.seq).collect::<Vec<_>>(), [s1, lain, b]);
        assert_eq!((m[0].idempotency_key.as_str(), &m[0].body), ("k1", &json!({ "version": 2, "rencana": "satu" })));
        assert_eq!(m[2].body["version"], 3, "tab b's change is based on tab a's");
        // Once sent it may be applied already: the next save follows it, chained.
        let s3 = ketik(&mut o, "tab-a", "ani", 2, "satu dua", "k4");
        assert!(s3 > b);
        assert_eq!(o.pending("ani").last().unwrap().mutation.body["version"], 4);
        // A submission after a save is never folded into it, and a save after
        // the submission follows it.
        let ajukan =
            o.push("ani", Some((SKP, 2)), "POST", &format!("{SKP}/submit"), json!({ "version": 0 }), "k5".into());
        let s4 = ketik(&mut o, "tab-a", "ani", 2, "tiga", "k6");
        assert!(s4 > ajukan && ajukan > s3);
        // A save with no screen named never replaces one.
        let s5 = edit(&mut o, "ani", 2, "empat", "k7");
        assert!(s5 > s4);
        // Another person's save is theirs.
        let b = ketik(&mut o, "tab-a", "budi", 2, "b", "k8");
        assert!(b > s5);
        // Kept as it is: the marks survive a reload.
        let baca: Outbox = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
        assert_eq!(baca, o);
    }

    #[test]
    fn a_long_outbox_is_sent_in_parts() {
        let mut o = Outbox::new("hp");
        for i in 0..(MAX_MUTATIONS + 5) {
            o.push("ani", None, "POST", "/api/v1/skp", json!({}), format!("k{i}"));
        }
        let batch = o.batch("ani").unwrap();
        assert_eq!(batch.mutations.len(), MAX_MUTATIONS);
        let out = jawaban("hp", &batch.mutations.iter().map(|m| (m, 201, false)).collect::<Vec<_>>());
        assert_eq!(o.apply("ani", &out).saved.len(), MAX_MUTATIONS);
        assert_eq!(o.batch("ani").unwrap().mutations.first().map(|m| m.seq), Some(MAX_MUTATIONS as u64 + 1));
    }

    #[test]
    fn queued_edits_of_one_record_chain_their_versions() {
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 3, "satu", "k1");
        o.take_batch("ani");
        edit(&mut o, "ani", 3, "dua", "k2");
        o.push("ani", Some((SKP, 3)), "POST", &format!("{SKP}/submit"), json!({ "version": 0 }), "k3".into());
        let versi = |o: &Outbox| {
            o.batch("ani").unwrap().mutations.iter().map(|m| m.body["version"].clone()).collect::<Vec<_>>()
        };
        assert_eq!(versi(&o), [json!(3), json!(4), json!(5)]);
        // Another record and another person do not move this chain.
        o.push("ani", Some(("/api/v1/skp/s2", 7)), "PUT", "/api/v1/skp/s2", json!({}), "k4".into());
        edit(&mut o, "budi", 3, "lain", "k5");
        assert_eq!(o.batch("budi").unwrap().mutations[0].body["version"], 3);
        // The first two were applied, their answer lost; the record read
        // again says 5: a new edit is based on 6, not counted twice.
        edit(&mut o, "ani", 5, "tiga", "k6");
        assert_eq!(o.pending("ani").last().unwrap().mutation.body["version"], 6);
    }

    #[test]
    fn a_form_restored_on_an_older_version_is_not_chained_after_newer_saves() {
        // Saves on 5 and 6 wait (sent, their answer lost when the browser
        // was killed); the device copy restored afterwards was typed on 3.
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 5, "enam belas", "k1");
        o.take_batch("ani");
        edit(&mut o, "ani", 5, "delapan belas", "k2");
        let body = json!({ "version": 0, "rencana": "tiga belas" });
        o.push_dari(Some("tab-baru"), "ani", Some((SKP, 3)), true, "PUT", SKP, body.clone(), "k3".into());
        // It stays on 3: the server answers with a conflict, never writes
        // the older form over the two newer ones.
        assert_eq!(o.pending("ani").last().unwrap().mutation.body["version"], 3);
        // Chained, it would have been taken as the newest (the bug).
        o.push_dari(Some("tab-lain"), "ani", Some((SKP, 3)), false, "PUT", SKP, body, "k4".into());
        assert_eq!(o.pending("ani").last().unwrap().mutation.body["version"], 7);
    }

    #[test]
    fn a_lost_answer_is_sent_again_with_the_same_key_and_taken_once() {
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 1, "satu", "k1");
        let batch = o.batch("ani").unwrap();
        // The reply never arrived: nothing changed, the same batch goes again.
        assert_eq!(o.batch("ani").unwrap(), batch);
        let replay = jawaban("hp", &[(&batch.mutations[0], 200, true)]);
        assert_eq!(o.apply("ani", &replay).saved, [1]);
        assert!(o.batch("ani").is_none());
        // The same answer taken twice (two tabs): nothing more happens.
        assert_eq!(o.apply("ani", &replay), Applied::default());
    }

    #[test]
    fn a_passing_failure_keeps_the_change_and_what_follows_in_order() {
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 1, "satu", "k1");
        o.take_batch("ani");
        edit(&mut o, "ani", 1, "dua", "k2");
        let batch = o.batch("ani").unwrap();
        let out = jawaban("hp", &[(&batch.mutations[0], 503, false), (&batch.mutations[1], 503, false)]);
        let applied = o.apply("ani", &out);
        assert!(applied.retry && applied.saved.is_empty() && applied.refused.is_empty());
        assert_eq!(o.batch("ani").unwrap(), batch, "kept as it was, same keys, same order");
    }

    #[test]
    fn a_refusal_is_kept_for_its_owner_to_reapply_or_drop() {
        let mut o = Outbox::new("hp");
        let s1 = edit(&mut o, "ani", 1, "satu", "k1");
        o.take_batch("ani");
        let s2 = edit(&mut o, "ani", 1, "dua", "k2");
        let batch = o.batch("ani").unwrap();
        let mut out = jawaban("hp", &[(&batch.mutations[0], 200, false), (&batch.mutations[1], 409, false)]);
        out.results[1].body = json!({ "code": "stale_version", "current": { "version": 9 } });
        let applied = o.apply("ani", &out);
        assert_eq!((applied.saved, applied.refused, applied.retry), (vec![s1], vec![s2], false));
        let ditolak: Vec<_> = o.refused("ani").collect();
        assert_eq!(
            (ditolak.len(), ditolak[0].status, ditolak[0].body["code"].as_str()),
            (1, 409, Some("stale_version"))
        );
        assert_eq!(o.refused("budi").count(), 0, "another person never sees it");
        assert!(o.has_unsent("ani"), "signing out asks first");
        assert!(!o.drop_refused("budi", s2), "only its owner drops it");
        // Re-applied on the current record: a new seq and key, version 9.
        let s3 = o.reapply("ani", s2, Some(9), "k3".into()).unwrap();
        assert!(s3 > s2);
        let m = &o.batch("ani").unwrap().mutations[0];
        assert_eq!(
            (m.seq, m.idempotency_key.as_str(), m.body["version"].clone(), m.body["rencana"].clone()),
            (s3, "k3", json!(9), json!("dua"))
        );
        assert_eq!(o.refused("ani").count(), 0);
        // Refused again and dropped.
        let out = jawaban("hp", &[(m, 422, false)]);
        o.apply("ani", &out);
        assert!(o.drop_refused("ani", s3));
        assert!(!o.has_unsent("ani"));
    }

    #[test]
    fn another_devices_answer_or_another_persons_results_change_nothing() {
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 1, "satu", "k1");
        let batch = o.batch("ani").unwrap();
        assert_eq!(o.apply("ani", &jawaban("laptop", &[(&batch.mutations[0], 200, false)])), Applied::default());
        assert_eq!(o.apply("budi", &jawaban("hp", &[(&batch.mutations[0], 200, false)])), Applied::default());
        assert_eq!(o.pending("ani").count(), 1);
    }

    #[test]
    fn the_outbox_is_kept_as_it_is() {
        let mut o = Outbox::new("hp");
        edit(&mut o, "ani", 1, "satu", "k1");
        let batch = o.batch("ani").unwrap();
        o.apply("ani", &jawaban("hp", &[(&batch.mutations[0], 422, false)]));
        edit(&mut o, "ani", 1, "dua", "k2");
        let simpan = serde_json::to_string(&o).unwrap();
        let baca: Outbox = serde_json::from_str(&simpan).unwrap();
        assert_eq!(baca, o);
        let mut baca = baca;
        assert_eq!(
            baca.push("ani", None, "POST", "/api/v1/skp", json!({}), "k3".into()),
            3,
            "seq goes on after a reload"
        );
    }

    #[test]
    fn a_raters_360_answers_go_when_someone_else_signs_in_or_on_sign_out() {
        let mut o = Outbox::new("hp");
        let jawab = |o: &mut Outbox, owner: &str, key: &str| {
            o.push(owner, Some(("/api/v1/tugas-360/t1", 0)), "PUT", "/api/v1/tugas-360/t1", json!({}), key.into())
        };
        jawab(&mut o, "ani", "k1");
        edit(&mut o, "ani", 1, "rencana", "k2");
        jawab(&mut o, "budi", "k3");
        // Budi signs in on Ani's device: Ani's answer goes, her plan stays.
        assert!(o.ada_rahasia(Some("budi")) && o.ada_rahasia(None));
        assert!(o.buang_rahasia(Some("budi")));
        assert!(!o.ada_rahasia(Some("budi")), "nothing more to drop: nothing to write");
        assert_eq!(o.pending("ani").map(|e| e.mutation.path.as_str()).collect::<Vec<_>>(), [SKP]);
        assert_eq!(o.pending("budi").count(), 1, "his own answer stays");
        assert!(!o.buang_rahasia(Some("budi")), "nothing more");
        // A refused answer goes the same way, and signing out takes everyone's.
        let b = o.batch("budi").unwrap();
        let mut out = jawaban("hp", &[(&b.mutations[0], 409, false)]);
        out.results[0].body = json!({ "code": "stale_version" });
        o.apply("budi", &out);
        assert_eq!(o.refused("budi").count(), 1);
        assert!(o.ada_rahasia(None), "a refused answer is still one");
        assert!(o.buang_rahasia(None));
        assert!(!o.ada_rahasia(None));
        assert_eq!((o.refused("budi").count(), o.pending("ani").count()), (0, 1));
    }

    #[test]
    fn a_change_is_named_from_its_method_and_path() {
        use domain::skp::AksiSkp;
        assert_eq!(Change::of("POST", "/api/v1/skp"), Change::BuatSkp);
        assert_eq!(Change::of("PUT", "/api/v1/skp/s1"), Change::UbahSkp("s1".into()));
        assert_eq!(Change::of("POST", "/api/v1/skp/s1/submit"), Change::LangkahSkp("s1".into(), AksiSkp::Submit));
        assert_eq!(Change::of("POST", "/api/v1/skp/s1/approve"), Change::LangkahSkp("s1".into(), AksiSkp::Approve));
        assert_eq!(Change::of("POST", "/api/v1/skp/s1/hapus"), Change::Lain);
        assert_eq!(Change::of("PUT", "/api/v1/skpx/s1"), Change::Lain);
        assert_eq!(Change::of("DELETE", "/api/v1/skp/s1"), Change::Lain);
        assert_eq!(Change::LangkahSkp("s1".into(), AksiSkp::Return).skp_id(), Some("s1"));
    }

    #[test]
    fn a_change_applied_right_now_elsewhere_is_a_passing_failure_not_a_refusal() {
        let busy = serde_json::json!({ "code": "in_progress" });
        assert_eq!(outcome_of(409, &busy), Outcome::Passing);
        assert_eq!(outcome_of(409, &serde_json::json!({ "code": "sync_busy" })), Outcome::Passing);
        assert_eq!(outcome_of(409, &serde_json::json!({ "code": "stale_version" })), Outcome::Refused);
        assert_eq!(outcome_of(200, &busy), Outcome::Saved);
        let mut o = Outbox::new("dev");
        let seq = o.push("p1", None, "POST", "/api/v1/skp", serde_json::json!({}), "k1".into());
        let m = o.batch("p1").unwrap().mutations[0].clone();
        let out = SyncOutput {
            client_id: "dev".into(),
            results: vec![MutationResult {
                seq,
                idempotency_key: m.idempotency_key,
                status: 409,
                replayed: false,
                body: busy,
            }],
        };
        let a = o.apply("p1", &out);
        assert!(a.retry && a.refused.is_empty(), "kept, to be sent again with its key");
        assert_eq!(o.pending("p1").count(), 1);
    }
}
