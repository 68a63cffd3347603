//! PP 46/2011 + Perka BKN 1/2013 (legacy, periods to 30 Jun 2021): the four
//! aspects of each kegiatan with the 24% efficiency break, nilai capaian SKP
//! with tugas tambahan and kreativitas, perilaku kerja, the 60/40 nilai
//! prestasi kerja and its sebutan (RULES.md §2.3).
//!
//! Choices for what the sources leave open (RULES.md §6.6), each documented
//! beside its code: unrounded internal values ([`compute_kegiatan`]), nothing
//! produced scores 0, aspects never below 0, and the sebutan of fractional
//! values ([`BATAS_SEBUTAN`]).

use serde::{Deserialize, Serialize};

use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use crate::rule_set::{Angka, RuleSet, angka, angka_jumlah, angka_persis, angka_target, bulatkan};
use crate::skp::indikator::AspekIndikator;
use crate::skp::preview::{IndikatorPreview, Kendala, PreviewOptions, RhkPreview, RuleSetPreview, tambah_yang_belum};
use crate::skp::{Indikator, Polaritas, Rhk, Target};
use crate::teks::{Penjelasan, Teks};

const SUMBER_KEGIATAN: &str = "PP 46/2011; Perka BKN 1/2013 (aspek kuantitas, kualitas, waktu, biaya)";
const SUMBER_SKP: &str = "PP 46/2011; Perka BKN 1/2013 (nilai capaian SKP, tugas tambahan, kreativitas)";
const SUMBER_PRESTASI: &str = "PP 46/2011 (nilai prestasi kerja = 60% SKP + 40% perilaku kerja); Perka BKN 1/2013";

/// The efficiency (percent of time or cost saved) above which finishing early
/// or cheaply counts as poor planning (RULES.md §2.3.1).
pub const BATAS_EFISIENSI_PERSEN: f64 = 24.0;

/// Target or realisasi of one kegiatan: output quantity, quality (normally
/// target 100), time (e.g. months) and cost (`None` without a cost target).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AspekKegiatan {
    pub kuantitas: f64,
    pub kualitas: f64,
    pub waktu: f64,
    pub biaya: Option<f64>,
}

/// Why a PP 46/2011 number cannot be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PrestasiKerjaError {
    #[error("the target {aspek} must be a positive number, got {nilai}")]
    TargetTidakPositif { aspek: &'static str, nilai: f64 },
    #[error("{bidang} must be a number from {min} to {max}, got {nilai}")]
    DiLuarRentang { bidang: &'static str, nilai: f64, min: f64, max: f64 },
    #[error("the kegiatan has a cost target but no cost realisasi")]
    RealisasiBiayaKosong,
    #[error("the kegiatan has a cost realisasi but no cost target")]
    TargetBiayaKosong,
    #[error("the SKP has no kegiatan")]
    TidakAdaKegiatan,
}

impl PrestasiKerjaError {
    pub fn kode(&self) -> &'static str {
        match self {
            PrestasiKerjaError::TargetTidakPositif { .. } => "target_tidak_positif",
            PrestasiKerjaError::DiLuarRentang { .. } => "di_luar_rentang",
            PrestasiKerjaError::RealisasiBiayaKosong => "realisasi_biaya_kosong",
            PrestasiKerjaError::TargetBiayaKosong => "target_biaya_kosong",
            PrestasiKerjaError::TidakAdaKegiatan => "tidak_ada_kegiatan",
        }
    }

    pub fn pesan(&self) -> Teks {
        match self {
            PrestasiKerjaError::TargetTidakPositif { aspek, nilai } => {
                let nilai = angka_persis(*nilai);
                Teks::new(
                    format!("Target {aspek} harus angka positif, bukan {}.", nilai.id),
                    format!("The {aspek} target must be a positive number, not {}.", nilai.en),
                )
            }
            PrestasiKerjaError::DiLuarRentang { bidang, nilai, min, max } => {
                let (nilai, min, max) = (angka_persis(*nilai), angka_persis(*min), angka_persis(*max));
                Teks::new(
                    format!("{bidang} harus angka dari {} sampai {}, bukan {}.", min.id, max.id, nilai.id),
                    format!("{bidang} must be a number from {} to {}, not {}.", min.en, max.en, nilai.en),
                )
            }
            PrestasiKerjaError::RealisasiBiayaKosong => Teks::new(
                "Kegiatan ini punya target biaya: isi realisasi biayanya.",
                "This activity has a cost target: fill in the realised cost.",
            ),
            PrestasiKerjaError::TargetBiayaKosong => Teks::new(
                "Realisasi biaya diisi, tetapi kegiatan ini tidak punya target biaya.",
                "A realised cost was entered, but this activity has no cost target.",
            ),
            PrestasiKerjaError::TidakAdaKegiatan => {
                Teks::new("SKP belum memiliki kegiatan yang dinilai.", "The SKP has no assessed activity yet.")
            }
        }
    }
}

fn cek_rentang(bidang: &'static str, nilai: f64, min: f64, max: f64) -> Result<f64, PrestasiKerjaError> {
    if nilai.is_finite() && (min..=max).contains(&nilai) {
        Ok(nilai)
    } else {
        Err(PrestasiKerjaError::DiLuarRentang { bidang, nilai, min, max })
    }
}

fn cek_target(aspek: &'static str, nilai: f64) -> Result<f64, PrestasiKerjaError> {
    if nilai.is_finite() && nilai > 0.0 {
        Ok(nilai)
    } else {
        Err(PrestasiKerjaError::TargetTidakPositif { aspek, nilai })
    }
}

/// The waktu (or biaya) aspect from target and realisasi, with the 24% break:
///
/// ```text
/// efisiensi = 100 − realisasi / target × 100
/// nilai     = (1.76 × target − realisasi) / target × 100                 if efisiensi ≤ 24
///           = 76 − ((1.76 × target − realisasi) / target × 100 − 100)   if efisiensi > 24
/// ```
///
/// **Choices:** never below 0 (very late or far over budget would otherwise
/// give negative scores); the efficiency is compared with 24% after rounding
/// to 6 decimals, so 9.12 of 12 months (exactly 24%, but 23.99999… in binary
/// floating point) is on the 24% side and scores 100. Target must be
/// positive, realisasi at least 0.
pub fn nilai_efisiensi(target: f64, realisasi: f64) -> f64 {
    // (1.76 × T − R) / T × 100 written as 176 − R / T × 100: the same number,
    // without 1.76's binary rounding (76.00000000000001 for R = T).
    let dasar = 176.0 - realisasi / target * 100.0;
    let nilai = if di_atas_batas_efisiensi(target, realisasi) { 76.0 - (dasar - 100.0) } else { dasar };
    nilai.max(0.0)
}

fn efisiensi_persen(target: f64, realisasi: f64) -> f64 {
    100.0 - realisasi / target * 100.0
}

fn di_atas_batas_efisiensi(target: f64, realisasi: f64) -> bool {
    bulatkan(efisiensi_persen(target, realisasi), 6) > BATAS_EFISIENSI_PERSEN
}

/// The scores of one kegiatan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiKegiatan {
    pub kuantitas: f64,
    pub kualitas: f64,
    pub waktu: f64,
    /// `None` when the kegiatan has no cost target.
    pub biaya: Option<f64>,
    /// (kuantitas + kualitas + waktu [+ biaya]) / 3 [or 4].
    pub nilai_capaian: f64,
    pub penjelasan: Penjelasan,
}

/// Scores one kegiatan tugas jabatan (RULES.md §2.3.1):
///
/// * kuantitas = realisasi / target × 100; kualitas = realisasi / target × 100;
/// * waktu and biaya with [`nilai_efisiensi`] (the 24% break);
/// * nilai capaian = the sum divided by 3, or by 4 when there is a cost target
///   (public code divided by 4 but forgot to add biaya; we add it).
///
/// **Choices:** values are kept unrounded (round only for display, with
/// [`crate::rule_set::bulatkan`]); kuantitas and kualitas are not capped at
/// 100; a kegiatan with **no output** (realisasi kuantitas 0) scores 0 on every
/// aspect, as commonly applied, since its time and cost were not spent on a
/// result.
pub fn compute_kegiatan(
    target: &AspekKegiatan,
    realisasi: &AspekKegiatan,
) -> Result<NilaiKegiatan, PrestasiKerjaError> {
    let to = cek_target("kuantitas", target.kuantitas)?;
    let tk = cek_target("kualitas", target.kualitas)?;
    let tw = cek_target("waktu", target.waktu)?;
    let ro = cek_rentang("realisasi kuantitas", realisasi.kuantitas, 0.0, f64::MAX)?;
    let rk = cek_rentang("realisasi kualitas", realisasi.kualitas, 0.0, f64::MAX)?;
    let rw = cek_rentang("realisasi waktu", realisasi.waktu, 0.0, f64::MAX)?;
    let biaya_pasangan = match (target.biaya, realisasi.biaya) {
        (Some(tb), Some(rb)) => Some((cek_target("biaya", tb)?, cek_rentang("realisasi biaya", rb, 0.0, f64::MAX)?)),
        (Some(_), None) => return Err(PrestasiKerjaError::RealisasiBiayaKosong),
        (None, Some(_)) => return Err(PrestasiKerjaError::TargetBiayaKosong),
        (None, None) => None,
    };

    let mut penjelasan = Penjelasan::new("pp_46_2011.kegiatan", SUMBER_KEGIATAN);
    if ro == 0.0 {
        penjelasan = penjelasan.langkah(
            "Realisasi kuantitas 0: tidak ada output, semua aspek bernilai 0.",
            "Realised quantity 0: no output, every aspect scores 0.",
        );
        return Ok(NilaiKegiatan {
            kuantitas: 0.0,
            kualitas: 0.0,
            waktu: 0.0,
            biaya: biaya_pasangan.map(|_| 0.0),
            nilai_capaian: 0.0,
            penjelasan,
        });
    }

    let kuantitas = ro / to * 100.0;
    let kualitas = rk / tk * 100.0;
    let waktu = nilai_efisiensi(tw, rw);
    let biaya = biaya_pasangan.map(|(tb, rb)| nilai_efisiensi(tb, rb));
    let (jumlah, pembagi) = match biaya {
        Some(b) => (kuantitas + kualitas + waktu + b, 4.0),
        None => (kuantitas + kualitas + waktu, 3.0),
    };
    let nilai_capaian = jumlah / pembagi;

    penjelasan.langkah.push(langkah_aspek(AspekIndikator::Kuantitas, to, ro, kuantitas));
    penjelasan.langkah.push(langkah_aspek(AspekIndikator::Kualitas, tk, rk, kualitas));
    penjelasan.langkah.push(langkah_aspek(AspekIndikator::Waktu, tw, rw, waktu));
    if let (Some((tb, rb)), Some(b)) = (biaya_pasangan, biaya) {
        penjelasan.langkah.push(langkah_aspek(AspekIndikator::Biaya, tb, rb, b));
    }
    let jumlah = angka_jumlah([kuantitas, kualitas, waktu].into_iter().chain(biaya));
    let n = if biaya.is_some() { 4 } else { 3 };
    penjelasan = penjelasan.langkah(
        format!("Nilai capaian kegiatan = ({}) / {n} = {}.", jumlah.id, angka(nilai_capaian).id),
        format!("Activity score = ({}) / {n} = {}.", jumlah.en, angka(nilai_capaian).en),
    );
    Ok(NilaiKegiatan { kuantitas, kualitas, waktu, biaya, nilai_capaian, penjelasan })
}

/// The sentence of one aspect's formula, shared by [`compute_kegiatan`] and [`compute_aspek`].
fn langkah_aspek(aspek: AspekIndikator, target: f64, realisasi: f64, nilai: f64) -> Teks {
    match aspek {
        AspekIndikator::Kuantitas | AspekIndikator::Kualitas => {
            let (id, en) = nama_aspek(aspek);
            let (r, t, n) = (angka(realisasi), angka(target), angka(nilai));
            Teks::new(
                format!("{id} = {} / {} × 100 = {}.", r.id, t.id, n.id),
                format!("{en} = {} / {} × 100 = {}.", r.en, t.en, n.en),
            )
        }
        AspekIndikator::Waktu => langkah_efisiensi("Waktu", "Time", target, realisasi, nilai),
        AspekIndikator::Biaya => langkah_efisiensi("Biaya", "Cost", target, realisasi, nilai),
    }
}

/// The aspect's name as a sentence starts it, in Indonesian and English.
fn nama_aspek(aspek: AspekIndikator) -> (&'static str, &'static str) {
    match aspek {
        AspekIndikator::Kuantitas => ("Kuantitas", "Quantity"),
        AspekIndikator::Kualitas => ("Kualitas", "Quality"),
        AspekIndikator::Waktu => ("Waktu", "Time"),
        AspekIndikator::Biaya => ("Biaya", "Cost"),
    }
}

fn langkah_efisiensi(aspek_id: &str, aspek_en: &str, target: f64, realisasi: f64, nilai: f64) -> Teks {
    let efisiensi = efisiensi_persen(target, realisasi);
    let dasar = 176.0 - realisasi / target * 100.0;
    let (t, r, e, d, n) = (angka(target), angka(realisasi), angka(efisiensi), angka(dasar), angka(nilai));
    if !di_atas_batas_efisiensi(target, realisasi) {
        // The constant 1.76 is written per language too.
        Teks::new(
            format!(
                "{aspek_id}: efisiensi = 100 − {r}/{t} × 100 = {e}% (≤ 24%), nilai = (1,76 × {t} − {r}) / {t} × 100 = {n}.",
                r = r.id,
                t = t.id,
                e = e.id,
                n = n.id
            ),
            format!(
                "{aspek_en}: efficiency = 100 − {r}/{t} × 100 = {e}% (≤ 24%), score = (1.76 × {t} − {r}) / {t} × 100 = {n}.",
                r = r.en,
                t = t.en,
                e = e.en,
                n = n.en
            ),
        )
    } else {
        Teks::new(
            format!(
                "{aspek_id}: efisiensi = 100 − {r}/{t} × 100 = {e}% (> 24%, dianggap perencanaan kurang tepat), \
                 nilai = 76 − ({d} − 100) = {n}.",
                r = r.id,
                t = t.id,
                e = e.id,
                d = d.id,
                n = n.id
            ),
            format!(
                "{aspek_en}: efficiency = 100 − {r}/{t} × 100 = {e}% (> 24%, treated as poor planning), \
                 score = 76 − ({d} − 100) = {n}.",
                r = r.en,
                t = t.en,
                e = e.en,
                d = d.en,
                n = n.en
            ),
        )
    }
}

/// The score of one aspect of a kegiatan, measured by one indicator (the SKP
/// preview maps each indicator to the PP 46/2011 aspect it measures).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiAspek {
    pub aspek: AspekIndikator,
    /// The target the realisasi was compared with.
    pub target: f64,
    pub realisasi: f64,
    pub nilai: f64,
    pub penjelasan: Penjelasan,
}

/// Scores one aspect with the formula [`compute_kegiatan`] uses for it:
/// kuantitas and kualitas `realisasi / target × 100`, waktu and biaya with
/// [`nilai_efisiensi`] (the 24% break). The direction is the aspect's: PP
/// 46/2011 has no polarity, so bigger is better for kuantitas and kualitas and
/// smaller (up to the 24% break) for waktu and biaya. The target must be
/// positive and the realisasi at least 0.
pub fn compute_aspek(aspek: AspekIndikator, target: f64, realisasi: f64) -> Result<NilaiAspek, PrestasiKerjaError> {
    let nilai = nilai_aspek_angka(aspek, target, realisasi)?;
    let mut penjelasan = Penjelasan::new("pp_46_2011.aspek", SUMBER_KEGIATAN);
    penjelasan.langkah.push(langkah_aspek(aspek, target, realisasi, nilai));
    Ok(NilaiAspek { aspek, target, realisasi, nilai, penjelasan })
}

/// The score of one aspect, numbers only: [`compute_aspek`] without its
/// explanation (no allocation).
pub fn nilai_aspek_angka(aspek: AspekIndikator, target: f64, realisasi: f64) -> Result<f64, PrestasiKerjaError> {
    let (kode, bidang) = match aspek {
        AspekIndikator::Kuantitas => ("kuantitas", "realisasi kuantitas"),
        AspekIndikator::Kualitas => ("kualitas", "realisasi kualitas"),
        AspekIndikator::Waktu => ("waktu", "realisasi waktu"),
        AspekIndikator::Biaya => ("biaya", "realisasi biaya"),
    };
    let t = cek_target(kode, target)?;
    let r = cek_rentang(bidang, realisasi, 0.0, f64::MAX)?;
    Ok(match aspek {
        AspekIndikator::Kuantitas | AspekIndikator::Kualitas => r / t * 100.0,
        AspekIndikator::Waktu | AspekIndikator::Biaya => nilai_efisiensi(t, r),
    })
}

/// The nilai capaian of a kegiatan whose aspects were scored one indicator at
/// a time ([`compute_aspek`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiKegiatanAspek {
    /// Each aspect's score, the mean of its indicators; `None` when no
    /// indicator measures it.
    pub kuantitas: Option<f64>,
    pub kualitas: Option<f64>,
    pub waktu: Option<f64>,
    pub biaya: Option<f64>,
    /// The mean of the aspects present.
    pub nilai_capaian: f64,
    pub penjelasan: Penjelasan,
}

/// [`compute_kegiatan`] for a kegiatan measured by indicators, each scoring
/// one aspect. `None` when there is no aspect score at all.
///
/// With exactly one indicator for each of kuantitas, kualitas and waktu (and
/// optionally biaya) this is [`compute_kegiatan`]: the sum divided by 3 (or
/// 4), and no output (every kuantitas realisasi 0) scores 0 on every aspect.
/// **Choices** for the shapes PP 46/2011 does not know: several indicators of
/// one aspect count as that aspect's mean, and an aspect without an
/// indicator is left out, so the nilai is the mean of the aspects present
/// (as `mrofi/liveSKP` computed it, RULES.md §5); the explanation names the
/// missing aspects.
pub fn compute_kegiatan_aspek<'a>(aspek: impl IntoIterator<Item = &'a NilaiAspek>) -> Option<NilaiKegiatanAspek> {
    let aspek: Vec<&NilaiAspek> = aspek.into_iter().collect();
    let (skor, tanpa_output) = hitung_kegiatan_aspek(aspek.iter().map(|a| SkorAspek::from(*a)))?;
    let SkorKegiatanAspek { kuantitas, kualitas, waktu, biaya, nilai_capaian } = skor;
    let mut penjelasan = Penjelasan::new("pp_46_2011.kegiatan", SUMBER_KEGIATAN);
    if tanpa_output {
        penjelasan = penjelasan.langkah(
            "Realisasi kuantitas 0: tidak ada output, semua aspek bernilai 0.",
            "Realised quantity 0: no output, every aspect scores 0.",
        );
        return Some(NilaiKegiatanAspek { kuantitas, kualitas, waktu, biaya, nilai_capaian, penjelasan });
    }
    let per_aspek = [kuantitas, kualitas, waktu, biaya];
    for (rata, jenis) in per_aspek.iter().zip(URUTAN_ASPEK) {
        let mut n = 0u32;
        for a in aspek.iter().filter(|a| a.aspek == jenis) {
            penjelasan.langkah.extend(a.penjelasan.langkah.iter().cloned());
            n += 1;
        }
        if let (Some(rata), true) = (rata, n > 1) {
            let (id, en) = nama_aspek(jenis);
            let daftar = angka_jumlah(aspek.iter().filter(|a| a.aspek == jenis).map(|a| a.nilai));
            penjelasan = penjelasan.langkah(
                format!("{id} = rata-rata {n} indikator = ({}) / {n} = {}.", daftar.id, angka(*rata).id),
                format!("{en} = mean of {n} indicators = ({}) / {n} = {}.", daftar.en, angka(*rata).en),
            );
        }
    }
    let hilang: Vec<(&str, &str)> =
        URUTAN_ASPEK[..3].iter().zip(&per_aspek).filter(|(_, s)| s.is_none()).map(|(a, _)| nama_aspek(*a)).collect();
    let ada: Vec<f64> = per_aspek.iter().flatten().copied().collect();
    if !hilang.is_empty() {
        let id = hilang.iter().map(|h| h.0.to_ascii_lowercase()).collect::<Vec<_>>().join(", ");
        let en = hilang.iter().map(|h| h.1.to_ascii_lowercase()).collect::<Vec<_>>().join(", ");
        penjelasan = penjelasan.langkah(
            format!(
                "Aspek {id} tidak diukur oleh indikator mana pun: nilai capaian dirata-rata dari {} aspek yang ada.",
                ada.len()
            ),
            format!("No indicator measures {en}: the score is the mean of the {} aspects present.", ada.len()),
        );
    }
    let (jumlah, n) = (angka_jumlah(ada.iter().copied()), ada.len());
    penjelasan = penjelasan.langkah(
        format!("Nilai capaian kegiatan = ({}) / {n} = {}.", jumlah.id, angka(nilai_capaian).id),
        format!("Activity score = ({}) / {n} = {}.", jumlah.en, angka(nilai_capaian).en),
    );
    Some(NilaiKegiatanAspek { kuantitas, kualitas, waktu, biaya, nilai_capaian, penjelasan })
}

/// The order of the aspects in a kegiatan and its explanation.
const URUTAN_ASPEK: [AspekIndikator; 4] =
    [AspekIndikator::Kuantitas, AspekIndikator::Kualitas, AspekIndikator::Waktu, AspekIndikator::Biaya];

/// One scored aspect, as [`nilai_kegiatan_aspek_angka`] needs it: which
/// aspect, its realisasi (a kuantitas of 0 means no output) and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkorAspek {
    pub aspek: AspekIndikator,
    pub realisasi: f64,
    pub nilai: f64,
}

impl From<&NilaiAspek> for SkorAspek {
    fn from(a: &NilaiAspek) -> Self {
        SkorAspek { aspek: a.aspek, realisasi: a.realisasi, nilai: a.nilai }
    }
}

/// The numbers of a kegiatan scored aspect by aspect: [`NilaiKegiatanAspek`]
/// without its explanation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkorKegiatanAspek {
    pub kuantitas: Option<f64>,
    pub kualitas: Option<f64>,
    pub waktu: Option<f64>,
    pub biaya: Option<f64>,
    pub nilai_capaian: f64,
}

/// The kegiatan rule itself (see [`compute_kegiatan_aspek`]): the numbers and
/// whether there was no output. One pass, no allocation.
fn hitung_kegiatan_aspek(aspek: impl IntoIterator<Item = SkorAspek>) -> Option<(SkorKegiatanAspek, bool)> {
    let mut jumlah = [0.0f64; 4];
    let mut n = [0u32; 4];
    let mut ada_output = false;
    for a in aspek {
        let i = URUTAN_ASPEK.iter().position(|&u| u == a.aspek).expect("URUTAN_ASPEK lists every aspect");
        jumlah[i] += a.nilai;
        n[i] += 1;
        ada_output |= a.aspek == AspekIndikator::Kuantitas && a.realisasi != 0.0;
    }
    if n.iter().all(|&k| k == 0) {
        return None;
    }
    // No output: kuantitas is measured and every kuantitas realisasi is 0.
    let tanpa_output = n[0] > 0 && !ada_output;
    let mut skor: [Option<f64>; 4] = [None; 4];
    for ((slot, j), k) in skor.iter_mut().zip(jumlah).zip(n) {
        if k > 0 {
            *slot = Some(if tanpa_output { 0.0 } else { j / f64::from(k) });
        }
    }
    let nilai_capaian = if tanpa_output {
        0.0
    } else {
        let ada = skor.iter().flatten();
        ada.clone().sum::<f64>() / ada.count() as f64
    };
    let [kuantitas, kualitas, waktu, biaya] = skor;
    Some((SkorKegiatanAspek { kuantitas, kualitas, waktu, biaya, nilai_capaian }, tanpa_output))
}

/// The nilai capaian of a kegiatan scored aspect by aspect, numbers only:
/// [`compute_kegiatan_aspek`] without its explanation (one pass, no
/// allocation). `None` when there is no aspect score at all.
pub fn nilai_kegiatan_aspek_angka(aspek: impl IntoIterator<Item = SkorAspek>) -> Option<SkorKegiatanAspek> {
    hitung_kegiatan_aspek(aspek).map(|(skor, _)| skor)
}

/// The score for additional tasks (tugas tambahan) by their number:
/// 0 → 0; 1–3 → 1; 4–6 → 2; 7 or more → 3 (RULES.md §2.3.2).
pub fn nilai_tugas_tambahan(jumlah: u32) -> f64 {
    match jumlah {
        0 => 0.0,
        1..=3 => 1.0,
        4..=6 => 2.0,
        _ => 3.0,
    }
}

/// Who endorsed a creation, with its commonly taught kreativitas score
/// (UNVERIFIED against the Perka text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TingkatKreativitas {
    UnitKerja,
    Organisasi,
    Nasional,
}

impl TingkatKreativitas {
    pub fn nilai(self) -> f64 {
        match self {
            TingkatKreativitas::UnitKerja => 3.0,
            TingkatKreativitas::Organisasi => 6.0,
            TingkatKreativitas::Nasional => 12.0,
        }
    }
}

/// The highest kreativitas score ([`TingkatKreativitas::Nasional`]).
pub const NILAI_KREATIVITAS_MAKSIMAL: f64 = 12.0;

/// The nilai capaian SKP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapaianSkp {
    pub rata_rata_kegiatan: f64,
    pub nilai_tugas_tambahan: f64,
    pub nilai_kreativitas: f64,
    pub nilai_capaian_skp: f64,
    pub penjelasan: Penjelasan,
}

/// The capaian SKP rule itself (see [`compute_capaian_skp`]): the mean of the
/// kegiatan, the tugas tambahan score and the total. No allocation.
fn hitung_capaian_skp(
    nilai_kegiatan: impl IntoIterator<Item = f64>,
    jumlah_tugas_tambahan: u32,
    nilai_kreativitas: f64,
) -> Result<(f64, f64, f64), PrestasiKerjaError> {
    let (mut jumlah, mut n) = (0.0, 0usize);
    for x in nilai_kegiatan {
        jumlah += cek_rentang("nilai kegiatan", x, 0.0, f64::MAX)?;
        n += 1;
    }
    if n == 0 {
        return Err(PrestasiKerjaError::TidakAdaKegiatan);
    }
    cek_rentang("nilai kreativitas", nilai_kreativitas, 0.0, NILAI_KREATIVITAS_MAKSIMAL)?;
    let rata_rata = jumlah / n as f64;
    let tugas = nilai_tugas_tambahan(jumlah_tugas_tambahan);
    Ok((rata_rata, tugas, rata_rata + tugas + nilai_kreativitas))
}

/// The nilai capaian SKP, numbers only: [`compute_capaian_skp`] without its
/// explanation (no allocation; the kegiatan scores may come from any iterator).
pub fn nilai_capaian_skp_angka(
    nilai_kegiatan: impl IntoIterator<Item = f64>,
    jumlah_tugas_tambahan: u32,
    nilai_kreativitas: f64,
) -> Result<f64, PrestasiKerjaError> {
    hitung_capaian_skp(nilai_kegiatan, jumlah_tugas_tambahan, nilai_kreativitas).map(|(_, _, nilai)| nilai)
}

/// Nilai capaian SKP = mean of the kegiatan scores + tugas tambahan score +
/// kreativitas score (0–12, entered by the pejabat penilai).
pub fn compute_capaian_skp(
    nilai_kegiatan: &[f64],
    jumlah_tugas_tambahan: u32,
    nilai_kreativitas: f64,
) -> Result<CapaianSkp, PrestasiKerjaError> {
    let (rata_rata, tugas, nilai_capaian_skp) =
        hitung_capaian_skp(nilai_kegiatan.iter().copied(), jumlah_tugas_tambahan, nilai_kreativitas)?;
    let daftar = angka_jumlah(nilai_kegiatan.iter().copied());
    let n = nilai_kegiatan.len();
    let penjelasan = Penjelasan::new("pp_46_2011.capaian_skp", SUMBER_SKP)
        .langkah(
            format!("Rata-rata {n} kegiatan = ({}) / {n} = {}.", daftar.id, angka(rata_rata).id),
            format!("Mean of {n} activities = ({}) / {n} = {}.", daftar.en, angka(rata_rata).en),
        )
        .langkah(
            format!(
                "{jumlah_tugas_tambahan} tugas tambahan: nilai {} (0 / 1–3 / 4–6 / ≥7 → 0 / 1 / 2 / 3).",
                angka(tugas).id
            ),
            format!(
                "{jumlah_tugas_tambahan} additional tasks: score {} (0 / 1–3 / 4–6 / ≥7 → 0 / 1 / 2 / 3).",
                angka(tugas).en
            ),
        )
        .langkah(
            format!(
                "Nilai capaian SKP = {} + {} + {} (kreativitas) = {}.",
                angka(rata_rata).id,
                angka(tugas).id,
                angka(nilai_kreativitas).id,
                angka(nilai_capaian_skp).id
            ),
            format!(
                "SKP score = {} + {} + {} (creativity) = {}.",
                angka(rata_rata).en,
                angka(tugas).en,
                angka(nilai_kreativitas).en,
                angka(nilai_capaian_skp).en
            ),
        );
    Ok(CapaianSkp {
        rata_rata_kegiatan: rata_rata,
        nilai_tugas_tambahan: tugas,
        nilai_kreativitas,
        nilai_capaian_skp,
        penjelasan,
    })
}

/// The six perilaku kerja aspects (0–100). `kepemimpinan` only for structural
/// officials; `None` for everyone else.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PerilakuKerja {
    pub orientasi_pelayanan: f64,
    pub integritas: f64,
    pub komitmen: f64,
    pub disiplin: f64,
    pub kerja_sama: f64,
    pub kepemimpinan: Option<f64>,
}

impl PerilakuKerja {
    /// The aspects given: (field, name in Indonesian, name in English, score).
    fn aspek(&self) -> impl Iterator<Item = (&'static str, &'static str, &'static str, f64)> {
        [
            ("orientasi_pelayanan", "orientasi pelayanan", "service orientation", Some(self.orientasi_pelayanan)),
            ("integritas", "integritas", "integrity", Some(self.integritas)),
            ("komitmen", "komitmen", "commitment", Some(self.komitmen)),
            ("disiplin", "disiplin", "discipline", Some(self.disiplin)),
            ("kerja_sama", "kerja sama", "teamwork", Some(self.kerja_sama)),
            ("kepemimpinan", "kepemimpinan", "leadership", self.kepemimpinan),
        ]
        .into_iter()
        .filter_map(|(kode, id, en, nilai)| nilai.map(|n| (kode, id, en, n)))
    }
}

/// The sebutan of PP 46/2011, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sebutan {
    SangatBaik,
    Baik,
    Cukup,
    Kurang,
    Buruk,
}

impl Sebutan {
    /// The wire code (`sangat_baik`, …, `buruk`).
    pub fn kode(self) -> &'static str {
        match self {
            Sebutan::SangatBaik => "sangat_baik",
            Sebutan::Baik => "baik",
            Sebutan::Cukup => "cukup",
            Sebutan::Kurang => "kurang",
            Sebutan::Buruk => "buruk",
        }
    }

    pub fn label(self) -> Teks {
        match self {
            Sebutan::SangatBaik => Teks::new("Sangat Baik", "Very Good"),
            Sebutan::Baik => Teks::new("Baik", "Good"),
            Sebutan::Cukup => Teks::new("Cukup", "Fair"),
            Sebutan::Kurang => Teks::new("Kurang", "Poor"),
            Sebutan::Buruk => Teks::new("Buruk", "Bad"),
        }
    }
}

/// The sebutan bands (≥ 91 / 76–90 / 61–75 / 51–60 / ≤ 50), as "more than"
/// thresholds: a value above 90 is Sangat Baik, above 75 Baik, above 60 Cukup,
/// above 50 Kurang, otherwise Buruk.
///
/// **Choice for fractional values** (RULES.md §2.3.2): the printed bands are
/// whole numbers with gaps (90–91, 75–76, …). We read each band as running up
/// to the next one, so **90.5 is Sangat Baik** and 90.0 is Baik, exactly as the
/// widely used public implementation did (`<= 90` → Baik, else Sangat Baik),
/// which keeps historical records imported from such systems unchanged. Every
/// whole number keeps its printed band. The value is first rounded to 2
/// decimals (as printed on the form) so floating-point noise cannot move a
/// band (90.000000001 is 90.00, Baik).
pub const BATAS_SEBUTAN: [(Sebutan, f64); 4] =
    [(Sebutan::SangatBaik, 90.0), (Sebutan::Baik, 75.0), (Sebutan::Cukup, 60.0), (Sebutan::Kurang, 50.0)];

/// The sebutan of a nilai (SKP, perilaku or prestasi kerja).
pub fn sebutan(nilai: f64) -> Sebutan {
    let n = bulatkan(nilai, 2);
    BATAS_SEBUTAN.iter().find(|(_, batas)| n > *batas).map_or(Sebutan::Buruk, |(s, _)| *s)
}

/// The nilai prestasi kerja and its parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrestasiKerja {
    pub nilai_capaian_skp: f64,
    pub sebutan_skp: Sebutan,
    /// The mean of the aspects filled in (5, or 6 with kepemimpinan).
    pub nilai_perilaku: f64,
    pub sebutan_perilaku: Sebutan,
    pub nilai_prestasi_kerja: f64,
    pub sebutan: Sebutan,
    pub penjelasan: Penjelasan,
}

/// Nilai perilaku = mean of the filled aspects; nilai prestasi kerja =
/// 60% × nilai capaian SKP + 40% × nilai perilaku; sebutan with [`sebutan`].
pub fn compute_prestasi_kerja(
    nilai_capaian_skp: f64,
    perilaku: &PerilakuKerja,
) -> Result<PrestasiKerja, PrestasiKerjaError> {
    // The SKP score may pass 100 with tugas tambahan and kreativitas.
    cek_rentang("nilai capaian SKP", nilai_capaian_skp, 0.0, f64::MAX)?;
    let mut jumlah = 0.0;
    let mut n = 0u32;
    let (mut rincian_id, mut rincian_en) = (Vec::new(), Vec::new());
    for (kode, nama_id, nama_en, nilai) in perilaku.aspek() {
        cek_rentang(kode, nilai, 0.0, 100.0)?;
        jumlah += nilai;
        n += 1;
        let nilai = angka(nilai);
        rincian_id.push(format!("{nama_id} {}", nilai.id));
        rincian_en.push(format!("{nama_en} {}", nilai.en));
    }
    let nilai_perilaku = jumlah / f64::from(n);
    let nilai_prestasi_kerja = (60.0 * nilai_capaian_skp + 40.0 * nilai_perilaku) / 100.0;
    let (s_skp, s_perilaku, s) = (sebutan(nilai_capaian_skp), sebutan(nilai_perilaku), sebutan(nilai_prestasi_kerja));
    let (rincian_id, rincian_en) = (rincian_id.join(", "), rincian_en.join(", "));
    let penjelasan = Penjelasan::new("pp_46_2011.prestasi_kerja", SUMBER_PRESTASI)
        .langkah(
            format!(
                "Nilai perilaku kerja = rata-rata {n} aspek ({rincian_id}) = {} ({}){}.",
                angka(nilai_perilaku).id,
                s_perilaku.label().id,
                if perilaku.kepemimpinan.is_none() { "; kepemimpinan hanya untuk pejabat struktural" } else { "" }
            ),
            format!(
                "Work-behaviour score = mean of {n} aspects ({rincian_en}) = {} ({}){}.",
                angka(nilai_perilaku).en,
                s_perilaku.label().en,
                if perilaku.kepemimpinan.is_none() { "; leadership applies to structural officials only" } else { "" }
            ),
        )
        .langkah(
            format!(
                "Nilai prestasi kerja = 60% × {} + 40% × {} = {}.",
                angka(nilai_capaian_skp).id,
                angka(nilai_perilaku).id,
                angka(nilai_prestasi_kerja).id
            ),
            format!(
                "Work-performance score = 60% × {} + 40% × {} = {}.",
                angka(nilai_capaian_skp).en,
                angka(nilai_perilaku).en,
                angka(nilai_prestasi_kerja).en
            ),
        )
        .langkah(
            format!("Sebutan: {} (>90 Sangat Baik, >75 Baik, >60 Cukup, >50 Kurang, lainnya Buruk).", s.label().id),
            format!("Rating: {} (>90 Very Good, >75 Good, >60 Fair, >50 Poor, otherwise Bad).", s.label().en),
        );
    Ok(PrestasiKerja {
        nilai_capaian_skp,
        sebutan_skp: s_skp,
        nilai_perilaku,
        sebutan_perilaku: s_perilaku,
        nilai_prestasi_kerja,
        sebutan: s,
        penjelasan,
    })
}

// ---------------------------------------------------------------------------
// Preview (crate::skp::preview): aspect scores per indicator, nilai capaian
// per kegiatan (RHK), nilai capaian SKP
// ---------------------------------------------------------------------------

impl From<PrestasiKerjaError> for Kendala {
    fn from(e: PrestasiKerjaError) -> Self {
        Kendala { kode: e.kode().to_owned(), pesan: e.pesan() }
    }
}

/// What PP 46/2011 computes for one indicator in a preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilIndikator {
    /// The score of the aspect the indicator measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai: Option<f64>,
    /// With [`PreviewOptions::penjelasan`]: the aspect score explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai_aspek: Option<NilaiAspek>,
}

/// What PP 46/2011 computes for one RHK (a kegiatan) in a preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilRhk {
    /// The kegiatan's nilai capaian; `None` until one of its indicators has a score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai: Option<f64>,
    /// With [`PreviewOptions::penjelasan`]: the kegiatan's nilai capaian
    /// explained, with its aspect means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai_kegiatan: Option<NilaiKegiatanAspek>,
}

/// The PP 46/2011 preview of an SKP: aspect scores per indicator, nilai
/// capaian per kegiatan (RHK), nilai capaian SKP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub evaluasi: PeriodeEvaluasi,
    pub rhk: Vec<RhkPreview>,
    /// The nilai capaian SKP; `None` until a kegiatan has a nilai.
    #[serde(default)]
    pub nilai: Option<f64>,
    /// With [`PreviewOptions::penjelasan`]: the nilai capaian SKP
    /// explained; otherwise `None` even when `nilai` is known.
    pub capaian_skp: Option<CapaianSkp>,
    #[serde(default)]
    pub kendala: Vec<Kendala>,
}

/// The target a realisation is compared with (the nearest bound of a range,
/// or the realisation itself inside it).
fn acuan_target(t: Target, realisasi: f64) -> f64 {
    if realisasi > t.max() {
        t.max()
    } else if realisasi < t.min() {
        t.min()
    } else {
        realisasi
    }
}

/// The aspect score explained, with a note on a range target and on a
/// polarity the aspect overrides.
fn aspek_dijelaskan(iki: &Indikator, realisasi: f64) -> Result<NilaiAspek, PrestasiKerjaError> {
    let t = iki.target();
    let acuan = acuan_target(t, realisasi);
    let mut n = compute_aspek(iki.aspek(), acuan, realisasi)?;
    let mut catatan = Vec::new();
    if t.is_rentang() {
        let Angka { id: rentang_id, en: rentang_en } = angka_target(t.min(), t.max());
        catatan.push(if acuan == realisasi {
            Teks::new(
                format!("Target {rentang_id}: realisasi di dalam rentang, target tercapai."),
                format!("Target {rentang_en}: the realisation is inside the range, the target is met."),
            )
        } else {
            Teks::new(
                format!("Target {rentang_id}: realisasi dibandingkan dengan batas terdekat {}.", angka(acuan).id),
                format!("Target {rentang_en}: the realisation is compared with the nearest bound {}.", angka(acuan).en),
            )
        });
    }
    let arah_aspek = match iki.aspek() {
        AspekIndikator::Kuantitas | AspekIndikator::Kualitas => Polaritas::Normal,
        AspekIndikator::Waktu | AspekIndikator::Biaya => Polaritas::Khusus,
    };
    if iki.polaritas() != arah_aspek {
        catatan.push(match arah_aspek {
            Polaritas::Normal => Teks::new(
                "Arah khusus (makin kecil makin baik) indikator diabaikan: PP 46/2011 menilai aspek ini dengan realisasi / target \
                 (makin besar makin baik).",
                "The indicator's direction (lower is better) is ignored: PP 46/2011 scores this aspect as realisation / \
                 target (higher is better).",
            ),
            Polaritas::Khusus => Teks::new(
                "Arah normal (makin besar makin baik) indikator diabaikan: PP 46/2011 menilai waktu dan biaya sebagai sumber daya \
                 yang dipakai (makin hemat makin baik, sampai batas efisiensi 24%).",
                "The indicator's direction (higher is better) is ignored: PP 46/2011 scores time and cost as resources \
                 used (the less the better, up to the 24% efficiency break).",
            ),
        });
    }
    if !catatan.is_empty() {
        n.penjelasan.langkah.splice(0..0, catatan);
    }
    Ok(n)
}

impl RuleSetPreview for Preview {
    const RULE_SET: RuleSet = RuleSet::Pp46_2011;
    type Indikator = HasilIndikator;
    type Rhk = HasilRhk;

    fn compute_indikator(iki: &Indikator, realisasi: f64, penjelasan: bool) -> Result<HasilIndikator, Kendala> {
        if !penjelasan {
            let nilai = nilai_aspek_angka(iki.aspek(), acuan_target(iki.target(), realisasi), realisasi)?;
            return Ok(HasilIndikator { nilai: Some(nilai), nilai_aspek: None });
        }
        let n = aspek_dijelaskan(iki, realisasi)?;
        Ok(HasilIndikator { nilai: Some(n.nilai), nilai_aspek: Some(n) })
    }

    /// The kegiatan's nilai capaian over the indicators that have a score;
    /// the explanation says how many wait for a realisation.
    fn compute_rhk(rhk: &Rhk, indikator: &[IndikatorPreview], penjelasan: bool) -> HasilRhk {
        if !penjelasan {
            let skor = rhk.indikator().iter().zip(indikator).filter_map(|(iki, i)| {
                Some(SkorAspek { aspek: iki.aspek(), realisasi: i.realisasi?, nilai: i.hasil.pp_46_2011()?.nilai? })
            });
            return HasilRhk { nilai: nilai_kegiatan_aspek_angka(skor).map(|s| s.nilai_capaian), nilai_kegiatan: None };
        }
        let aspek = indikator.iter().filter_map(|i| i.hasil.pp_46_2011()?.nilai_aspek.as_ref());
        let belum = indikator.iter().filter(|i| i.hasil.pp_46_2011().is_none_or(|h| h.nilai_aspek.is_none())).count();
        match compute_kegiatan_aspek(aspek) {
            Some(mut n) => {
                tambah_yang_belum(&mut n.penjelasan.langkah, belum, "indikator", "indicators");
                HasilRhk { nilai: Some(n.nilai_capaian), nilai_kegiatan: Some(n) }
            }
            None => HasilRhk::default(),
        }
    }

    fn compute_skp(
        rhk: Vec<RhkPreview>,
        evaluasi: PeriodeEvaluasi,
        _: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
        penjelasan: bool,
    ) -> Self {
        let mut kendala = Vec::new();
        let mut kegiatan = rhk.iter().filter_map(|r| r.hasil.pp_46_2011()?.nilai).peekable();
        let (tugas, kreativitas) = (opsi.jumlah_tugas_tambahan, opsi.nilai_kreativitas);
        let (nilai, capaian_skp) = if kegiatan.peek().is_none() {
            (None, None)
        } else if !penjelasan {
            (nilai_capaian_skp_angka(kegiatan, tugas, kreativitas).map_err(|e| kendala.push(e.into())).ok(), None)
        } else {
            let kegiatan: Vec<f64> = kegiatan.collect();
            match compute_capaian_skp(&kegiatan, tugas, kreativitas) {
                Ok(mut c) => {
                    let belum = rhk.len() - kegiatan.len();
                    tambah_yang_belum(&mut c.penjelasan.langkah, belum, "kegiatan", "activities");
                    (Some(c.nilai_capaian_skp), Some(c))
                }
                Err(e) => {
                    kendala.push(e.into());
                    (None, None)
                }
            }
        };
        Preview { evaluasi, rhk, nilai, capaian_skp, kendala }
    }

    fn explain_indikator(hasil: HasilIndikator) -> Vec<Penjelasan> {
        hasil.nilai_aspek.map(|n| n.penjelasan).into_iter().collect()
    }

    fn explain_rhk(hasil: HasilRhk) -> Option<Penjelasan> {
        hasil.nilai_kegiatan.map(|n| n.penjelasan)
    }

    fn explain_skp(self) -> Option<Vec<Penjelasan>> {
        self.capaian_skp.map(|c| vec![c.penjelasan])
    }

    fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }

    fn kendala(&self) -> &[Kendala] {
        &self.kendala
    }

    fn rhk(&self) -> &[RhkPreview] {
        &self.rhk
    }

    fn into_rhk(self) -> Vec<RhkPreview> {
        self.rhk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dekat(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    fn aspek(kuantitas: f64, kualitas: f64, waktu: f64, biaya: Option<f64>) -> AspekKegiatan {
        AspekKegiatan { kuantitas, kualitas, waktu, biaya }
    }

    #[test]
    fn waktu_follows_the_table_for_a_twelve_month_target() {
        // RULES.md §2.3.1: RW → waktu with TW = 12.
        let table = [(12.0, 76.0), (10.0, 92.67), (9.12, 100.0), (9.0, 75.0), (8.0, 66.67), (6.0, 50.0), (14.0, 59.33)];
        for (rw, expected) in table {
            let w = nilai_efisiensi(12.0, rw);
            assert!(dekat(w, expected), "RW {rw}: {w}");
        }
    }

    #[test]
    fn waktu_and_biaya_never_go_below_zero() {
        assert_eq!(nilai_efisiensi(12.0, 30.0), 0.0);
        assert_eq!(nilai_efisiensi(12.0, 0.0), 0.0);
    }

    #[test]
    fn a_kegiatan_with_cost_is_divided_by_four_and_counts_the_cost() {
        let n = compute_kegiatan(&aspek(4.0, 100.0, 12.0, Some(1e6)), &aspek(4.0, 90.0, 12.0, Some(9e5))).unwrap();
        assert_eq!(n.biaya.map(|b| dekat(b, 86.0)), Some(true));
        assert!(dekat(n.nilai_capaian, 88.0));
        assert!(n.penjelasan.langkah.iter().any(|t| t.en.starts_with("Cost")));
    }

    #[test]
    fn the_worked_example_gives_88_67() {
        let n = compute_kegiatan(&aspek(12.0, 100.0, 12.0, None), &aspek(12.0, 90.0, 12.0, None)).unwrap();
        assert_eq!((n.kuantitas, n.kualitas, n.waktu, n.biaya), (100.0, 90.0, 76.0, None));
        assert!(dekat(n.nilai_capaian, 88.67));
    }

    #[test]
    fn the_worked_example_is_explained_with_a_decimal_comma_in_indonesian() {
        let n = compute_kegiatan(&aspek(12.0, 100.0, 12.0, None), &aspek(12.0, 90.0, 12.0, None)).unwrap();
        let terakhir = n.penjelasan.langkah.last().unwrap();
        assert_eq!(terakhir.id, "Nilai capaian kegiatan = (100 + 90 + 76) / 3 = 88,67.");
        assert_eq!(terakhir.en, "Activity score = (100 + 90 + 76) / 3 = 88.67.");
        let waktu = n.penjelasan.langkah.iter().find(|t| t.en.starts_with("Time")).unwrap();
        assert_eq!(
            waktu.id,
            "Waktu: efisiensi = 100 − 12/12 × 100 = 0% (≤ 24%), nilai = (1,76 × 12 − 12) / 12 × 100 = 76."
        );
        assert_eq!(
            waktu.en,
            "Time: efficiency = 100 − 12/12 × 100 = 0% (≤ 24%), score = (1.76 × 12 − 12) / 12 × 100 = 76."
        );
    }

    #[test]
    fn aspect_formulas_write_decimals_as_each_language_does() {
        use AspekIndikator::*;
        let k = &compute_aspek(Kuantitas, 4.5, 3.5).unwrap().penjelasan.langkah[0];
        assert_eq!(k.id, "Kuantitas = 3,5 / 4,5 × 100 = 77,78.");
        assert_eq!(k.en, "Quantity = 3.5 / 4.5 × 100 = 77.78.");
        // 10 of 12 months: 16.67% faster, within the 24% band.
        let w = &compute_aspek(Waktu, 12.0, 10.0).unwrap().penjelasan.langkah[0];
        assert_eq!(
            w.id,
            "Waktu: efisiensi = 100 − 10/12 × 100 = 16,67% (≤ 24%), nilai = (1,76 × 12 − 10) / 12 × 100 = 92,67."
        );
        assert_eq!(
            w.en,
            "Time: efficiency = 100 − 10/12 × 100 = 16.67% (≤ 24%), score = (1.76 × 12 − 10) / 12 × 100 = 92.67."
        );
        // 8 of 12 months: past the 24% break.
        let w = &compute_aspek(Waktu, 12.0, 8.0).unwrap().penjelasan.langkah[0];
        assert_eq!(
            w.id,
            "Waktu: efisiensi = 100 − 8/12 × 100 = 33,33% (> 24%, dianggap perencanaan kurang tepat), \
             nilai = 76 − (109,33 − 100) = 66,67."
        );
        assert_eq!(
            w.en,
            "Time: efficiency = 100 − 8/12 × 100 = 33.33% (> 24%, treated as poor planning), \
             score = 76 − (109.33 − 100) = 66.67."
        );
        // Repeated aspects are averaged, and the kegiatan is the mean of the aspects present.
        let k = compute_kegiatan_aspek(&skor(&[(Kuantitas, 12.0, 12.0), (Waktu, 12.0, 12.0), (Kuantitas, 12.0, 9.0)]))
            .unwrap();
        let rata = k.penjelasan.langkah.iter().find(|t| t.en.starts_with("Quantity = mean")).unwrap();
        assert_eq!(rata.id, "Kuantitas = rata-rata 2 indikator = (100 + 75) / 2 = 87,5.");
        assert_eq!(rata.en, "Quantity = mean of 2 indicators = (100 + 75) / 2 = 87.5.");
        let terakhir = k.penjelasan.langkah.last().unwrap();
        assert_eq!(terakhir.id, "Nilai capaian kegiatan = (87,5 + 76) / 2 = 81,75.");
        assert_eq!(terakhir.en, "Activity score = (87.5 + 76) / 2 = 81.75.");
    }

    #[test]
    fn no_output_scores_zero() {
        let n = compute_kegiatan(&aspek(12.0, 100.0, 12.0, Some(10.0)), &aspek(0.0, 80.0, 12.0, Some(5.0))).unwrap();
        assert_eq!((n.nilai_capaian, n.biaya), (0.0, Some(0.0)));
    }

    #[test]
    fn missing_or_impossible_inputs_are_refused() {
        let t = aspek(12.0, 100.0, 12.0, None);
        let table = [
            (aspek(0.0, 100.0, 12.0, None), t, "target_tidak_positif"),
            (aspek(12.0, 100.0, -1.0, None), t, "target_tidak_positif"),
            (t, aspek(-1.0, 100.0, 12.0, None), "di_luar_rentang"),
            (aspek(12.0, 100.0, 12.0, Some(5.0)), t, "realisasi_biaya_kosong"),
            (t, aspek(12.0, 100.0, 12.0, Some(5.0)), "target_biaya_kosong"),
        ];
        for (target, realisasi, kode) in table {
            let e = compute_kegiatan(&target, &realisasi).unwrap_err();
            assert_eq!(e.kode(), kode);
            assert!(!e.pesan().id.is_empty() && !e.pesan().en.is_empty());
        }
        let e = PrestasiKerjaError::TargetTidakPositif { aspek: "kuantitas", nilai: -1.5 };
        assert_eq!(
            e.pesan(),
            Teks::new(
                "Target kuantitas harus angka positif, bukan -1,5.",
                "The kuantitas target must be a positive number, not -1.5."
            )
        );
    }

    fn skor(aspek_dan_nilai: &[(AspekIndikator, f64, f64)]) -> Vec<NilaiAspek> {
        aspek_dan_nilai.iter().map(|&(a, t, r)| compute_aspek(a, t, r).unwrap()).collect()
    }

    #[test]
    fn each_aspect_scores_with_its_own_formula() {
        use AspekIndikator::*;
        // (aspek, target, realisasi, nilai)
        let table = [
            (Kuantitas, 12.0, 12.0, 100.0),
            (Kuantitas, 12.0, 9.0, 75.0),
            (Kualitas, 100.0, 90.0, 90.0),
            (Waktu, 12.0, 12.0, 76.0),
            (Waktu, 12.0, 10.0, 92.67),
            (Waktu, 12.0, 9.0, 75.0),
            (Biaya, 1e6, 9e5, 86.0),
        ];
        for (aspek, t, r, expected) in table {
            let n = compute_aspek(aspek, t, r).unwrap();
            assert!(dekat(n.nilai, expected), "{aspek:?} {t} {r}: {}", n.nilai);
            assert_eq!((n.penjelasan.aturan.as_str(), n.penjelasan.langkah.len()), ("pp_46_2011.aspek", 1));
        }
        assert_eq!(compute_aspek(Waktu, 0.0, 1.0).unwrap_err().kode(), "target_tidak_positif");
        assert_eq!(compute_aspek(Kualitas, 100.0, -1.0).unwrap_err().kode(), "di_luar_rentang");
    }

    #[test]
    fn one_indicator_per_aspect_gives_exactly_compute_kegiatan() {
        use AspekIndikator::*;
        let table = [
            (aspek(12.0, 100.0, 12.0, None), aspek(12.0, 90.0, 12.0, None)),
            (aspek(12.0, 100.0, 12.0, None), aspek(10.0, 100.0, 9.0, None)),
            (aspek(4.0, 100.0, 12.0, Some(1e6)), aspek(4.0, 90.0, 12.0, Some(9e5))),
            (aspek(12.0, 100.0, 12.0, Some(10.0)), aspek(0.0, 80.0, 12.0, Some(5.0))),
        ];
        for (t, r) in table {
            let utuh = compute_kegiatan(&t, &r).unwrap();
            let mut per_aspek = vec![(Kuantitas, t.kuantitas, r.kuantitas), (Kualitas, t.kualitas, r.kualitas)];
            per_aspek.push((Waktu, t.waktu, r.waktu));
            if let (Some(tb), Some(rb)) = (t.biaya, r.biaya) {
                per_aspek.push((Biaya, tb, rb));
            }
            let k = compute_kegiatan_aspek(&skor(&per_aspek)).unwrap();
            assert_eq!(k.nilai_capaian, utuh.nilai_capaian, "{r:?}");
            assert_eq!(
                (k.kuantitas, k.kualitas, k.waktu, k.biaya),
                (Some(utuh.kuantitas), Some(utuh.kualitas), Some(utuh.waktu), utuh.biaya)
            );
            assert_eq!(k.penjelasan.langkah, utuh.penjelasan.langkah, "the same sentences");
        }
    }

    #[test]
    fn missing_aspects_are_left_out_and_repeated_ones_averaged() {
        use AspekIndikator::*;
        // kuantitas 12/12 = 100 and 9/12 = 75 → 87.5; waktu 12/12 → 76; no kualitas.
        let k = compute_kegiatan_aspek(&skor(&[(Kuantitas, 12.0, 12.0), (Waktu, 12.0, 12.0), (Kuantitas, 12.0, 9.0)]))
            .unwrap();
        assert_eq!((k.kuantitas, k.kualitas, k.waktu, k.biaya), (Some(87.5), None, Some(76.0), None));
        assert!(dekat(k.nilai_capaian, 81.75));
        assert!(k.penjelasan.langkah.iter().any(|t| t.id.starts_with("Aspek kualitas tidak diukur")));
        assert!(k.penjelasan.langkah.iter().any(|t| t.en.starts_with("Quantity = mean of 2 indicators")));
        assert_eq!(compute_kegiatan_aspek(&[]), None);
    }

    #[test]
    fn tugas_tambahan_scores_follow_the_table() {
        let table = [(0, 0.0), (1, 1.0), (3, 1.0), (4, 2.0), (6, 2.0), (7, 3.0), (100, 3.0)];
        for (jumlah, expected) in table {
            assert_eq!(nilai_tugas_tambahan(jumlah), expected, "{jumlah}");
        }
    }

    #[test]
    fn kreativitas_levels_score_3_6_and_12() {
        let table = [
            (TingkatKreativitas::UnitKerja, 3.0),
            (TingkatKreativitas::Organisasi, 6.0),
            (TingkatKreativitas::Nasional, 12.0),
        ];
        for (t, expected) in table {
            assert_eq!(t.nilai(), expected);
        }
    }

    #[test]
    fn capaian_skp_adds_tugas_tambahan_and_kreativitas_to_the_mean() {
        let c = compute_capaian_skp(&[88.0, 90.0], 4, 3.0).unwrap();
        assert_eq!((c.rata_rata_kegiatan, c.nilai_tugas_tambahan, c.nilai_capaian_skp), (89.0, 2.0, 94.0));
        assert_eq!(compute_capaian_skp(&[], 0, 0.0).unwrap_err(), PrestasiKerjaError::TidakAdaKegiatan);
        assert_eq!(compute_capaian_skp(&[90.0], 0, 13.0).unwrap_err().kode(), "di_luar_rentang");
    }

    #[test]
    fn sebutan_bands_match_the_regulation_table() {
        let table = [
            (100.0, Sebutan::SangatBaik),
            (91.0, Sebutan::SangatBaik),
            (90.5, Sebutan::SangatBaik),
            (90.01, Sebutan::SangatBaik),
            (90.0, Sebutan::Baik),
            (90.000_000_001, Sebutan::Baik),
            (76.0, Sebutan::Baik),
            (75.5, Sebutan::Baik),
            (75.0, Sebutan::Cukup),
            (61.0, Sebutan::Cukup),
            (60.0, Sebutan::Kurang),
            (51.0, Sebutan::Kurang),
            (50.0, Sebutan::Buruk),
            (0.0, Sebutan::Buruk),
        ];
        for (nilai, expected) in table {
            assert_eq!(sebutan(nilai), expected, "{nilai}");
        }
    }

    #[test]
    fn prestasi_kerja_is_60_percent_skp_and_40_percent_perilaku() {
        let p = PerilakuKerja {
            orientasi_pelayanan: 80.0,
            integritas: 85.0,
            komitmen: 80.0,
            disiplin: 75.0,
            kerja_sama: 80.0,
            kepemimpinan: None,
        };
        let h = compute_prestasi_kerja(88.67, &p).unwrap();
        assert!(dekat(h.nilai_perilaku, 80.0));
        assert!(dekat(h.nilai_prestasi_kerja, 85.2));
        assert_eq!((h.sebutan, h.sebutan_skp, h.sebutan_perilaku), (Sebutan::Baik, Sebutan::Baik, Sebutan::Baik));
        assert!(h.penjelasan.langkah[0].id.contains("5 aspek"));
        assert_eq!(h.penjelasan.langkah[1].id, "Nilai prestasi kerja = 60% × 88,67 + 40% × 80 = 85,2.");
        assert_eq!(h.penjelasan.langkah[1].en, "Work-performance score = 60% × 88.67 + 40% × 80 = 85.2.");
    }

    #[test]
    fn capaian_skp_and_perilaku_are_explained_with_each_languages_decimals() {
        let c = compute_capaian_skp(&[88.67, 90.0], 4, 3.0).unwrap();
        assert_eq!(c.penjelasan.langkah[0].id, "Rata-rata 2 kegiatan = (88,67 + 90) / 2 = 89,34.");
        assert_eq!(c.penjelasan.langkah[0].en, "Mean of 2 activities = (88.67 + 90) / 2 = 89.34.");
        assert_eq!(c.penjelasan.langkah[2].id, "Nilai capaian SKP = 89,34 + 2 + 3 (kreativitas) = 94,34.");
        assert_eq!(c.penjelasan.langkah[2].en, "SKP score = 89.34 + 2 + 3 (creativity) = 94.34.");
        let p = PerilakuKerja {
            orientasi_pelayanan: 80.5,
            integritas: 85.0,
            komitmen: 80.0,
            disiplin: 75.0,
            kerja_sama: 80.0,
            kepemimpinan: None,
        };
        let h = compute_prestasi_kerja(90.0, &p).unwrap();
        assert!(h.penjelasan.langkah[0].id.contains("(orientasi pelayanan 80,5, integritas 85,"), "{h:?}");
        assert!(h.penjelasan.langkah[0].id.contains(") = 80,1 (Baik)"), "{h:?}");
        // Each language names the aspects in its own words.
        assert!(h.penjelasan.langkah[0].en.contains("(service orientation 80.5, integrity 85,"), "{h:?}");
        assert!(h.penjelasan.langkah[0].en.contains(", teamwork 80)"), "{h:?}");
        assert!(h.penjelasan.langkah[0].en.contains(") = 80.1 ("), "{h:?}");
    }

    #[test]
    fn kepemimpinan_counts_only_when_given() {
        let mut p = PerilakuKerja {
            orientasi_pelayanan: 70.0,
            integritas: 80.0,
            komitmen: 90.0,
            disiplin: 80.0,
            kerja_sama: 85.0,
            kepemimpinan: Some(75.0),
        };
        assert_eq!(compute_prestasi_kerja(80.0, &p).unwrap().nilai_perilaku, 80.0);
        p.kepemimpinan = None;
        assert_eq!(compute_prestasi_kerja(80.0, &p).unwrap().nilai_perilaku, 81.0);
        p.disiplin = 101.0;
        assert_eq!(compute_prestasi_kerja(80.0, &p).unwrap_err().kode(), "di_luar_rentang");
    }
}
