//! A former rule set's numeric sheet as the penilai types it (PermenPANRB
//! 8/2021, PP 46/2011): the perilaku aspects and the rule set's own fields
//! as text, read the way Indonesians write numbers, and what the domain's
//! rule (`PenilaianLamaInput::validate`, the server's own) makes of them
//! with the SKP's part the server sent (`PenilaianSkp::dasar_lama`). And
//! the choice of evaluation on the unit screen, over every period whose
//! evaluations have ended. Plain data: no browser, tested natively.

use std::collections::BTreeMap;

use domain::FieldErrors;
use domain::api::{PenilaianSkp, PeriodeView, SimpanPenilaianLama};
use domain::periode::PeriodeEvaluasi;
use domain::skp::indikator::parse_angka;
use domain::skp::penilaian_lama::AspekPerilaku;
use domain::skp::{PenilaianLama, PenilaianLamaInput};
use domain::tanggal::Tanggal;
use domain::teks::Teks;

/// The numeric sheet as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LembarLama {
    /// Per aspect code, the score as typed.
    pub perilaku: BTreeMap<&'static str, String>,
    pub perilaku_dari_rekan: bool,
    pub inovasi: bool,
    pub tugas_tambahan: String,
    pub kreativitas: String,
    pub catatan: String,
    pub rekomendasi: String,
}

/// A number as the sheet shows it in Indonesian (`87,5`).
fn tulis(x: f64) -> String {
    domain::rule_set::angka(x).id
}

impl LembarLama {
    /// The sheet as it opens: the rating recorded so far, else empty.
    pub fn dari(p: &PenilaianSkp) -> LembarLama {
        let Some(t) = &p.penilaian_lama else { return LembarLama::default() };
        let n = &t.penilaian;
        let kreativitas = match &n.hasil() {
            domain::skp::penilaian_lama::HasilLama::Pp46_2011 { capaian, .. } if capaian.nilai_kreativitas != 0.0 => {
                tulis(capaian.nilai_kreativitas)
            }
            _ => String::new(),
        };
        LembarLama {
            perilaku: n.perilaku().iter().map(|(a, x)| (a.kode(), tulis(*x))).collect(),
            perilaku_dari_rekan: n.perilaku_dari_rekan(),
            inovasi: n.inovasi(),
            tugas_tambahan: match n.jumlah_tugas_tambahan() {
                0 => String::new(),
                x => x.to_string(),
            },
            kreativitas,
            catatan: n.catatan().to_owned(),
            rekomendasi: n.rekomendasi().to_owned(),
        }
    }

    /// The form as the domain reads it, and what could not be read as a
    /// number (per field). An empty aspect is left out (the rule asks for
    /// it); empty tugas tambahan and kreativitas are 0.
    fn input(&self, evaluasi: PeriodeEvaluasi) -> (PenilaianLamaInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let mut input = PenilaianLamaInput::kosong(evaluasi);
        for (kode, teks) in &self.perilaku {
            if teks.trim().is_empty() {
                continue;
            }
            match parse_angka(teks) {
                Ok(x) => {
                    input.perilaku.insert((*kode).to_owned(), x);
                }
                Err(t) => {
                    e.add(format!("perilaku.{kode}"), t);
                }
            }
        }
        input.perilaku_dari_rekan = self.perilaku_dari_rekan;
        input.inovasi = self.inovasi;
        let tugas = self.tugas_tambahan.trim();
        if !tugas.is_empty() {
            match tugas.parse::<u32>() {
                Ok(n) => input.jumlah_tugas_tambahan = n,
                Err(_) => {
                    e.push(
                        "jumlah_tugas_tambahan",
                        "Isi jumlah tugas tambahan sebagai bilangan bulat, mis. 2.",
                        "Enter the number of additional tasks as a whole number, e.g. 2.",
                    );
                }
            }
        }
        if !self.kreativitas.trim().is_empty() {
            match parse_angka(&self.kreativitas) {
                Ok(x) => input.nilai_kreativitas = x,
                Err(t) => {
                    e.add("nilai_kreativitas", t);
                }
            }
        }
        input.catatan = self.catatan.trim().to_owned();
        input.rekomendasi = self.rekomendasi.trim().to_owned();
        (input, e)
    }

    /// What the rules make of the sheet now: the rating with its nilai and
    /// sebutan, or every field's message (what could not be read as a
    /// number, else the rule's). `Err` with no field also when the period
    /// is not a former rule set's (no `dasar_lama`).
    pub fn hasil(&self, p: &PenilaianSkp) -> Result<PenilaianLama, FieldErrors> {
        let Some(dasar) = &p.dasar_lama else { return Err(FieldErrors::new()) };
        let (input, mut e) = self.input(p.evaluasi);
        match input.validate(dasar) {
            Ok(n) if e.is_empty() => Ok(n),
            Ok(_) => Err(e),
            Err(aturan) => {
                // A field that is not a number says so, not also "required".
                for (field, pesan) in aturan.iter().filter(|(f, _)| !e.contains(f)).collect::<Vec<_>>() {
                    for t in pesan {
                        e.add(field, t.clone());
                    }
                }
                Err(e)
            }
        }
    }

    /// The body saved on `version` (the sheet is saved once [`Self::hasil`] passes).
    pub fn simpan(&self, p: &PenilaianSkp, version: i64) -> SimpanPenilaianLama {
        SimpanPenilaianLama { version, penilaian: self.input(p.evaluasi).0 }
    }
}

/// The label of an aspect on the sheet (kepemimpinan says who gives it).
pub fn label_aspek(a: AspekPerilaku) -> Teks {
    let l = a.label();
    if a.wajib() {
        l
    } else {
        Teks::new(format!("{} (pejabat struktural)", l.id), format!("{} (structural officials)", l.en))
    }
}

/// One evaluation the unit screen can open: of which period, which
/// evaluation, its label, and the key the choice is kept by.
#[derive(Clone, Debug, PartialEq)]
pub struct PilihanEvaluasi {
    pub periode: PeriodeView,
    pub evaluasi: PeriodeEvaluasi,
    pub label: Teks,
}

impl PilihanEvaluasi {
    /// `periode_id|periodik-3`.
    pub fn kunci(&self) -> String {
        format!("{}|{}", self.periode.id, self.evaluasi.kode())
    }
}

/// Every evaluation that has ended by `hari` (the rule the server's rating
/// checks: `Periode::evaluasi_berakhir`), the active period's first (the
/// one of `hari`'s year, else the latest), then the other periods' by year,
/// latest first; each the latest evaluation first (a former rule set's
/// period is reachable that way). Every label names its year.
pub fn pilihan_evaluasi(periode: &[PeriodeView], hari: Tanggal) -> Vec<PilihanEvaluasi> {
    let tahun = i64::from(hari.tahun());
    let aktif = periode.iter().find(|p| p.tahun == tahun).or_else(|| periode.iter().max_by_key(|p| p.tahun));
    let mut urut: Vec<&PeriodeView> = periode.iter().collect();
    urut.sort_by_key(|p| (Some(p.id.as_str()) != aktif.map(|a| a.id.as_str()), -p.tahun, p.id.clone()));
    let mut semua = Vec::new();
    for p in urut {
        let Some(per) = p.periode() else { continue };
        for e in per.evaluasi_berakhir(hari) {
            let tahun = per.tahun();
            let label = match e {
                PeriodeEvaluasi::Periodik { ke } => per.sub_periode_ke(ke).map(|s| s.label()),
                PeriodeEvaluasi::Tahunan => None,
            }
            .unwrap_or_else(|| Teks::new(format!("Tahunan {tahun}"), format!("Annual {tahun}")));
            semua.push(PilihanEvaluasi { periode: p.clone(), evaluasi: e, label });
        }
    }
    semua
}

#[cfg(test)]
mod tests {
    use domain::api::{Akses, PegawaiRingkas, PenilaianLamaTercatat};
    use domain::periode::SiklusPeriodik;
    use domain::rule_set::RuleSet;
    use domain::rule_set::permenpanrb_6_2022::suggest_rating_hasil_kerja;
    use domain::skp::StatusSkp;
    use domain::skp::penilaian_lama::DasarLama;

    use super::*;

    fn sheet(rule_set: RuleSet, dasar: DasarLama) -> PenilaianSkp {
        PenilaianSkp {
            skp_id: "skp-1".into(),
            version: 4,
            status: StatusSkp::Ditetapkan,
            akses: Akses::PejabatPenilai,
            pegawai: PegawaiRingkas { id: "p".into(), nip: "1".into(), nama: "Siti".into(), jabatan: "Analis".into() },
            rule_set,
            evaluasi: PeriodeEvaluasi::Tahunan,
            rating_rhk: BTreeMap::new(),
            saran: suggest_rating_hasil_kerja([]),
            umpan_balik_360: None,
            predikat_organisasi: None,
            penilaian: None,
            dokumen_id: None,
            dasar_lama: Some(dasar),
            penilaian_lama: None,
        }
    }

    fn pp46() -> PenilaianSkp {
        let dasar =
            DasarLama { rule_set: RuleSet::Pp46_2011, nilai_kegiatan: vec![100.0], nilai_skp: None, kendala: vec![] };
        sheet(RuleSet::Pp46_2011, dasar)
    }

    fn ketik(aspek: &[(&'static str, &str)]) -> LembarLama {
        LembarLama { perilaku: aspek.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(), ..LembarLama::default() }
    }

    const LIMA: [(&str, &str); 5] = [
        ("orientasi_pelayanan", "80"),
        ("integritas", "80"),
        ("komitmen", "80"),
        ("disiplin", "80"),
        ("kerja_sama", "80"),
    ];

    #[test]
    fn typed_numbers_give_the_servers_nilai_and_sebutan() {
        // 100 + 1 (2 tugas tambahan) + 3 = 104; 60% × 104 + 40% × 80 = 94,4.
        let mut l = ketik(&LIMA);
        l.tugas_tambahan = "2".into();
        l.kreativitas = "3".into();
        let n = l.hasil(&pp46()).unwrap();
        assert!((n.nilai() - 94.4).abs() < 1e-9, "{}", n.nilai());
        assert_eq!(n.kode_sebutan(), "sangat_baik");
        let body = l.simpan(&pp46(), 7);
        assert_eq!((body.version, body.penilaian.jumlah_tugas_tambahan), (7, 2));
        // An Indonesian decimal is read as one: 87,5.
        let mut l = ketik(&LIMA);
        l.perilaku.insert("disiplin", "87,5".into());
        assert!((l.hasil(&pp46()).unwrap().nilai_perilaku() - 81.5).abs() < 1e-9);
    }

    #[test]
    fn what_is_not_a_number_is_named_once() {
        let mut l = ketik(&LIMA);
        l.perilaku.insert("komitmen", "delapan".into());
        l.tugas_tambahan = "2,5".into();
        let e = l.hasil(&pp46()).unwrap_err();
        assert_eq!(e.get("perilaku.komitmen").len(), 1, "{e:?}");
        assert!(e.contains("jumlah_tugas_tambahan"), "{e:?}");
        // An empty required aspect: the rule's own message.
        let e = ketik(&LIMA[..4]).hasil(&pp46()).unwrap_err();
        assert!(e.contains("perilaku.kerja_sama"), "{e:?}");
    }

    #[test]
    fn a_recorded_rating_opens_as_typed() {
        let mut l = ketik(&LIMA);
        l.perilaku.insert("disiplin", "87,5".into());
        l.kreativitas = "6".into();
        l.catatan = "Baik sekali".into();
        let mut p = pp46();
        let n = l.hasil(&p).unwrap();
        p.penilaian_lama = Some(PenilaianLamaTercatat::baru(n, "penilai".into(), 0));
        assert_eq!(LembarLama::dari(&p), l);
    }

    fn periode(id: &str, tahun: i64, rule_set: RuleSet) -> PeriodeView {
        PeriodeView {
            id: id.into(),
            tahun,
            rule_set,
            siklus: SiklusPeriodik::Triwulanan,
            mulai: format!("{tahun}-01-01"),
            selesai: format!("{tahun}-12-31"),
            version: 1,
        }
    }

    #[test]
    fn every_period_whose_evaluations_ended_can_be_chosen_the_active_first() {
        let semua = [
            periode("p2020", 2020, RuleSet::Pp46_2011),
            periode("p2026", 2026, RuleSet::Permenpanrb6_2022),
            periode("p2025", 2025, RuleSet::Permenpanrb6_2022),
        ];
        let hari = Tanggal::new(2026, 7, 10).unwrap();
        let p = pilihan_evaluasi(&semua, hari);
        let kunci: Vec<String> = p.iter().map(PilihanEvaluasi::kunci).collect();
        // 2026: two quarters ended, the latest first; then 2025's and 2020's (annual first).
        assert_eq!(&kunci[..3], ["p2026|periodik-2", "p2026|periodik-1", "p2025|tahunan"], "{kunci:?}");
        assert_eq!(kunci.last().map(String::as_str), Some("p2020|periodik-1"));
        assert_eq!(kunci.len(), 2 + 5 + 5);
        assert_eq!((p[0].label.id.as_str(), p[2].label.id.as_str()), ("Triwulan II 2026", "Tahunan 2025"));
        // Nothing has ended yet on the first day of the only period.
        assert!(pilihan_evaluasi(&semua[1..2], Tanggal::new(2026, 1, 1).unwrap()).is_empty());
    }
}
