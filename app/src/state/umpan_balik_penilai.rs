//! The penilai's feedback of one sub-period to the whole unit
//! (`/unit/umpan-balik`): the sheet of one subordinate as typed (a text
//! per RHK and per BerAKHLAK value), what it sends, its checks (the
//! domain's), the order in which the subordinates come, and the sheet kept
//! on this device until the server has it.

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

/// Its `localStorage` key: under the SKP drafts' prefix, so signing out or
/// in as someone else removes it with them.
pub fn kunci(skp_id: &str, ke: u8) -> String {
    format!("{}umpan-balik.{skp_id}.{ke}", crate::state::draf::AWALAN)
}

fn penyimpanan() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The sheet kept for `pemilik` on an SKP and sub-period.
pub fn ambil(pemilik: &str, skp_id: &str, ke: u8) -> Option<DrafLembar> {
    let t = penyimpanan()?.get_item(&kunci(skp_id, ke)).ok()??;
    serde_json::from_str::<DrafLembar>(&t).ok().filter(|d| d.pemilik == pemilik)
}

pub fn simpan(skp_id: &str, ke: u8, draf: &DrafLembar) -> bool {
    match (penyimpanan(), serde_json::to_string(draf)) {
        (Some(s), Ok(t)) => s.set_item(&kunci(skp_id, ke), &t).is_ok(),
        _ => false,
    }
}

pub fn hapus(skp_id: &str, ke: u8) {
    if let Some(s) = penyimpanan() {
        let _ = s.remove_item(&kunci(skp_id, ke));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{PegawaiRingkas, RhkAtasanItem};

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
        assert!(kunci("skp-1", 4).starts_with(crate::state::draf::AWALAN));
        let d = DrafLembar { pemilik: "p1".into(), lembar: l, tersimpan: false };
        let t = serde_json::to_string(&d).unwrap();
        assert!(!crate::state::draf::harus_dibuang(&t, Some("p1")), "kept at the owner's sign-in");
        assert!(crate::state::draf::harus_dibuang(&t, Some("p2")));
    }
}
