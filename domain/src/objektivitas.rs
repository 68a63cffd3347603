//! Objectivity statistics over a set of ratings: pure functions that flag
//! *possible* rater effects for the penilai, the atasan penilai and the admin.
//! They are advice about raters, not rules of PermenPANRB 6/2022, and they
//! name raters: never show them to a ratee.
//!
//! | function | question | default flag |
//! |---|---|---|
//! | [`measure_kemurahan`] | leniency / severity: is a rater's mean far from the other raters' means? | \|z\| ≥ 1.5 over ≥ 5 raters |
//! | [`measure_kecenderungan_tengah`] | central tendency: is a rater's spread small next to the unit's? | SD ratio < 0.5 |
//! | [`measure_halo`] | halo: do one rater's items move together across their ratees? | mean pairwise r ≥ 0.8 |
//! | [`measure_selisih_diri`] | self versus others: does a self-rating differ from the others' mean? | \|gap\| ≥ 1.0 unit SD |
//!
//! Conventions, all documented on [`KonfigurasiObjektivitas`]:
//!
//! - The input is one score per (rater, ratee, item); repeated scores for the
//!   same cell are averaged first. A score with rater = ratee is a
//!   self-rating: it is used only by [`measure_selisih_diri`].
//! - Every measure has minimum-n guards and returns
//!   [`Hasil::TidakCukupData`] instead of a number below them.
//! - Means and variances use Welford's update, correlations two passes over
//!   centred data; a spread within 1e-9 of the data's magnitude counts as
//!   zero, and a zero spread gives a documented result (z = 0, or `None`),
//!   never NaN. Scores are finite and bounded ([`Skor`]), so nothing overflows.
//! - All results are invariant under adding a constant to every score, and
//!   z-scores, ratios and correlations under multiplying by a positive one.
//! - With k raters and the sample SD, |z| can never exceed (k − 1)/√k
//!   (1.79 for 5 raters, 1.5 for 4), which is why the default z threshold is
//!   1.5 and not the textbook 2, and why at least 5 raters are needed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::rule_set::{Angka, angka_dua_desimal};
use crate::teks::Penjelasan;

const SUMBER: &str = "Statistik objektivitas e-Kinerja (nasihat; bukan ketentuan PermenPANRB 6/2022)";

/// A spread at most this fraction of the data's magnitude is treated as zero.
const NOL_RELATIF: f64 = 1e-9;

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/// A finite score with |score| ≤ [`Skor::BATAS`], on any scale the caller
/// uses (the −1/0/+1 coding of `umpan_balik`, 1–5, 0–120…).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Skor(f64);

impl Skor {
    pub const BATAS: f64 = 1e9;

    /// `None` for NaN, infinities and magnitudes above [`Skor::BATAS`].
    pub fn new(x: f64) -> Option<Self> {
        (x.is_finite() && x.abs() <= Self::BATAS).then_some(Skor(x))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Skor {
    type Error = SkorTidakSah;
    fn try_from(x: f64) -> Result<Self, Self::Error> {
        Skor::new(x).ok_or(SkorTidakSah)
    }
}

impl From<Skor> for f64 {
    fn from(s: Skor) -> f64 {
        s.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a score must be finite and at most 1e9 in magnitude")]
pub struct SkorTidakSah;

/// One score a rater gave a ratee on one item (an RHK, a BerAKHLAK value…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PenilaianButir {
    pub penilai_id: String,
    pub dinilai_id: String,
    pub butir: String,
    pub skor: Skor,
}

// ---------------------------------------------------------------------------
// Configuration and results
// ---------------------------------------------------------------------------

/// Thresholds and minimum sizes. `{}` gives the defaults, each chosen so that
/// a flag needs a pattern that is unlikely by chance in a small unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KonfigurasiObjektivitas {
    /// Raters (each with enough scores) needed to compare a rater with the
    /// unit. Default 5: with fewer, |z| ≤ (k−1)/√k cannot reach 1.5.
    pub minimal_penilai: usize,
    /// Scores a rater needs for a mean and an SD. Default 5 (at least 2 is used).
    pub minimal_skor_per_penilai: usize,
    /// |z| at or above which a rater is flagged lenient or severe. Default 1.5.
    pub batas_z_kemurahan: f64,
    /// Rater SD / pooled unit SD below which central tendency is flagged. Default 0.5.
    pub batas_rasio_sebaran: f64,
    /// Ratees a pair of items needs in common for a correlation. Default 5
    /// (at least 3 is used: r of 2 points is always ±1).
    pub minimal_dinilai_halo: usize,
    /// Items (each with enough ratees) a rater needs for the halo measure. Default 3 (at least 2).
    pub minimal_butir_halo: usize,
    /// Mean pairwise correlation at or above which halo is flagged. Default 0.8.
    pub batas_korelasi_halo: f64,
    /// Other raters a ratee needs for the self-versus-others gap. Default 3,
    /// the anonymity threshold of `umpan_balik` (at least 1 is used).
    pub minimal_penilai_lain: usize,
    /// |gap| in unit SDs at or above which the gap is flagged. Default 1.0.
    pub batas_selisih_baku: f64,
}

impl Default for KonfigurasiObjektivitas {
    fn default() -> Self {
        KonfigurasiObjektivitas {
            minimal_penilai: 5,
            minimal_skor_per_penilai: 5,
            batas_z_kemurahan: 1.5,
            batas_rasio_sebaran: 0.5,
            minimal_dinilai_halo: 5,
            minimal_butir_halo: 3,
            batas_korelasi_halo: 0.8,
            minimal_penilai_lain: 3,
            batas_selisih_baku: 1.0,
        }
    }
}

impl KonfigurasiObjektivitas {
    fn minimal_skor(&self) -> usize {
        self.minimal_skor_per_penilai.max(2)
    }
    fn minimal_penilai_unit(&self) -> usize {
        self.minimal_penilai.max(2)
    }
    fn minimal_dinilai(&self) -> usize {
        self.minimal_dinilai_halo.max(3)
    }
    fn minimal_butir(&self) -> usize {
        self.minimal_butir_halo.max(2)
    }
    fn minimal_lain(&self) -> usize {
        self.minimal_penilai_lain.max(1)
    }
}

/// A measure, or the reason there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Hasil<T> {
    Dihitung(T),
    /// Fewer than `minimum` of what the explanation names (raters, scores,
    /// items, pairs…); `n` is how many there were.
    TidakCukupData {
        n: usize,
        minimum: usize,
        penjelasan: Penjelasan,
    },
}

impl<T> Hasil<T> {
    pub fn dihitung(&self) -> Option<&T> {
        match self {
            Hasil::Dihitung(t) => Some(t),
            Hasil::TidakCukupData { .. } => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerPenilai<T> {
    pub penilai_id: String,
    pub hasil: Hasil<T>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerDinilai<T> {
    pub dinilai_id: String,
    pub hasil: Hasil<T>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArahBias {
    /// Leniency: rates higher than the other raters.
    Murah,
    /// Severity: rates lower than the other raters.
    Ketat,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kemurahan {
    pub rata_rata: f64,
    pub jumlah_skor: usize,
    /// Mean of the raters' means.
    pub rata_rata_unit: f64,
    /// Sample SD of the raters' means.
    pub sd_unit: f64,
    pub jumlah_penilai: usize,
    /// (rata_rata − rata_rata_unit) / sd_unit; 0 when sd_unit is zero.
    pub z: f64,
    pub arah: Option<ArahBias>,
    pub penjelasan: Penjelasan,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KecenderunganTengah {
    /// Sample SD of the rater's scores.
    pub sd: f64,
    pub jumlah_skor: usize,
    /// Pooled within-rater SD of the unit: √(Σ(nᵢ−1)sᵢ² / Σ(nᵢ−1)).
    pub sd_unit: f64,
    /// sd / sd_unit; `None` when the unit has no spread at all.
    pub rasio: Option<f64>,
    pub terpusat: bool,
    pub penjelasan: Penjelasan,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Halo {
    /// Arithmetic mean of the Pearson correlations, in [−1, 1].
    pub korelasi_rata_rata: f64,
    /// Item pairs that gave a correlation.
    pub jumlah_pasangan: usize,
    /// Item pairs with enough common ratees but no spread in one item.
    pub pasangan_tanpa_variasi: usize,
    pub jumlah_butir: usize,
    pub halo: bool,
    pub penjelasan: Penjelasan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArahSelisih {
    /// The self-rating is higher than the others'.
    LebihTinggi,
    LebihRendah,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelisihDiri {
    /// Mean self score over the items the others also scored.
    pub skor_diri: f64,
    /// Mean over those items of the others' mean score.
    pub skor_lain: f64,
    /// skor_diri − skor_lain.
    pub selisih: f64,
    /// SD of every score given to others in the data (self-ratings excluded).
    pub sd_unit: f64,
    /// selisih / sd_unit; `None` when sd_unit is zero.
    pub selisih_baku: Option<f64>,
    pub jumlah_penilai_lain: usize,
    pub jumlah_butir: usize,
    pub arah: Option<ArahSelisih>,
    pub penjelasan: Penjelasan,
}

// ---------------------------------------------------------------------------
// Numerics
// ---------------------------------------------------------------------------

/// Welford's running mean and sum of squared deviations.
#[derive(Clone, Copy, Debug, Default)]
struct Welford {
    n: usize,
    mean: f64,
    m2: f64,
    skala: f64,
}

impl Welford {
    fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
        self.skala = self.skala.max(x.abs());
    }

    fn from_iter(xs: impl IntoIterator<Item = f64>) -> Self {
        let mut w = Welford::default();
        xs.into_iter().for_each(|x| w.push(x));
        w
    }

    /// Sample variance (n − 1); 0 below two values.
    fn variance(&self) -> f64 {
        if self.n < 2 { 0.0 } else { (self.m2 / (self.n - 1) as f64).max(0.0) }
    }

    fn sd(&self) -> f64 {
        self.variance().sqrt()
    }
}

/// Whether a spread is zero for data of this magnitude (NaN counts as zero).
fn nol(sd: f64, skala: f64) -> bool {
    sd.is_nan() || sd <= NOL_RELATIF * skala.max(1.0)
}

/// Pearson's r by two passes over centred data, clamped to [−1, 1]; `None`
/// for different lengths, fewer than two points, or no spread in either.
fn korelasi(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let wx = Welford::from_iter(x.iter().copied());
    let wy = Welford::from_iter(y.iter().copied());
    if nol(wx.sd(), wx.skala) || nol(wy.sd(), wy.skala) {
        return None;
    }
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - wx.mean, b - wy.mean);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let r = sxy / (sxx.sqrt() * syy.sqrt());
    r.is_finite().then(|| r.clamp(-1.0, 1.0))
}

/// (rater, ratee, item) → mean score, duplicates averaged.
type Sel<'a> = BTreeMap<(&'a str, &'a str, &'a str), f64>;

fn cells(penilaian: &[PenilaianButir]) -> Sel<'_> {
    let mut acc: BTreeMap<(&str, &str, &str), Welford> = BTreeMap::new();
    for p in penilaian {
        acc.entry((p.penilai_id.as_str(), p.dinilai_id.as_str(), p.butir.as_str())).or_default().push(p.skor.get());
    }
    acc.into_iter().map(|(k, w)| (k, w.mean)).collect()
}

/// Each rater's non-self scores.
fn per_rater<'a>(sel: &Sel<'a>) -> BTreeMap<&'a str, Welford> {
    let mut out: BTreeMap<&str, Welford> = BTreeMap::new();
    for (&(penilai, dinilai, _), &x) in sel {
        if penilai != dinilai {
            out.entry(penilai).or_default().push(x);
        }
    }
    out
}

fn too_few_scores<T>(aturan: &str, n: usize, minimum: usize) -> Hasil<T> {
    Hasil::TidakCukupData {
        n,
        minimum,
        penjelasan: Penjelasan::new(aturan, SUMBER).langkah(
            format!("Penilai ini memberi {n} skor kepada pegawai lain; diperlukan paling sedikit {minimum}."),
            format!("This rater gave {n} scores to other employees; at least {minimum} are needed."),
        ),
    }
}

fn too_few_raters<T>(aturan: &str, n: usize, minimum: usize) -> Hasil<T> {
    Hasil::TidakCukupData {
        n,
        minimum,
        penjelasan: Penjelasan::new(aturan, SUMBER).langkah(
            format!(
                "Unit ini hanya memiliki {n} penilai dengan skor yang cukup; perbandingan dengan unit memerlukan \
                 paling sedikit {minimum}."
            ),
            format!(
                "The unit has only {n} raters with enough scores; comparing with the unit needs at least {minimum}."
            ),
        ),
    }
}

// ---------------------------------------------------------------------------
// Leniency / severity
// ---------------------------------------------------------------------------

/// Leniency and severity: each rater's mean as a z-score among the raters'
/// means (sample SD). Self-ratings are left out. Raters rate different
/// people, so a high z may reflect a strong team rather than a lenient rater;
/// the explanation says so.
pub fn measure_kemurahan(penilaian: &[PenilaianButir], konfig: &KonfigurasiObjektivitas) -> Vec<PerPenilai<Kemurahan>> {
    const ATURAN: &str = "objektivitas.kemurahan";
    let sel = cells(penilaian);
    let raters = per_rater(&sel);
    let min_skor = konfig.minimal_skor();
    let min_penilai = konfig.minimal_penilai_unit();
    let layak: Vec<f64> = raters.values().filter(|w| w.n >= min_skor).map(|w| w.mean).collect();
    let unit = Welford::from_iter(layak.iter().copied());
    let sd_nol = nol(unit.sd(), unit.skala);

    raters
        .into_iter()
        .map(|(id, w)| {
            let hasil = if w.n < min_skor {
                too_few_scores(ATURAN, w.n, min_skor)
            } else if layak.len() < min_penilai {
                too_few_raters(ATURAN, layak.len(), min_penilai)
            } else {
                let z = if sd_nol { 0.0 } else { (w.mean - unit.mean) / unit.sd() };
                let arah = if sd_nol {
                    None
                } else if z >= konfig.batas_z_kemurahan {
                    Some(ArahBias::Murah)
                } else if z <= -konfig.batas_z_kemurahan {
                    Some(ArahBias::Ketat)
                } else {
                    None
                };
                let Angka { id: m_id, en: m_en } = angka_dua_desimal(w.mean);
                let Angka { id: u_id, en: u_en } = angka_dua_desimal(unit.mean);
                let Angka { id: s_id, en: s_en } = angka_dua_desimal(unit.sd());
                let Angka { id: z_id, en: z_en } = angka_dua_desimal(z);
                let Angka { id: b_id, en: b_en } = angka_dua_desimal(konfig.batas_z_kemurahan);
                let k = layak.len();
                let mut p = Penjelasan::new(ATURAN, SUMBER)
                    .langkah(
                        format!("Rata-rata skor penilai ini: {m_id} dari {} skor.", w.n),
                        format!("This rater's mean score: {m_en} over {} scores.", w.n),
                    )
                    .langkah(
                        format!(
                            "Rata-rata unit (rata-rata dari rata-rata {k} penilai): {u_id}; simpangan baku antarpenilai: \
                             {s_id}."
                        ),
                        format!("Unit mean (mean of {k} raters' means): {u_en}; standard deviation between raters: {s_en}."),
                    );
                p = if sd_nol {
                    p.langkah(
                        "Semua penilai memiliki rata-rata yang sama, sehingga z = 0 dan tidak ada kemurahan atau \
                         keketatan.",
                        "All raters have the same mean, so z = 0 and there is no leniency or severity.",
                    )
                } else {
                    p.langkah(
                        format!("z = ({m_id} − {u_id}) / {s_id} = {z_id}."),
                        format!("z = ({m_en} − {u_en}) / {s_en} = {z_en}."),
                    )
                };
                p = match arah {
                    Some(ArahBias::Murah) => p.langkah(
                        format!("z ≥ {b_id}: penilai ini cenderung murah (menilai lebih tinggi dari penilai lain)."),
                        format!("z ≥ {b_en}: this rater tends to be lenient (rates higher than the other raters)."),
                    ),
                    Some(ArahBias::Ketat) => p.langkah(
                        format!("z ≤ −{b_id}: penilai ini cenderung ketat (menilai lebih rendah dari penilai lain)."),
                        format!("z ≤ −{b_en}: this rater tends to be severe (rates lower than the other raters)."),
                    ),
                    None => p.langkah(
                        format!("|z| < {b_id}: tidak menonjol."),
                        format!("|z| < {b_en}: not notable."),
                    ),
                };
                p = p.langkah(
                    "Catatan: penilai menilai pegawai yang berbeda; selisih dapat mencerminkan kinerja pegawainya, \
                     bukan bias penilai.",
                    "Note: raters rate different employees; a difference may reflect their employees' performance \
                     rather than rater bias.",
                );
                Hasil::Dihitung(Kemurahan {
                    rata_rata: w.mean,
                    jumlah_skor: w.n,
                    rata_rata_unit: unit.mean,
                    sd_unit: unit.sd(),
                    jumlah_penilai: k,
                    z,
                    arah,
                    penjelasan: p,
                })
            };
            PerPenilai { penilai_id: id.to_owned(), hasil }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Central tendency
// ---------------------------------------------------------------------------

/// Central tendency: each rater's SD against the unit's pooled within-rater
/// SD (pooled, so that differences in leniency between raters do not inflate
/// the unit's spread). Self-ratings are left out.
pub fn measure_kecenderungan_tengah(
    penilaian: &[PenilaianButir],
    konfig: &KonfigurasiObjektivitas,
) -> Vec<PerPenilai<KecenderunganTengah>> {
    const ATURAN: &str = "objektivitas.kecenderungan_tengah";
    let sel = cells(penilaian);
    let raters = per_rater(&sel);
    let min_skor = konfig.minimal_skor();
    let min_penilai = konfig.minimal_penilai_unit();
    let layak: Vec<&Welford> = raters.values().filter(|w| w.n >= min_skor).collect();
    let m2: f64 = layak.iter().map(|w| w.m2.max(0.0)).sum();
    let derajat: usize = layak.iter().map(|w| w.n - 1).sum();
    let sd_unit = if derajat == 0 { 0.0 } else { (m2 / derajat as f64).sqrt() };
    let skala = layak.iter().map(|w| w.skala).fold(0.0, f64::max);
    let unit_nol = nol(sd_unit, skala);

    raters
        .iter()
        .map(|(&id, w)| {
            let hasil = if w.n < min_skor {
                too_few_scores(ATURAN, w.n, min_skor)
            } else if layak.len() < min_penilai {
                too_few_raters(ATURAN, layak.len(), min_penilai)
            } else {
                let sd = if nol(w.sd(), skala) { 0.0 } else { w.sd() };
                let rasio = (!unit_nol).then(|| sd / sd_unit);
                let terpusat = rasio.is_some_and(|r| r < konfig.batas_rasio_sebaran);
                let Angka { id: sd_id, en: sd_en } = angka_dua_desimal(sd);
                let Angka { id: u_id, en: u_en } = angka_dua_desimal(sd_unit);
                let Angka { id: b_id, en: b_en } = angka_dua_desimal(konfig.batas_rasio_sebaran);
                let mut p = Penjelasan::new(ATURAN, SUMBER).langkah(
                    format!(
                        "Simpangan baku skor penilai ini: {sd_id} dari {} skor; simpangan baku gabungan unit \
                         ({} penilai): {u_id}.",
                        w.n,
                        layak.len()
                    ),
                    format!(
                        "Standard deviation of this rater's scores: {sd_en} over {} scores; pooled standard \
                         deviation of the unit ({} raters): {u_en}.",
                        w.n,
                        layak.len()
                    ),
                );
                p = match rasio {
                    None => p.langkah(
                        "Tidak ada variasi skor sama sekali di unit, sehingga perbandingan tidak dapat dibuat.",
                        "There is no variation in any score in the unit, so no comparison can be made.",
                    ),
                    Some(r) => {
                        let Angka { id: r_id, en: r_en } = angka_dua_desimal(r);
                        if terpusat {
                            p.langkah(
                                format!(
                                    "Rasio {sd_id} / {u_id} = {r_id} < {b_id}: penilai ini cenderung memberi skor \
                                     di tengah (kurang membedakan)."
                                ),
                                format!(
                                    "Ratio {sd_en} / {u_en} = {r_en} < {b_en}: this rater tends to the centre \
                                     (differentiates little)."
                                ),
                            )
                        } else {
                            p.langkah(
                                format!("Rasio {sd_id} / {u_id} = {r_id} ≥ {b_id}: tidak menonjol."),
                                format!("Ratio {sd_en} / {u_en} = {r_en} ≥ {b_en}: not notable."),
                            )
                        }
                    }
                };
                Hasil::Dihitung(KecenderunganTengah { sd, jumlah_skor: w.n, sd_unit, rasio, terpusat, penjelasan: p })
            };
            PerPenilai { penilai_id: id.to_owned(), hasil }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Halo
// ---------------------------------------------------------------------------

/// Halo: for each rater, the Pearson correlation of every pair of items
/// across the ratees the rater scored on both, averaged. A high mean says the
/// rater's items move together, as if one overall impression drove them all.
/// Self-ratings are left out.
pub fn measure_halo(penilaian: &[PenilaianButir], konfig: &KonfigurasiObjektivitas) -> Vec<PerPenilai<Halo>> {
    const ATURAN: &str = "objektivitas.halo";
    let sel = cells(penilaian);
    // rater → item → ratee → score
    let mut matriks: BTreeMap<&str, BTreeMap<&str, BTreeMap<&str, f64>>> = BTreeMap::new();
    for (&(penilai, dinilai, butir), &x) in &sel {
        if penilai != dinilai {
            matriks.entry(penilai).or_default().entry(butir).or_default().insert(dinilai, x);
        }
    }
    let min_dinilai = konfig.minimal_dinilai();
    let min_butir = konfig.minimal_butir();

    matriks
        .into_iter()
        .map(|(id, per_butir)| {
            let butir: Vec<&BTreeMap<&str, f64>> = per_butir.values().filter(|m| m.len() >= min_dinilai).collect();
            let hasil = if butir.len() < min_butir {
                Hasil::TidakCukupData {
                    n: butir.len(),
                    minimum: min_butir,
                    penjelasan: Penjelasan::new(ATURAN, SUMBER).langkah(
                        format!(
                            "Penilai ini menilai {} butir untuk paling sedikit {min_dinilai} pegawai; diperlukan \
                             paling sedikit {min_butir} butir.",
                            butir.len()
                        ),
                        format!(
                            "This rater scored {} items for at least {min_dinilai} employees each; at least \
                             {min_butir} items are needed.",
                            butir.len()
                        ),
                    ),
                }
            } else {
                let mut rs = Vec::new();
                let mut tanpa_variasi = 0;
                for (i, a) in butir.iter().enumerate() {
                    for b in &butir[i + 1..] {
                        let (x, y): (Vec<f64>, Vec<f64>) =
                            a.iter().filter_map(|(dinilai, &xa)| b.get(dinilai).map(|&xb| (xa, xb))).unzip();
                        if x.len() < min_dinilai {
                            continue;
                        }
                        match korelasi(&x, &y) {
                            Some(r) => rs.push(r),
                            None => tanpa_variasi += 1,
                        }
                    }
                }
                if rs.is_empty() {
                    Hasil::TidakCukupData {
                        n: 0,
                        minimum: 1,
                        penjelasan: Penjelasan::new(ATURAN, SUMBER).langkah(
                            format!(
                                "Tidak ada pasangan butir dengan paling sedikit {min_dinilai} pegawai yang sama dan \
                                 skor yang bervariasi ({tanpa_variasi} pasangan tanpa variasi)."
                            ),
                            format!(
                                "No pair of items has at least {min_dinilai} employees in common and varying scores \
                                 ({tanpa_variasi} pairs without variation)."
                            ),
                        ),
                    }
                } else {
                    let rata = Welford::from_iter(rs.iter().copied()).mean.clamp(-1.0, 1.0);
                    let halo = rata >= konfig.batas_korelasi_halo;
                    let Angka { id: r_id, en: r_en } = angka_dua_desimal(rata);
                    let Angka { id: b_id, en: b_en } = angka_dua_desimal(konfig.batas_korelasi_halo);
                    let mut p = Penjelasan::new(ATURAN, SUMBER).langkah(
                        format!(
                            "Rata-rata korelasi antarbutir: {r_id} dari {} pasangan butir ({} butir; {tanpa_variasi} \
                             pasangan tanpa variasi tidak dihitung).",
                            rs.len(),
                            butir.len()
                        ),
                        format!(
                            "Mean correlation between items: {r_en} over {} item pairs ({} items; {tanpa_variasi} \
                             pairs without variation not counted).",
                            rs.len(),
                            butir.len()
                        ),
                    );
                    p = if halo {
                        p.langkah(
                            format!(
                                "{r_id} ≥ {b_id}: skor antarbutir bergerak bersama; kemungkinan efek halo (satu kesan \
                                 umum menentukan semua butir)."
                            ),
                            format!(
                                "{r_en} ≥ {b_en}: the items move together; possible halo effect (one overall \
                                 impression drives every item)."
                            ),
                        )
                    } else {
                        p.langkah(format!("{r_id} < {b_id}: tidak menonjol."), format!("{r_en} < {b_en}: not notable."))
                    };
                    Hasil::Dihitung(Halo {
                        korelasi_rata_rata: rata,
                        jumlah_pasangan: rs.len(),
                        pasangan_tanpa_variasi: tanpa_variasi,
                        jumlah_butir: butir.len(),
                        halo,
                        penjelasan: p,
                    })
                }
            };
            PerPenilai { penilai_id: id.to_owned(), hasil }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Self versus others
// ---------------------------------------------------------------------------

/// Self versus others, per ratee: over the items the ratee rated themselves
/// and others also scored, the mean self score minus the mean of the others'
/// mean scores, also in units of the SD of all non-self scores.
pub fn measure_selisih_diri(
    penilaian: &[PenilaianButir],
    konfig: &KonfigurasiObjektivitas,
) -> Vec<PerDinilai<SelisihDiri>> {
    const ATURAN: &str = "objektivitas.selisih_diri";
    let sel = cells(penilaian);
    let unit = Welford::from_iter(sel.iter().filter(|((a, b, _), _)| a != b).map(|(_, &x)| x));
    let sd_unit = if nol(unit.sd(), unit.skala) { 0.0 } else { unit.sd() };
    let min_lain = konfig.minimal_lain();

    // ratee → (item → self score, item → others' scores, item → other raters)
    type PerButir<'a> = (BTreeMap<&'a str, f64>, BTreeMap<&'a str, Welford>, BTreeMap<&'a str, BTreeSet<&'a str>>);
    let mut per_dinilai: BTreeMap<&str, PerButir<'_>> = BTreeMap::new();
    for (&(penilai, dinilai, butir), &x) in &sel {
        let e = per_dinilai.entry(dinilai).or_default();
        if penilai == dinilai {
            e.0.insert(butir, x);
        } else {
            e.1.entry(butir).or_default().push(x);
            e.2.entry(butir).or_default().insert(penilai);
        }
    }

    per_dinilai
        .into_iter()
        .map(|(id, (diri, lain, penilai_lain))| {
            let sama: Vec<(&str, f64, f64)> =
                diri.iter().filter_map(|(&b, &x)| lain.get(b).map(|w| (b, x, w.mean))).collect();
            let lain_n: usize = sama
                .iter()
                .flat_map(|(b, _, _)| penilai_lain.get(b).into_iter().flatten())
                .collect::<BTreeSet<_>>()
                .len();
            let hasil = if diri.is_empty() {
                Hasil::TidakCukupData {
                    n: 0,
                    minimum: 1,
                    penjelasan: Penjelasan::new(ATURAN, SUMBER).langkah(
                        "Pegawai ini tidak menilai dirinya sendiri.",
                        "This employee did not rate themselves.",
                    ),
                }
            } else if lain_n < min_lain {
                Hasil::TidakCukupData {
                    n: lain_n,
                    minimum: min_lain,
                    penjelasan: Penjelasan::new(ATURAN, SUMBER).langkah(
                        format!(
                            "Pada butir yang dinilai sendiri, pegawai ini dinilai oleh {lain_n} penilai lain; \
                             diperlukan paling sedikit {min_lain}."
                        ),
                        format!(
                            "On the items rated by themselves, this employee was rated by {lain_n} other raters; at \
                             least {min_lain} are needed."
                        ),
                    ),
                }
            } else {
                let skor_diri = Welford::from_iter(sama.iter().map(|s| s.1)).mean;
                let skor_lain = Welford::from_iter(sama.iter().map(|s| s.2)).mean;
                let selisih = skor_diri - skor_lain;
                let selisih_baku = (sd_unit > 0.0).then(|| selisih / sd_unit).filter(|x| x.is_finite());
                let batas = konfig.batas_selisih_baku;
                let arah = match selisih_baku {
                    Some(d) if d >= batas => Some(ArahSelisih::LebihTinggi),
                    Some(d) if d <= -batas => Some(ArahSelisih::LebihRendah),
                    _ => None,
                };
                let Angka { id: d_id, en: d_en } = angka_dua_desimal(skor_diri);
                let Angka { id: l_id, en: l_en } = angka_dua_desimal(skor_lain);
                let Angka { id: s_id, en: s_en } = angka_dua_desimal(selisih);
                let Angka { id: u_id, en: u_en } = angka_dua_desimal(sd_unit);
                let Angka { id: b_id, en: b_en } = angka_dua_desimal(batas);
                let mut p = Penjelasan::new(ATURAN, SUMBER).langkah(
                    format!(
                        "Pada {} butir, skor diri rata-rata {d_id} dan skor dari {lain_n} penilai lain rata-rata \
                         {l_id}: selisih {s_id}.",
                        sama.len()
                    ),
                    format!(
                        "Over {} items, the mean self score is {d_en} and the mean score from {lain_n} other raters \
                         is {l_en}: a gap of {s_en}.",
                        sama.len()
                    ),
                );
                p = match selisih_baku {
                    None => p.langkah(
                        "Skor dari penilai lain di seluruh data tidak bervariasi, sehingga selisih baku tidak dapat \
                         dihitung.",
                        "Scores from other raters in the whole data set do not vary, so the standardised gap cannot \
                         be computed.",
                    ),
                    Some(d) => {
                        let Angka { id: z_id, en: z_en } = angka_dua_desimal(d);
                        let (kes_id, kes_en) = match arah {
                            Some(ArahSelisih::LebihTinggi) => (
                                format!("≥ {b_id}: menilai diri lebih tinggi daripada penilaian orang lain."),
                                format!("≥ {b_en}: rates themselves higher than others do."),
                            ),
                            Some(ArahSelisih::LebihRendah) => (
                                format!("≤ −{b_id}: menilai diri lebih rendah daripada penilaian orang lain."),
                                format!("≤ −{b_en}: rates themselves lower than others do."),
                            ),
                            None => (
                                format!("di bawah {b_id} secara mutlak: tidak menonjol."),
                                format!("below {b_en} in magnitude: not notable."),
                            ),
                        };
                        p.langkah(
                            format!("Selisih baku = {s_id} / {u_id} (simpangan baku unit) = {z_id}, {kes_id}"),
                            format!("Standardised gap = {s_en} / {u_en} (unit standard deviation) = {z_en}, {kes_en}"),
                        )
                    }
                };
                Hasil::Dihitung(SelisihDiri {
                    skor_diri,
                    skor_lain,
                    selisih,
                    sd_unit,
                    selisih_baku,
                    jumlah_penilai_lain: lain_n,
                    jumlah_butir: sama.len(),
                    arah,
                    penjelasan: p,
                })
            };
            PerDinilai { dinilai_id: id.to_owned(), hasil }
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(penilai: &str, dinilai: &str, butir: &str, skor: f64) -> PenilaianButir {
        PenilaianButir {
            penilai_id: penilai.into(),
            dinilai_id: dinilai.into(),
            butir: butir.into(),
            skor: Skor::new(skor).expect("finite test score"),
        }
    }

    /// Rater `r{i}` scores ratees e0..e4 on one item with `skor[i]` each (five scores).
    fn raters_with(scores: &[[f64; 5]]) -> Vec<PenilaianButir> {
        let mut out = Vec::new();
        for (i, row) in scores.iter().enumerate() {
            for (j, &s) in row.iter().enumerate() {
                out.push(p(&format!("r{i}"), &format!("e{j}"), "kinerja", s));
            }
        }
        out
    }

    fn kemurahan_of(hasil: &[PerPenilai<Kemurahan>], id: &str) -> Kemurahan {
        hasil.iter().find(|h| h.penilai_id == id).and_then(|h| h.hasil.dihitung()).cloned().expect("computed")
    }

    #[test]
    fn scores_must_be_finite_and_bounded() {
        for (x, ok) in [(3.0, true), (-1e9, true), (f64::NAN, false), (f64::INFINITY, false), (2e9, false)] {
            assert_eq!(Skor::new(x).is_some(), ok, "{x}");
        }
        assert!(serde_json::from_str::<Skor>("1e10").is_err());
        assert_eq!(serde_json::from_str::<Skor>("4.5").map(Skor::get).ok(), Some(4.5));
    }

    #[test]
    fn leniency_z_scores_match_a_hand_computed_table() {
        // Rater means 3, 3, 3, 3, 5: unit mean 3.4, SD between raters √0.8 = 0.894.
        let data = raters_with(&[[3.0; 5], [2.0, 4.0, 3.0, 3.0, 3.0], [3.0; 5], [1.0, 5.0, 3.0, 3.0, 3.0], [5.0; 5]]);
        let hasil = measure_kemurahan(&data, &KonfigurasiObjektivitas::default());
        let table =
            [("r0", -0.447_213_6, None), ("r1", -0.447_213_6, None), ("r4", 1.788_854_4, Some(ArahBias::Murah))];
        for (id, z, arah) in table {
            let k = kemurahan_of(&hasil, id);
            assert!((k.z - z).abs() < 1e-6, "{id}: {}", k.z);
            assert_eq!(k.arah, arah, "{id}");
            assert!((k.rata_rata_unit - 3.4).abs() < 1e-12);
            assert_eq!(k.jumlah_penilai, 5);
        }
        let r4 = kemurahan_of(&hasil, "r4").penjelasan;
        assert!(r4.langkah.iter().any(|t| t.id.contains("1,79") && t.en.contains("1.79")), "{r4:?}");
        assert!(r4.langkah.iter().any(|t| t.id.contains("murah") && t.en.contains("lenient")));
        // Mirror image: one severe rater.
        let data = raters_with(&[[3.0; 5], [3.0; 5], [3.0; 5], [3.0; 5], [1.0; 5]]);
        let k = kemurahan_of(&measure_kemurahan(&data, &KonfigurasiObjektivitas::default()), "r4");
        assert_eq!(k.arah, Some(ArahBias::Ketat));
    }

    #[test]
    fn leniency_needs_enough_scores_per_rater_and_enough_raters() {
        let konfig = KonfigurasiObjektivitas::default();
        let mut data = raters_with(&[[3.0; 5], [4.0; 5], [2.0; 5], [3.0; 5]]);
        let hasil = measure_kemurahan(&data, &konfig);
        assert_eq!(hasil.len(), 4);
        for h in &hasil {
            assert!(matches!(h.hasil, Hasil::TidakCukupData { n: 4, minimum: 5, .. }), "{h:?}");
        }
        data.extend((0..3).map(|j| p("baru", &format!("e{j}"), "kinerja", 5.0)));
        let hasil = measure_kemurahan(&data, &konfig);
        let baru = hasil.iter().find(|h| h.penilai_id == "baru").expect("listed");
        match &baru.hasil {
            Hasil::TidakCukupData { n, minimum, penjelasan } => {
                assert_eq!((*n, *minimum), (3, 5));
                assert!(penjelasan.langkah[0].id.contains('3') && penjelasan.langkah[0].en.contains("at least 5"));
            }
            other => panic!("expected too little data, got {other:?}"),
        }
        let json = serde_json::to_value(&baru.hasil).expect("serialises");
        assert_eq!(json["status"], "tidak_cukup_data");
    }

    #[test]
    fn equal_rater_means_give_zero_z_without_nan() {
        let data = raters_with(&[[3.0; 5], [1.0, 5.0, 3.0, 3.0, 3.0], [3.0; 5], [2.0, 4.0, 3.0, 3.0, 3.0], [3.0; 5]]);
        for h in measure_kemurahan(&data, &KonfigurasiObjektivitas::default()) {
            let k = h.hasil.dihitung().expect("computed");
            assert_eq!((k.z, k.arah), (0.0, None));
            assert!(k.penjelasan.langkah.iter().any(|t| t.en.contains("same mean")));
        }
    }

    #[test]
    fn self_ratings_are_left_out_of_leniency() {
        let mut data = raters_with(&[[3.0; 5], [4.0; 5], [2.0; 5], [3.0; 5], [3.0; 5]]);
        let before = measure_kemurahan(&data, &KonfigurasiObjektivitas::default());
        data.push(p("r0", "r0", "kinerja", 5.0));
        assert_eq!(measure_kemurahan(&data, &KonfigurasiObjektivitas::default()), before);
    }

    #[test]
    fn a_rater_who_always_gives_the_middle_score_is_flagged_for_central_tendency() {
        let data = raters_with(&[
            [1.0, 2.0, 3.0, 4.0, 5.0],
            [5.0, 4.0, 3.0, 2.0, 1.0],
            [2.0, 4.0, 3.0, 5.0, 1.0],
            [3.0, 3.0, 3.0, 3.0, 3.0],
            [3.0, 3.0, 3.0, 3.0, 4.0],
        ]);
        let hasil = measure_kecenderungan_tengah(&data, &KonfigurasiObjektivitas::default());
        // Pooled SD: √((10 + 10 + 10 + 0 + 0.8) / 20) = √1.54.
        let sd_unit = 1.54_f64.sqrt();
        let table =
            [("r0", 2.5_f64.sqrt() / sd_unit, false), ("r3", 0.0, true), ("r4", 0.2_f64.sqrt() / sd_unit, true)];
        for (id, rasio, terpusat) in table {
            let h = hasil.iter().find(|h| h.penilai_id == id).and_then(|h| h.hasil.dihitung()).expect("computed");
            assert!((h.sd_unit - sd_unit).abs() < 1e-12, "{id}");
            assert!((h.rasio.expect("unit varies") - rasio).abs() < 1e-12, "{id}");
            assert_eq!(h.terpusat, terpusat, "{id}");
        }
    }

    #[test]
    fn a_unit_without_any_spread_gives_no_ratio_and_no_flag() {
        let data = raters_with(&[[3.0; 5]; 5]);
        for h in measure_kecenderungan_tengah(&data, &KonfigurasiObjektivitas::default()) {
            let k = h.hasil.dihitung().expect("computed");
            assert_eq!((k.rasio, k.terpusat, k.sd), (None, false, 0.0));
        }
    }

    /// One rater scoring ratees e0..e{n-1} on items a, b, c.
    fn halo_data(a: &[f64], b: &[f64], c: &[f64]) -> Vec<PenilaianButir> {
        let mut out = Vec::new();
        for (butir, xs) in [("a", a), ("b", b), ("c", c)] {
            for (j, &x) in xs.iter().enumerate() {
                out.push(p("r", &format!("e{j}"), butir, x));
            }
        }
        out
    }

    #[test]
    fn halo_is_the_mean_pairwise_correlation_of_one_raters_items() {
        let konfig = KonfigurasiObjektivitas::default();
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        let table: [(Vec<PenilaianButir>, f64, bool, usize); 3] = [
            (halo_data(&s, &[2.0, 3.0, 4.0, 5.0, 6.0], &[10.0, 20.0, 30.0, 40.0, 50.0]), 1.0, true, 0),
            // b = reversed: r(a,b) = −1, r(a,c) = 1, r(b,c) = −1 → −1/3.
            (halo_data(&s, &[5.0, 4.0, 3.0, 2.0, 1.0], &s), -1.0 / 3.0, false, 0),
            // c constant: only the pair (a, b) counts, two pairs lack variation.
            (halo_data(&s, &s, &[3.0; 5]), 1.0, true, 2),
        ];
        for (data, expected, halo, tanpa_variasi) in table {
            let h = measure_halo(&data, &konfig);
            let h = h[0].hasil.dihitung().expect("computed");
            assert!((h.korelasi_rata_rata - expected).abs() < 1e-12, "{}", h.korelasi_rata_rata);
            assert_eq!((h.halo, h.pasangan_tanpa_variasi, h.jumlah_butir), (halo, tanpa_variasi, 3));
        }
    }

    #[test]
    fn halo_needs_enough_items_and_common_ratees() {
        let konfig = KonfigurasiObjektivitas::default();
        let s = [1.0, 2.0, 3.0, 4.0];
        let h = measure_halo(&halo_data(&s, &s, &s), &konfig);
        assert!(matches!(h[0].hasil, Hasil::TidakCukupData { n: 0, minimum: 3, .. }), "{h:?}");
        let all_flat = halo_data(&[3.0; 5], &[3.0; 5], &[3.0; 5]);
        let h = measure_halo(&all_flat, &konfig);
        assert!(matches!(h[0].hasil, Hasil::TidakCukupData { n: 0, minimum: 1, .. }), "{h:?}");
    }

    #[test]
    fn the_self_gap_compares_a_self_rating_with_the_others_mean() {
        let konfig = KonfigurasiObjektivitas::default();
        let mut data = vec![p("e", "e", "a", 5.0), p("e", "e", "b", 4.0), p("e", "e", "zzz", 1.0)];
        // Others on a: 3, 3, 4 (mean 10/3); on b: 2, 3, 4 (mean 3). Non-self SD over 2,3,3,3,4,4.
        for (r, a, b) in [("x", 3.0, 2.0), ("y", 3.0, 3.0), ("z", 4.0, 4.0)] {
            data.push(p(r, "e", "a", a));
            data.push(p(r, "e", "b", b));
        }
        let hasil = measure_selisih_diri(&data, &konfig);
        let s = hasil.iter().find(|h| h.dinilai_id == "e").and_then(|h| h.hasil.dihitung()).expect("computed");
        let skor_lain = (10.0 / 3.0 + 3.0) / 2.0;
        assert!((s.skor_diri - 4.5).abs() < 1e-12);
        assert!((s.skor_lain - skor_lain).abs() < 1e-12);
        let sd = Welford::from_iter([3.0, 2.0, 3.0, 3.0, 4.0, 4.0]).sd();
        assert!((s.selisih_baku.expect("varies") - (4.5 - skor_lain) / sd).abs() < 1e-12);
        assert_eq!((s.jumlah_butir, s.jumlah_penilai_lain, s.arah), (2, 3, Some(ArahSelisih::LebihTinggi)));
        assert!(s.penjelasan.langkah[0].en.contains("4.50") && s.penjelasan.langkah[0].id.contains("4,50"));

        let guards = [
            (vec![p("x", "e", "a", 3.0)], 0, 1),
            (vec![p("e", "e", "a", 3.0), p("x", "e", "a", 3.0), p("y", "e", "a", 3.0)], 2, 3),
        ];
        for (data, n, minimum) in guards {
            let h = measure_selisih_diri(&data, &konfig);
            let e = h.iter().find(|h| h.dinilai_id == "e").expect("listed");
            assert!(
                matches!(e.hasil, Hasil::TidakCukupData { n: a, minimum: b, .. } if a == n && b == minimum),
                "{e:?}"
            );
        }
    }

    #[test]
    fn duplicate_cells_are_averaged_before_anything_else() {
        let once = raters_with(&[[3.0; 5], [4.0; 5], [2.0; 5], [3.0; 5], [4.0; 5]]);
        let mut twice = once.clone();
        twice.push(p("r1", "e0", "kinerja", 3.0));
        twice.push(p("r1", "e0", "kinerja", 5.0));
        assert_eq!(measure_kemurahan(&once, &Default::default()), measure_kemurahan(&twice, &Default::default()));
    }

    #[test]
    fn the_config_defaults_from_empty_json() {
        let konfig: KonfigurasiObjektivitas = serde_json::from_str("{}").expect("defaults");
        assert_eq!(konfig, KonfigurasiObjektivitas::default());
        assert!(serde_json::from_str::<KonfigurasiObjektivitas>(r#"{"batas_z": 2}"#).is_err());
    }

    // -- properties ------------------------------------------------------

    /// 3–7 raters × 3–8 ratees × 2–4 items, integer scores 1–5, some missing,
    /// some self-ratings.
    fn arb_data() -> impl Strategy<Value = Vec<PenilaianButir>> {
        (3usize..8, 3usize..9, 2usize..5).prop_flat_map(|(r, e, b)| {
            prop::collection::vec(prop::option::weighted(0.8, 1u8..=5), r * e * b).prop_map(move |cells| {
                let mut out = Vec::new();
                for (k, skor) in cells.into_iter().enumerate() {
                    if let Some(s) = skor {
                        let (ri, ei, bi) = (k / (e * b), (k / b) % e, k % b);
                        // Rater i rates ratees e0.. and, for i < e, rater i is ratee i too.
                        out.push(p(&format!("e{ri}"), &format!("e{ei}"), &format!("b{bi}"), f64::from(s)));
                    }
                }
                out
            })
        })
    }

    fn small_konfig() -> KonfigurasiObjektivitas {
        KonfigurasiObjektivitas {
            minimal_penilai: 3,
            minimal_skor_per_penilai: 3,
            minimal_dinilai_halo: 3,
            minimal_butir_halo: 2,
            minimal_penilai_lain: 1,
            ..Default::default()
        }
    }

    fn transform(data: &[PenilaianButir], f: impl Fn(f64) -> f64) -> Vec<PenilaianButir> {
        data.iter()
            .map(|x| PenilaianButir { skor: Skor::new(f(x.skor.get())).expect("bounded"), ..x.clone() })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
    }

    proptest! {
        #[test]
        fn leniency_z_scores_sum_to_zero_and_are_finite(data in arb_data()) {
            let hasil = measure_kemurahan(&data, &small_konfig());
            let zs: Vec<f64> = hasil.iter().filter_map(|h| h.hasil.dihitung()).map(|k| k.z).collect();
            prop_assert!(zs.iter().all(|z| z.is_finite()));
            prop_assert!(zs.iter().sum::<f64>().abs() < 1e-9, "{:?}", zs);
        }

        #[test]
        fn shifting_or_scaling_every_score_leaves_every_measure_unchanged(
            data in arb_data(),
            geser in -1000.0f64..1000.0,
            kali in 0.01f64..100.0,
        ) {
            let konfig = small_konfig();
            for other in [transform(&data, |x| x + geser), transform(&data, |x| x * kali)] {
                let (a, b) = (measure_kemurahan(&data, &konfig), measure_kemurahan(&other, &konfig));
                prop_assert_eq!(a.len(), b.len());
                for (a, b) in a.iter().zip(&b) {
                    match (a.hasil.dihitung(), b.hasil.dihitung()) {
                        (Some(a), Some(b)) => {
                            prop_assert!(close(a.z, b.z), "{} vs {}", a.z, b.z);
                            // The flag may only differ for a z on the threshold itself (e.g. (k−1)/√k = 1.5 for k = 4).
                            if (a.z.abs() - konfig.batas_z_kemurahan).abs() > 1e-6 {
                                prop_assert_eq!(a.arah, b.arah);
                            }
                        }
                        (None, None) => {}
                        _ => prop_assert!(false, "guards differ"),
                    }
                }
                let (a, b) = (measure_kecenderungan_tengah(&data, &konfig), measure_kecenderungan_tengah(&other, &konfig));
                for (a, b) in a.iter().zip(&b) {
                    let (a, b) = (a.hasil.dihitung().and_then(|k| k.rasio), b.hasil.dihitung().and_then(|k| k.rasio));
                    prop_assert_eq!(a.is_some(), b.is_some());
                    if let (Some(a), Some(b)) = (a, b) { prop_assert!(close(a, b), "{} vs {}", a, b); }
                }
                let (a, b) = (measure_halo(&data, &konfig), measure_halo(&other, &konfig));
                for (a, b) in a.iter().zip(&b) {
                    let (a, b) = (a.hasil.dihitung().map(|h| h.korelasi_rata_rata), b.hasil.dihitung().map(|h| h.korelasi_rata_rata));
                    prop_assert_eq!(a.is_some(), b.is_some());
                    if let (Some(a), Some(b)) = (a, b) { prop_assert!(close(a, b), "{} vs {}", a, b); }
                }
                let (a, b) = (measure_selisih_diri(&data, &konfig), measure_selisih_diri(&other, &konfig));
                for (a, b) in a.iter().zip(&b) {
                    let (a, b) = (a.hasil.dihitung().and_then(|s| s.selisih_baku), b.hasil.dihitung().and_then(|s| s.selisih_baku));
                    prop_assert_eq!(a.is_some(), b.is_some());
                    if let (Some(a), Some(b)) = (a, b) { prop_assert!(close(a, b), "{} vs {}", a, b); }
                }
            }
        }

        #[test]
        fn halo_correlations_stay_within_minus_one_and_one(data in arb_data()) {
            for h in measure_halo(&data, &small_konfig()) {
                if let Some(h) = h.hasil.dihitung() {
                    prop_assert!((-1.0..=1.0).contains(&h.korelasi_rata_rata));
                }
            }
        }

        #[test]
        fn correlation_is_within_bounds_for_any_bounded_input(
            pairs in prop::collection::vec((-1e9f64..1e9, -1e9f64..1e9), 0..30),
        ) {
            let (x, y): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
            if let Some(r) = korelasi(&x, &y) {
                prop_assert!((-1.0..=1.0).contains(&r));
            }
            // Perfectly related data gives ±1.
            let y2: Vec<f64> = x.iter().map(|v| -2.0 * v + 7.0).collect();
            if let Some(r) = korelasi(&x, &y2) {
                prop_assert!((r + 1.0).abs() < 1e-9, "{}", r);
            }
        }

        #[test]
        fn no_measure_ever_returns_a_non_finite_number(data in arb_data()) {
            let konfig = small_konfig();
            for h in measure_kemurahan(&data, &konfig).iter().filter_map(|h| h.hasil.dihitung()) {
                prop_assert!([h.rata_rata, h.rata_rata_unit, h.sd_unit, h.z].iter().all(|x| x.is_finite()));
            }
            for h in measure_kecenderungan_tengah(&data, &konfig).iter().filter_map(|h| h.hasil.dihitung()) {
                prop_assert!(h.sd.is_finite() && h.sd_unit.is_finite() && h.rasio.is_none_or(f64::is_finite));
            }
            for h in measure_selisih_diri(&data, &konfig).iter().filter_map(|h| h.hasil.dihitung()) {
                prop_assert!([h.skor_diri, h.skor_lain, h.selisih, h.sd_unit].iter().all(|x| x.is_finite()));
                prop_assert!(h.selisih_baku.is_none_or(f64::is_finite));
            }
        }
    }
}
