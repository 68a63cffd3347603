//! The *rekaman informasi umpan balik* kept with an SKP (Formats B.1.3–B.1.5;
//! RULES.md §3.3): continuous feedback per RHK or per BerAKHLAK value, from
//! the atasan, peers, subordinates or other parties, tied to a period.
//!
//! The 360° aggregation and anonymity rules live in [`crate::umpan_balik`];
//! [`UmpanBalik::ke_rekaman`] feeds it.

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, id_wajib, teks_wajib};
use crate::pegawai::PegawaiId;
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::RatingEkspektasi;
use crate::skp::indikator::MAKS_URAIAN;
use crate::skp::rhk::RhkId;
use crate::tanggal::Tanggal;
pub use crate::umpan_balik::{KelompokPenilai, NilaiBerakhlak, RekamanUmpanBalik};

id_type!(
    /// The id of a feedback record, passed in.
    UmpanBalikId
);

/// What the feedback is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum ObjekUmpanBalik {
    /// A result: one of the SKP's RHK.
    Rhk { rhk: RhkId },
    /// Behaviour: one BerAKHLAK value.
    Perilaku { nilai: NilaiBerakhlak },
}

/// Scheduled feedback is mandatory for the pimpinan; incidental feedback may
/// come from anyone (RULES.md §3.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BentukUmpanBalik {
    #[default]
    Berkala,
    Insidentil,
}

/// One feedback record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UmpanBalik {
    id: UmpanBalikId,
    kelompok: KelompokPenilai,
    /// The giver; never shown to the ratee for anonymous groups.
    pemberi: PegawaiId,
    objek: ObjekUmpanBalik,
    evaluasi: PeriodeEvaluasi,
    bentuk: BentukUmpanBalik,
    /// Optional level against expectation (used as advice for perilaku).
    rating: Option<RatingEkspektasi>,
    isi: String,
    tanggal: Tanggal,
}

impl UmpanBalik {
    pub fn id(&self) -> &UmpanBalikId {
        &self.id
    }
    pub fn kelompok(&self) -> KelompokPenilai {
        self.kelompok
    }
    pub fn pemberi(&self) -> &PegawaiId {
        &self.pemberi
    }
    pub fn objek(&self) -> &ObjekUmpanBalik {
        &self.objek
    }
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    pub fn bentuk(&self) -> BentukUmpanBalik {
        self.bentuk
    }
    pub fn rating(&self) -> Option<RatingEkspektasi> {
        self.rating
    }
    pub fn isi(&self) -> &str {
        &self.isi
    }
    pub fn tanggal(&self) -> Tanggal {
        self.tanggal
    }

    /// The record in the shape the 360° aggregation reads: only behaviour
    /// feedback with a rating qualifies.
    pub fn ke_rekaman(&self) -> Option<RekamanUmpanBalik> {
        match (&self.objek, self.rating) {
            (ObjekUmpanBalik::Perilaku { nilai }, Some(rating)) => Some(RekamanUmpanBalik {
                penilai_id: self.pemberi.as_str().to_owned(),
                kelompok: self.kelompok,
                nilai: *nilai,
                rating,
                catatan: Some(self.isi.clone()),
            }),
            _ => None,
        }
    }
}

/// The feedback form. Exactly one of `rhk_id` and `nilai_berakhlak` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UmpanBalikInput {
    pub id: String,
    pub kelompok: KelompokPenilai,
    pub evaluasi: PeriodeEvaluasi,
    #[serde(default)]
    pub bentuk: BentukUmpanBalik,
    #[serde(default)]
    pub rhk_id: String,
    #[serde(default)]
    pub nilai_berakhlak: Option<NilaiBerakhlak>,
    #[serde(default)]
    pub rating: Option<RatingEkspektasi>,
    #[serde(default)]
    pub isi: String,
}

impl UmpanBalikInput {
    /// Collects every field error. The giver and the date come from the
    /// session and the clock of the caller.
    pub fn validate(&self, pemberi: PegawaiId, tanggal: Tanggal) -> Result<UmpanBalik, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let isi = teks_wajib(&mut e, "isi", &self.isi, MAKS_URAIAN);
        let objek = match (self.rhk_id.trim(), self.nilai_berakhlak) {
            ("", Some(nilai)) => Some(ObjekUmpanBalik::Perilaku { nilai }),
            (rhk, None) if !rhk.is_empty() => {
                id_wajib(&mut e, "rhk_id", rhk).map(|r| ObjekUmpanBalik::Rhk { rhk: RhkId::new(r) })
            }
            ("", None) => {
                e.push(
                    "rhk_id",
                    "Pilih RHK atau nilai BerAKHLAK yang diberi umpan balik.",
                    "Choose the RHK or the BerAKHLAK value the feedback is about.",
                );
                None
            }
            _ => {
                e.push(
                    "nilai_berakhlak",
                    "Satu umpan balik untuk satu RHK atau satu nilai BerAKHLAK, tidak keduanya.",
                    "One feedback is about one RHK or one BerAKHLAK value, not both.",
                );
                None
            }
        };
        match (id, isi, objek) {
            (Some(id), Some(isi), Some(objek)) if e.is_empty() => Ok(UmpanBalik {
                id: UmpanBalikId::new(id),
                kelompok: self.kelompok,
                pemberi,
                objek,
                evaluasi: self.evaluasi,
                bentuk: self.bentuk,
                rating: self.rating,
                isi,
                tanggal,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> UmpanBalikInput {
        UmpanBalikInput {
            id: "ub-1".into(),
            kelompok: KelompokPenilai::Rekan,
            evaluasi: PeriodeEvaluasi::Periodik { ke: 2 },
            bentuk: BentukUmpanBalik::Insidentil,
            rhk_id: "".into(),
            nilai_berakhlak: Some(NilaiBerakhlak::Kolaboratif),
            rating: Some(RatingEkspektasi::DiatasEkspektasi),
            isi: "Selalu membantu tim lintas bidang".into(),
        }
    }

    fn hari() -> Tanggal {
        Tanggal::new(2025, 5, 2).unwrap()
    }

    #[test]
    fn behaviour_feedback_with_a_rating_feeds_the_360_aggregation() {
        let ub = valid().validate("peg-9".into(), hari()).unwrap();
        let rekaman = ub.ke_rekaman().unwrap();
        assert_eq!(rekaman.nilai, NilaiBerakhlak::Kolaboratif);
        assert_eq!(rekaman.kelompok, KelompokPenilai::Rekan);
        assert_eq!(rekaman.penilai_id, "peg-9");
    }

    #[test]
    fn result_feedback_points_at_an_rhk_and_stays_out_of_the_aggregation() {
        let ub = UmpanBalikInput { rhk_id: "rhk-1".into(), nilai_berakhlak: None, ..valid() }
            .validate("peg-1".into(), hari())
            .unwrap();
        assert_eq!(ub.objek(), &ObjekUmpanBalik::Rhk { rhk: "rhk-1".into() });
        assert_eq!(ub.ke_rekaman(), None);
    }

    #[test]
    fn invalid_feedback_reports_every_field() {
        let table: Vec<(UmpanBalikInput, &[&str])> = vec![
            (UmpanBalikInput { id: "".into(), isi: " ".into(), ..valid() }, &["id", "isi"]),
            (UmpanBalikInput { nilai_berakhlak: None, ..valid() }, &["rhk_id"]),
            (UmpanBalikInput { rhk_id: "rhk-1".into(), ..valid() }, &["nilai_berakhlak"]),
        ];
        for (input, fields) in table {
            let e = input.validate("p".into(), hari()).unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "{e}");
        }
    }

    #[test]
    fn the_object_travels_tagged_in_snake_case() {
        let o = ObjekUmpanBalik::Perilaku { nilai: NilaiBerakhlak::BerorientasiPelayanan };
        assert_eq!(
            serde_json::to_value(o).unwrap(),
            serde_json::json!({ "jenis": "perilaku", "nilai": "berorientasi_pelayanan" })
        );
    }
}
