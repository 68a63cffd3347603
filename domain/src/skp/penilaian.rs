//! The Pejabat Penilai's ratings for one evaluation (periodic or annual) under
//! PermenPANRB 6/2022: per-RHK assessments, the advisory suggestion and the
//! rater's decision, the perilaku rating and the kuadran predikat
//! (Lampiran Bab IV.B.3; RULES.md §2.1.2–2.1.3, §3.4).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, teks_opsional};
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::{
    HasilKuadran, Predikat, PredikatOrganisasi, RatingEkspektasi, RatingHasilKerjaDitetapkan, SaranRatingHasilKerja,
    compute_predikat, decide_rating_hasil_kerja, suggest_rating_hasil_kerja,
};
use crate::skp::RencanaSkp;
use crate::skp::indikator::MAKS_URAIAN;
use crate::skp::rhk::RhkId;

/// A recorded evaluation. The predikat is always the kuadran's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penilaian {
    evaluasi: PeriodeEvaluasi,
    predikat_organisasi: Option<PredikatOrganisasi>,
    rating_rhk: BTreeMap<RhkId, RatingEkspektasi>,
    rating_hasil_kerja: RatingHasilKerjaDitetapkan,
    rating_perilaku: RatingEkspektasi,
    hasil: HasilKuadran,
    catatan: String,
    rekomendasi: String,
}

impl Penilaian {
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    pub fn predikat_organisasi(&self) -> Option<PredikatOrganisasi> {
        self.predikat_organisasi
    }
    pub fn rating_rhk(&self) -> &BTreeMap<RhkId, RatingEkspektasi> {
        &self.rating_rhk
    }
    pub fn rating_hasil_kerja(&self) -> &RatingHasilKerjaDitetapkan {
        &self.rating_hasil_kerja
    }
    pub fn rating_perilaku(&self) -> RatingEkspektasi {
        self.rating_perilaku
    }
    pub fn predikat(&self) -> Predikat {
        self.hasil.predikat
    }
    /// The predikat with its explanation.
    pub fn hasil(&self) -> &HasilKuadran {
        &self.hasil
    }
    pub fn catatan(&self) -> &str {
        &self.catatan
    }
    pub fn rekomendasi(&self) -> &str {
        &self.rekomendasi
    }
}

/// The rater's form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenilaianInput {
    pub evaluasi: PeriodeEvaluasi,
    #[serde(default)]
    pub predikat_organisasi: Option<PredikatOrganisasi>,
    /// RHK id → assessment; RHK left out are not assessed.
    #[serde(default)]
    pub rating_rhk: BTreeMap<String, RatingEkspektasi>,
    pub rating_hasil_kerja: Option<RatingEkspektasi>,
    /// The reason, required when `rating_hasil_kerja` departs from the suggestion.
    #[serde(default)]
    pub alasan: String,
    pub rating_perilaku: Option<RatingEkspektasi>,
    #[serde(default)]
    pub catatan: String,
    #[serde(default)]
    pub rekomendasi: String,
}

/// The advisory suggestion for a plan and per-RHK assessments (unknown RHK ids are ignored).
pub fn saran_rating<'a>(
    rencana: &RencanaSkp,
    rating_rhk: impl IntoIterator<Item = (&'a RhkId, &'a RatingEkspektasi)>,
) -> SaranRatingHasilKerja {
    let penilaian: Vec<_> =
        rating_rhk.into_iter().filter_map(|(id, r)| rencana.rhk_by_id(id).map(|rhk| (rhk.jenis(), *r))).collect();
    suggest_rating_hasil_kerja(penilaian)
}

impl PenilaianInput {
    /// Collects every field error. Checks the RHK ids against the plan, and
    /// asks for a reason when the rater overrides the suggestion.
    pub fn validate(&self, rencana: &RencanaSkp) -> Result<Penilaian, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut rating_rhk = BTreeMap::new();
        for (id, rating) in &self.rating_rhk {
            let rhk_id = RhkId::new(id.trim());
            if rencana.rhk_by_id(&rhk_id).is_none() {
                e.push(format!("rating_rhk.{id}"), "RHK tidak ada di SKP ini.", "This RHK is not in the SKP.");
            } else {
                rating_rhk.insert(rhk_id, *rating);
            }
        }
        let pilih = |e: &mut FieldErrors, field: &str, r: Option<RatingEkspektasi>| {
            if r.is_none() {
                e.push(field, "Wajib dipilih.", "Required.");
            }
            r
        };
        let hasil_kerja = pilih(&mut e, "rating_hasil_kerja", self.rating_hasil_kerja);
        let perilaku = pilih(&mut e, "rating_perilaku", self.rating_perilaku);
        let catatan = teks_opsional(&mut e, "catatan", &self.catatan, MAKS_URAIAN);
        let rekomendasi = teks_opsional(&mut e, "rekomendasi", &self.rekomendasi, MAKS_URAIAN);
        let alasan = teks_opsional(&mut e, "alasan", &self.alasan, MAKS_URAIAN);
        let saran = saran_rating(rencana, &rating_rhk);
        let ditetapkan = match (hasil_kerja, alasan) {
            (Some(r), Some(alasan)) => match decide_rating_hasil_kerja(&saran, r, Some(&alasan)) {
                Ok(d) => Some(d),
                Err(err) => {
                    e.add("alasan", err.pesan());
                    None
                }
            },
            _ => None,
        };
        match (ditetapkan, perilaku, catatan, rekomendasi) {
            (Some(ditetapkan), Some(perilaku), Some(catatan), Some(rekomendasi)) if e.is_empty() => Ok(Penilaian {
                evaluasi: self.evaluasi,
                predikat_organisasi: self.predikat_organisasi,
                rating_rhk,
                hasil: compute_predikat(ditetapkan.rating, perilaku),
                rating_hasil_kerja: ditetapkan,
                rating_perilaku: perilaku,
                catatan,
                rekomendasi,
            }),
            _ => Err(e),
        }
    }
}
