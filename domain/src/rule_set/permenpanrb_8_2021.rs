//! PP 30/2019 + PermenPANRB 8/2021 (legacy, periods from 1 Jul to 31 Dec 2021):
//! capaian IKI, its piecewise conversion to a nilai 0–120, nilai SKP, the
//! 70/30 or 60/40 nilai kinerja and its predikat (RULES.md §2.2).
//!
//! Choices for what the regulation leaves open, each documented beside its
//! code: capaian inside a target range ([`compute_capaian_iki`]), the gaps
//! between the nilai bands ([`PITA_NILAI_IKI`]), nilai SKP as the mean of the
//! utama items ([`compute_nilai_skp`]), and rounding the nilai kinerja to 2
//! decimals before reading its predikat ([`compute_nilai_kinerja`]).

use serde::{Deserialize, Serialize};

use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use crate::rule_set::{Angka, JenisRhk, RuleSet, angka, angka_jumlah, angka_persis, angka_target, bulatkan};
use crate::skp::preview::{IndikatorPreview, Kendala, PreviewOptions, RhkPreview, RuleSetPreview, tambah_yang_belum};
use crate::skp::{Indikator, Rhk};
use crate::teks::{Penjelasan, Teks};

const SUMBER_IKI: &str = "PermenPANRB 8/2021 Lampiran (capaian dan nilai capaian IKI)";
const SUMBER_SKP: &str = "PermenPANRB 8/2021 Lampiran (nilai SKP)";
const SUMBER_KINERJA: &str = "PP 30/2019 Pasal 41 ayat (3)–(5)";

/// Which direction of an indicator is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Polaritas {
    /// Bigger is better: capaian = realisasi / target × 100%.
    #[default]
    Normal,
    /// Smaller is better (time, cost, errors): capaian = (1 + (1 − realisasi / target)) × 100%.
    Khusus,
}

/// Why a number cannot be computed under PermenPANRB 8/2021.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NilaiKinerjaError {
    #[error("the target must be a positive number, got {target}")]
    TargetTidakPositif { target: f64 },
    #[error("the target range is reversed: {min} > {max}")]
    RentangTargetTerbalik { min: f64, max: f64 },
    #[error("{bidang} must be a number from {min} to {max}, got {nilai}")]
    DiLuarRentang { bidang: &'static str, nilai: f64, min: f64, max: f64 },
    #[error("the SKP has no assessed RHK utama")]
    TidakAdaRhkUtama,
    #[error("there is nothing to average")]
    DaftarKosong,
}

impl NilaiKinerjaError {
    pub fn kode(&self) -> &'static str {
        match self {
            NilaiKinerjaError::TargetTidakPositif { .. } => "target_tidak_positif",
            NilaiKinerjaError::RentangTargetTerbalik { .. } => "rentang_target_terbalik",
            NilaiKinerjaError::DiLuarRentang { .. } => "di_luar_rentang",
            NilaiKinerjaError::TidakAdaRhkUtama => "tidak_ada_rhk_utama",
            NilaiKinerjaError::DaftarKosong => "daftar_kosong",
        }
    }

    pub fn pesan(&self) -> Teks {
        match self {
            NilaiKinerjaError::TargetTidakPositif { target } => {
                let target = angka_persis(*target);
                Teks::new(
                    format!("Target harus angka positif, bukan {}.", target.id),
                    format!("The target must be a positive number, not {}.", target.en),
                )
            }
            NilaiKinerjaError::RentangTargetTerbalik { min, max } => {
                let (min, max) = (angka_persis(*min), angka_persis(*max));
                Teks::new(
                    format!("Batas bawah target ({}) lebih besar dari batas atasnya ({}).", min.id, max.id),
                    format!("The lower target bound ({}) is above the upper bound ({}).", min.en, max.en),
                )
            }
            NilaiKinerjaError::DiLuarRentang { bidang, nilai, min, max } => {
                let (nilai, min, max) = (angka_persis(*nilai), angka_persis(*min), angka_persis(*max));
                Teks::new(
                    format!("{bidang} harus angka dari {} sampai {}, bukan {}.", min.id, max.id, nilai.id),
                    format!("{bidang} must be a number from {} to {}, not {}.", min.en, max.en, nilai.en),
                )
            }
            NilaiKinerjaError::TidakAdaRhkUtama => {
                Teks::new("Belum ada RHK utama yang dinilai.", "No main RHK has been assessed yet.")
            }
            NilaiKinerjaError::DaftarKosong => {
                Teks::new("Tidak ada nilai untuk dirata-ratakan.", "There is nothing to average.")
            }
        }
    }
}

fn cek_rentang(bidang: &'static str, nilai: f64, min: f64, max: f64) -> Result<f64, NilaiKinerjaError> {
    if nilai.is_finite() && (min..=max).contains(&nilai) {
        Ok(nilai)
    } else {
        Err(NilaiKinerjaError::DiLuarRentang { bidang, nilai, min, max })
    }
}

/// The capaian of one indicator (IKI).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapaianIki {
    pub target_min: f64,
    pub target_max: f64,
    pub realisasi: f64,
    pub polaritas: Polaritas,
    /// The target bound the realisasi was compared with.
    pub target_acuan: f64,
    pub capaian_persen: f64,
    pub penjelasan: Penjelasan,
}

/// Capaian IKI in percent.
///
/// * normal: `realisasi / target × 100`; khusus: `(1 + (1 − realisasi / target)) × 100`.
/// * A range target `[target_min, target_max]` (equal for a single target):
///   above the range the upper bound is used, below it the lower bound
///   (the regulation's examples). **Choice:** a realisasi inside the range
///   meets the target, capaian 100% (the nearer bound is the realisasi itself).
///   This keeps capaian continuous and monotone in realisasi.
/// * **Choice:** a khusus capaian cannot go below 0% (realisasi more than twice
///   the target would otherwise give a negative percentage).
///
/// Targets must be positive and realisasi at least 0.
///
/// [`capaian_iki_persen`] is the same number without the explanation.
pub fn compute_capaian_iki(
    target_min: f64,
    target_max: f64,
    realisasi: f64,
    polaritas: Polaritas,
) -> Result<CapaianIki, NilaiKinerjaError> {
    let HitunganCapaian { target_acuan, posisi, rasio, capaian_persen } =
        hitung_capaian_iki(target_min, target_max, realisasi, polaritas)?;
    let rentang = target_min < target_max;
    let target_teks = angka_target(target_min, target_max);
    let mut penjelasan = Penjelasan::new("permenpanrb_8_2021.capaian_iki", SUMBER_IKI).langkah(
        format!(
            "Target {}, realisasi {}, arah {}.",
            target_teks.id,
            angka(realisasi).id,
            match polaritas {
                Polaritas::Normal => "normal (makin besar makin baik)",
                Polaritas::Khusus => "khusus (makin kecil makin baik)",
            }
        ),
        format!(
            "Target {}, realisation {}, direction {}.",
            target_teks.en,
            angka(realisasi).en,
            match polaritas {
                Polaritas::Normal => "normal (higher is better)",
                Polaritas::Khusus => "khusus (lower is better)",
            }
        ),
    );
    if rentang {
        penjelasan = match posisi {
            Posisi::Atas => penjelasan.langkah(
                format!("Realisasi di atas rentang target: dibandingkan dengan batas atas {}.", angka(target_max).id),
                format!(
                    "The realisation is above the target range: compared with the upper bound {}.",
                    angka(target_max).en
                ),
            ),
            Posisi::Bawah => penjelasan.langkah(
                format!("Realisasi di bawah rentang target: dibandingkan dengan batas bawah {}.", angka(target_min).id),
                format!(
                    "The realisation is below the target range: compared with the lower bound {}.",
                    angka(target_min).en
                ),
            ),
            Posisi::Dalam => penjelasan.langkah(
                "Realisasi di dalam rentang target: target tercapai (100%).",
                "The realisation is inside the target range: the target is met (100%).",
            ),
        };
    }
    penjelasan = match polaritas {
        Polaritas::Normal => penjelasan.langkah(
            format!(
                "Capaian = {} / {} × 100% = {}%.",
                angka(realisasi).id,
                angka(target_acuan).id,
                angka(capaian_persen).id
            ),
            format!(
                "Achievement = {} / {} × 100% = {}%.",
                angka(realisasi).en,
                angka(target_acuan).en,
                angka(capaian_persen).en
            ),
        ),
        Polaritas::Khusus => penjelasan.langkah(
            format!(
                "Capaian = (1 + (1 − {} / {})) × 100% = {}%{}.",
                angka(realisasi).id,
                angka(target_acuan).id,
                angka(capaian_persen).id,
                if rasio > 2.0 { " (tidak kurang dari 0%)" } else { "" }
            ),
            format!(
                "Achievement = (1 + (1 − {} / {})) × 100% = {}%{}.",
                angka(realisasi).en,
                angka(target_acuan).en,
                angka(capaian_persen).en,
                if rasio > 2.0 { " (never below 0%)" } else { "" }
            ),
        ),
    };
    Ok(CapaianIki { target_min, target_max, realisasi, polaritas, target_acuan, capaian_persen, penjelasan })
}

#[derive(Clone, Copy)]
enum Posisi {
    Atas,
    Bawah,
    Dalam,
}

/// The numbers of a capaian IKI and how they were reached, for the explanation.
#[derive(Clone, Copy)]
struct HitunganCapaian {
    target_acuan: f64,
    posisi: Posisi,
    rasio: f64,
    capaian_persen: f64,
}

/// The capaian IKI rule itself (see [`compute_capaian_iki`]): validation, the
/// target bound compared with, the percentage. No allocation.
fn hitung_capaian_iki(
    target_min: f64,
    target_max: f64,
    realisasi: f64,
    polaritas: Polaritas,
) -> Result<HitunganCapaian, NilaiKinerjaError> {
    for target in [target_min, target_max] {
        if !target.is_finite() || target <= 0.0 {
            return Err(NilaiKinerjaError::TargetTidakPositif { target });
        }
    }
    if target_min > target_max {
        return Err(NilaiKinerjaError::RentangTargetTerbalik { min: target_min, max: target_max });
    }
    cek_rentang("realisasi", realisasi, 0.0, f64::MAX)?;

    let (target_acuan, posisi) = if realisasi > target_max {
        (target_max, Posisi::Atas)
    } else if realisasi < target_min {
        (target_min, Posisi::Bawah)
    } else {
        (realisasi, Posisi::Dalam)
    };
    let rasio = realisasi / target_acuan;
    let capaian_persen = match polaritas {
        Polaritas::Normal => rasio * 100.0,
        Polaritas::Khusus => ((2.0 - rasio) * 100.0).max(0.0),
    };
    // Bounded inputs keep this finite, but a tiny target can still make the
    // ratio overflow: infinity would reach JSON as null.
    let capaian_persen = cek_rentang("capaian_persen", capaian_persen, 0.0, f64::MAX)?;
    Ok(HitunganCapaian { target_acuan, posisi, rasio, capaian_persen })
}

/// The capaian IKI in percent, numbers only: [`compute_capaian_iki`] without
/// its explanation (no allocation), for the preview recomputed on every keystroke.
pub fn capaian_iki_persen(
    target_min: f64,
    target_max: f64,
    realisasi: f64,
    polaritas: Polaritas,
) -> Result<f64, NilaiKinerjaError> {
    hitung_capaian_iki(target_min, target_max, realisasi, polaritas).map(|h| h.capaian_persen)
}

/// The category of a capaian IKI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KategoriCapaian {
    SangatBaik,
    Baik,
    Cukup,
    Kurang,
    SangatKurang,
}

impl KategoriCapaian {
    pub fn label(self) -> Teks {
        match self {
            KategoriCapaian::SangatBaik => Teks::new("Sangat Baik", "Very Good"),
            KategoriCapaian::Baik => Teks::new("Baik", "Good"),
            KategoriCapaian::Cukup => Teks::new("Cukup", "Fair"),
            KategoriCapaian::Kurang => Teks::new("Kurang", "Poor"),
            KategoriCapaian::SangatKurang => Teks::new("Sangat Kurang", "Very Poor"),
        }
    }
}

/// One band of the capaian → nilai conversion: from `capaian_dari`% (as
/// printed, `capaian_sampai`%) the nilai runs linearly from `nilai_dari` to
/// `nilai_sampai`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PitaNilai {
    pub kategori: KategoriCapaian,
    pub capaian_dari: f64,
    pub capaian_sampai: f64,
    pub nilai_dari: f64,
    pub nilai_sampai: f64,
}

impl PitaNilai {
    fn nilai(&self, capaian: f64) -> f64 {
        if self.capaian_sampai == self.capaian_dari {
            return self.nilai_dari;
        }
        let kemiringan = (self.nilai_sampai - self.nilai_dari) / (self.capaian_sampai - self.capaian_dari);
        self.nilai_dari + kemiringan * (capaian - self.capaian_dari)
    }
}

/// The nilai capaian IKI table of PermenPANRB 8/2021 (RULES.md §2.2.2), best
/// band first; above 110% the nilai is 120, and 100% of a target that is the
/// maximum achievable is also 120.
///
/// **Choice for the gaps between printed bands** (59–60, 79–80, 99–100,
/// 100–101): *a band is reached only when its lower bound is reached*, and the
/// band below keeps its own formula up to it. So 99.5% is still Cukup,
/// 70 + (89 − 70)/(99 − 80) × 19.5 = 89.5; 59.5% is Sangat Kurang, 49.42; and
/// 100 ≤ capaian < 101 is Baik, 109. Every band's printed end points and the
/// official example (98% → 88) are kept exactly, the category of every
/// capaian is defined, and the nilai never drops when the capaian rises
/// (79.99 → 69.99 < 70; 99.99 → 89.99 < 109; 100.99 → 109 < 110). Linear
/// interpolation across the gaps was rejected: between 99% and 100% it would
/// give nilai of about 99, which belongs to no category.
pub const PITA_NILAI_IKI: [PitaNilai; 5] = [
    PitaNilai {
        kategori: KategoriCapaian::SangatBaik,
        capaian_dari: 101.0,
        capaian_sampai: 110.0,
        nilai_dari: 110.0,
        nilai_sampai: 120.0,
    },
    PitaNilai {
        kategori: KategoriCapaian::Baik,
        capaian_dari: 100.0,
        capaian_sampai: 100.0,
        nilai_dari: 109.0,
        nilai_sampai: 109.0,
    },
    PitaNilai {
        kategori: KategoriCapaian::Cukup,
        capaian_dari: 80.0,
        capaian_sampai: 99.0,
        nilai_dari: 70.0,
        nilai_sampai: 89.0,
    },
    PitaNilai {
        kategori: KategoriCapaian::Kurang,
        capaian_dari: 60.0,
        capaian_sampai: 79.0,
        nilai_dari: 50.0,
        nilai_sampai: 69.0,
    },
    PitaNilai {
        kategori: KategoriCapaian::SangatKurang,
        capaian_dari: 0.0,
        capaian_sampai: 59.0,
        nilai_dari: 0.0,
        nilai_sampai: 49.0,
    },
];

/// The nilai of one capaian IKI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiCapaianIki {
    pub capaian_persen: f64,
    pub target_maksimal: bool,
    pub kategori: KategoriCapaian,
    pub nilai: f64,
    pub penjelasan: Penjelasan,
}

/// Which rule gave a nilai capaian IKI.
#[derive(Clone, Copy)]
enum AsalNilai {
    /// A maximum target reached: 120.
    Maksimal,
    /// Above 110%: 120.
    Di110,
    /// Band `PITA_NILAI_IKI[i]`.
    Pita(usize),
}

/// The nilai capaian IKI rule itself (see [`compute_nilai_capaian_iki`]). No allocation.
fn hitung_nilai_capaian_iki(
    capaian_persen: f64,
    target_maksimal: bool,
) -> Result<(f64, KategoriCapaian, AsalNilai), NilaiKinerjaError> {
    let c = cek_rentang("capaian_persen", capaian_persen, 0.0, f64::MAX)?;
    Ok(if target_maksimal && c >= 100.0 {
        (120.0, KategoriCapaian::SangatBaik, AsalNilai::Maksimal)
    } else if c > 110.0 {
        (120.0, KategoriCapaian::SangatBaik, AsalNilai::Di110)
    } else {
        // The bands cover [0, ∞); the last one starts at 0.
        let i = PITA_NILAI_IKI.iter().position(|p| c >= p.capaian_dari).unwrap_or(PITA_NILAI_IKI.len() - 1);
        let pita = &PITA_NILAI_IKI[i];
        (pita.nilai(c), pita.kategori, AsalNilai::Pita(i))
    })
}

/// The nilai (0–120) and category of a capaian IKI, numbers only:
/// [`compute_nilai_capaian_iki`] without its explanation (no allocation).
pub fn nilai_capaian_iki_angka(
    capaian_persen: f64,
    target_maksimal: bool,
) -> Result<(f64, KategoriCapaian), NilaiKinerjaError> {
    hitung_nilai_capaian_iki(capaian_persen, target_maksimal).map(|(nilai, kategori, _)| (nilai, kategori))
}

/// Converts a capaian IKI (percent, ≥ 0) to its nilai (0–120) with
/// [`PITA_NILAI_IKI`]. `target_maksimal`: the target is the maximum achievable,
/// so reaching it (100%) scores 120.
pub fn compute_nilai_capaian_iki(
    capaian_persen: f64,
    target_maksimal: bool,
) -> Result<NilaiCapaianIki, NilaiKinerjaError> {
    let (nilai, kategori, asal) = hitung_nilai_capaian_iki(capaian_persen, target_maksimal)?;
    let c = capaian_persen;
    let penjelasan = Penjelasan::new("permenpanrb_8_2021.nilai_capaian_iki", SUMBER_IKI)
        .langkah(format!("Capaian IKI {}%.", angka(c).id), format!("Indicator achievement {}%.", angka(c).en));
    let penjelasan = match asal {
        AsalNilai::Maksimal => penjelasan.langkah(
            "Target adalah capaian maksimal dan telah tercapai: nilai 120.",
            "The target is the maximum achievable and it was reached: score 120.",
        ),
        AsalNilai::Di110 => {
            penjelasan.langkah("Capaian di atas 110%: nilai 120.", "Achievement above 110%: score 120.")
        }
        AsalNilai::Pita(i) => {
            let pita = &PITA_NILAI_IKI[i];
            // The band above starts where this one's gap ends (101% above 100%, 100% above 99%, …).
            let berikutnya = i.checked_sub(1).map_or(110.0, |j| PITA_NILAI_IKI[j].capaian_dari);
            let k = pita.kategori.label();
            // The band and the interpolation, one per language (`90%–100%`, `90,5` / `90.5`).
            let rentang = |bahasa: fn(Angka) -> String| {
                if pita.capaian_dari == pita.capaian_sampai {
                    format!("{}%", bahasa(angka(pita.capaian_dari)))
                } else {
                    format!("{}%–{}%", bahasa(angka(pita.capaian_dari)), bahasa(angka(pita.capaian_sampai)))
                }
            };
            let r = |bahasa: fn(Angka) -> String| {
                format!(
                    "{} + ({} − {}) / ({} − {}) × ({} − {}) = {}",
                    bahasa(angka(pita.nilai_dari)),
                    bahasa(angka(pita.nilai_sampai)),
                    bahasa(angka(pita.nilai_dari)),
                    bahasa(angka(pita.capaian_sampai)),
                    bahasa(angka(pita.capaian_dari)),
                    bahasa(angka(c)),
                    bahasa(angka(pita.capaian_dari)),
                    bahasa(angka(nilai))
                )
            };
            let rumus_id;
            let rumus_en;
            if pita.capaian_dari == pita.capaian_sampai {
                rumus_id = format!("nilai {}", angka(nilai).id);
                rumus_en = format!("score {}", angka(nilai).en);
            } else {
                rumus_id = format!("nilai = {}", r(Angka::id));
                rumus_en = format!("score = {}", r(Angka::en));
            }
            let mut p = penjelasan.langkah(
                format!("Kategori {} ({}): {rumus_id}.", k.id, rentang(Angka::id)),
                format!("Category {} ({}): {rumus_en}.", k.en, rentang(Angka::en)),
            );
            if c > pita.capaian_sampai {
                p = p.langkah(
                    format!(
                        "Capaian di antara dua kategori: kategori berikutnya baru tercapai pada {}%.",
                        angka(berikutnya).id
                    ),
                    format!(
                        "Achievement between two categories: the next category starts at {}%.",
                        angka(berikutnya).en
                    ),
                );
            }
            p
        }
    };
    Ok(NilaiCapaianIki { capaian_persen: c, target_maksimal, kategori, nilai, penjelasan })
}

/// The nilai of one RHK from the nilai of its IKI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiRhk {
    pub nilai: f64,
    pub jumlah_iki: usize,
    pub penjelasan: Penjelasan,
}

/// The nilai RHK, numbers only: [`compute_nilai_rhk`] without its explanation
/// (no allocation; the nilai may come from any iterator).
pub fn nilai_rhk_angka(nilai_iki: impl IntoIterator<Item = f64>) -> Result<f64, NilaiKinerjaError> {
    let (mut jumlah, mut n) = (0.0, 0usize);
    for x in nilai_iki {
        jumlah += cek_rentang("nilai", x, 0.0, 120.0)?;
        n += 1;
    }
    if n == 0 {
        return Err(NilaiKinerjaError::DaftarKosong);
    }
    Ok(jumlah / n as f64)
}

/// Nilai RHK = the arithmetic mean of the nilai capaian of its IKI (0–120).
///
/// **Choice** (RULES.md §2.2.2, §6.5): 8/2021 scores each IKI and builds the
/// nilai SKP from the rencana kinerja items, but gives no rule for an RHK
/// measured by several IKI. We weigh its IKI equally, so an RHK with one IKI
/// keeps that IKI's nilai and the RHK's nilai stays on the 0–120 scale that
/// [`compute_nilai_skp`] expects.
pub fn compute_nilai_rhk(nilai_iki: &[f64]) -> Result<NilaiRhk, NilaiKinerjaError> {
    let nilai = nilai_rhk_angka(nilai_iki.iter().copied())?;
    let n = nilai_iki.len();
    let daftar = angka_jumlah(nilai_iki.iter().copied());
    let penjelasan = Penjelasan::new("permenpanrb_8_2021.nilai_rhk", SUMBER_IKI).langkah(
        format!("Nilai RHK = rata-rata nilai capaian {n} IKI = ({}) / {n} = {}.", daftar.id, angka(nilai).id),
        format!("RHK score = mean of {n} indicator scores = ({}) / {n} = {}.", daftar.en, angka(nilai).en),
    );
    Ok(NilaiRhk { nilai, jumlah_iki: n, penjelasan })
}

/// One assessed RHK/IKI of an SKP: its jenis and nilai (0–120).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemNilai {
    pub jenis: JenisRhk,
    pub nilai: f64,
}

/// The nilai SKP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiSkp {
    pub nilai_skp: f64,
    pub jumlah_utama: usize,
    pub jumlah_tambahan: usize,
    pub penjelasan: Penjelasan,
}

/// The nilai SKP rule itself (see [`compute_nilai_skp`]): the nilai and the
/// numbers of utama and tambahan items. No allocation.
fn hitung_nilai_skp(items: impl IntoIterator<Item = ItemNilai>) -> Result<(f64, usize, usize), NilaiKinerjaError> {
    let mut jumlah = 0.0;
    let (mut utama, mut tambahan) = (0usize, 0usize);
    for item in items {
        cek_rentang("nilai", item.nilai, 0.0, 120.0)?;
        match item.jenis {
            JenisRhk::Utama => {
                jumlah += item.nilai;
                utama += 1;
            }
            JenisRhk::Tambahan => tambahan += 1,
        }
    }
    if utama == 0 {
        return Err(NilaiKinerjaError::TidakAdaRhkUtama);
    }
    Ok((jumlah / utama as f64, utama, tambahan))
}

/// The nilai SKP, numbers only: [`compute_nilai_skp`] without its explanation
/// (no allocation; the items may come from any iterator).
pub fn nilai_skp_angka(items: impl IntoIterator<Item = ItemNilai>) -> Result<f64, NilaiKinerjaError> {
    hitung_nilai_skp(items).map(|(nilai, _, _)| nilai)
}

/// Nilai SKP = the arithmetic mean of the nilai of the **utama** items.
///
/// **Choice** (RULES.md §2.2.2, §6.5): 8/2021 sums "nilai tertimbang" of utama
/// and tambahan for JPT, but the weights were not retrieved; the bonus table
/// for tambahan in public code is UNVERIFIED. We therefore average the utama
/// items with equal weight and list the tambahan items without counting them,
/// so that an additional task can neither lower nor invent a score. When the
/// weights are confirmed they become configuration here.
pub fn compute_nilai_skp(items: &[ItemNilai]) -> Result<NilaiSkp, NilaiKinerjaError> {
    let (nilai_skp, utama, tambahan) = hitung_nilai_skp(items.iter().copied())?;
    let daftar = angka_jumlah(items.iter().filter(|i| i.jenis == JenisRhk::Utama).map(|i| i.nilai));
    let penjelasan = Penjelasan::new("permenpanrb_8_2021.nilai_skp", SUMBER_SKP)
        .langkah(
            format!("Nilai SKP = rata-rata {utama} RHK utama = ({}) / {utama} = {}.", daftar.id, angka(nilai_skp).id),
            format!("SKP score = mean of {utama} main RHK = ({}) / {utama} = {}.", daftar.en, angka(nilai_skp).en),
        )
        .langkah(
            format!("{tambahan} RHK tambahan ditampilkan tetapi tidak dihitung (bobotnya belum terverifikasi)."),
            format!("{tambahan} additional RHK are shown but not counted (their weight is unverified)."),
        );
    Ok(NilaiSkp { nilai_skp, jumlah_utama: utama, jumlah_tambahan: tambahan, penjelasan })
}

/// The periodic nilai SKP: (Nilai1 + Nilai2) / 2, Nilai1 the mean of the
/// rencana aksi / inisiatif strategis values, Nilai2 the mean of the utama
/// items measurable in the period (8/2021 Lampiran, page 75). **Choice:** when
/// one of the two lists is empty, the other mean alone is the nilai.
pub fn compute_nilai_skp_periodik(
    nilai_rencana_aksi: &[f64],
    nilai_utama_terukur: &[f64],
) -> Result<NilaiSkp, NilaiKinerjaError> {
    fn rata(xs: &[f64]) -> Result<Option<f64>, NilaiKinerjaError> {
        for &x in xs {
            cek_rentang("nilai", x, 0.0, 120.0)?;
        }
        Ok((!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64))
    }
    let (n1, n2) = (rata(nilai_rencana_aksi)?, rata(nilai_utama_terukur)?);
    let nilai_skp = match (n1, n2) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return Err(NilaiKinerjaError::DaftarKosong),
    };
    let teks =
        |x: Option<f64>, bahasa: fn(Angka) -> String| x.map(|x| bahasa(angka(x))).unwrap_or_else(|| "–".to_string());
    let penjelasan = Penjelasan::new("permenpanrb_8_2021.nilai_skp_periodik", SUMBER_SKP)
        .langkah(
            format!(
                "Nilai1 (rata-rata {} rencana aksi) = {}; Nilai2 (rata-rata {} RHK utama terukur) = {}.",
                nilai_rencana_aksi.len(),
                teks(n1, Angka::id),
                nilai_utama_terukur.len(),
                teks(n2, Angka::id)
            ),
            format!(
                "Value1 (mean of {} action plans) = {}; Value2 (mean of {} measurable main RHK) = {}.",
                nilai_rencana_aksi.len(),
                teks(n1, Angka::en),
                nilai_utama_terukur.len(),
                teks(n2, Angka::en)
            ),
        )
        .langkah(
            format!("Nilai SKP periodik = {}.", angka(nilai_skp).id),
            format!("Periodic SKP score = {}.", angka(nilai_skp).en),
        );
    Ok(NilaiSkp { nilai_skp, jumlah_utama: nilai_utama_terukur.len(), jumlah_tambahan: 0, penjelasan })
}

/// The predikat kinerja of PP 30/2019 Art. 41(5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PredikatKinerja {
    SangatBaik,
    Baik,
    Cukup,
    Kurang,
    SangatKurang,
}

impl PredikatKinerja {
    /// The wire code (`sangat_baik`, …).
    pub fn kode(self) -> &'static str {
        match self {
            PredikatKinerja::SangatBaik => "sangat_baik",
            PredikatKinerja::Baik => "baik",
            PredikatKinerja::Cukup => "cukup",
            PredikatKinerja::Kurang => "kurang",
            PredikatKinerja::SangatKurang => "sangat_kurang",
        }
    }

    pub fn label(self) -> Teks {
        match self {
            PredikatKinerja::SangatBaik => Teks::new("Sangat Baik", "Very Good"),
            PredikatKinerja::Baik => Teks::new("Baik", "Good"),
            PredikatKinerja::Cukup => Teks::new("Cukup", "Fair"),
            PredikatKinerja::Kurang => Teks::new("Kurang", "Poor"),
            PredikatKinerja::SangatKurang => Teks::new("Sangat Kurang", "Very Poor"),
        }
    }
}

/// PP 30/2019 Art. 41(5) as data: the lowest nilai of each predikat, best
/// first. Sangat Baik also needs `inovasi`; without it 110–120 is Baik.
pub const BATAS_PREDIKAT_KINERJA: [(PredikatKinerja, f64); 5] = [
    (PredikatKinerja::SangatBaik, 110.0),
    (PredikatKinerja::Baik, 90.0),
    (PredikatKinerja::Cukup, 70.0),
    (PredikatKinerja::Kurang, 50.0),
    (PredikatKinerja::SangatKurang, 0.0),
];

/// The predikat of a nilai kinerja (0–120).
pub fn predikat_kinerja(nilai_kinerja: f64, inovasi: bool) -> PredikatKinerja {
    BATAS_PREDIKAT_KINERJA
        .iter()
        .filter(|(p, _)| inovasi || *p != PredikatKinerja::SangatBaik)
        .find(|(_, batas)| nilai_kinerja >= *batas)
        .map_or(PredikatKinerja::SangatKurang, |(p, _)| *p)
}

/// The nilai kinerja and its predikat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NilaiKinerja {
    pub nilai_skp: f64,
    pub nilai_perilaku: f64,
    /// Percent weight of the SKP (70 or 60); perilaku gets the rest.
    pub bobot_skp: u8,
    pub bobot_perilaku: u8,
    /// Rounded to 2 decimals.
    pub nilai_kinerja: f64,
    pub predikat: PredikatKinerja,
    pub penjelasan: Penjelasan,
}

/// Nilai kinerja = 70% SKP + 30% perilaku, or 60% + 40% when the instansi
/// uses peer and subordinate input for behaviour (PP 30/2019 Art. 41(3)–(4)),
/// and its predikat (Art. 41(5)).
///
/// **Choice:** the nilai is rounded to 2 decimals (as the form shows it) and
/// the predikat is read from that rounded number, so what is shown is what is
/// banded and floating-point noise (0.7 × 90 + 0.3 × 90 = 89.99999…) cannot
/// drop a predikat. Weights are applied as whole percentages for the same reason.
pub fn compute_nilai_kinerja(
    nilai_skp: f64,
    nilai_perilaku: f64,
    perilaku_dari_rekan_dan_bawahan: bool,
    inovasi: bool,
) -> Result<NilaiKinerja, NilaiKinerjaError> {
    cek_rentang("nilai_skp", nilai_skp, 0.0, 120.0)?;
    cek_rentang("nilai_perilaku", nilai_perilaku, 0.0, 120.0)?;
    let (bobot_skp, bobot_perilaku): (u8, u8) = if perilaku_dari_rekan_dan_bawahan { (60, 40) } else { (70, 30) };
    let mentah = (f64::from(bobot_skp) * nilai_skp + f64::from(bobot_perilaku) * nilai_perilaku) / 100.0;
    let nilai_kinerja = bulatkan(mentah, 2);
    let predikat = predikat_kinerja(nilai_kinerja, inovasi);
    let l = predikat.label();
    let mut penjelasan = Penjelasan::new("permenpanrb_8_2021.nilai_kinerja", SUMBER_KINERJA)
        .langkah(
            if perilaku_dari_rekan_dan_bawahan {
                "Instansi menilai perilaku dengan masukan rekan kerja setingkat dan bawahan: bobot SKP 60%, perilaku 40%."
            } else {
                "Instansi tidak memakai masukan rekan kerja dan bawahan: bobot SKP 70%, perilaku 30%."
            },
            if perilaku_dari_rekan_dan_bawahan {
                "Behaviour is assessed with peer and subordinate input: SKP weight 60%, behaviour 40%."
            } else {
                "Behaviour is assessed without peer and subordinate input: SKP weight 70%, behaviour 30%."
            },
        )
        .langkah(
            format!(
                "Nilai kinerja = {bobot_skp}% × {} + {bobot_perilaku}% × {} = {}.",
                angka(nilai_skp).id,
                angka(nilai_perilaku).id,
                angka(nilai_kinerja).id
            ),
            format!(
                "Performance score = {bobot_skp}% × {} + {bobot_perilaku}% × {} = {}.",
                angka(nilai_skp).en,
                angka(nilai_perilaku).en,
                angka(nilai_kinerja).en
            ),
        );
    if nilai_kinerja >= 110.0 && !inovasi {
        penjelasan = penjelasan.langkah(
            "Nilai 110–120 tanpa inovasi (gagasan atau metode baru yang bermanfaat) tetap Baik; Sangat Baik \
             mensyaratkan inovasi.",
            "A score of 110–120 without an innovation (a useful new idea or method) is Good; Very Good requires \
             one.",
        );
    }
    penjelasan = penjelasan.langkah(format!("Predikat: {}.", l.id), format!("Predicate: {}.", l.en));
    Ok(NilaiKinerja { nilai_skp, nilai_perilaku, bobot_skp, bobot_perilaku, nilai_kinerja, predikat, penjelasan })
}

// ---------------------------------------------------------------------------
// Preview (crate::skp::preview): capaian and nilai per IKI, nilai per RHK,
// nilai SKP
// ---------------------------------------------------------------------------

impl From<NilaiKinerjaError> for Kendala {
    fn from(e: NilaiKinerjaError) -> Self {
        Kendala { kode: e.kode().to_owned(), pesan: e.pesan() }
    }
}

/// What PermenPANRB 8/2021 computes for one indicator in a preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilIndikator {
    /// The capaian IKI in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capaian_persen: Option<f64>,
    /// The nilai capaian IKI (0–120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai: Option<f64>,
    /// The category of the capaian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kategori: Option<KategoriCapaian>,
    /// With [`PreviewOptions::penjelasan`]: the capaian IKI explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capaian_iki: Option<CapaianIki>,
    /// With [`PreviewOptions::penjelasan`]: the nilai of that capaian (0–120) explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai_capaian_iki: Option<NilaiCapaianIki>,
}

/// What PermenPANRB 8/2021 computes for one RHK in a preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HasilRhk {
    /// The mean nilai of its IKI; `None` until one of them has a nilai.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai: Option<f64>,
    /// With [`PreviewOptions::penjelasan`]: the nilai RHK explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nilai_rhk: Option<NilaiRhk>,
}

/// The PermenPANRB 8/2021 preview of an SKP: capaian and nilai per IKI,
/// nilai per RHK, nilai SKP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub evaluasi: PeriodeEvaluasi,
    pub rhk: Vec<RhkPreview>,
    /// The nilai SKP; `None` until an RHK utama has a nilai.
    #[serde(default)]
    pub nilai: Option<f64>,
    /// With [`PreviewOptions::penjelasan`]: the nilai SKP explained;
    /// otherwise `None` even when `nilai` is known.
    pub nilai_skp: Option<NilaiSkp>,
    #[serde(default)]
    pub kendala: Vec<Kendala>,
}

/// The nilai of a previewed RHK.
fn nilai_rhk(r: &RhkPreview) -> Option<f64> {
    r.hasil.permenpanrb_8_2021()?.nilai
}

impl RuleSetPreview for Preview {
    const RULE_SET: RuleSet = RuleSet::Permenpanrb8_2021;
    type Indikator = HasilIndikator;
    type Rhk = HasilRhk;

    fn compute_indikator(iki: &Indikator, realisasi: f64, penjelasan: bool) -> Result<HasilIndikator, Kendala> {
        let t = iki.target();
        if !penjelasan {
            let (c, (n, k)) = capaian_iki_persen(t.min(), t.max(), realisasi, iki.polaritas())
                .and_then(|c| nilai_capaian_iki_angka(c, false).map(|nk| (c, nk)))?;
            return Ok(HasilIndikator {
                capaian_persen: Some(c),
                nilai: Some(n),
                kategori: Some(k),
                ..Default::default()
            });
        }
        let (c, n) = compute_capaian_iki(t.min(), t.max(), realisasi, iki.polaritas())
            .and_then(|c| compute_nilai_capaian_iki(c.capaian_persen, false).map(|n| (c, n)))?;
        Ok(HasilIndikator {
            capaian_persen: Some(c.capaian_persen),
            nilai: Some(n.nilai),
            kategori: Some(n.kategori),
            capaian_iki: Some(c),
            nilai_capaian_iki: Some(n),
        })
    }

    /// RHK nilai over the IKI that have one; the explanation says how many
    /// wait for a realisation.
    fn compute_rhk(_: &Rhk, indikator: &[IndikatorPreview], penjelasan: bool) -> HasilRhk {
        let mut nilai = indikator.iter().filter_map(|i| i.hasil.permenpanrb_8_2021()?.nilai).peekable();
        if nilai.peek().is_none() {
            return HasilRhk::default();
        }
        // The nilai come from the nilai capaian IKI rule, so they are within 0–120.
        if !penjelasan {
            return HasilRhk { nilai: nilai_rhk_angka(nilai).ok(), nilai_rhk: None };
        }
        let nilai: Vec<f64> = nilai.collect();
        match compute_nilai_rhk(&nilai) {
            Ok(mut n) => {
                tambah_yang_belum(&mut n.penjelasan.langkah, indikator.len() - nilai.len(), "IKI", "indicators");
                HasilRhk { nilai: Some(n.nilai), nilai_rhk: Some(n) }
            }
            Err(_) => HasilRhk::default(),
        }
    }

    fn compute_skp(
        rhk: Vec<RhkPreview>,
        evaluasi: PeriodeEvaluasi,
        _: Option<RatingEkspektasi>,
        _: &PreviewOptions,
        penjelasan: bool,
    ) -> Self {
        let mut kendala = Vec::new();
        let mut items =
            rhk.iter().filter_map(|r| nilai_rhk(r).map(|nilai| ItemNilai { jenis: r.jenis, nilai })).peekable();
        let (nilai, nilai_skp) = if items.peek().is_none() {
            (None, None)
        } else if !penjelasan {
            (nilai_skp_angka(items).map_err(|e| kendala.push(e.into())).ok(), None)
        } else {
            let items: Vec<ItemNilai> = items.collect();
            match compute_nilai_skp(&items) {
                Ok(mut n) => {
                    let belum = rhk.iter().filter(|r| r.jenis == JenisRhk::Utama && nilai_rhk(r).is_none()).count();
                    tambah_yang_belum(&mut n.penjelasan.langkah, belum, "RHK utama", "main RHK");
                    (Some(n.nilai_skp), Some(n))
                }
                Err(e) => {
                    kendala.push(e.into());
                    (None, None)
                }
            }
        };
        Preview { evaluasi, rhk, nilai, nilai_skp, kendala }
    }

    fn explain_indikator(hasil: HasilIndikator) -> Vec<Penjelasan> {
        [hasil.capaian_iki.map(|c| c.penjelasan), hasil.nilai_capaian_iki.map(|n| n.penjelasan)]
            .into_iter()
            .flatten()
            .collect()
    }

    fn explain_rhk(hasil: HasilRhk) -> Option<Penjelasan> {
        hasil.nilai_rhk.map(|n| n.penjelasan)
    }

    fn explain_skp(self) -> Option<Vec<Penjelasan>> {
        self.nilai_skp.map(|n| vec![n.penjelasan])
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

    #[test]
    fn capaian_iki_follows_the_regulation_examples() {
        // (min, max, realisasi, polaritas, capaian %)
        let table = [
            (80.0, 90.0, 92.0, Polaritas::Normal, 102.22),
            (80.0, 90.0, 70.0, Polaritas::Normal, 87.5),
            (80.0, 90.0, 85.0, Polaritas::Normal, 100.0),
            (7.0, 8.0, 6.5, Polaritas::Khusus, 107.14),
            (7.0, 8.0, 9.0, Polaritas::Khusus, 87.5),
            (7.0, 8.0, 7.5, Polaritas::Khusus, 100.0),
            (10.0, 10.0, 8.0, Polaritas::Khusus, 120.0),
            (10.0, 10.0, 25.0, Polaritas::Khusus, 0.0),
            (100.0, 100.0, 0.0, Polaritas::Normal, 0.0),
        ];
        for (min, max, r, pol, expected) in table {
            let c = compute_capaian_iki(min, max, r, pol).unwrap();
            assert!(dekat(c.capaian_persen, expected), "{min}-{max} {r} {pol:?}: {}", c.capaian_persen);
            assert!(c.penjelasan.langkah.len() >= 2);
        }
    }

    #[test]
    fn a_capaian_that_overflows_is_an_error_not_infinity() {
        let e = capaian_iki_persen(1e-300, 1e-300, 1e15, Polaritas::Normal).unwrap_err();
        assert!(matches!(e, NilaiKinerjaError::DiLuarRentang { bidang: "capaian_persen", .. }), "{e:?}");
        assert!(compute_capaian_iki(1e-300, 1e-300, 1e15, Polaritas::Normal).is_err());
    }

    /// The explanation's step that starts with `awal` in Indonesian, as (id, en).
    fn langkah<'a>(p: &'a Penjelasan, awal: &str) -> (&'a str, &'a str) {
        let t = p.langkah.iter().find(|t| t.id.starts_with(awal)).unwrap_or_else(|| panic!("{awal}: {p:?}"));
        (t.id.as_str(), t.en.as_str())
    }

    #[test]
    fn messages_quote_the_numbers_given_with_each_languages_separator() {
        let e = NilaiKinerjaError::TargetTidakPositif { target: -0.5 };
        assert_eq!(
            e.pesan(),
            Teks::new("Target harus angka positif, bukan -0,5.", "The target must be a positive number, not -0.5.")
        );
        let e = NilaiKinerjaError::DiLuarRentang { bidang: "capaian", nilai: 0.001, min: 0.5, max: 120.0 };
        assert_eq!(
            e.pesan(),
            Teks::new(
                "capaian harus angka dari 0,5 sampai 120, bukan 0,001.",
                "capaian must be a number from 0.5 to 120, not 0.001."
            )
        );
        let e = NilaiKinerjaError::RentangTargetTerbalik { min: 90.5, max: 80.0 };
        assert_eq!(e.pesan().id, "Batas bawah target (90,5) lebih besar dari batas atasnya (80).");
    }

    #[test]
    fn capaian_iki_writes_a_decimal_comma_in_indonesian_and_a_point_in_english() {
        // A range target with a decimal bound, above the range: 95 / 90 = 105.56%.
        let c = compute_capaian_iki(80.5, 90.0, 95.0, Polaritas::Normal).unwrap();
        assert_eq!(
            langkah(&c.penjelasan, "Target"),
            (
                "Target 80,5–90, realisasi 95, arah normal (makin besar makin baik).",
                "Target 80.5–90, realisation 95, direction normal (higher is better)."
            )
        );
        assert_eq!(
            langkah(&c.penjelasan, "Capaian"),
            ("Capaian = 95 / 90 × 100% = 105,56%.", "Achievement = 95 / 90 × 100% = 105.56%.")
        );
        // Below a decimal lower bound.
        let c = compute_capaian_iki(80.5, 90.0, 70.0, Polaritas::Normal).unwrap();
        assert_eq!(
            langkah(&c.penjelasan, "Realisasi di bawah"),
            (
                "Realisasi di bawah rentang target: dibandingkan dengan batas bawah 80,5.",
                "The realisation is below the target range: compared with the lower bound 80.5."
            )
        );
        // Khusus: (1 + (1 − 6.5 / 7.5)) × 100 = 113.33%.
        let c = compute_capaian_iki(7.5, 7.5, 6.5, Polaritas::Khusus).unwrap();
        assert_eq!(
            langkah(&c.penjelasan, "Target"),
            (
                "Target 7,5, realisasi 6,5, arah khusus (makin kecil makin baik).",
                "Target 7.5, realisation 6.5, direction khusus (lower is better)."
            )
        );
        assert_eq!(
            langkah(&c.penjelasan, "Capaian"),
            (
                "Capaian = (1 + (1 − 6,5 / 7,5)) × 100% = 113,33%.",
                "Achievement = (1 + (1 − 6.5 / 7.5)) × 100% = 113.33%."
            )
        );
    }

    #[test]
    fn nilai_explanations_write_decimals_as_each_language_does() {
        // Interpolation in the 101%–110% band: 110 + 10/9 × 4.5 = 115.
        let n = compute_nilai_capaian_iki(105.5, false).unwrap();
        assert_eq!(langkah(&n.penjelasan, "Capaian IKI"), ("Capaian IKI 105,5%.", "Indicator achievement 105.5%."));
        let (id, en) = langkah(&n.penjelasan, "Kategori");
        assert!(id.ends_with("(101%–110%): nilai = 110 + (120 − 110) / (110 − 101) × (105,5 − 101) = 115."), "{id}");
        assert!(en.ends_with("(101%–110%): score = 110 + (120 − 110) / (110 − 101) × (105.5 − 101) = 115."), "{en}");

        let r = compute_nilai_rhk(&[111.36, 88.0]).unwrap();
        assert_eq!(
            langkah(&r.penjelasan, "Nilai RHK"),
            (
                "Nilai RHK = rata-rata nilai capaian 2 IKI = (111,36 + 88) / 2 = 99,68.",
                "RHK score = mean of 2 indicator scores = (111.36 + 88) / 2 = 99.68."
            )
        );

        let items =
            [ItemNilai { jenis: JenisRhk::Utama, nilai: 110.5 }, ItemNilai { jenis: JenisRhk::Utama, nilai: 88.0 }];
        let s = compute_nilai_skp(&items).unwrap();
        assert_eq!(
            langkah(&s.penjelasan, "Nilai SKP"),
            (
                "Nilai SKP = rata-rata 2 RHK utama = (110,5 + 88) / 2 = 99,25.",
                "SKP score = mean of 2 main RHK = (110.5 + 88) / 2 = 99.25."
            )
        );

        let s = compute_nilai_skp_periodik(&[100.5], &[]).unwrap();
        assert_eq!(
            langkah(&s.penjelasan, "Nilai1"),
            (
                "Nilai1 (rata-rata 1 rencana aksi) = 100,5; Nilai2 (rata-rata 0 RHK utama terukur) = –.",
                "Value1 (mean of 1 action plans) = 100.5; Value2 (mean of 0 measurable main RHK) = –."
            )
        );
        assert_eq!(
            langkah(&s.penjelasan, "Nilai SKP periodik"),
            ("Nilai SKP periodik = 100,5.", "Periodic SKP score = 100.5.")
        );

        // 70% × 90.5 + 30% × 85 = 88.85.
        let k = compute_nilai_kinerja(90.5, 85.0, false, false).unwrap();
        assert_eq!(
            langkah(&k.penjelasan, "Nilai kinerja"),
            ("Nilai kinerja = 70% × 90,5 + 30% × 85 = 88,85.", "Performance score = 70% × 90.5 + 30% × 85 = 88.85.")
        );
    }

    #[test]
    fn impossible_targets_and_realisasi_are_refused() {
        assert_eq!(compute_capaian_iki(0.0, 0.0, 1.0, Polaritas::Normal).unwrap_err().kode(), "target_tidak_positif");
        assert_eq!(
            compute_capaian_iki(9.0, 8.0, 1.0, Polaritas::Normal).unwrap_err().kode(),
            "rentang_target_terbalik"
        );
        assert_eq!(compute_capaian_iki(8.0, 8.0, -1.0, Polaritas::Normal).unwrap_err().kode(), "di_luar_rentang");
        assert_eq!(compute_capaian_iki(8.0, 8.0, f64::NAN, Polaritas::Normal).unwrap_err().kode(), "di_luar_rentang");
    }

    #[test]
    fn nilai_capaian_iki_matches_the_regulation_table() {
        // RULES.md §2.2.2 test vectors plus the gap choices.
        let table = [
            (113.0, 120.0, KategoriCapaian::SangatBaik),
            (110.0, 120.0, KategoriCapaian::SangatBaik),
            (105.0, 114.44, KategoriCapaian::SangatBaik),
            (101.0, 110.0, KategoriCapaian::SangatBaik),
            (100.5, 109.0, KategoriCapaian::Baik),
            (100.0, 109.0, KategoriCapaian::Baik),
            (99.5, 89.5, KategoriCapaian::Cukup),
            (99.0, 89.0, KategoriCapaian::Cukup),
            (98.0, 88.0, KategoriCapaian::Cukup),
            (90.0, 80.0, KategoriCapaian::Cukup),
            (80.0, 70.0, KategoriCapaian::Cukup),
            (79.5, 69.5, KategoriCapaian::Kurang),
            (79.0, 69.0, KategoriCapaian::Kurang),
            (60.0, 50.0, KategoriCapaian::Kurang),
            (59.5, 49.42, KategoriCapaian::SangatKurang),
            (59.0, 49.0, KategoriCapaian::SangatKurang),
            (50.0, 41.53, KategoriCapaian::SangatKurang),
            (29.5, 24.5, KategoriCapaian::SangatKurang),
            (0.0, 0.0, KategoriCapaian::SangatKurang),
        ];
        for (c, expected, kategori) in table {
            let n = compute_nilai_capaian_iki(c, false).unwrap();
            assert!(dekat(n.nilai, expected), "{c}%: {} instead of {expected}", n.nilai);
            assert_eq!(n.kategori, kategori, "{c}%");
        }
    }

    #[test]
    fn a_capaian_in_a_gap_says_when_the_next_category_starts() {
        let table = [(99.5, "100%"), (100.5, "101%"), (79.5, "80%"), (59.5, "60%")];
        for (c, berikutnya) in table {
            let n = compute_nilai_capaian_iki(c, false).unwrap();
            assert!(n.penjelasan.langkah.iter().any(|t| t.id.ends_with(&format!("pada {berikutnya}."))), "{c}%");
        }
        let tepat = compute_nilai_capaian_iki(98.0, false).unwrap();
        assert!(!tepat.penjelasan.langkah.iter().any(|t| t.en.contains("between two categories")));
    }

    #[test]
    fn reaching_a_maximum_target_scores_120() {
        assert_eq!(compute_nilai_capaian_iki(100.0, true).unwrap().nilai, 120.0);
        assert_eq!(compute_nilai_capaian_iki(98.0, true).unwrap().nilai, 88.0);
    }

    #[test]
    fn nilai_never_drops_when_capaian_rises_across_the_gaps() {
        let mut sebelumnya = -1.0;
        for i in 0..=13000 {
            let c = f64::from(i) / 100.0;
            let n = compute_nilai_capaian_iki(c, false).unwrap().nilai;
            assert!(n >= sebelumnya, "{c}%: {n} < {sebelumnya}");
            sebelumnya = n;
        }
    }

    #[test]
    fn nilai_skp_is_the_mean_of_the_utama_items() {
        let items = [
            ItemNilai { jenis: JenisRhk::Utama, nilai: 110.0 },
            ItemNilai { jenis: JenisRhk::Utama, nilai: 88.0 },
            ItemNilai { jenis: JenisRhk::Tambahan, nilai: 20.0 },
        ];
        let s = compute_nilai_skp(&items).unwrap();
        assert_eq!(s.nilai_skp, 99.0);
        assert_eq!((s.jumlah_utama, s.jumlah_tambahan), (2, 1));
        assert_eq!(
            compute_nilai_skp(&[ItemNilai { jenis: JenisRhk::Tambahan, nilai: 90.0 }]).unwrap_err(),
            NilaiKinerjaError::TidakAdaRhkUtama
        );
        assert!(compute_nilai_skp(&[ItemNilai { jenis: JenisRhk::Utama, nilai: 121.0 }]).is_err());
    }

    #[test]
    fn nilai_rhk_is_the_mean_of_its_iki() {
        let table: [(&[f64], f64); 3] = [(&[111.36], 111.36), (&[111.36, 88.0], 99.68), (&[120.0, 0.0, 90.0], 70.0)];
        for (iki, expected) in table {
            let r = compute_nilai_rhk(iki).unwrap();
            assert!(dekat(r.nilai, expected), "{iki:?}: {}", r.nilai);
            assert_eq!(r.jumlah_iki, iki.len());
            assert_eq!(r.penjelasan.aturan, "permenpanrb_8_2021.nilai_rhk");
        }
        assert_eq!(compute_nilai_rhk(&[]).unwrap_err(), NilaiKinerjaError::DaftarKosong);
        assert_eq!(compute_nilai_rhk(&[121.0]).unwrap_err().kode(), "di_luar_rentang");
    }

    #[test]
    fn periodic_nilai_skp_averages_the_two_means() {
        assert_eq!(compute_nilai_skp_periodik(&[100.0, 110.0], &[90.0]).unwrap().nilai_skp, 97.5);
        assert_eq!(compute_nilai_skp_periodik(&[], &[90.0, 100.0]).unwrap().nilai_skp, 95.0);
        assert_eq!(compute_nilai_skp_periodik(&[], &[]).unwrap_err(), NilaiKinerjaError::DaftarKosong);
    }

    #[test]
    fn the_predikat_bands_match_pp_30_2019_article_41() {
        // (nilai, inovasi, predikat)
        let table = [
            (120.0, true, PredikatKinerja::SangatBaik),
            (110.0, true, PredikatKinerja::SangatBaik),
            (110.0, false, PredikatKinerja::Baik),
            (109.99, true, PredikatKinerja::Baik),
            (90.0, false, PredikatKinerja::Baik),
            (89.99, false, PredikatKinerja::Cukup),
            (70.0, false, PredikatKinerja::Cukup),
            (69.99, false, PredikatKinerja::Kurang),
            (50.0, true, PredikatKinerja::Kurang),
            (49.99, true, PredikatKinerja::SangatKurang),
            (0.0, false, PredikatKinerja::SangatKurang),
        ];
        for (x, inovasi, expected) in table {
            assert_eq!(predikat_kinerja(x, inovasi), expected, "{x} inovasi={inovasi}");
        }
    }

    #[test]
    fn weights_are_70_30_or_60_40_with_peer_input() {
        let a = compute_nilai_kinerja(115.0, 112.0, false, true).unwrap();
        assert_eq!((a.bobot_skp, a.bobot_perilaku, a.nilai_kinerja), (70, 30, 114.1));
        assert_eq!(a.predikat, PredikatKinerja::SangatBaik);
        let b = compute_nilai_kinerja(115.0, 100.0, true, true).unwrap();
        assert_eq!((b.bobot_skp, b.bobot_perilaku, b.nilai_kinerja), (60, 40, 109.0));
        assert_eq!(b.predikat, PredikatKinerja::Baik);
        let c = compute_nilai_kinerja(90.0, 90.0, false, false).unwrap();
        assert_eq!((c.nilai_kinerja, c.predikat), (90.0, PredikatKinerja::Baik));
        assert!(compute_nilai_kinerja(121.0, 90.0, false, false).is_err());
    }

    #[test]
    fn without_inovasi_the_explanation_says_why_it_is_not_sangat_baik() {
        let n = compute_nilai_kinerja(115.0, 112.0, false, false).unwrap();
        assert_eq!(n.predikat, PredikatKinerja::Baik);
        assert!(n.penjelasan.langkah.iter().any(|t| t.id.contains("mensyaratkan inovasi")));
    }
}
