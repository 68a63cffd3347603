//! The realisasi page as plain data: which sub-period opens, a cell (one
//! indicator in one evaluation) as typed and as the server has it, and the
//! typed cells kept on this device until the server has them (a reload, a
//! closed tab: nothing typed is lost).

use std::collections::BTreeMap;

use domain::api::realisasi::DokumentasiEvaluasi;
use domain::periode::PeriodeEvaluasi;
use domain::skp::{Realisasi, RealisasiInput};
use serde::{Deserialize, Serialize};

/// A cell's key: `{indikator}|{evaluasi}`.
pub fn kunci_sel(indikator_id: &str, evaluasi: PeriodeEvaluasi) -> String {
    format!("{indikator_id}|{}", evaluasi.kode())
}

/// The evaluation the page opens on: the latest sub-period that has started
/// and still has undocumented indicators, else the latest started one, else
/// the first sub-period.
pub fn evaluasi_awal(daftar: &[DokumentasiEvaluasi]) -> Option<PeriodeEvaluasi> {
    let periodik = || daftar.iter().filter(|e| e.dimulai && matches!(e.evaluasi, PeriodeEvaluasi::Periodik { .. }));
    periodik()
        .rfind(|e| !e.belum.is_empty())
        .or_else(|| periodik().next_back())
        .or_else(|| daftar.first())
        .map(|e| e.evaluasi)
}

/// A number as the form takes it back: `87,5`, `4` (no thousands separator).
pub fn angka_isian(x: f64) -> String {
    format!("{x}").replace('.', ",")
}

/// The form of a realisation the server has.
pub fn isian_dari(r: &Realisasi) -> RealisasiInput {
    RealisasiInput {
        indikator_id: r.indikator().as_str().to_owned(),
        evaluasi: r.evaluasi(),
        nilai: r.nilai().map(angka_isian).unwrap_or_default(),
        uraian: r.uraian().to_owned(),
        bukti_dukung: r.bukti_dukung().iter().map(|b| b.as_str().to_owned()).collect(),
    }
}

/// An empty form for a cell.
pub fn isian_kosong(indikator_id: &str, evaluasi: PeriodeEvaluasi) -> RealisasiInput {
    RealisasiInput {
        indikator_id: indikator_id.to_owned(),
        evaluasi,
        nilai: String::new(),
        uraian: String::new(),
        bukti_dukung: Vec::new(),
    }
}

/// Nothing typed in it.
pub fn kosong(i: &RealisasiInput) -> bool {
    i.nilai.trim().is_empty() && i.uraian.trim().is_empty() && i.bukti_dukung.iter().all(|b| b.trim().is_empty())
}

/// Whether the form says what the server has (`12,50` is `12,5`; an empty
/// form is no realisation).
pub fn sama(isian: &RealisasiInput, server: Option<&Realisasi>) -> bool {
    match server {
        None => kosong(isian),
        Some(s) => isian.validate().ok().as_ref() == Some(s),
    }
}

/// The links typed one per line.
pub fn tautan_dari_teks(teks: &str) -> Vec<String> {
    teks.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// The `localStorage` keys of the typed cells start with this (not the
/// SKP drafts' prefix: those are cleared as SKP forms).
pub const AWALAN: &str = "ekinerja.realisasi.";

/// The cells of one SKP typed on this device and not yet confirmed by the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DrafRealisasi {
    pub pemilik: String,
    pub sel: BTreeMap<String, RealisasiInput>,
}

impl DrafRealisasi {
    pub fn baca(teks: &str) -> Option<Self> {
        serde_json::from_str(teks).ok()
    }

    pub fn tulis(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }

    /// The cells to open with instead of the server's: `pemilik`'s, where
    /// they differ from what the server has (`server` by cell key).
    pub fn pulihkan(
        self,
        pemilik: &str,
        server: impl Fn(&str) -> Option<Realisasi>,
    ) -> BTreeMap<String, RealisasiInput> {
        if self.pemilik != pemilik {
            return BTreeMap::new();
        }
        self.sel.into_iter().filter(|(k, isian)| !sama(isian, server(k).as_ref())).collect()
    }

    /// Keeps `isian` under `kunci`, or drops it once the server has the same.
    pub fn ubah(&mut self, kunci: &str, isian: &RealisasiInput, server: Option<&Realisasi>) {
        if sama(isian, server) {
            self.sel.remove(kunci);
        } else {
            self.sel.insert(kunci.to_owned(), isian.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::realisasi::IndikatorBelum;
    use domain::teks::Teks;

    fn ev(ke: Option<u8>, dimulai: bool, belum: usize) -> DokumentasiEvaluasi {
        DokumentasiEvaluasi {
            evaluasi: ke.map_or(PeriodeEvaluasi::Tahunan, |ke| PeriodeEvaluasi::Periodik { ke }),
            label: Teks::new("x", "x"),
            mulai: "2026-01-01".into(),
            selesai: "2026-03-31".into(),
            dimulai,
            realisasi: Vec::new(),
            belum: (0..belum)
                .map(|i| IndikatorBelum {
                    rhk_id: "rhk-1".into(),
                    indikator_id: format!("iki-{i}"),
                    uraian: "u".into(),
                })
                .collect(),
            preview: None,
            bukti: Vec::new(),
        }
    }

    #[test]
    fn the_page_opens_on_the_latest_started_sub_period_still_to_document() {
        let p = |ke| Some(PeriodeEvaluasi::Periodik { ke });
        // Q1 and Q2 started; Q2 fully documented, Q1 not: Q1.
        let d = [ev(Some(1), true, 1), ev(Some(2), true, 0), ev(Some(3), false, 2), ev(None, true, 2)];
        assert_eq!(evaluasi_awal(&d), p(1));
        // Both still to document: the latest.
        let d = [ev(Some(1), true, 1), ev(Some(2), true, 1), ev(Some(3), false, 1), ev(None, true, 1)];
        assert_eq!(evaluasi_awal(&d), p(2));
        // All documented: the latest started.
        let d = [ev(Some(1), true, 0), ev(Some(2), true, 0), ev(Some(3), false, 1), ev(None, true, 1)];
        assert_eq!(evaluasi_awal(&d), p(2));
        // None started yet: the first.
        let d = [ev(Some(1), false, 1), ev(None, false, 1)];
        assert_eq!(evaluasi_awal(&d), p(1));
        assert_eq!(evaluasi_awal(&[]), None);
    }

    fn isian(nilai: &str) -> RealisasiInput {
        RealisasiInput { nilai: nilai.into(), ..isian_kosong("iki-1", PeriodeEvaluasi::Periodik { ke: 1 }) }
    }

    #[test]
    fn a_form_is_the_servers_when_it_reads_the_same() {
        let server = isian("12,5").validate().unwrap();
        assert!(sama(&isian("12,50"), Some(&server)));
        assert!(!sama(&isian("13"), Some(&server)));
        assert!(sama(&isian(""), None), "nothing typed, nothing saved");
        assert!(!sama(&isian("3"), None));
        // Round trip: the server's realisation as a form reads the same again.
        assert!(sama(&isian_dari(&server), Some(&server)));
        assert_eq!(isian_dari(&server).nilai, "12,5");
        assert_eq!(angka_isian(4.0), "4");
    }

    #[test]
    fn typed_cells_survive_for_their_owner_until_the_server_has_them() {
        let k = kunci_sel("iki-1", PeriodeEvaluasi::Periodik { ke: 1 });
        assert_eq!(k, "iki-1|periodik-1");
        let mut d = DrafRealisasi { pemilik: "p1".into(), ..Default::default() };
        d.ubah(&k, &isian("7"), None);
        let t = d.tulis().unwrap();
        let kembali = DrafRealisasi::baca(&t).unwrap();
        assert_eq!(kembali, d);
        assert_eq!(kembali.clone().pulihkan("p1", |_| None).get(&k), Some(&isian("7")));
        assert!(kembali.clone().pulihkan("p2", |_| None).is_empty(), "someone else's");
        let server = isian("7").validate().unwrap();
        assert!(kembali.pulihkan("p1", |_| Some(server.clone())).is_empty(), "the server has it already");
        // Saved: the device copy goes.
        d.ubah(&k, &isian("7"), Some(&server));
        assert!(d.sel.is_empty());
        assert!(DrafRealisasi::baca("{bukan").is_none());
    }

    #[test]
    fn links_are_one_per_line() {
        assert_eq!(
            tautan_dari_teks(" https://a.example/x \n\n  https://b.example  "),
            ["https://a.example/x", "https://b.example"]
        );
        assert!(tautan_dari_teks("  \n").is_empty());
    }
}
