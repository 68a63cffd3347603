//! The evaluation as the penilai types it and the unit as it would stand:
//! a sheet (ratings, reason, notes) checked by the domain's rules, the
//! kuadran's predikat of what is typed, the unit's counts with the ratings
//! typed here in place of the stored ones and the pattern's verdict on
//! them, and the steps of a document its reader may take today. Plain
//! data and the domain's functions: no browser, tested natively.

use std::collections::BTreeMap;

use domain::api::{DistribusiUnit, PenilaianSkp, SimpanPenilaian};
use domain::distribusi::{JumlahPredikat, VonisDistribusi, check_distribusi_angka};
use domain::kalender::Kalender;
use domain::rule_set::permenpanrb_6_2022::{
    Predikat, RatingEkspektasi, SaranRatingHasilKerja, decide_rating_hasil_kerja, kuadran_predikat,
};
use domain::skp::dokumen::{AksiDokumen, DokumenEvaluasi};
use domain::skp::indikator::MAKS_URAIAN;
use domain::skp::perilaku::{PerilakuPerNilai, kolom_nilai};
use domain::skp::{PenilaianInput, Peran};
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use domain::umpan_balik::{NilaiBerakhlak, UmpanBalikUntukPenilai};
use serde::{Deserialize, Serialize};

/// One subordinate's rating as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LembarNilai {
    pub hasil_kerja: Option<RatingEkspektasi>,
    /// Why the rating hasil kerja departs from the suggestion.
    pub alasan: String,
    /// Per BerAKHLAK value, by its code.
    pub per_nilai: BTreeMap<String, RatingEkspektasi>,
    /// The whole as the penilai chooses it (a take-over's is its values').
    pub perilaku: Option<RatingEkspektasi>,
    pub catatan: String,
    pub rekomendasi: String,
    /// The atasan's take-over: every value rated, and the whole the one the
    /// seven give (`domain::skp::perilaku`), not chosen apart.
    #[serde(default)]
    pub per_nilai_wajib: bool,
}

impl LembarNilai {
    /// The sheet as it opens: the rating recorded so far, else the
    /// suggestions (the domain's rating hasil kerja from the stored
    /// realisations; the 360's lean per value and overall, once it closed)
    /// for the penilai to confirm or change.
    pub fn dari(p: &PenilaianSkp) -> LembarNilai {
        if let Some(t) = &p.penilaian {
            let n = &t.penilaian;
            return LembarNilai {
                hasil_kerja: Some(n.rating_hasil_kerja().rating),
                alasan: n.rating_hasil_kerja().alasan_penilai.clone().unwrap_or_default(),
                per_nilai: t.perilaku_per_nilai.clone(),
                perilaku: Some(n.rating_perilaku()),
                catatan: n.catatan().to_owned(),
                rekomendasi: n.rekomendasi().to_owned(),
                per_nilai_wajib: false,
            };
        }
        let mut per_nilai = BTreeMap::new();
        if let Some(u) = &p.umpan_balik_360 {
            for (nilai, lean) in NilaiBerakhlak::ALL.iter().zip(&u.kecenderungan) {
                if let Some(r) = lean {
                    per_nilai.insert(nilai.kode().to_owned(), *r);
                }
            }
        }
        LembarNilai {
            hasil_kerja: p.saran.saran,
            per_nilai,
            perilaku: p.umpan_balik_360.as_ref().and_then(|u| u.saran.rating),
            ..LembarNilai::default()
        }
    }

    /// The take-over's sheet: the same sheet, each value rated and the
    /// whole taken from them.
    pub fn ambil_alih(p: &PenilaianSkp) -> LembarNilai {
        LembarNilai { per_nilai_wajib: true, ..LembarNilai::dari(p) }
    }

    /// The rating perilaku kerja as it stands: the one chosen, or on a
    /// take-over's sheet the one the seven values give once all are rated.
    pub fn rating_perilaku(&self) -> Option<RatingEkspektasi> {
        if self.per_nilai_wajib {
            PerilakuPerNilai::parse(&self.per_nilai).ok().map(|p| p.rating_perilaku())
        } else {
            self.perilaku
        }
    }

    /// Sets or clears one value's rating.
    pub fn pilih_nilai(&mut self, nilai: NilaiBerakhlak, rating: Option<RatingEkspektasi>) {
        match rating {
            Some(r) => self.per_nilai.insert(nilai.kode().to_owned(), r),
            None => self.per_nilai.remove(nilai.kode()),
        };
    }

    /// The kuadran's predikat of what is typed, once both ratings are there.
    pub fn predikat(&self) -> Option<Predikat> {
        Some(kuadran_predikat(self.hasil_kerja?, self.rating_perilaku()?))
    }

    /// Whether the rating hasil kerja departs from the suggestion (a reason is then required).
    pub fn menyimpang(&self, saran: &SaranRatingHasilKerja) -> bool {
        saran.saran.is_some() && self.hasil_kerja.is_some() && self.hasil_kerja != saran.saran
    }

    /// What stops the sheet from being saved, by field, in both languages:
    /// the domain's own checks (a choice missing, the reason a departure
    /// needs, a text too long; on a take-over's sheet each value not yet
    /// rated, by the value's code).
    pub fn periksa(&self, saran: &SaranRatingHasilKerja) -> Vec<(&'static str, Teks)> {
        let mut e = Vec::new();
        let wajib = || Teks::new("Wajib dipilih.", "Required.");
        match self.hasil_kerja {
            None => e.push(("rating_hasil_kerja", wajib())),
            Some(r) => {
                if let Err(err) = decide_rating_hasil_kerja(saran, r, Some(&self.alasan)) {
                    e.push(("alasan", err.pesan()));
                }
            }
        }
        if self.per_nilai_wajib {
            if let Err(salah) = PerilakuPerNilai::parse(&self.per_nilai) {
                for n in NilaiBerakhlak::ALL {
                    e.extend(salah.get(&kolom_nilai(n)).iter().map(|t| (n.kode(), t.clone())));
                }
            }
        } else if self.perilaku.is_none() {
            e.push(("rating_perilaku", wajib()));
        }
        for (kolom, isi) in [("alasan", &self.alasan), ("catatan", &self.catatan), ("rekomendasi", &self.rekomendasi)] {
            if isi.chars().count() > MAKS_URAIAN {
                e.push((
                    kolom,
                    Teks::new(
                        format!("Paling banyak {MAKS_URAIAN} karakter."),
                        format!("At most {MAKS_URAIAN} characters."),
                    ),
                ));
            }
        }
        e
    }

    /// The rating as the server takes it, on the SKP's `version` (the
    /// per-RHK ratings are the server's own, from the stored realisations).
    pub fn simpan(&self, p: &PenilaianSkp, version: i64) -> SimpanPenilaian {
        SimpanPenilaian {
            version,
            penilaian: PenilaianInput {
                evaluasi: p.evaluasi,
                predikat_organisasi: None,
                rating_rhk: p.rating_rhk.clone(),
                rating_hasil_kerja: self.hasil_kerja,
                alasan: self.alasan.trim().to_owned(),
                rating_perilaku: self.rating_perilaku(),
                catatan: self.catatan.trim().to_owned(),
                rekomendasi: self.rekomendasi.trim().to_owned(),
            },
            perilaku_per_nilai: self.per_nilai.clone(),
        }
    }
}

/// The messages of one field of a sheet's check, in one language, as one line.
pub fn pesan_lembar(galat: &[(&'static str, Teks)], kolom: &str, en: bool) -> String {
    galat
        .iter()
        .filter(|(k, _)| *k == kolom)
        .map(|(_, t)| t.dalam(if en { "en" } else { "id" }))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unit's counts per predikat with the ratings typed on this device
/// (`diketik`: by SKP id, `None` where nothing is typed) in place of the
/// stored ones.
pub fn jumlah_dengan(unit: &DistribusiUnit, diketik: impl Fn(&str) -> Option<Predikat>) -> JumlahPredikat {
    unit.pegawai.iter().filter_map(|p| p.skp_id.as_deref().and_then(&diketik).or(p.predikat)).collect()
}

/// The pattern's verdict on those counts (`None` until the organisation's
/// predikat is set), in numbers: `domain::distribusi::check_distribusi_angka`,
/// the rule the server's `check_distribusi` applies when the unit is
/// finalised; its violations are worded by `VonisDistribusi::pelanggaran`.
/// Counts that move inside the pattern give the same verdict.
pub fn periksa_distribusi(unit: &DistribusiUnit, jumlah: &JumlahPredikat) -> Option<VonisDistribusi> {
    unit.predikat_organisasi.map(|po| check_distribusi_angka(po, jumlah, unit.mode))
}

/// The steps a reader in role `peran` may take on a document today, as the
/// domain's [`DokumenEvaluasi::bisa`] says (the one rule the server's steps
/// and queues ask too; the server decides again with the instansi's
/// calendar and its own date). The atasan's take-over, a rating of its
/// own, is not offered here.
pub fn langkah_bisa(d: &DokumenEvaluasi, peran: Peran, hari_ini: Tanggal, kalender: &Kalender) -> Vec<AksiDokumen> {
    [
        AksiDokumen::SignByPenilai,
        AksiDokumen::Deliver,
        AksiDokumen::SignByPegawai,
        AksiDokumen::FileKeberatan,
        AksiDokumen::ReplyKeberatan,
        AksiDokumen::DecideKeberatan,
        AksiDokumen::Report,
    ]
    .into_iter()
    .filter(|a| d.bisa(*a, peran, hari_ini, kalender).is_ok())
    .collect()
}

/// The role a document's reader acts in (the admin reads only).
pub fn peran_dari(akses: domain::api::Akses) -> Option<Peran> {
    use domain::api::Akses;
    match akses {
        Akses::Pegawai => Some(Peran::Pegawai),
        Akses::PejabatPenilai => Some(Peran::PejabatPenilai),
        Akses::AtasanPejabatPenilai => Some(Peran::AtasanPejabatPenilai),
        Akses::Admin => None,
    }
}

/// Whether the atasan pejabat penilai may take the evaluation over today
/// (the penilai's deadline passed, as the domain says): offered as the
/// take-over form (`Halaman::AmbilAlih`), since it is a rating of its own.
pub fn ambil_alih_bisa(d: &DokumenEvaluasi, peran: Option<Peran>, hari_ini: Tanggal, kalender: &Kalender) -> bool {
    peran == Some(Peran::AtasanPejabatPenilai)
        && d.bisa(AksiDokumen::TakeOver, Peran::AtasanPejabatPenilai, hari_ini, kalender).is_ok()
}

/// Whether the server's queue lists the document for the instansi admin
/// (`sebagai_admin`: one without an atasan pejabat penilai, whose objection
/// the admin decides and reports in the atasan's place).
pub fn diwakili_admin(antrian: &domain::api::AntrianEvaluasi, dokumen_id: &str) -> bool {
    antrian.sebagai_admin.iter().any(|t| t.dokumen_id.as_deref() == Some(dokumen_id))
}

/// The steps the instansi admin takes on such a document today, in the
/// atasan's role (as the server records them: `admin_instansi`).
pub fn langkah_admin(d: &DokumenEvaluasi, hari_ini: Tanggal, kalender: &Kalender) -> Vec<AksiDokumen> {
    [AksiDokumen::DecideKeberatan, AksiDokumen::Report]
        .into_iter()
        .filter(|a| d.bisa(*a, Peran::AtasanPejabatPenilai, hari_ini, kalender).is_ok())
        .collect()
}

/// Whether the 360's aggregate has advice to show beside the behaviour
/// ratings: a lean on some value, or an overall suggestion. A 360 closed
/// with no answer (or only answers the anonymity threshold hides) has none:
/// the sheet then says the 360 is not available, not that its lean is shown.
pub fn ada_saran_360(u: Option<&UmpanBalikUntukPenilai>) -> bool {
    u.is_some_and(|u| u.saran.rating.is_some() || u.kecenderungan.iter().any(Option::is_some))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{Akses, PegawaiDistribusi, PegawaiRingkas};
    use domain::distribusi::ModeDistribusi;
    use domain::rule_set::permenpanrb_6_2022::PredikatOrganisasi;
    use domain::umpan_balik::{KelompokPenilai, KonfigurasiUmpanBalik, RekamanUmpanBalik, aggregate_umpan_balik};

    fn orang(skp: &str, predikat: Option<Predikat>) -> PegawaiDistribusi {
        PegawaiDistribusi {
            pegawai: PegawaiRingkas {
                id: format!("p-{skp}"),
                nip: "198811232014022006".into(),
                nama: skp.into(),
                jabatan: "Analis".into(),
            },
            skp_id: Some(skp.into()),
            status: None,
            predikat,
            predikat_awal: predikat,
            nilai_lama: None,
        }
    }

    fn unit(predikat: &[Option<Predikat>]) -> DistribusiUnit {
        DistribusiUnit {
            periode_id: "per".into(),
            evaluasi: "tahunan".into(),
            unit_id: "u".into(),
            predikat_organisasi: Some(PredikatOrganisasi::Baik),
            mode: ModeDistribusi::Blokir,
            pegawai: predikat.iter().enumerate().map(|(i, p)| orang(&format!("s{i}"), *p)).collect(),
            jumlah: JumlahPredikat::default(),
            batas: Vec::new(),
            hasil: None,
            finalisasi: None,
        }
    }

    #[test]
    fn the_counts_take_what_is_typed_in_place_of_what_is_stored() {
        let u = unit(&[Some(Predikat::Baik), Some(Predikat::Baik), None]);
        let kosong = jumlah_dengan(&u, |_| None);
        assert_eq!((kosong.baik, kosong.total()), (2, 2), "the unrated one is not counted");
        let diketik = BTreeMap::from([("s0".to_owned(), Predikat::SangatBaik), ("s2".to_owned(), Predikat::Kurang)]);
        let j = jumlah_dengan(&u, |s| diketik.get(s).copied());
        assert_eq!((j.sangat_baik, j.baik, j.kurang, j.total()), (1, 1, 1, 3));
    }

    #[test]
    fn the_pattern_names_a_violation_as_soon_as_a_typed_rating_breaks_it() {
        // Ten pegawai of a "Baik" unit: ten Baik as stored break the cap and the
        // presence rule; all typed Sangat Baik, the presence rule only.
        let u = unit(&[Some(Predikat::Baik); 10]);
        let tersimpan = periksa_distribusi(&u, &jumlah_dengan(&u, |_| None)).expect("predikat organisasi set");
        let diketik: BTreeMap<String, Predikat> = (0..10).map(|i| (format!("s{i}"), Predikat::SangatBaik)).collect();
        let langgar = periksa_distribusi(&u, &jumlah_dengan(&u, |s| diketik.get(s).copied())).unwrap();
        assert!(!langgar.sesuai_pola && !langgar.boleh_ditetapkan, "blocking mode: {langgar:?}");
        let kode: Vec<_> = langgar.pelanggaran().map(|p| p.kode).collect();
        assert_eq!(kode, ["harus_ada_butuh_perbaikan_atau_kurang"], "ten Sangat Baik: no Butuh Perbaikan or Kurang");
        assert!(
            langgar.pelanggaran().all(|p| !p.pesan.id.is_empty() && !p.pesan.en.is_empty()),
            "each violation is named"
        );
        let kode_awal: Vec<_> = tersimpan.pelanggaran().map(|p| p.kode).collect();
        assert_eq!(kode_awal, ["maksimal_baik", "harus_ada_butuh_perbaikan_atau_kurang"], "ten Baik, as stored");
        assert_ne!(tersimpan, langgar);
        let tanpa = DistribusiUnit { predikat_organisasi: None, ..u };
        assert!(periksa_distribusi(&tanpa, &JumlahPredikat::default()).is_none());
    }

    #[test]
    fn a_sheet_needs_both_ratings_and_a_reason_to_depart_from_the_suggestion() {
        let saran = domain::rule_set::permenpanrb_6_2022::suggest_rating_hasil_kerja([(
            domain::rule_set::JenisRhk::Utama,
            RatingEkspektasi::SesuaiEkspektasi,
        )]);
        let mut l = LembarNilai::default();
        let kolom: Vec<&str> = l.periksa(&saran).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kolom, ["rating_hasil_kerja", "rating_perilaku"]);
        l.hasil_kerja = Some(RatingEkspektasi::DiatasEkspektasi);
        l.perilaku = Some(RatingEkspektasi::DiatasEkspektasi);
        assert!(l.menyimpang(&saran));
        assert_eq!(l.periksa(&saran).into_iter().map(|(k, _)| k).collect::<Vec<_>>(), ["alasan"]);
        l.alasan = "Melampaui target dengan inovasi layanan.".into();
        assert!(l.periksa(&saran).is_empty());
        assert_eq!(l.predikat(), Some(Predikat::SangatBaik));
        l.catatan = "x".repeat(MAKS_URAIAN + 1);
        assert_eq!(l.periksa(&saran).into_iter().map(|(k, _)| k).collect::<Vec<_>>(), ["catatan"]);
    }

    #[test]
    fn a_take_overs_sheet_rates_each_value_and_takes_the_whole_from_them() {
        use RatingEkspektasi::{DiatasEkspektasi as Atas, SesuaiEkspektasi as Sesuai};
        let saran = domain::rule_set::permenpanrb_6_2022::suggest_rating_hasil_kerja([(
            domain::rule_set::JenisRhk::Utama,
            RatingEkspektasi::SesuaiEkspektasi,
        )]);
        let mut l = LembarNilai { per_nilai_wajib: true, hasil_kerja: Some(Sesuai), ..LembarNilai::default() };
        // A whole chosen apart does not count: the values give it.
        l.perilaku = Some(Atas);
        assert_eq!((l.rating_perilaku(), l.predikat()), (None, None));
        let kolom: Vec<&str> = l.periksa(&saran).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kolom, NilaiBerakhlak::ALL.map(NilaiBerakhlak::kode), "each value, none for the whole");
        for n in NilaiBerakhlak::ALL {
            l.pilih_nilai(n, Some(Sesuai));
        }
        assert!(l.periksa(&saran).is_empty());
        assert_eq!((l.rating_perilaku(), l.predikat()), (Some(Sesuai), Some(Predikat::Baik)));
        // Four role-model values make the whole Di Atas, and the predikat moves with it.
        for n in &NilaiBerakhlak::ALL[..4] {
            l.pilih_nilai(*n, Some(Atas));
        }
        assert_eq!((l.rating_perilaku(), l.predikat()), (Some(Atas), Some(Predikat::Baik)));
        l.hasil_kerja = Some(Atas);
        l.alasan = "Melampaui target.".into();
        assert_eq!(l.predikat(), Some(Predikat::SangatBaik));
        l.pilih_nilai(NilaiBerakhlak::Adaptif, Some(RatingEkspektasi::DibawahEkspektasi));
        assert_eq!(l.rating_perilaku(), Some(RatingEkspektasi::DibawahEkspektasi));
        l.pilih_nilai(NilaiBerakhlak::Adaptif, None);
        let galat = l.periksa(&saran);
        assert_eq!(galat.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["adaptif"]);
        assert_eq!(pesan_lembar(&galat, "adaptif", false), "Wajib dipilih.");
        assert_eq!(pesan_lembar(&galat, "adaptif", true), "Required.");
        assert_eq!(pesan_lembar(&galat, "catatan", true), "");
        // What is sent: every value, and the whole the values give.
        l.pilih_nilai(NilaiBerakhlak::Adaptif, Some(Atas));
        let p = penilaian_skp();
        let body = l.simpan(&p, 7);
        assert_eq!(body.perilaku_per_nilai.len(), 7);
        assert_eq!(body.penilaian.rating_perilaku, Some(Atas));
        assert_eq!(
            domain::skp::perilaku::perilaku_ambil_alih(&body.perilaku_per_nilai, body.penilaian.rating_perilaku),
            Ok(Some(Atas)),
            "the server's check passes"
        );
        // The penilai's own sheet keeps the whole as chosen.
        let penilai = LembarNilai { per_nilai_wajib: false, perilaku: Some(Sesuai), ..l.clone() };
        assert_eq!(penilai.rating_perilaku(), Some(Sesuai));
        assert!(LembarNilai::ambil_alih(&p).per_nilai_wajib && !LembarNilai::dari(&p).per_nilai_wajib);
    }

    fn penilaian_skp() -> PenilaianSkp {
        PenilaianSkp {
            skp_id: "s".into(),
            version: 7,
            status: domain::StatusSkp::Ditetapkan,
            akses: Akses::AtasanPejabatPenilai,
            pegawai: PegawaiRingkas {
                id: "p".into(),
                nip: "198811232014022006".into(),
                nama: "Nur".into(),
                jabatan: "Analis".into(),
            },
            rule_set: domain::RuleSet::Permenpanrb6_2022,
            evaluasi: domain::periode::PeriodeEvaluasi::Tahunan,
            rating_rhk: BTreeMap::new(),
            saran: domain::rule_set::permenpanrb_6_2022::suggest_rating_hasil_kerja([]),
            umpan_balik_360: None,
            predikat_organisasi: None,
            penilaian: None,
            dokumen_id: None,
            dasar_lama: None,
            penilaian_lama: None,
        }
    }

    #[test]
    fn akses_maps_to_the_documents_roles() {
        assert_eq!(peran_dari(Akses::Pegawai), Some(Peran::Pegawai));
        assert_eq!(peran_dari(Akses::Admin), None, "the admin reads only");
    }

    #[test]
    fn the_admin_acts_only_on_a_document_the_queue_lists_for_the_admin() {
        let tugas = |dokumen: &str| domain::api::TugasEvaluasi {
            tugas: "putuskan_keberatan".into(),
            label: Teks::new("", ""),
            pegawai: PegawaiRingkas {
                id: "p".into(),
                nip: "198811232014022006".into(),
                nama: "Nur".into(),
                jabatan: "Analis".into(),
            },
            skp_id: "s".into(),
            dokumen_id: Some(dokumen.into()),
            evaluasi: "tahunan".into(),
            batas: "2027-01-20".into(),
            terlambat: false,
            sisa_hari_kerja: 3,
        };
        let mut a = domain::api::AntrianEvaluasi {
            periode_id: "per".into(),
            sebagai_penilai: Vec::new(),
            sebagai_atasan: vec![tugas("d-atasan")],
            sebagai_pegawai: Vec::new(),
            sebagai_admin: Vec::new(),
        };
        assert!(!diwakili_admin(&a, "d-atasan"), "another role's task does not count");
        a.sebagai_admin.push(tugas("d-1"));
        assert!(diwakili_admin(&a, "d-1"));
        assert!(!diwakili_admin(&a, "d-2"));
    }

    /// A closed 360's aggregate of `kelompok` raters' answers (all above expectation).
    fn saran(kelompok: &[KelompokPenilai]) -> UmpanBalikUntukPenilai {
        let rekaman: Vec<RekamanUmpanBalik> = kelompok
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                NilaiBerakhlak::ALL.into_iter().map(move |nilai| RekamanUmpanBalik {
                    penilai_id: format!("r{i}"),
                    kelompok: *k,
                    nilai,
                    rating: RatingEkspektasi::DiatasEkspektasi,
                    catatan: None,
                })
            })
            .collect();
        aggregate_umpan_balik(&rekaman, &KonfigurasiUmpanBalik::default()).unwrap().untuk_penilai()
    }

    #[test]
    fn the_360_hint_only_when_there_is_advice_to_show() {
        assert!(!ada_saran_360(None), "not closed");
        assert!(!ada_saran_360(Some(&saran(&[]))), "closed with no answer");
        assert!(!ada_saran_360(Some(&saran(&[KelompokPenilai::Rekan]))), "a lone peer, hidden by the threshold");
        assert!(ada_saran_360(Some(&saran(&[KelompokPenilai::Atasan]))), "the atasan's answer");
        assert!(ada_saran_360(Some(&saran(&[KelompokPenilai::Rekan; 3]))), "three peers");
    }
}
