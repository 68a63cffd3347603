//! The instant preview (*pratinjau*) shown while a pegawai types realisations
//! or a penilai rates: the same code runs in the browser (WASM) and on the
//! server (DESIGN.md "Data flow").

use serde::{Deserialize, Serialize};

use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::{HasilKuadran, RatingEkspektasi, SaranRatingHasilKerja, compute_predikat};
use crate::rule_set::{JenisRhk, RuleSet};
use crate::skp::indikator::{Indikator, IndikatorId, Polaritas};
use crate::skp::realisasi::Realisasi;
use crate::skp::rhk::RhkId;
use crate::skp::{RencanaSkp, Skp};

/// One indicator in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PratinjauIndikator {
    pub indikator: IndikatorId,
    pub realisasi: Option<f64>,
    /// Realisation against the target: above the range (or below it for
    /// `khusus`) is above expectation, inside it meets it.
    pub rating: Option<RatingEkspektasi>,
}

/// One RHK in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PratinjauRhk {
    pub rhk: RhkId,
    pub jenis: JenisRhk,
    /// The weakest of its rated indicators; `None` until one has a number.
    pub rating: Option<RatingEkspektasi>,
    pub indikator: Vec<PratinjauIndikator>,
}

/// The preview of an SKP for one evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum SkpPreview {
    /// PermenPANRB 6/2022: the advisory rating hasil kerja and, for the chosen
    /// perilaku rating, the kuadran predikat.
    #[serde(rename = "permenpanrb_6_2022")]
    Permenpanrb6_2022 {
        evaluasi: PeriodeEvaluasi,
        rhk: Vec<PratinjauRhk>,
        saran: Box<SaranRatingHasilKerja>,
        /// `None` until a perilaku rating is chosen and a suggestion exists.
        predikat: Option<HasilKuadran>,
    },
    /// A legacy rule set: the per-indicator comparison only, until the
    /// numeric pipelines of PermenPANRB 8/2021 and PP 46/2011 are wired in.
    Legacy { rule_set: RuleSet, evaluasi: PeriodeEvaluasi, rhk: Vec<PratinjauRhk> },
}

/// Realisation against target for one indicator.
pub fn rating_indikator(indikator: &Indikator, realisasi: f64) -> RatingEkspektasi {
    let t = indikator.target();
    let (diatas, sesuai) = match indikator.polaritas() {
        Polaritas::Normal => (realisasi > t.max(), realisasi >= t.min()),
        Polaritas::Khusus => (realisasi < t.min(), realisasi <= t.max()),
    };
    if diatas {
        RatingEkspektasi::DiatasEkspektasi
    } else if sesuai {
        RatingEkspektasi::SesuaiEkspektasi
    } else {
        RatingEkspektasi::DibawahEkspektasi
    }
}

fn per_rhk(rencana: &RencanaSkp, realisasi: &[Realisasi], evaluasi: PeriodeEvaluasi) -> Vec<PratinjauRhk> {
    rencana
        .rhk()
        .iter()
        .map(|rhk| {
            let indikator: Vec<PratinjauIndikator> = rhk
                .indikator()
                .iter()
                .map(|iki| {
                    let nilai = realisasi
                        .iter()
                        .find(|r| r.indikator() == iki.id() && r.evaluasi() == evaluasi)
                        .and_then(Realisasi::nilai);
                    PratinjauIndikator {
                        indikator: iki.id().clone(),
                        realisasi: nilai,
                        rating: nilai.map(|n| rating_indikator(iki, n)),
                    }
                })
                .collect();
            PratinjauRhk {
                rhk: rhk.id().clone(),
                jenis: rhk.jenis(),
                rating: indikator.iter().filter_map(|i| i.rating).min(),
                indikator,
            }
        })
        .collect()
}

/// The preview of a plan with the given realisations (saved or still being
/// typed) for one evaluation under a rule set.
pub fn pratinjau(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    rating_perilaku: Option<RatingEkspektasi>,
) -> SkpPreview {
    let rhk = per_rhk(rencana, realisasi, evaluasi);
    match rule_set {
        RuleSet::Permenpanrb6_2022 => {
            let saran = crate::rule_set::permenpanrb_6_2022::suggest_rating_hasil_kerja(
                rhk.iter().filter_map(|r| r.rating.map(|rating| (r.jenis, rating))),
            );
            let predikat = saran.saran.zip(rating_perilaku).map(|(h, p)| compute_predikat(h, p));
            SkpPreview::Permenpanrb6_2022 { evaluasi, rhk, saran: Box::new(saran), predikat }
        }
        RuleSet::Permenpanrb8_2021 | RuleSet::Pp46_2011 => SkpPreview::Legacy { rule_set, evaluasi, rhk },
    }
}

impl Skp {
    /// The preview of this SKP's recorded realisations.
    pub fn pratinjau(
        &self,
        evaluasi: PeriodeEvaluasi,
        rule_set: RuleSet,
        rating_perilaku: Option<RatingEkspektasi>,
    ) -> SkpPreview {
        pratinjau(self.rencana(), self.realisasi(), evaluasi, rule_set, rating_perilaku)
    }
}
