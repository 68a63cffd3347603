//! The three rule sets a period can name (RULES.md §1.1), and what they share.
//!
//! | id (wire)            | legal basis                               | used for periods starting |
//! |----------------------|-------------------------------------------|---------------------------|
//! | `permenpanrb_6_2022` | PP 30/2019 + PermenPANRB 6/2022 (default) | from 1 Jan 2022           |
//! | `permenpanrb_8_2021` | PP 30/2019 + PermenPANRB 8/2021           | 1 Jul 2021 – 31 Dec 2021  |
//! | `pp_46_2011`         | PP 46/2011 + Perka BKN 1/2013             | 1 Jan 2014 – 30 Jun 2021  |

pub mod permenpanrb_6_2022;
pub mod permenpanrb_8_2021;
pub mod pp_46_2011;

use serde::{Deserialize, Serialize};

use crate::tanggal::Tanggal;
use crate::teks::Teks;

/// The regulation a period is evaluated under. A period names its rule set;
/// [`RuleSet::untuk_periode`] suggests one from the period's first day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RuleSet {
    /// PP 30/2019 + PermenPANRB 6/2022: qualitative ratings, the kuadran and the
    /// distribution pattern. The default.
    #[default]
    #[serde(rename = "permenpanrb_6_2022")]
    Permenpanrb6_2022,
    /// PP 30/2019 + PermenPANRB 8/2021: capaian IKI, nilai 0–120, 70/30 or 60/40.
    #[serde(rename = "permenpanrb_8_2021")]
    Permenpanrb8_2021,
    /// PP 46/2011 + Perka BKN 1/2013: kuantitas/kualitas/waktu/biaya, 60/40, sebutan.
    #[serde(rename = "pp_46_2011")]
    Pp46_2011,
}

impl RuleSet {
    pub const ALL: [RuleSet; 3] = [RuleSet::Permenpanrb6_2022, RuleSet::Permenpanrb8_2021, RuleSet::Pp46_2011];

    /// The wire name, as in the vectors and the API.
    pub fn kode(self) -> &'static str {
        match self {
            RuleSet::Permenpanrb6_2022 => "permenpanrb_6_2022",
            RuleSet::Permenpanrb8_2021 => "permenpanrb_8_2021",
            RuleSet::Pp46_2011 => "pp_46_2011",
        }
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.kode() == kode.trim())
    }

    /// A short user-facing name.
    pub fn label(self) -> Teks {
        match self {
            RuleSet::Permenpanrb6_2022 => Teks::new(
                "PermenPANRB 6/2022 (predikat kualitatif, kuadran kinerja)",
                "PermenPANRB 6/2022 (qualitative ratings, performance quadrant)",
            ),
            RuleSet::Permenpanrb8_2021 => {
                Teks::new("PermenPANRB 8/2021 (nilai kinerja 0–120)", "PermenPANRB 8/2021 (performance score 0–120)")
            }
            RuleSet::Pp46_2011 => Teks::new(
                "PP 46/2011 (nilai prestasi kerja, SKP 60% + perilaku 40%)",
                "PP 46/2011 (work-performance score, SKP 60% + behaviour 40%)",
            ),
        }
    }

    /// The legal sources, as cited in every [`crate::teks::Penjelasan`] of the rule set.
    pub fn sumber(self) -> &'static str {
        match self {
            RuleSet::Permenpanrb6_2022 => {
                "PP 30/2019; PermenPANRB 6/2022 (BN 2022 No. 155); SE MenPANRB 3/2023; Peraturan BKN 3/2023"
            }
            RuleSet::Permenpanrb8_2021 => "PP 30/2019 Pasal 41; PermenPANRB 8/2021 Lampiran",
            RuleSet::Pp46_2011 => "PP 46/2011; Peraturan Kepala BKN 1/2013",
        }
    }

    /// The first day of the periods this rule set governs, as `(tahun, bulan, hari)`.
    pub fn berlaku_mulai(self) -> (i32, u8, u8) {
        match self {
            RuleSet::Permenpanrb6_2022 => (2022, 1, 1),
            RuleSet::Permenpanrb8_2021 => (2021, 7, 1),
            RuleSet::Pp46_2011 => (2014, 1, 1),
        }
    }

    /// The rule set for a period starting on `mulai`.
    ///
    /// Choice (RULES.md §1.1, §2.2.3, §6.1): the period's **first day** decides.
    /// 2021 was split: January–June under PP 46/2011, July–December under
    /// PermenPANRB 8/2021. PermenPANRB 6/2022 was promulgated on 7 Feb 2022 but
    /// its SKP deadline is the end of January and it governed the whole 2022
    /// year, so every period starting in 2022 or later gets it. Dates before 2014
    /// also get PP 46/2011 (the oldest rule set we have). A later regulation gets
    /// a new variant with its own start date.
    pub fn untuk_periode(mulai: Tanggal) -> RuleSet {
        let kunci = (mulai.tahun(), mulai.bulan(), mulai.hari());
        if kunci >= RuleSet::Permenpanrb6_2022.berlaku_mulai() {
            RuleSet::Permenpanrb6_2022
        } else if kunci >= RuleSet::Permenpanrb8_2021.berlaku_mulai() {
            RuleSet::Permenpanrb8_2021
        } else {
            RuleSet::Pp46_2011
        }
    }
}

/// The priority of a rencana hasil kerja (RHK): *utama* (high) or *tambahan*
/// (low). PermenPANRB 6/2022 Lampiran Bab II tahap 6 (RULES.md §2.1.1); the
/// same split exists in PermenPANRB 8/2021. A Plt/Plh assignment is always utama.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JenisRhk {
    Utama,
    Tambahan,
}

impl JenisRhk {
    pub const ALL: [JenisRhk; 2] = [JenisRhk::Utama, JenisRhk::Tambahan];

    pub fn kode(self) -> &'static str {
        match self {
            JenisRhk::Utama => "utama",
            JenisRhk::Tambahan => "tambahan",
        }
    }

    pub fn label(self) -> Teks {
        match self {
            JenisRhk::Utama => Teks::new("RHK utama", "main result (RHK utama)"),
            JenisRhk::Tambahan => Teks::new("RHK tambahan", "additional result (RHK tambahan)"),
        }
    }
}

/// Rounds half away from zero to `desimal` decimals, for display and for the
/// few places a rule says a value is rounded.
///
/// A relative nudge of 1e-12 makes values written in decimal round as written
/// (2.675 is stored as 2.67499999…, and still rounds to 2.68), capped at a
/// millionth of the last decimal: uncapped, a large amount gained one (ten
/// billion rupiah read 10.000.000.000,01).
pub fn bulatkan(nilai: f64, desimal: i32) -> f64 {
    let faktor = 10f64.powi(desimal);
    let x = nilai * faktor;
    let dorong = (x.abs() * 1e-12).min(1e-6);
    (x + x.signum() * dorong).round() / faktor
}

/// A number as each language writes it: `1.234,5` in Indonesian, `1,234.5`
/// in English (the decimal mark and the thousands separator swap).
///
/// Deliberately without `Display`: a number must be placed in the Indonesian
/// text as `.id` and in the English text as `.en`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Angka {
    /// Bahasa Indonesia: decimal comma, thousands grouped with dots (`1.234,5`),
    /// as [`crate::skp::indikator::parse_angka`] reads it back.
    pub id: String,
    /// English: decimal point, thousands grouped with commas (`1,234.5`).
    pub en: String,
}

impl Angka {
    /// The Indonesian form; as `Angka::id`, picks the language when one text
    /// is built per language (`let rentang = |bahasa: fn(Angka) -> String| …`).
    pub fn id(self) -> String {
        self.id
    }

    /// The English form; see [`Angka::id`].
    pub fn en(self) -> String {
        self.en
    }
}

/// Formats a number for people: at most 2 decimals (rounded by [`bulatkan`]),
/// no trailing zeros, as each language writes it ([`Angka`]). A number that
/// rounds to zero reads `0`, never `-0`.
pub fn angka(nilai: f64) -> Angka {
    let s = format!("{:.2}", bulatkan(nilai, 2));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    tulis(if s == "-0" { "0" } else { s })
}

/// A number with exactly two decimals, as each language writes it (`0,35` /
/// `0.35`): the statistics of the objectivity checks and the weighted means
/// of the feedback. Rounded as Rust's `{:.2}` rounds the stored value (so
/// `2.675`, stored as 2.67499…, reads `2,67`, where [`angka`] reads `2,68`).
/// A number that rounds to zero reads `0,00`, never `-0,00`.
pub fn angka_dua_desimal(nilai: f64) -> Angka {
    let polos = format!("{nilai:.2}");
    tulis(if polos == "-0.00" { "0.00" } else { &polos })
}

/// A number written with a decimal point and no grouping (`-1234.5`, as
/// Rust formats it) in each language's notation.
fn tulis(polos: &str) -> Angka {
    let (tanda, badan) = polos.strip_prefix('-').map_or(("", polos), |b| ("-", b));
    let (bulat, pecahan) = badan.split_once('.').map_or((badan, None), |(b, p)| (b, Some(p)));
    let dengan = |ribuan: char, desimal: char| {
        let mut t = String::with_capacity(polos.len() + bulat.len() / 3);
        t.push_str(tanda);
        for (i, c) in bulat.chars().enumerate() {
            if i > 0 && (bulat.len() - i) % 3 == 0 {
                t.push(ribuan);
            }
            t.push(c);
        }
        if let Some(p) = pecahan {
            t.push(desimal);
            t.push_str(p);
        }
        t
    };
    Angka { id: dengan('.', ','), en: dengan(',', '.') }
}

/// Numbers added up, as each language writes them: `87,5 + 76` / `87.5 + 76`
/// (empty when there are none).
pub fn angka_jumlah(nilai: impl IntoIterator<Item = f64>) -> Angka {
    let (id, en): (Vec<String>, Vec<String>) = nilai
        .into_iter()
        .map(|x| {
            let a = angka(x);
            (a.id, a.en)
        })
        .unzip();
    Angka { id: id.join(" + "), en: en.join(" + ") }
}

/// A target as each language writes it: one number, or a range (`80,5–90` /
/// `80.5–90`) when its bounds differ.
pub fn angka_target(min: f64, max: f64) -> Angka {
    let (min, max) = (angka(min), angka(max));
    if min == max {
        min
    } else {
        Angka { id: format!("{}–{}", min.id, max.id), en: format!("{}–{}", min.en, max.en) }
    }
}

/// A number quoted back in a message, exactly as given (no rounding: `0.001`
/// must not read `0` where the message says it is not positive), as each
/// language writes it ([`Angka`]).
pub fn angka_persis(nilai: f64) -> Angka {
    tulis(&nilai.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rule_set_is_permenpanrb_6_2022() {
        assert_eq!(RuleSet::default(), RuleSet::Permenpanrb6_2022);
    }

    #[test]
    fn rule_sets_travel_as_their_wire_names() {
        for r in RuleSet::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.kode()));
            assert_eq!(serde_json::from_str::<RuleSet>(&json).unwrap(), r);
            assert_eq!(RuleSet::from_kode(r.kode()), Some(r));
            assert!(!r.label().id.is_empty() && !r.label().en.is_empty());
        }
    }

    #[test]
    fn the_period_start_picks_the_rule_set() {
        let table = [
            ((2013, 1, 1), RuleSet::Pp46_2011),
            ((2019, 6, 30), RuleSet::Pp46_2011),
            ((2021, 6, 30), RuleSet::Pp46_2011),
            ((2021, 7, 1), RuleSet::Permenpanrb8_2021),
            ((2021, 12, 31), RuleSet::Permenpanrb8_2021),
            ((2022, 1, 1), RuleSet::Permenpanrb6_2022),
            ((2022, 2, 7), RuleSet::Permenpanrb6_2022),
            ((2026, 11, 28), RuleSet::Permenpanrb6_2022),
        ];
        for ((y, m, d), expected) in table {
            assert_eq!(RuleSet::untuk_periode(Tanggal::new(y, m, d).unwrap()), expected, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn jenis_rhk_travels_in_lower_snake_case() {
        assert_eq!(serde_json::to_string(&JenisRhk::Utama).unwrap(), "\"utama\"");
        assert_eq!(serde_json::from_str::<JenisRhk>("\"tambahan\"").unwrap(), JenisRhk::Tambahan);
    }

    #[test]
    fn rounding_is_half_away_from_zero_as_written() {
        let table = [
            (2.675, 2, 2.68),
            (2.0833, 2, 2.08),
            (88.665, 2, 88.67),
            (-1.005, 2, -1.01),
            (90.5, 0, 91.0),
            // Budgets in rupiah: ten billion and fifteen trillion stay themselves.
            (10_000_000_000.0, 2, 10_000_000_000.0),
            (15_000_000_000_000.0, 2, 15_000_000_000_000.0),
            (-15_000_000_000_000.0, 2, -15_000_000_000_000.0),
        ];
        for (x, d, expected) in table {
            assert_eq!(bulatkan(x, d), expected, "{x} to {d} decimals");
        }
    }

    #[test]
    fn numbers_in_explanations_drop_trailing_zeros() {
        assert_eq!(angka(88.0).en, "88");
        assert_eq!(angka(88.6666).en, "88.67");
        assert_eq!(angka(2.5).en, "2.5");
        assert_eq!(angka(-0.001).en, "0");
        assert_eq!(angka(10_000_000_000.0).id, "10.000.000.000", "no cent gained");
    }

    #[test]
    fn a_number_that_rounds_to_zero_reads_zero_without_a_sign_in_both_languages() {
        let nol = Angka { id: "0".to_string(), en: "0".to_string() };
        let nol_dua = Angka { id: "0,00".to_string(), en: "0.00".to_string() };
        for x in [-0.0, 0.0, -0.001, -0.004_999, 0.004] {
            assert_eq!(angka(x), nol, "{x}");
            assert_eq!(angka_dua_desimal(x), nol_dua, "{x}");
        }
        assert_eq!(angka(-0.005), Angka { id: "-0,01".to_string(), en: "-0.01".to_string() });
        assert_eq!(angka_dua_desimal(-0.006), Angka { id: "-0,01".to_string(), en: "-0.01".to_string() });
    }

    #[test]
    fn two_decimal_numbers_keep_their_zeros_and_use_each_languages_separators() {
        let table = [
            (0.35, "0,35", "0.35"),
            (2.0, "2,00", "2.00"),
            (-1.5, "-1,50", "-1.50"),
            (2.675, "2,67", "2.67"),
            (1234.5, "1.234,50", "1,234.50"),
        ];
        for (x, id, en) in table {
            assert_eq!(angka_dua_desimal(x), Angka { id: id.to_string(), en: en.to_string() }, "{x}");
        }
    }

    #[test]
    fn a_sum_reads_in_each_language() {
        assert_eq!(angka_jumlah([87.5, 76.0]), Angka { id: "87,5 + 76".to_string(), en: "87.5 + 76".to_string() });
        assert_eq!(angka_jumlah([]), Angka { id: String::new(), en: String::new() });
    }

    #[test]
    fn a_target_reads_as_one_number_or_a_range_in_each_language() {
        assert_eq!(angka_target(80.5, 90.0), Angka { id: "80,5–90".to_string(), en: "80.5–90".to_string() });
        assert_eq!(angka_target(7.5, 7.5), Angka { id: "7,5".to_string(), en: "7.5".to_string() });
    }

    #[test]
    fn numbers_quoted_in_messages_are_exact_and_use_each_languages_separator() {
        assert_eq!(angka_persis(0.001), Angka { id: "0,001".to_string(), en: "0.001".to_string() });
        assert_eq!(angka_persis(-2.5), Angka { id: "-2,5".to_string(), en: "-2.5".to_string() });
        assert_eq!(angka_persis(120.0), Angka { id: "120".to_string(), en: "120".to_string() });
        assert_eq!(angka_persis(-1234.0625), Angka { id: "-1.234,0625".to_string(), en: "-1,234.0625".to_string() });
    }

    #[test]
    fn a_number_written_in_indonesian_reads_back_as_itself() {
        for x in [0.5, 12.0, 999.99, 1000.0, 1234.5, 20_000.25, 1_500_000_000.0, -7_654_321.0] {
            assert_eq!(crate::skp::indikator::parse_angka(&angka(x).id), Ok(x), "{x}");
            assert_eq!(crate::skp::indikator::parse_angka(&angka_persis(x).id), Ok(x), "{x}");
        }
    }

    #[test]
    fn numbers_in_explanations_use_each_languages_decimal_separator() {
        let table = [
            (88.6666, "88,67", "88.67"),
            (2.5, "2,5", "2.5"),
            (88.0, "88", "88"),
            (-0.001, "0", "0"),
            (118.75, "118,75", "118.75"),
            (-1.005, "-1,01", "-1.01"),
            (1234.5, "1.234,5", "1,234.5"),
            (999.0, "999", "999"),
            (1000.0, "1.000", "1,000"),
            (-1500000000.25, "-1.500.000.000,25", "-1,500,000,000.25"),
            (123456.0, "123.456", "123,456"),
        ];
        for (x, id, en) in table {
            assert_eq!(angka(x), Angka { id: id.to_string(), en: en.to_string() }, "{x}");
        }
    }
}
