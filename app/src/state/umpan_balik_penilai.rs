//! The penilai's feedback of one sub-period to the whole unit
//! (`/unit/umpan-balik`): the sheet of one subordinate as typed (a text
//! per RHK and per BerAKHLAK value), what it sends, its checks (the
//! domain's), the order in which the subordinates come, and the sheets kept
//! on this device until the server has them (the scheduled one and an
//! incidental one added beside it, each apart).

use std::collections::BTreeMap;

use domain::api::{AntrianUmpanBalikItem, SimpanUmpanBalik};
use domain::error::FieldErrors;
use domain::skp::RhkId;
use domain::skp::umpan_balik::{BentukUmpanBalik, ItemUmpanBalik, NilaiBerakhlak, ObjekUmpanBalik, periksa_lembar};
use serde::{Deserialize, Serialize};

/// Where one subordinate stands in this sub-period, as this device knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keadaan {
    /// No scheduled feedback yet.
    Belum,
    /// Saved on this device, waiting for the server.
    DiPerangkat,
    /// The server has this sub-period's scheduled sheet.
    Diberikan,
    /// The server refused the last save.
    Ditolak,
}

impl Keadaan {
    pub fn kode(self) -> &'static str {
        match self {
            Keadaan::Belum => "belum",
            Keadaan::DiPerangkat => "perangkat",
            Keadaan::Diberikan => "diberikan",
            Keadaan::Ditolak => "ditolak",
        }
    }

    /// Still to do: the flow stops here.
    pub fn perlu(self) -> bool {
        matches!(self, Keadaan::Belum | Keadaan::Ditolak)
    }
}

/// One sheet as typed: a text per RHK (by id) and per value; blank is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lembar {
    /// The sheet's id (the server's for a sheet given before, else one made
    /// on this device, kept with the draft so a resend is the same sheet).
    pub id: String,
    /// The version the change is based on (0: a new sheet).
    pub version: i64,
    pub bentuk: BentukUmpanBalik,
    pub rhk: BTreeMap<String, String>,
    pub perilaku: BTreeMap<NilaiBerakhlak, String>,
}

impl Lembar {
    pub fn baru(id: String) -> Self {
        Lembar { id, ..Lembar::default() }
    }

    /// A new incidental sheet: what a giver adds for a sub-period whose
    /// scheduled sheet they already gave (one berkala per giver and
    /// sub-period, any number of insidentil).
    pub fn insidentil(id: String) -> Self {
        Lembar { id, bentuk: BentukUmpanBalik::Insidentil, ..Lembar::default() }
    }

    /// The sheet of the server's items, to change.
    pub fn dari_item(id: String, version: i64, bentuk: BentukUmpanBalik, item: &[ItemUmpanBalik]) -> Self {
        let mut l = Lembar { id, version, bentuk, ..Lembar::default() };
        for it in item {
            match &it.objek {
                ObjekUmpanBalik::Rhk { rhk } => {
                    l.rhk.insert(rhk.as_str().to_owned(), it.isi.clone());
                }
                ObjekUmpanBalik::Perilaku { nilai } => {
                    l.perilaku.insert(*nilai, it.isi.clone());
                }
            }
        }
        l
    }

    /// The items that say something: the RHK in the plan's order, then the
    /// values in the regulation's.
    pub fn item(&self, rhk: &[String]) -> Vec<ItemUmpanBalik> {
        let isi = |t: Option<&String>| t.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let rhk_item = rhk.iter().filter_map(|id| {
            isi(self.rhk.get(id)).map(|isi| ItemUmpanBalik {
                objek: ObjekUmpanBalik::Rhk { rhk: RhkId::new(id) },
                rating: None,
                isi,
            })
        });
        let nilai_item = NilaiBerakhlak::ALL.into_iter().filter_map(|nilai| {
            isi(self.perilaku.get(&nilai)).map(|isi| ItemUmpanBalik {
                objek: ObjekUmpanBalik::Perilaku { nilai },
                rating: None,
                isi,
            })
        });
        rhk_item.chain(nilai_item).collect()
    }

    /// The request body for sub-period `ke` of the SKP.
    pub fn simpan(&self, skp_id: &str, ke: u8, rhk: &[String]) -> SimpanUmpanBalik {
        SimpanUmpanBalik {
            skp_id: skp_id.to_owned(),
            ke,
            bentuk: self.bentuk,
            version: self.version,
            item: self.item(rhk),
        }
    }

    /// The domain's checks of the sheet's items (the server checks the
    /// sub-period and the date): a berkala sheet covers every RHK and at
    /// least one value, each text within its length.
    pub fn periksa(&self, rhk: &[String]) -> Result<(), FieldErrors> {
        let ids: Vec<RhkId> = rhk.iter().map(RhkId::new).collect();
        // Any period and a sub-period of it that has begun: only the items are checked here.
        let periode =
            domain::periode::Periode::tahunan("lembar".into(), 2000, domain::periode::SiklusPeriodik::Triwulanan)
                .expect("a standard period");
        let hari = domain::tanggal::Tanggal::new(2000, 12, 31).expect("a date");
        periksa_lembar(self.bentuk, 1, &self.item(rhk), &ids, &periode, hari).map(|_| ())
    }

    /// How many of the sheet's fields are filled: (RHK, values).
    pub fn terisi(&self, rhk: &[String]) -> (usize, usize) {
        let n_rhk = rhk.iter().filter(|id| self.rhk.get(*id).is_some_and(|t| !t.trim().is_empty())).count();
        let n_nilai = self.perilaku.values().filter(|t| !t.trim().is_empty()).count();
        (n_rhk, n_nilai)
    }

    /// Nothing typed.
    pub fn kosong(&self) -> bool {
        self.rhk.values().chain(self.perilaku.values()).all(|t| t.trim().is_empty())
    }
}

/// The subordinate to open after `sekarang` (by SKP id): the next one in
/// the list still to do, wrapping round, never `sekarang` itself; `None`
/// when nobody else is left.
pub fn berikutnya(
    antrian: &[AntrianUmpanBalikItem],
    keadaan: impl Fn(&str) -> Keadaan,
    sekarang: Option<&str>,
) -> Option<String> {
    let pos = sekarang.and_then(|s| antrian.iter().position(|i| i.skp_id == s)).map_or(0, |p| p + 1);
    let pos = pos.min(antrian.len());
    antrian[pos..]
        .iter()
        .chain(antrian[..pos].iter())
        .find(|i| Some(i.skp_id.as_str()) != sekarang && keadaan(&i.skp_id).perlu())
        .map(|i| i.skp_id.clone())
}

/// The subordinate before `sekarang` in the list, whatever their state.
pub fn sebelumnya(antrian: &[AntrianUmpanBalikItem], sekarang: &str) -> Option<String> {
    let pos = antrian.iter().position(|i| i.skp_id == sekarang)?;
    pos.checked_sub(1).map(|p| antrian[p].skp_id.clone())
}

/// A sheet kept on this device: whose it is, and for which SKP and sub-period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrafLembar {
    /// Who typed it (`draf::bersihkan` reads this field too).
    pub pemilik: String,
    pub lembar: Lembar,
    /// Saved (queued) and not yet answered by the server.
    #[serde(default)]
    pub tersimpan: bool,
}

impl DrafLembar {
    /// Typing not saved yet: what the sheet says it restored.
    pub fn belum_disimpan(&self) -> bool {
        !self.tersimpan && !self.lembar.kosong()
    }
}

/// Where the sheets are kept: the browser's `localStorage` (none when the
/// browser refuses it), or a map in the tests.
pub trait Laci {
    fn baca(&self, kunci: &str) -> Option<String>;
    /// False when the browser refused (private mode, storage full).
    fn tulis(&self, kunci: &str, teks: &str) -> bool;
    fn buang(&self, kunci: &str);
}

impl Laci for Option<web_sys::Storage> {
    fn baca(&self, kunci: &str) -> Option<String> {
        self.as_ref()?.get_item(kunci).ok()?
    }

    fn tulis(&self, kunci: &str, teks: &str) -> bool {
        self.as_ref().is_some_and(|s| s.set_item(kunci, teks).is_ok())
    }

    fn buang(&self, kunci: &str) {
        if let Some(s) = self {
            let _ = s.remove_item(kunci);
        }
    }
}

/// This device's `localStorage`.
pub fn lokal() -> Option<web_sys::Storage> {
    crate::state::draf::penyimpanan()
}

/// The `localStorage` key of a subordinate's sheet of one kind: under the
/// SKP drafts' prefix, so signing out or in as someone else removes it with
/// them. One per kind, so the scheduled sheet being changed and an
/// incidental one added beside it are each kept: typing in one never
/// replaces what is typed in the other.
pub fn kunci(skp_id: &str, ke: u8, bentuk: BentukUmpanBalik) -> String {
    let jenis = match bentuk {
        BentukUmpanBalik::Berkala => "berkala",
        BentukUmpanBalik::Insidentil => "insidentil",
    };
    format!("{}umpan-balik.{skp_id}.{ke}.{jenis}", crate::state::draf::AWALAN)
}

/// The key of the one sheet a device kept per SKP and sub-period before the
/// kinds had a key each: such a draft is read once and moved to its kind's.
fn kunci_lama(skp_id: &str, ke: u8) -> String {
    format!("{}umpan-balik.{skp_id}.{ke}", crate::state::draf::AWALAN)
}

fn baca(laci: &impl Laci, kunci: &str) -> Option<DrafLembar> {
    serde_json::from_str(&laci.baca(kunci)?).ok()
}

/// The sheet of a kind kept for `pemilik` on an SKP and sub-period.
pub fn ambil(laci: &impl Laci, pemilik: &str, skp_id: &str, ke: u8, bentuk: BentukUmpanBalik) -> Option<DrafLembar> {
    let baru = kunci(skp_id, ke, bentuk);
    let d = match baca(laci, &baru) {
        Some(d) => d,
        None => {
            let lama = kunci_lama(skp_id, ke);
            let d = baca(laci, &lama).filter(|d| d.lembar.bentuk == bentuk)?;
            if serde_json::to_string(&d).is_ok_and(|t| laci.tulis(&baru, &t)) {
                laci.buang(&lama);
            }
            d
        }
    };
    (d.pemilik == pemilik).then_some(d)
}

/// The kept sheet with this id, of either kind.
pub fn cari(laci: &impl Laci, pemilik: &str, skp_id: &str, ke: u8, id: &str) -> Option<DrafLembar> {
    [BentukUmpanBalik::Berkala, BentukUmpanBalik::Insidentil]
        .into_iter()
        .find_map(|b| ambil(laci, pemilik, skp_id, ke, b).filter(|d| d.lembar.id == id))
}

/// The kept sheet a subordinate's sheet opens on: the scheduled one, else
/// an incidental one (the one typed when the scheduled one was not).
pub fn pembuka(laci: &impl Laci, pemilik: &str, skp_id: &str, ke: u8) -> Option<DrafLembar> {
    ambil(laci, pemilik, skp_id, ke, BentukUmpanBalik::Berkala)
        .or_else(|| ambil(laci, pemilik, skp_id, ke, BentukUmpanBalik::Insidentil))
}

/// Keeps a sheet under its kind's key. A new sheet whose kind was just
/// switched (the "incidental" box) leaves its other kind's key.
pub fn simpan(laci: &impl Laci, skp_id: &str, ke: u8, draf: &DrafLembar) -> bool {
    let b = draf.lembar.bentuk;
    let lain = match b {
        BentukUmpanBalik::Berkala => BentukUmpanBalik::Insidentil,
        BentukUmpanBalik::Insidentil => BentukUmpanBalik::Berkala,
    };
    if baca(laci, &kunci(skp_id, ke, lain)).is_some_and(|d| d.lembar.id == draf.lembar.id) {
        laci.buang(&kunci(skp_id, ke, lain));
    }
    serde_json::to_string(draf).is_ok_and(|t| laci.tulis(&kunci(skp_id, ke, b), &t))
}

/// Removes the kept sheet with this id: only the one saved and waiting
/// (`tersimpan`) once the server has it, or one with nothing of this
/// device's left to keep (not `tersimpan`); typing after a save stays.
pub fn hapus(laci: &impl Laci, pemilik: &str, skp_id: &str, ke: u8, id: &str, tersimpan: bool) {
    if let Some(d) = cari(laci, pemilik, skp_id, ke, id).filter(|d| d.tersimpan == tersimpan) {
        laci.buang(&kunci(skp_id, ke, d.lembar.bentuk));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{PegawaiRingkas, RhkAtasanItem};
    use std::cell::RefCell;

    /// `localStorage` as a map.
    impl Laci for RefCell<BTreeMap<String, String>> {
        fn baca(&self, kunci: &str) -> Option<String> {
            self.borrow().get(kunci).cloned()
        }

        fn tulis(&self, kunci: &str, teks: &str) -> bool {
            self.borrow_mut().insert(kunci.to_owned(), teks.to_owned());
            true
        }

        fn buang(&self, kunci: &str) {
            self.borrow_mut().remove(kunci);
        }
    }

    fn item(skp: &str) -> AntrianUmpanBalikItem {
        AntrianUmpanBalikItem {
            pegawai: PegawaiRingkas { id: skp.into(), nip: String::new(), nama: skp.into(), jabatan: String::new() },
            skp_id: skp.into(),
            rhk: vec![RhkAtasanItem {
                id: "rhk-1".into(),
                uraian: "Terlaksananya pelatihan".into(),
                jenis: domain::JenisRhk::Utama,
            }],
            berkala: None,
        }
    }

    #[test]
    fn the_next_subordinate_is_the_next_still_without_feedback_wrapping_round() {
        let antrian: Vec<_> = ["a", "b", "c", "d"].into_iter().map(item).collect();
        let keadaan = |s: &str| match s {
            "b" => Keadaan::Diberikan,
            "c" => Keadaan::DiPerangkat,
            _ => Keadaan::Belum,
        };
        assert_eq!(berikutnya(&antrian, keadaan, None).as_deref(), Some("a"), "the first to do");
        assert_eq!(berikutnya(&antrian, keadaan, Some("a")).as_deref(), Some("d"), "given and waiting are skipped");
        assert_eq!(berikutnya(&antrian, keadaan, Some("d")).as_deref(), Some("a"), "round to the start");
        let satu = |s: &str| if s == "a" { Keadaan::Belum } else { Keadaan::Diberikan };
        assert_eq!(berikutnya(&antrian, satu, Some("a")), None, "never the one open now");
        let ditolak = |s: &str| if s == "c" { Keadaan::Ditolak } else { Keadaan::Diberikan };
        assert_eq!(berikutnya(&antrian, ditolak, Some("a")).as_deref(), Some("c"), "a refused sheet is to do again");
        assert_eq!(berikutnya(&[], keadaan, None), None);
        assert_eq!(sebelumnya(&antrian, "c").as_deref(), Some("b"));
        assert_eq!(sebelumnya(&antrian, "a"), None);
    }

    #[test]
    fn a_berkala_sheet_is_complete_with_every_rhk_and_one_value() {
        let rhk = vec!["rhk-1".to_owned(), "rhk-2".to_owned()];
        let mut l = Lembar::baru("u1".into());
        assert!(l.kosong());
        let e = l.periksa(&rhk).unwrap_err();
        assert!(e.contains("item"), "{e}");
        l.rhk.insert("rhk-1".into(), " Pelatihan tepat waktu ".into());
        l.perilaku.insert(NilaiBerakhlak::Kolaboratif, "Aktif dalam tim".into());
        let e = l.periksa(&rhk).unwrap_err();
        assert!(e.get("item").iter().any(|t| t.id.contains("setiap RHK")), "{e}");
        assert_eq!(l.terisi(&rhk), (1, 1));
        l.rhk.insert("rhk-2".into(), "Laporan rapi".into());
        assert!(l.periksa(&rhk).is_ok());
        // Insidentil: any one item is enough.
        let satu = Lembar {
            bentuk: BentukUmpanBalik::Insidentil,
            rhk: BTreeMap::from([("rhk-2".into(), "x".into())]),
            ..Lembar::baru("u2".into())
        };
        assert!(satu.periksa(&rhk).is_ok());
        // Blank texts are not sent; text too long is the domain's message.
        let mut panjang = satu.clone();
        panjang.rhk.insert("rhk-1".into(), "x".repeat(domain::skp::indikator::MAKS_URAIAN + 1));
        assert!(panjang.periksa(&rhk).unwrap_err().contains("item[0].isi"));
    }

    #[test]
    fn the_body_sends_the_items_in_order_trimmed_and_reads_back() {
        let rhk = vec!["rhk-1".to_owned(), "rhk-2".to_owned()];
        let mut l = Lembar::baru("u1".into());
        l.perilaku.insert(NilaiBerakhlak::Loyal, " Konsisten ".into());
        l.perilaku.insert(NilaiBerakhlak::Akuntabel, "   ".into());
        l.rhk.insert("rhk-2".into(), "Baik".into());
        l.rhk.insert("rhk-9".into(), "RHK lama".into());
        let body = l.simpan("skp-1", 4, &rhk);
        assert_eq!((body.skp_id.as_str(), body.ke, body.version), ("skp-1", 4, 0));
        let objek: Vec<_> = body.item.iter().map(|i| (i.objek.clone(), i.isi.as_str())).collect();
        assert_eq!(
            objek,
            vec![
                (ObjekUmpanBalik::Rhk { rhk: "rhk-2".into() }, "Baik"),
                (ObjekUmpanBalik::Perilaku { nilai: NilaiBerakhlak::Loyal }, "Konsisten"),
            ]
        );
        let lagi = Lembar::dari_item("u1".into(), 3, BentukUmpanBalik::Berkala, &body.item);
        assert_eq!(lagi.item(&rhk), body.item);
        assert_eq!(lagi.version, 3);
        let d = DrafLembar { pemilik: "p1".into(), lembar: l, tersimpan: false };
        let t = serde_json::to_string(&d).unwrap();
        assert!(!crate::state::draf::harus_dibuang(&t, Some("p1")), "kept at the owner's sign-in");
        assert!(crate::state::draf::harus_dibuang(&t, Some("p2")));
    }

    fn draf(lembar: Lembar, nilai: &str) -> DrafLembar {
        let mut lembar = lembar;
        lembar.perilaku.insert(NilaiBerakhlak::Adaptif, nilai.into());
        DrafLembar { pemilik: "p1".into(), lembar, tersimpan: false }
    }

    #[test]
    fn the_scheduled_sheet_and_an_incidental_one_beside_it_are_each_kept() {
        let laci = RefCell::new(BTreeMap::new());
        let berkala = draf(Lembar { version: 2, ..Lembar::baru("ub-berkala".into()) }, "Laporan rapi");
        assert!(simpan(&laci, "skp-1", 4, &berkala));
        // Typing in an incidental sheet added beside it does not replace it.
        let insidentil = draf(Lembar::insidentil("ub-insidentil".into()), "Cepat menyesuaikan");
        assert!(simpan(&laci, "skp-1", 4, &insidentil));
        let b = BentukUmpanBalik::Berkala;
        let i = BentukUmpanBalik::Insidentil;
        assert_eq!(ambil(&laci, "p1", "skp-1", 4, b), Some(berkala.clone()));
        assert_eq!(ambil(&laci, "p1", "skp-1", 4, i), Some(insidentil.clone()));
        assert_eq!(pembuka(&laci, "p1", "skp-1", 4), Some(berkala.clone()), "the sheet opens on the scheduled one");
        assert_eq!(cari(&laci, "p1", "skp-1", 4, "ub-insidentil"), Some(insidentil.clone()));
        assert_eq!(ambil(&laci, "p2", "skp-1", 4, b), None, "someone else's");
        assert_eq!(ambil(&laci, "p1", "skp-1", 3, b), None, "another sub-period");
        // Under the drafts' prefix: gone when someone else signs in, kept at a session's end.
        for k in laci.borrow().keys() {
            assert!(k.starts_with(crate::state::draf::AWALAN), "{k}");
            assert!(!crate::state::draf::rahasia(k), "{k}");
            assert!(crate::state::draf::harus_dibuang(&laci.borrow()[k], Some("p2")));
        }

        // The server has the incidental one: only it goes, and only once it was saved.
        hapus(&laci, "p1", "skp-1", 4, "ub-insidentil", true);
        assert!(ambil(&laci, "p1", "skp-1", 4, i).is_some(), "typed, not saved: kept");
        simpan(&laci, "skp-1", 4, &DrafLembar { tersimpan: true, ..insidentil });
        hapus(&laci, "p1", "skp-1", 4, "ub-insidentil", true);
        assert_eq!(ambil(&laci, "p1", "skp-1", 4, i), None);
        assert_eq!(pembuka(&laci, "p1", "skp-1", 4), Some(berkala));

        // A first sheet switched to incidental moves to that kind's key.
        let baru = draf(Lembar::baru("ub-baru".into()), "Teliti");
        simpan(&laci, "skp-2", 1, &baru);
        let jadi = DrafLembar { lembar: Lembar { bentuk: i, ..baru.lembar.clone() }, ..baru };
        simpan(&laci, "skp-2", 1, &jadi);
        assert_eq!(ambil(&laci, "p1", "skp-2", 1, b), None);
        assert_eq!(pembuka(&laci, "p1", "skp-2", 1), Some(jadi));
    }

    #[test]
    fn a_sheet_kept_under_the_old_single_key_is_read_as_its_kind() {
        let laci = RefCell::new(BTreeMap::new());
        let lama = draf(Lembar::insidentil("ub-lama".into()), "Cepat menyesuaikan");
        let kunci_lama = format!("{}umpan-balik.skp-1.4", crate::state::draf::AWALAN);
        laci.borrow_mut().insert(kunci_lama.clone(), serde_json::to_string(&lama).unwrap());
        assert_eq!(ambil(&laci, "p1", "skp-1", 4, BentukUmpanBalik::Berkala), None, "not the scheduled one");
        assert_eq!(ambil(&laci, "p1", "skp-1", 4, BentukUmpanBalik::Insidentil), Some(lama.clone()));
        assert_eq!(
            laci.borrow().keys().cloned().collect::<Vec<_>>(),
            vec![kunci("skp-1", 4, BentukUmpanBalik::Insidentil)],
            "moved to its kind's key"
        );
        assert_eq!(pembuka(&laci, "p1", "skp-1", 4), Some(lama));
    }
}
