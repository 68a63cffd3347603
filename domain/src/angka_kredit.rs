//! Angka kredit (credit points) of functional positions from the predikat
//! kinerja: Peraturan BKN 3/2023 with PermenPANRB 1/2023 (RULES.md §2.1.8).
//!
//! ```text
//! AK = (bulan / 12) × persen_predikat × koefisien_tahunan
//! ```
//!
//! # Rounding (RULES.md §5, §6.8), decided once here
//!
//! A period's angka kredit is kept **unrounded**; only a total that is shown
//! or submitted is rounded, to 2 decimals, half away from zero
//! ([`jumlahkan_angka_kredit`], [`AngkaKredit::dibulatkan`]). Rounding each
//! period first would lose credit: twelve monthly *baik* periods at
//! koefisien 12.5 are 12 × 1.04 = 12.48 when rounded per month, but the year is
//! worth 12.5. BKN's own worked example rounds 2/12 × 12.5 = 2.0833… to 2.08
//! only for display.

use serde::{Deserialize, Serialize};

use crate::rule_set::permenpanrb_6_2022::Predikat;
use crate::rule_set::{Angka, angka, angka_jumlah, angka_persis, bulatkan};
use crate::teks::{Penjelasan, Teks};

const SUMBER: &str = "Peraturan BKN 3/2023; PermenPANRB 1/2023 (konversi predikat kinerja ke angka kredit)";

/// The percentage of the annual coefficient each predikat earns.
/// VERIFIED-SECONDARY (BKN slides).
pub const PERSEN_PREDIKAT: [(Predikat, f64); 5] = [
    (Predikat::SangatBaik, 1.50),
    (Predikat::Baik, 1.00),
    (Predikat::ButuhPerbaikan, 0.75),
    (Predikat::Kurang, 0.50),
    (Predikat::SangatKurang, 0.25),
];

/// The share of the annual coefficient earned with `predikat` (1.5 = 150%).
pub fn persen_predikat(predikat: Predikat) -> f64 {
    PERSEN_PREDIKAT[usize::from(predikat.peringkat())].1
}

/// The level (jenjang) of a functional position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Jenjang {
    AhliPertama,
    AhliMuda,
    AhliMadya,
    AhliUtama,
    Pemula,
    Terampil,
    Mahir,
    Penyelia,
}

/// How sure we are of a number (RULES.md's confidence marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSumber {
    /// Read in BKN training material, not the regulation text.
    TerverifikasiSekunder,
    /// Seen only in public code or from memory: confirm before relying on it.
    BelumTerverifikasi,
}

/// One row of the jenjang table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataJenjang {
    pub jenjang: Jenjang,
    pub koefisien_tahunan: f64,
    pub status_koefisien: StatusSumber,
    /// Cumulative AK needed for the next pangkat (VERIFIED-SECONDARY, BKN slide).
    pub ak_kenaikan_pangkat: f64,
    /// Cumulative AK needed for the next jenjang; `None` at the top of a ladder.
    pub ak_kenaikan_jenjang: Option<f64>,
}

/// The jenjang table as data (RULES.md §2.1.8). Only Ahli Pertama's
/// coefficient (12.5) is confirmed by BKN's worked examples; the others come
/// from public code or memory and are marked [`StatusSumber::BelumTerverifikasi`].
pub const DATA_JENJANG: [DataJenjang; 8] = [
    DataJenjang {
        jenjang: Jenjang::AhliPertama,
        koefisien_tahunan: 12.5,
        status_koefisien: StatusSumber::TerverifikasiSekunder,
        ak_kenaikan_pangkat: 50.0,
        ak_kenaikan_jenjang: Some(100.0),
    },
    DataJenjang {
        jenjang: Jenjang::AhliMuda,
        koefisien_tahunan: 25.0,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 100.0,
        ak_kenaikan_jenjang: Some(200.0),
    },
    DataJenjang {
        jenjang: Jenjang::AhliMadya,
        koefisien_tahunan: 37.5,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 150.0,
        ak_kenaikan_jenjang: Some(450.0),
    },
    DataJenjang {
        jenjang: Jenjang::AhliUtama,
        koefisien_tahunan: 50.0,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 200.0,
        ak_kenaikan_jenjang: None,
    },
    DataJenjang {
        jenjang: Jenjang::Pemula,
        koefisien_tahunan: 3.75,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 15.0,
        ak_kenaikan_jenjang: Some(15.0),
    },
    DataJenjang {
        jenjang: Jenjang::Terampil,
        koefisien_tahunan: 5.0,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 50.0,
        ak_kenaikan_jenjang: Some(100.0),
    },
    DataJenjang {
        jenjang: Jenjang::Mahir,
        koefisien_tahunan: 12.5,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 20.0,
        ak_kenaikan_jenjang: Some(60.0),
    },
    DataJenjang {
        jenjang: Jenjang::Penyelia,
        koefisien_tahunan: 25.0,
        status_koefisien: StatusSumber::BelumTerverifikasi,
        ak_kenaikan_pangkat: 100.0,
        ak_kenaikan_jenjang: None,
    },
];

impl Jenjang {
    pub const ALL: [Jenjang; 8] = [
        Jenjang::AhliPertama,
        Jenjang::AhliMuda,
        Jenjang::AhliMadya,
        Jenjang::AhliUtama,
        Jenjang::Pemula,
        Jenjang::Terampil,
        Jenjang::Mahir,
        Jenjang::Penyelia,
    ];

    /// This jenjang's row of [`DATA_JENJANG`].
    pub fn data(self) -> &'static DataJenjang {
        // DATA_JENJANG lists the jenjang in declaration order (checked by a test).
        &DATA_JENJANG[self as usize]
    }

    pub fn koefisien_tahunan(self) -> f64 {
        self.data().koefisien_tahunan
    }

    /// The jenjang named at the end of a functional position's name, as
    /// positions are named ("Analis SDM Aparatur Ahli Pertama", "Pranata
    /// Komputer Terampil"); `None` when the name ends with none.
    pub fn dari_jabatan(jabatan: &str) -> Option<Jenjang> {
        let kata: Vec<String> = jabatan.split_whitespace().map(str::to_ascii_lowercase).collect();
        Jenjang::ALL.into_iter().find(|j| {
            let nama: Vec<String> = j.label().id.split_whitespace().map(str::to_ascii_lowercase).collect();
            kata.len() > nama.len() && kata.ends_with(&nama)
        })
    }

    pub fn label(self) -> Teks {
        let (id, en) = match self {
            Jenjang::AhliPertama => ("Ahli Pertama", "Junior Expert"),
            Jenjang::AhliMuda => ("Ahli Muda", "Associate Expert"),
            Jenjang::AhliMadya => ("Ahli Madya", "Senior Expert"),
            Jenjang::AhliUtama => ("Ahli Utama", "Principal Expert"),
            Jenjang::Pemula => ("Pemula", "Entry Skilled"),
            Jenjang::Terampil => ("Terampil", "Skilled"),
            Jenjang::Mahir => ("Mahir", "Advanced Skilled"),
            Jenjang::Penyelia => ("Penyelia", "Supervisor Skilled"),
        };
        Teks::new(id, en)
    }
}

/// Why an angka kredit cannot be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AngkaKreditError {
    #[error("bulan must be 1 to 12, got {bulan}")]
    BulanTidakValid { bulan: u8 },
    #[error("koefisien_tahunan must be a positive number, got {koefisien}")]
    KoefisienTidakValid { koefisien: f64 },
}

impl AngkaKreditError {
    pub fn kode(&self) -> &'static str {
        match self {
            AngkaKreditError::BulanTidakValid { .. } => "bulan_tidak_valid",
            AngkaKreditError::KoefisienTidakValid { .. } => "koefisien_tidak_valid",
        }
    }

    pub fn pesan(&self) -> Teks {
        match self {
            AngkaKreditError::BulanTidakValid { bulan } => Teks::new(
                format!("Jumlah bulan harus 1 sampai 12, bukan {bulan}."),
                format!("The number of months must be 1 to 12, not {bulan}."),
            ),
            AngkaKreditError::KoefisienTidakValid { koefisien } => {
                let koefisien = angka_persis(*koefisien);
                Teks::new(
                    format!("Koefisien tahunan harus angka positif, bukan {}.", koefisien.id),
                    format!("The annual coefficient must be a positive number, not {}.", koefisien.en),
                )
            }
        }
    }
}

/// The angka kredit of one evaluation period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AngkaKredit {
    pub predikat: Predikat,
    pub bulan: u8,
    pub koefisien_tahunan: f64,
    pub persen_predikat: f64,
    /// Unrounded (see the module documentation).
    pub angka_kredit: f64,
    pub penjelasan: Penjelasan,
}

impl AngkaKredit {
    /// The value rounded to 2 decimals, for display.
    pub fn dibulatkan(&self) -> f64 {
        bulatkan(self.angka_kredit, 2)
    }
}

/// AK = (bulan / 12) × persen_predikat × koefisien_tahunan, for a period of
/// `bulan` months (1–12) rated `predikat`.
pub fn compute_angka_kredit(
    predikat: Predikat,
    bulan: u8,
    koefisien_tahunan: f64,
) -> Result<AngkaKredit, AngkaKreditError> {
    if !(1..=12).contains(&bulan) {
        return Err(AngkaKreditError::BulanTidakValid { bulan });
    }
    if !koefisien_tahunan.is_finite() || koefisien_tahunan <= 0.0 {
        return Err(AngkaKreditError::KoefisienTidakValid { koefisien: koefisien_tahunan });
    }
    let persen = persen_predikat(predikat);
    // Multiply before dividing so whole months of whole coefficients stay exact.
    let angka_kredit = f64::from(bulan) * persen * koefisien_tahunan / 12.0;
    let l = predikat.label();
    let penjelasan = Penjelasan::new("angka_kredit.konversi_predikat", SUMBER)
        .langkah(
            format!("Predikat {} memberi {}% dari koefisien tahunan.", l.id, angka(persen * 100.0).id),
            format!("The predicate {} earns {}% of the annual coefficient.", l.en, angka(persen * 100.0).en),
        )
        .langkah(
            format!(
                "AK = ({bulan}/12) × {}% × {} = {}.",
                angka(persen * 100.0).id,
                angka(koefisien_tahunan).id,
                angka(angka_kredit).id
            ),
            format!(
                "Credit points = ({bulan}/12) × {}% × {} = {}.",
                angka(persen * 100.0).en,
                angka(koefisien_tahunan).en,
                angka(angka_kredit).en
            ),
        )
        .langkah(
            "Nilai per periode disimpan tanpa pembulatan; hanya jumlahnya dibulatkan 2 desimal.",
            "The per-period value is kept unrounded; only the total is rounded to 2 decimals.",
        );
    Ok(AngkaKredit { predikat, bulan, koefisien_tahunan, persen_predikat: persen, angka_kredit, penjelasan })
}

/// [`compute_angka_kredit`] with the coefficient of a jenjang from [`DATA_JENJANG`].
pub fn compute_angka_kredit_jenjang(
    predikat: Predikat,
    bulan: u8,
    jenjang: Jenjang,
) -> Result<AngkaKredit, AngkaKreditError> {
    let mut ak = compute_angka_kredit(predikat, bulan, jenjang.koefisien_tahunan())?;
    let l = jenjang.label();
    let catatan = match jenjang.data().status_koefisien {
        StatusSumber::TerverifikasiSekunder => Teks::new(
            format!("Koefisien tahunan jenjang {} adalah {}.", l.id, angka(ak.koefisien_tahunan).id),
            format!("The annual coefficient of {} is {}.", l.en, angka(ak.koefisien_tahunan).en),
        ),
        StatusSumber::BelumTerverifikasi => Teks::new(
            format!(
                "Koefisien tahunan jenjang {} adalah {} (belum diverifikasi terhadap teks peraturan).",
                l.id,
                angka(ak.koefisien_tahunan).id
            ),
            format!(
                "The annual coefficient of {} is {} (not yet verified against the regulation text).",
                l.en,
                angka(ak.koefisien_tahunan).en
            ),
        ),
    };
    ak.penjelasan.langkah.insert(0, catatan);
    Ok(ak)
}

/// The cumulative angka kredit of several periods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalAngkaKredit {
    /// The sum of the unrounded period values, rounded to 2 decimals.
    pub total: f64,
    pub jumlah_periode: usize,
    pub penjelasan: Penjelasan,
}

/// Adds periods unrounded and rounds the total once (see the module documentation).
pub fn jumlahkan_angka_kredit(periode: &[AngkaKredit]) -> TotalAngkaKredit {
    let mentah: f64 = periode.iter().map(|p| p.angka_kredit).sum();
    let total = bulatkan(mentah, 2);
    // `2,08 + 1,04` / `2.08 + 1.04`; no periods read `0`.
    let Angka { id: rincian_id, en: rincian_en } =
        if periode.is_empty() { angka(0.0) } else { angka_jumlah(periode.iter().map(|p| p.angka_kredit)) };
    // The total is shown with exactly 2 decimals, in each language's separator.
    // `+ 0.0` turns the -0.0 of an empty sum into 0.0, so it never reads "-0.00".
    let total_en = format!("{:.2}", total + 0.0);
    let total_id = total_en.replace('.', ",");
    let penjelasan = Penjelasan::new("angka_kredit.akumulasi", SUMBER)
        .langkah(
            format!("Jumlah {} periode: {rincian_id} = {}.", periode.len(), angka(mentah).id),
            format!("Sum of {} periods: {rincian_en} = {}.", periode.len(), angka(mentah).en),
        )
        .langkah(
            format!("Dibulatkan sekali ke 2 desimal: {total_id}."),
            format!("Rounded once to 2 decimals: {total_en}."),
        );
    TotalAngkaKredit { total, jumlah_periode: periode.len(), penjelasan }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jenjang_is_read_off_the_end_of_a_functional_position_name() {
        let cases = [
            ("Analis SDM Aparatur Ahli Pertama", Some(Jenjang::AhliPertama)),
            ("Widyaiswara Ahli Muda", Some(Jenjang::AhliMuda)),
            ("Auditor  ahli madya", Some(Jenjang::AhliMadya)),
            ("Pranata Komputer Terampil", Some(Jenjang::Terampil)),
            ("Arsiparis Penyelia", Some(Jenjang::Penyelia)),
            ("Pengelola Data Kepegawaian", None),
            ("Ahli Pertama", None),
            ("Ahli Pertama Bidang Hukum", None),
            ("", None),
        ];
        for (jabatan, expected) in cases {
            assert_eq!(Jenjang::dari_jabatan(jabatan), expected, "{jabatan:?}");
        }
    }

    #[test]
    fn predikat_percentages_match_peraturan_bkn_3_2023() {
        let table = [
            (Predikat::SangatBaik, 1.50),
            (Predikat::Baik, 1.00),
            (Predikat::ButuhPerbaikan, 0.75),
            (Predikat::Kurang, 0.50),
            (Predikat::SangatKurang, 0.25),
        ];
        for (p, expected) in table {
            assert_eq!(persen_predikat(p), expected, "{p:?}");
        }
    }

    #[test]
    fn the_jenjang_table_matches_the_bkn_slides() {
        // (jenjang, koefisien, AK kenaikan pangkat, AK kenaikan jenjang)
        let table = [
            (Jenjang::AhliPertama, 12.5, 50.0, Some(100.0)),
            (Jenjang::AhliMuda, 25.0, 100.0, Some(200.0)),
            (Jenjang::AhliMadya, 37.5, 150.0, Some(450.0)),
            (Jenjang::AhliUtama, 50.0, 200.0, None),
            (Jenjang::Pemula, 3.75, 15.0, Some(15.0)),
            (Jenjang::Terampil, 5.0, 50.0, Some(100.0)),
            (Jenjang::Mahir, 12.5, 20.0, Some(60.0)),
            (Jenjang::Penyelia, 25.0, 100.0, None),
        ];
        for (j, koef, kp, kj) in table {
            let d = j.data();
            assert_eq!(d.jenjang, j);
            assert_eq!((d.koefisien_tahunan, d.ak_kenaikan_pangkat, d.ak_kenaikan_jenjang), (koef, kp, kj), "{j:?}");
        }
        assert_eq!(Jenjang::AhliPertama.data().status_koefisien, StatusSumber::TerverifikasiSekunder);
    }

    #[test]
    fn bkn_worked_examples_give_18_75_and_2_08() {
        let a = compute_angka_kredit_jenjang(Predikat::SangatBaik, 12, Jenjang::AhliPertama).unwrap();
        assert_eq!(a.angka_kredit, 18.75);
        let b = compute_angka_kredit(Predikat::Baik, 2, 12.5).unwrap();
        assert!((b.angka_kredit - 2.083_333).abs() < 1e-6);
        assert_eq!(b.dibulatkan(), 2.08);
        assert!(b.penjelasan.langkah.iter().any(|t| t.id.contains("(2/12) × 100% × 12,5 = 2,08")));
        assert!(b.penjelasan.langkah.iter().any(|t| t.en.contains("(2/12) × 100% × 12.5 = 2.08")));
    }

    #[test]
    fn twelve_monthly_periods_add_up_to_the_annual_value() {
        let bulanan: Vec<_> = (0..12).map(|_| compute_angka_kredit(Predikat::Baik, 1, 12.5).unwrap()).collect();
        let total = jumlahkan_angka_kredit(&bulanan);
        assert_eq!(total.total, 12.5);
        assert_eq!(total.jumlah_periode, 12);
    }

    #[test]
    fn months_and_coefficients_outside_their_range_are_refused() {
        assert_eq!(
            compute_angka_kredit(Predikat::Baik, 0, 12.5).unwrap_err(),
            AngkaKreditError::BulanTidakValid { bulan: 0 }
        );
        assert_eq!(compute_angka_kredit(Predikat::Baik, 13, 12.5).unwrap_err().kode(), "bulan_tidak_valid");
        for k in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = compute_angka_kredit(Predikat::Baik, 12, k).unwrap_err();
            assert_eq!(e.kode(), "koefisien_tidak_valid");
            assert!(!e.pesan().id.is_empty());
        }
    }

    #[test]
    fn an_empty_list_of_periods_totals_zero() {
        assert_eq!(jumlahkan_angka_kredit(&[]).total, 0.0);
        let p = jumlahkan_angka_kredit(&[]).penjelasan;
        assert_eq!(
            (p.langkah[0].id.as_str(), p.langkah[0].en.as_str()),
            ("Jumlah 0 periode: 0 = 0.", "Sum of 0 periods: 0 = 0.")
        );
        assert_eq!(p.langkah[1].id, "Dibulatkan sekali ke 2 desimal: 0,00.");
        assert_eq!(p.langkah[1].en, "Rounded once to 2 decimals: 0.00.");
    }

    #[test]
    fn credit_point_explanations_write_decimals_as_each_language_does() {
        // The coefficient of Ahli Pertama is 12.5.
        let a = compute_angka_kredit_jenjang(Predikat::SangatBaik, 12, Jenjang::AhliPertama).unwrap();
        assert!(a.penjelasan.langkah[0].id.ends_with(" adalah 12,5."), "{:?}", a.penjelasan);
        assert!(a.penjelasan.langkah[0].en.ends_with(" is 12.5."), "{:?}", a.penjelasan);
        assert!(
            a.penjelasan.langkah.iter().any(|t| t.id == "AK = (12/12) × 150% × 12,5 = 18,75."),
            "{:?}",
            a.penjelasan
        );
        assert!(a.penjelasan.langkah.iter().any(|t| t.en == "Credit points = (12/12) × 150% × 12.5 = 18.75."));

        // Each period is shown to 2 decimals; the total is rounded once.
        let b = compute_angka_kredit(Predikat::Baik, 2, 12.5).unwrap();
        let total = jumlahkan_angka_kredit(&[b.clone(), b]);
        let l = &total.penjelasan.langkah;
        assert_eq!(l[0].id, "Jumlah 2 periode: 2,08 + 2,08 = 4,17.");
        assert_eq!(l[0].en, "Sum of 2 periods: 2.08 + 2.08 = 4.17.");
        assert_eq!(l[1].id, "Dibulatkan sekali ke 2 desimal: 4,17.");
        assert_eq!(l[1].en, "Rounded once to 2 decimals: 4.17.");
    }
}
