//! The SKP form kept on this device while it differs from what the server
//! has: a reload, a closed tab or a dead battery on a weak connection does
//! not lose what was typed. One entry per SKP in `localStorage`, with whose
//! it is; it is removed once the server has the same form, on logout, and
//! when someone else signs in on this device.

use domain::SkpInput;
use serde::{Deserialize, Serialize};

/// The `localStorage` keys of drafts start with this.
pub const AWALAN: &str = "ekinerja.draf.";

/// One kept form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draf {
    /// The pegawai whose session typed it.
    pub pemilik: String,
    /// The SKP version the form was typed on.
    pub version: i64,
    pub isian: SkpInput,
}

pub fn kunci(skp_id: &str) -> String {
    format!("{AWALAN}{skp_id}")
}

impl Draf {
    /// The form to start the editor with: the kept one when it is this
    /// person's and differs from the server's, else none. One typed on an
    /// older version is restored too, and saved on that version: the server
    /// then answers with a conflict and the pegawai decides.
    pub fn pulihkan(self, pegawai_id: &str, server: &SkpInput) -> Option<Draf> {
        (self.pemilik == pegawai_id && &self.isian != server).then_some(self)
    }

    pub fn baca(teks: &str) -> Option<Draf> {
        serde_json::from_str(teks).ok()
    }

    pub fn tulis(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }
}

/// Whose a kept entry is: every kind of draft under [`AWALAN`] (the SKP
/// form, a 360 answer) names its owner so.
#[derive(Deserialize)]
struct Pemilik {
    pemilik: String,
}

/// Whether a stored entry must go when `pegawai_id` signs in (`None`: a
/// guest): anyone else's draft, and anything unreadable. Any kept form under
/// [`AWALAN`] names its owner in `pemilik` (an SKP's, a feedback sheet's).
pub fn harus_dibuang(teks: &str, pegawai_id: Option<&str>) -> bool {
    match (serde_json::from_str::<Pemilik>(teks), pegawai_id) {
        (Ok(d), Some(p)) => d.pemilik != p,
        _ => true,
    }
}

pub(crate) fn penyimpanan() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The draft kept for an SKP, if any.
pub fn ambil(skp_id: &str) -> Option<Draf> {
    Draf::baca(&penyimpanan()?.get_item(&kunci(skp_id)).ok()??)
}

/// Keeps `draf` for an SKP; false when the browser refused (private mode,
/// storage full): then nothing is promised to the user.
pub fn simpan(skp_id: &str, draf: &Draf) -> bool {
    match (penyimpanan(), draf.tulis()) {
        (Some(s), Some(t)) => s.set_item(&kunci(skp_id), &t).is_ok(),
        _ => false,
    }
}

pub fn hapus(skp_id: &str) {
    if let Some(s) = penyimpanan() {
        let _ = s.remove_item(&kunci(skp_id));
    }
}

/// Removes every draft that is not `pegawai_id`'s (all of them for `None`).
pub fn bersihkan(pegawai_id: Option<&str>) {
    let Some(s) = penyimpanan() else { return };
    let n = s.length().unwrap_or(0);
    let kunci: Vec<String> = (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(AWALAN)).collect();
    for k in kunci {
        if s.get_item(&k).ok().flatten().is_none_or(|t| harus_dibuang(&t, pegawai_id)) {
            let _ = s.remove_item(&k);
        }
    }
}

/// Whether a kept entry (by its `localStorage` key) holds a secret of a
/// colleague's: a rater's 360 answer (`state::umpan_balik::Draf360`), which
/// goes as soon as the server says the session is gone, whoever's it is.
/// An SKP form or a feedback sheet is its owner's own unsent work: it stays
/// until they sign out or someone else signs in.
pub fn rahasia(kunci: &str) -> bool {
    kunci.strip_prefix(AWALAN).is_some_and(|k| k.starts_with("360-"))
}

/// Removes every kept 360 answer ([`rahasia`]), of anyone.
pub fn bersihkan_rahasia() {
    let Some(s) = penyimpanan() else { return };
    let n = s.length().unwrap_or(0);
    let kunci: Vec<String> = (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| rahasia(k)).collect();
    for k in kunci {
        let _ = s.remove_item(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::skp::umpan_balik::BentukUmpanBalik;

    fn isian(uraian: &str) -> SkpInput {
        serde_json::from_value(serde_json::json!({ "rhk": [{ "id": "rhk-1", "uraian": uraian }] })).unwrap()
    }

    #[test]
    fn a_draft_is_restored_only_for_its_owner_and_only_when_it_differs() {
        let server = isian("Terlaksananya pelatihan");
        let d = Draf { pemilik: "p1".into(), version: 3, isian: isian("Terlaksananya pelatihan teknis") };
        assert!(d.clone().pulihkan("p1", &server).is_some());
        assert!(d.clone().pulihkan("p2", &server).is_none(), "someone else's");
        let same = Draf { isian: server.clone(), ..d.clone() };
        assert!(same.pulihkan("p1", &server).is_none(), "nothing unsaved");
        let older = Draf { version: 1, ..d };
        assert!(older.pulihkan("p1", &server).is_some(), "typed on an older version: still theirs to decide");
    }

    #[test]
    fn drafts_survive_a_round_trip_and_others_are_thrown_away_at_sign_in() {
        let d = Draf { pemilik: "p1".into(), version: 2, isian: isian("Tersusunnya rencana") };
        let t = d.tulis().unwrap();
        assert_eq!(Draf::baca(&t), Some(d));
        assert!(!harus_dibuang(&t, Some("p1")));
        assert!(harus_dibuang(&t, Some("p2")));
        assert!(harus_dibuang(&t, None), "signed out: nothing stays");
        assert!(harus_dibuang("{bukan json", Some("p1")));
        assert_eq!(kunci("skp-9"), "ekinerja.draf.skp-9");
    }

    #[test]
    fn only_a_raters_360_answer_is_a_secret_to_drop_when_the_session_is_gone() {
        assert!(rahasia(&crate::state::umpan_balik::Draf360::kunci("t-1")));
        assert!(!rahasia(&kunci("skp-1")), "the pegawai's own plan stays");
        let lembar = crate::state::umpan_balik_penilai::kunci("skp-1", 4, BentukUmpanBalik::Insidentil);
        assert!(!rahasia(&lembar), "a feedback sheet stays");
        assert!(!rahasia(&format!("{}skp-1", crate::state::realisasi::AWALAN)), "a realisation stays");
        assert!(!rahasia("lain.360-x"));
    }
}
