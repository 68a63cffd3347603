//! The SKP open in the editor: what the server last sent, and the version
//! what is typed here was typed on. Restoring a form kept on this device,
//! saving, and keeping the form again all go through it.

use domain::SkpInput;
use domain::api::{Akses, SkpBaca};
use domain::skp::{AksiSkp, StatusSkp};

use crate::state::draf::Draf;

#[derive(Clone, Debug, PartialEq)]
pub struct SkpTersimpan {
    /// The SKP as the server last sent it.
    pub skp: SkpBaca,
    /// Typed on an older version than the server's now: saved on that
    /// version, so the server answers with a conflict instead of the save
    /// silently overwriting what changed meanwhile (the pegawai then decides).
    versi_dasar: Option<i64>,
}

/// The editor's start: the SKP, the form to show, and whether that form is
/// one kept on this device (restored, and said so).
pub struct Dibuka {
    pub skp: SkpTersimpan,
    pub isian: SkpInput,
    pub dipulihkan: bool,
}

impl SkpTersimpan {
    /// Opens `skp` for `pemilik`, with the form this device kept for it: used
    /// when the SKP takes changes and the form is this person's and differs
    /// from the server's.
    pub fn buka(skp: SkpBaca, pemilik: &str, kept: Option<Draf>) -> Dibuka {
        let draf = if bisa_diubah(&skp) { kept.and_then(|d| d.pulihkan(pemilik, &skp.isian)) } else { None };
        let versi_dasar = draf.as_ref().map(|d| d.version).filter(|v| *v != skp.version);
        let dipulihkan = draf.is_some();
        let isian = draf.map(|d| d.isian).unwrap_or_else(|| skp.isian.clone());
        Dibuka { skp: SkpTersimpan { skp, versi_dasar }, isian, dipulihkan }
    }

    /// Whether the reader may change the plan: their own SKP, in a status
    /// that takes changes.
    pub fn bisa_diubah(&self) -> bool {
        bisa_diubah(&self.skp)
    }

    pub fn status_is(&self, status: StatusSkp) -> bool {
        self.skp.status == status
    }

    /// The last notes of a return by the pejabat penilai.
    pub fn catatan_terakhir(&self) -> Option<String> {
        let riwayat = self.skp.skp.riwayat();
        riwayat.iter().rev().find(|r| r.aksi == AksiSkp::Return).and_then(|r| r.catatan.clone())
    }

    /// The last return's comments on single RHK, by RHK id, while the plan
    /// is returned (nothing once it is submitted again).
    pub fn komentar_terakhir(&self) -> std::collections::BTreeMap<String, String> {
        if !self.status_is(StatusSkp::Dikembalikan) {
            return Default::default();
        }
        let riwayat = self.skp.skp.riwayat();
        riwayat.iter().rev().find(|r| r.aksi == AksiSkp::Return).map(|r| r.komentar_rhk.clone()).unwrap_or_default()
    }

    /// The form on screen was typed on an older version than the server's
    /// (a device copy restored): its save is not chained after the record's
    /// waiting changes.
    pub fn dari_versi_lama(&self) -> bool {
        self.versi_dasar.is_some()
    }

    /// The version a save is sent on.
    pub fn versi(&self) -> i64 {
        self.versi_dasar.unwrap_or(self.skp.version)
    }

    /// The server's answer to a save of `isian`; `true` when it has the
    /// same form as this screen (the device's copy can go).
    pub fn disimpan(&mut self, skp: SkpBaca, isian: &SkpInput) -> bool {
        let sama = *isian == skp.isian;
        *self = SkpTersimpan { skp, versi_dasar: None };
        sama
    }

    /// What this device keeps of `isian` typed by `pemilik`: nothing when
    /// the server has the same form.
    pub fn draf(&self, pemilik: &str, isian: SkpInput) -> Option<Draf> {
        (isian != self.skp.isian).then(|| Draf { pemilik: pemilik.to_owned(), version: self.versi(), isian })
    }
}

/// Where the plan on screen is saved, as the editor's head says it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeadaanSimpan {
    /// The server has this form: since when, if it took it during this
    /// visit (ms since the epoch).
    Server(Option<f64>),
    /// Being saved: typed a moment ago, or waiting in the outbox while the
    /// connection is there.
    Menyimpan,
    /// Kept on this device; sent when the connection is back.
    Perangkat,
    /// The last save was refused; the message at the foot says why.
    Ditolak,
}

impl KeadaanSimpan {
    /// From what the editor knows: whether the form on screen is the
    /// server's (`sama`), whether a save waits in the outbox (`di_antrean`)
    /// and holds the form on screen (`antre_sama`), the connection, a
    /// refusal of the last save, and when the server last took it. "On this
    /// device" is said only once the outbox has the form (a form typed a
    /// moment ago is still being saved).
    pub fn dari(
        sama: bool,
        (di_antrean, antre_sama): (bool, bool),
        online: bool,
        ditolak: bool,
        pada: Option<f64>,
    ) -> Self {
        if ditolak {
            KeadaanSimpan::Ditolak
        } else if sama && !di_antrean {
            KeadaanSimpan::Server(pada)
        } else if di_antrean && antre_sama && !online {
            KeadaanSimpan::Perangkat
        } else {
            KeadaanSimpan::Menyimpan
        }
    }

    /// The name on the page (`data-keadaan`), for tests and styles.
    pub fn kode(self) -> &'static str {
        match self {
            KeadaanSimpan::Server(_) => "server",
            KeadaanSimpan::Menyimpan => "menyimpan",
            KeadaanSimpan::Perangkat => "perangkat",
            KeadaanSimpan::Ditolak => "ditolak",
        }
    }
}

fn bisa_diubah(v: &SkpBaca) -> bool {
    v.akses == Akses::Pegawai && v.status.is_editable()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::editor::contoh;
    use domain::JenisJabatan;

    fn skp(status: &str, akses: &str, version: i64, riwayat: serde_json::Value) -> SkpBaca {
        let isian = contoh(1).0;
        let rencana = isian.validate(JenisJabatan::Pelaksana).expect("the sample plan is valid");
        serde_json::from_value(serde_json::json!({
            "id": "skp-1", "version": version, "periode_id": "p", "status": status, "akses": akses,
            "pegawai": { "id": "p1", "nip": "199003152015032004", "nama": "Dewi", "jabatan": "Pengelola" },
            "skp": { "rencana": rencana, "riwayat": riwayat },
            "isian": isian, "kelengkapan": {},
        }))
        .expect("an SKP as the server sends it")
    }

    fn diubah(mut isian: SkpInput) -> SkpInput {
        isian.rhk[0].uraian.push_str(" (diubah)");
        isian
    }

    fn draf(pemilik: &str, version: i64, isian: SkpInput) -> Draf {
        Draf { pemilik: pemilik.into(), version, isian }
    }

    #[test]
    fn only_the_owners_skp_in_a_changeable_status_may_be_changed() {
        let buka = |status, akses| SkpTersimpan::buka(skp(status, akses, 1, serde_json::json!([])), "p1", None).skp;
        for status in ["draf", "dikembalikan", "revisi"] {
            assert!(buka(status, "pegawai").bisa_diubah(), "{status}");
        }
        assert!(!buka("diajukan", "pegawai").bisa_diubah());
        assert!(!buka("draf", "pejabat_penilai").bisa_diubah());
    }

    #[test]
    fn a_kept_form_is_restored_only_for_its_owner_and_when_it_differs() {
        let s = skp("draf", "pegawai", 3, serde_json::json!([]));
        let lain = diubah(s.isian.clone());
        let d = SkpTersimpan::buka(s.clone(), "p1", Some(draf("p1", 3, lain.clone())));
        assert!(d.dipulihkan);
        assert_eq!((d.isian, d.skp.versi()), (lain.clone(), 3));
        assert!(!SkpTersimpan::buka(s.clone(), "p2", Some(draf("p1", 3, lain.clone()))).dipulihkan, "someone else's");
        assert!(!SkpTersimpan::buka(s.clone(), "p1", Some(draf("p1", 3, s.isian.clone()))).dipulihkan, "the same");
        let diajukan = skp("diajukan", "pegawai", 3, serde_json::json!([]));
        assert!(!SkpTersimpan::buka(diajukan, "p1", Some(draf("p1", 3, lain))).dipulihkan, "no longer changeable");
    }

    #[test]
    fn a_form_typed_on_an_older_version_is_saved_on_that_version_until_saved() {
        let s = skp("draf", "pegawai", 5, serde_json::json!([]));
        let lain = diubah(s.isian.clone());
        let mut t = SkpTersimpan::buka(s.clone(), "p1", Some(draf("p1", 4, lain.clone()))).skp;
        assert_eq!(t.versi(), 4, "the server answers with a conflict, the pegawai decides");
        assert_eq!(t.draf("p1", lain.clone()).map(|d| d.version), Some(4));
        let baru = SkpBaca { version: 6, isian: lain.clone(), ..s };
        assert!(t.disimpan(baru, &lain), "the server has this form: the device's copy can go");
        assert_eq!(t.versi(), 6);
        assert_eq!(t.draf("p1", lain.clone()), None, "nothing to keep");
        let lagi = diubah(lain);
        assert_eq!(t.draf("p1", lagi.clone()), Some(draf("p1", 6, lagi)));
    }

    #[test]
    fn the_save_state_says_where_the_form_is() {
        use KeadaanSimpan as K;
        assert_eq!(K::dari(true, (false, false), true, false, Some(5.0)), K::Server(Some(5.0)));
        assert_eq!(K::dari(true, (false, false), false, false, None), K::Server(None), "offline, nothing new");
        assert_eq!(K::dari(false, (false, false), true, false, None), K::Menyimpan, "typed a moment ago");
        assert_eq!(K::dari(false, (false, false), false, false, None), K::Menyimpan, "offline, not in the outbox yet");
        assert_eq!(K::dari(false, (true, true), true, false, None), K::Menyimpan, "waiting to be sent");
        assert_eq!(K::dari(false, (true, true), false, false, None), K::Perangkat);
        assert_eq!(K::dari(false, (true, false), false, false, None), K::Menyimpan, "typed after the waiting save");
        assert_eq!(K::dari(false, (true, true), true, true, None), K::Ditolak);
    }

    #[test]
    fn the_notes_shown_are_the_last_returns() {
        let riwayat = serde_json::json!([
            { "aksi": "return_with_notes", "oleh": "pejabat_penilai", "dari": "diajukan", "ke": "dikembalikan", "tanggal": "2026-01-05", "catatan": "pertama" },
            { "aksi": "submit", "oleh": "pegawai", "dari": "dikembalikan", "ke": "diajukan", "tanggal": "2026-01-06" },
            { "aksi": "return_with_notes", "oleh": "pejabat_penilai", "dari": "diajukan", "ke": "dikembalikan", "tanggal": "2026-01-07", "catatan": "kedua" },
        ]);
        let t = SkpTersimpan::buka(skp("dikembalikan", "pegawai", 4, riwayat), "p1", None).skp;
        assert_eq!(t.catatan_terakhir().as_deref(), Some("kedua"));
        assert!(t.status_is(StatusSkp::Dikembalikan));
        let t = SkpTersimpan::buka(skp("draf", "pegawai", 1, serde_json::json!([])), "p1", None).skp;
        assert_eq!(t.catatan_terakhir(), None);
    }
}
