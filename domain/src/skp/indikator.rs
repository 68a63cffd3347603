//! Indikator kinerja individu (IKI): what an RHK is measured by, its target and
//! polarity (PermenPANRB 6/2022 Art. 9(2); RULES.md §2.1.1, §2.2.2, §3.2 step 7).

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, id_wajib, teks_wajib};
use crate::teks::Teks;

id_type!(
    /// The id of an indicator, passed in (client-generated for offline forms).
    IndikatorId
);

/// The aspect an indicator measures (Art. 9(2)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AspekIndikator {
    #[default]
    Kuantitas,
    Kualitas,
    Waktu,
    Biaya,
}

/// Whether a bigger realisation is better (`normal`) or a smaller one
/// (`khusus`, e.g. days to finish, cost, complaints): one type for the form
/// and the PermenPANRB 8/2021 formula.
pub use crate::rule_set::permenpanrb_8_2021::Polaritas;

/// A single target (`min == max`) or a range. Finite and non-negative.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TargetMentah")]
pub struct Target {
    min: f64,
    max: f64,
}

#[derive(Deserialize)]
struct TargetMentah {
    min: f64,
    max: f64,
}

impl TryFrom<TargetMentah> for Target {
    type Error = &'static str;
    fn try_from(t: TargetMentah) -> Result<Self, Self::Error> {
        Target::rentang(t.min, t.max).ok_or("target must be finite, non-negative, with min <= max")
    }
}

impl Target {
    pub fn tunggal(nilai: f64) -> Option<Self> {
        Target::rentang(nilai, nilai)
    }

    /// `None` unless both bounds are finite, non-negative and `min <= max`.
    pub fn rentang(min: f64, max: f64) -> Option<Self> {
        (min.is_finite() && max.is_finite() && min >= 0.0 && min <= max).then_some(Target { min, max })
    }

    pub fn min(&self) -> f64 {
        self.min
    }
    pub fn max(&self) -> f64 {
        self.max
    }
    pub fn is_rentang(&self) -> bool {
        self.min < self.max
    }
}

/// A valid indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indikator {
    id: IndikatorId,
    uraian: String,
    aspek: AspekIndikator,
    target: Target,
    satuan: String,
    polaritas: Polaritas,
}

impl Indikator {
    pub fn id(&self) -> &IndikatorId {
        &self.id
    }
    pub fn uraian(&self) -> &str {
        &self.uraian
    }
    pub fn aspek(&self) -> AspekIndikator {
        self.aspek
    }
    pub fn target(&self) -> Target {
        self.target
    }
    pub fn satuan(&self) -> &str {
        &self.satuan
    }
    pub fn polaritas(&self) -> Polaritas {
        self.polaritas
    }

    /// Whether the unit is a percentage (`%`, `persen`, `persentase`,
    /// `prosentase`, `percent`), in any case.
    pub fn satuan_persen(&self) -> bool {
        // ASCII case folding (no Unicode tables in the wasm).
        let s = self.satuan.trim();
        ["%", "persen", "persentase", "prosentase", "percent", "percentage"].iter().any(|k| s.eq_ignore_ascii_case(k))
    }

    /// A realisation far outside what this indicator's unit and target make
    /// likely: above 100 in a percentage whose target is at most 100 (900
    /// typed for 90%), or ten times the target or more. A warning beside the
    /// field, never a refusal: some results do exceed them, and the number
    /// is the pegawai's to state.
    pub fn realisasi_janggal(&self, realisasi: f64) -> Option<Teks> {
        use crate::rule_set::{angka, angka_target};
        let t = self.target;
        let (r, target) = (angka(realisasi), angka_target(t.min, t.max));
        if self.satuan_persen() && t.max <= 100.0 && realisasi > 100.0 {
            return Some(Teks::new(
                format!(
                    "Realisasi {}% melebihi 100%, padahal targetnya {}%. Periksa lagi angkanya (tulis 90 untuk 90%).",
                    r.id, target.id
                ),
                format!(
                    "A realisation of {}% is above 100% while the target is {}%. Check the number (type 90 for 90%).",
                    r.en, target.en
                ),
            ));
        }
        (t.max > 0.0 && realisasi >= 10.0 * t.max).then(|| {
            let satuan = &self.satuan;
            Teks::new(
                format!(
                    "Realisasi {} {satuan} sepuluh kali target ({} {satuan}) atau lebih. Periksa lagi angkanya.",
                    r.id, target.id
                ),
                format!(
                    "A realisation of {} {satuan} is ten times the target ({} {satuan}) or more. Check the number.",
                    r.en, target.en
                ),
            )
        })
    }
}

/// The indicator form, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct IndikatorInput {
    pub id: String,
    pub uraian: String,
    pub aspek: AspekIndikator,
    /// The target, or the lower bound of a range. Indonesian notation is
    /// accepted: `12,5`, `1.000.000`, `1.234,5`.
    pub target: String,
    /// The upper bound of a range; empty for a single target.
    pub target_maks: String,
    pub satuan: String,
    pub polaritas: Polaritas,
}

pub const MAKS_URAIAN: usize = 1000;
pub const MAKS_SATUAN: usize = 50;

impl IndikatorInput {
    /// Collects every field error.
    pub fn validate(&self) -> Result<Indikator, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let uraian = teks_wajib(&mut e, "uraian", &self.uraian, MAKS_URAIAN);
        let satuan = teks_wajib(&mut e, "satuan", &self.satuan, MAKS_SATUAN);
        let min = parse_target_bound(&mut e, "target", &self.target);
        let max = if self.target_maks.trim().is_empty() {
            min
        } else {
            parse_target_bound(&mut e, "target_maks", &self.target_maks)
        };
        let target = match (min, max) {
            (Some(min), Some(max)) => {
                let t = Target::rentang(min, max);
                if t.is_none() {
                    e.push(
                        "target_maks",
                        "Batas atas rentang target lebih kecil dari batas bawahnya.",
                        "The upper bound of the target range is below its lower bound.",
                    );
                }
                t
            }
            _ => None,
        };
        match (id, uraian, satuan, target) {
            (Some(id), Some(uraian), Some(satuan), Some(target)) if e.is_empty() => Ok(Indikator {
                id: IndikatorId::new(id),
                uraian,
                aspek: self.aspek,
                target,
                satuan,
                polaritas: self.polaritas,
            }),
            _ => Err(e),
        }
    }

    /// Non-blocking remarks: absolute wording in the indicator (RULES.md §3.2 step 7).
    pub fn peringatan(&self) -> FieldErrors {
        let mut w = FieldErrors::new();
        periksa_kata_mutlak(&mut w, "uraian", &self.uraian);
        w
    }
}

/// The largest target or realisation accepted: a thousand trillion, above
/// any rupiah budget an SKP plans. Without a bound a realisation of `17`
/// followed by 307 zeros is a finite number whose capaian is not (the
/// ratio overflows to infinity), which JSON cannot carry: the stored
/// preview would be unreadable.
pub const MAKS_ANGKA: f64 = 1e15;

/// The error for a number above [`MAKS_ANGKA`] (either sign).
pub fn terlalu_besar() -> Teks {
    Teks::new(
        "Angka terlalu besar: paling banyak 1.000.000.000.000.000.",
        "The number is too large: at most 1.000.000.000.000.000.",
    )
}

/// One bound of a typed target, parsed; a field error when it is not a number, is negative or too large.
fn parse_target_bound(e: &mut FieldErrors, field: &str, s: &str) -> Option<f64> {
    match parse_angka(s) {
        Ok(x) if x < 0.0 => {
            e.push(field, "Target tidak boleh negatif.", "The target must not be negative.");
            None
        }
        Ok(x) if x > MAKS_ANGKA => {
            e.add(field, terlalu_besar());
            None
        }
        Ok(x) => Some(x),
        Err(pesan) => {
            e.add(field, pesan);
            None
        }
    }
}

/// Parses a number as Indonesians type it. A comma is the decimal mark
/// (`12,5`); dots are thousands separators, grouping digits by three
/// (`1.000.000`, `1.234,5`). A dot that groups nothing (`12.5`, `0.125`) is
/// refused with the same number written with a comma: read either way it
/// would be a guess (`1.500` is fifteen hundred, so `1.5` cannot quietly be
/// one and a half). A unit typed with the number goes (`100%`, `Rp 1.500.000`).
/// No exponents, no `inf`/`NaN`.
pub fn parse_angka(s: &str) -> Result<f64, Teks> {
    let s = tanpa_satuan(s.trim());
    if s.is_empty() {
        return Err(crate::error::pesan::wajib_diisi());
    }
    let bukan_angka = || Teks::new("Harus berupa angka, mis. 12 atau 12,5.", "Must be a number, e.g. 12 or 12,5.");
    let (tanda, badan) = match s.strip_prefix('-') {
        Some(sisa) => (-1.0, sisa.trim_start()),
        None => (1.0, s),
    };
    let (bulat, pecahan) = match badan.split_once(',') {
        Some((b, p)) => (b, Some(p)),
        None => match badan.split_once('.') {
            Some((b, p)) if !ribuan(badan) && !p.contains('.') => {
                let digit = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
                if !(digit(b) && digit(p)) {
                    return Err(bukan_angka());
                }
                let saran = format!("{}{b},{p}", if tanda < 0.0 { "-" } else { "" });
                return Err(Teks::new(
                    format!("Pakai koma untuk desimal: {saran}. Titik memisahkan ribuan (1.000)."),
                    format!("Use a comma for decimals: {saran}. A dot separates thousands (1.000)."),
                ));
            }
            _ => (badan, None),
        },
    };
    let digit = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    let bulat_bersih: String = if bulat.contains('.') {
        if !ribuan(bulat) {
            return Err(bukan_angka());
        }
        bulat.replace('.', "")
    } else {
        bulat.to_owned()
    };
    if !digit(&bulat_bersih) || pecahan.is_some_and(|p| !digit(p)) {
        return Err(bukan_angka());
    }
    let teks = match pecahan {
        Some(p) => format!("{bulat_bersih}.{p}"),
        None => bulat_bersih,
    };
    teks.parse::<f64>().ok().filter(|x| x.is_finite()).map(|x| tanda * x).ok_or_else(bukan_angka)
}

/// A number as typed without the unit typed with it: `Rp 1.500.000` (any
/// case, with or without a dot or space after it), `100%` or `100 %`.
fn tanpa_satuan(s: &str) -> &str {
    let s = match s.get(..2) {
        Some(rp) if rp.eq_ignore_ascii_case("rp") => s[2..].strip_prefix('.').unwrap_or(&s[2..]).trim_start(),
        _ => s,
    };
    s.strip_suffix('%').map_or(s, str::trim_end)
}

/// `1.000`, `12.345.678`: digits grouped by three with dots, first group 1–3
/// digits and not starting with 0.
fn ribuan(s: &str) -> bool {
    let mut bagian = s.split('.');
    let pertama = bagian.next().unwrap_or("");
    let mut ada_grup = false;
    let grup_ok = bagian.all(|g| {
        ada_grup = true;
        g.len() == 3 && g.bytes().all(|c| c.is_ascii_digit())
    });
    ada_grup
        && grup_ok
        && (1..=3).contains(&pertama.len())
        && pertama.bytes().all(|c| c.is_ascii_digit())
        && !pertama.starts_with('0')
}

/// Absolute words a target should avoid unless it concerns life, injury,
/// national security or a large loss to the state (Lampiran Bab II tahap 7).
pub const KATA_MUTLAK: [&str; 4] = ["selalu", "semua", "tidak pernah", "setiap"];

/// Adds a warning to `field` for each absolute word found in `teks`.
pub(crate) fn periksa_kata_mutlak(w: &mut FieldErrors, field: &str, teks: &str) {
    for kata in kata_mutlak(teks) {
        w.push(
            field,
            format!(
                "Hindari kata mutlak \"{kata}\": target sebaiknya tidak mutlak, kecuali menyangkut keselamatan jiwa, \
                 cedera, keamanan negara, atau kerugian negara yang besar."
            ),
            format!(
                "Avoid the absolute word \"{kata}\": targets should not be absolute unless they concern life, injury, \
                 national security or a large loss to the state."
            ),
        );
    }
}

/// The absolute words in a text, whole words only, case-insensitive (ASCII
/// case: the words are; Unicode's case tables would cost the browser's wasm
/// ≈ 1.5 KB).
pub fn kata_mutlak(teks: &str) -> Vec<&'static str> {
    let kata: Vec<String> =
        teks.split(|c: char| !c.is_alphanumeric()).filter(|k| !k.is_empty()).map(str::to_ascii_lowercase).collect();
    KATA_MUTLAK
        .into_iter()
        .filter(|mutlak| {
            let bagian: Vec<&str> = mutlak.split(' ').collect();
            kata.windows(bagian.len()).any(|w| w.iter().zip(&bagian).all(|(a, b)| a == b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> IndikatorInput {
        IndikatorInput {
            id: "iki-1".into(),
            uraian: "Persentase laporan yang disampaikan tepat waktu".into(),
            aspek: AspekIndikator::Waktu,
            target: "80".into(),
            target_maks: "90".into(),
            satuan: "persen".into(),
            polaritas: Polaritas::Normal,
        }
    }

    #[test]
    fn numbers_are_read_as_indonesians_type_them() {
        let table = [
            ("12", Some(12.0)),
            (" 12,5 ", Some(12.5)),
            ("12.5", None),
            ("0,75", Some(0.75)),
            ("0.125", None),
            ("100%", Some(100.0)),
            ("12,5 %", Some(12.5)),
            ("Rp 1.500.000", Some(1_500_000.0)),
            ("rp1.500.000,50", Some(1_500_000.5)),
            ("Rp. 250", Some(250.0)),
            ("Rp", None),
            ("%", None),
            ("Rupiah 5", None),
            ("1.000", Some(1000.0)),
            ("1.000.000", Some(1_000_000.0)),
            ("1.234,5", Some(1234.5)),
            ("-3", Some(-3.0)),
            ("", None),
            ("dua belas", None),
            ("12,5,1", None),
            ("1.2.3", None),
            ("12,", None),
            (",5", None),
            ("1e3", None),
            ("inf", None),
            ("NaN", None),
            ("01.000", None), // a leading zero cannot start a thousands group
        ];
        for (s, expected) in table {
            assert_eq!(parse_angka(s).ok(), expected, "{s:?}");
        }
        // A dot that groups nothing: refused, with the number written the right way.
        let pesan = parse_angka("1.5").unwrap_err();
        assert_eq!(pesan.dalam("id"), "Pakai koma untuk desimal: 1,5. Titik memisahkan ribuan (1.000).");
        assert_eq!(pesan.dalam("en"), "Use a comma for decimals: 1,5. A dot separates thousands (1.000).");
        assert!(parse_angka("-0.5").unwrap_err().dalam("id").contains("-0,5"));
        assert_eq!(parse_angka("1.2.3").unwrap_err().dalam("en"), "Must be a number, e.g. 12 or 12,5.");
    }

    #[test]
    fn a_valid_form_builds_an_indicator_with_a_range() {
        let i = valid().validate().unwrap();
        assert_eq!((i.target().min(), i.target().max()), (80.0, 90.0));
        assert!(i.target().is_rentang());
        assert_eq!(i.aspek(), AspekIndikator::Waktu);
        let tunggal = IndikatorInput { target: "12,5".into(), target_maks: " ".into(), ..valid() }.validate().unwrap();
        assert_eq!(tunggal.target(), Target::tunggal(12.5).unwrap());
        assert!(!tunggal.target().is_rentang());
    }

    #[test]
    fn invalid_forms_report_every_field() {
        let table: Vec<(IndikatorInput, &[&str])> = vec![
            (IndikatorInput::default(), &["id", "satuan", "target", "uraian"]),
            (IndikatorInput { uraian: "   ".into(), ..valid() }, &["uraian"]),
            (IndikatorInput { uraian: "x".repeat(MAKS_URAIAN + 1), ..valid() }, &["uraian"]),
            (IndikatorInput { target: "delapan puluh".into(), ..valid() }, &["target"]),
            (IndikatorInput { target: "90".into(), target_maks: "80".into(), ..valid() }, &["target_maks"]),
            (IndikatorInput { target: "-1".into(), target_maks: "".into(), ..valid() }, &["target"]),
            (IndikatorInput { target: format!("17{}", "0".repeat(307)), ..valid() }, &["target"]),
            (IndikatorInput { target_maks: "1.000.000.000.000.001".into(), ..valid() }, &["target_maks"]),
            (
                IndikatorInput { target_maks: "sembilan".into(), satuan: "".into(), ..valid() },
                &["satuan", "target_maks"],
            ),
            (IndikatorInput { id: "a b".into(), ..valid() }, &["id"]),
        ];
        for (i, (input, fields)) in table.into_iter().enumerate() {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
        }
    }

    #[test]
    fn messages_are_bilingual() {
        let e = IndikatorInput { target: "12,5,1".into(), ..valid() }.validate().unwrap_err();
        assert_eq!(
            e.get("target"),
            &[Teks::new("Harus berupa angka, mis. 12 atau 12,5.", "Must be a number, e.g. 12 or 12,5.")]
        );
    }

    #[test]
    fn absolute_words_are_flagged_as_warnings_not_errors() {
        let table = [
            ("Laporan selalu tepat waktu", vec!["selalu"]),
            ("SEMUA berkas diperiksa setiap hari", vec!["semua", "setiap"]),
            ("Tidak pernah terlambat", vec!["tidak pernah"]),
            ("Tidak terlambat, pernah diperiksa", vec![]),
            ("Persentase berkas tersemua", vec![]),
            ("Persentase laporan tepat waktu", vec![]),
        ];
        for (uraian, expected) in table {
            assert_eq!(kata_mutlak(uraian), expected, "{uraian}");
            let input = IndikatorInput { uraian: uraian.into(), ..valid() };
            assert!(input.validate().is_ok());
            assert_eq!(input.peringatan().get("uraian").len(), expected.len(), "{uraian}");
        }
    }

    #[test]
    fn targets_refuse_impossible_bounds_even_from_json() {
        assert!(Target::rentang(2.0, 1.0).is_none());
        assert!(Target::tunggal(f64::NAN).is_none());
        assert!(Target::tunggal(-1.0).is_none());
        assert!(serde_json::from_str::<Target>(r#"{"min":2,"max":1}"#).is_err());
        let t: Target = serde_json::from_str(r#"{"min":1,"max":2}"#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"min":1.0,"max":2.0}"#);
    }

    #[test]
    fn enums_travel_in_snake_case() {
        assert_eq!(serde_json::to_value(AspekIndikator::Biaya).unwrap(), "biaya");
        assert_eq!(serde_json::to_value(Polaritas::Khusus).unwrap(), "khusus");
    }
}
