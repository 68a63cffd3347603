//! Rencana hasil kerja (RHK): a planned result, its priority, the atasan's RHK
//! it intervenes (cascading) and its indicators (RULES.md §3.2).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_type, id_wajib, item, teks_wajib};
pub use crate::rule_set::JenisRhk;
use crate::skp::indikator::{Indikator, IndikatorInput, MAKS_URAIAN, periksa_kata_mutlak};

id_type!(
    /// The id of an RHK, passed in. Subordinates' RHK point at their atasan's by this id.
    RhkId
);

/// The Balanced-Scorecard perspective of a JPT's RHK (Lampiran Bab II tahap 2).
/// Only JPT SKPs have perspectives, and they must cover `anggaran`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Perspektif {
    PenerimaLayanan,
    ProsesBisnis,
    PenguatanInternal,
    Anggaran,
}

/// At most this many indicators per RHK (a bound on form size, not a rule).
pub const MAKS_INDIKATOR: usize = 20;

/// A valid RHK.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rhk {
    id: RhkId,
    uraian: String,
    jenis: JenisRhk,
    /// The atasan's RHK this one intervenes; `None` means "to link later".
    rhk_atasan: Option<RhkId>,
    perspektif: Option<Perspektif>,
    indikator: Vec<Indikator>,
}

impl Rhk {
    pub fn id(&self) -> &RhkId {
        &self.id
    }
    pub fn uraian(&self) -> &str {
        &self.uraian
    }
    pub fn jenis(&self) -> JenisRhk {
        self.jenis
    }
    pub fn rhk_atasan(&self) -> Option<&RhkId> {
        self.rhk_atasan.as_ref()
    }
    pub fn perspektif(&self) -> Option<Perspektif> {
        self.perspektif
    }
    pub fn indikator(&self) -> &[Indikator] {
        &self.indikator
    }
}

/// The RHK form, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RhkInput {
    pub id: String,
    pub uraian: String,
    pub jenis: JenisRhk,
    /// The atasan's RHK id; empty to link later.
    pub rhk_atasan_id: String,
    /// Required for JPT, absent otherwise (checked by `SkpInput::validate`).
    pub perspektif: Option<Perspektif>,
    pub indikator: Vec<IndikatorInput>,
}

impl Default for RhkInput {
    fn default() -> Self {
        RhkInput {
            id: String::new(),
            uraian: String::new(),
            jenis: JenisRhk::Utama,
            rhk_atasan_id: String::new(),
            perspektif: None,
            indikator: Vec::new(),
        }
    }
}

impl RhkInput {
    /// Collects every field error, the indicators' under `indikator[i].…`.
    /// An RHK may be saved without indicators while drafting; submitting the
    /// SKP requires at least one.
    pub fn validate(&self) -> Result<Rhk, FieldErrors> {
        let mut e = FieldErrors::new();
        let id = id_wajib(&mut e, "id", &self.id);
        let uraian = teks_wajib(&mut e, "uraian", &self.uraian, MAKS_URAIAN);
        let rhk_atasan = match self.rhk_atasan_id.trim() {
            "" => Some(None),
            s => id_wajib(&mut e, "rhk_atasan_id", s).map(|s| Some(RhkId::new(s))),
        };
        if self.indikator.len() > MAKS_INDIKATOR {
            e.push(
                "indikator",
                format!("Paling banyak {MAKS_INDIKATOR} indikator per RHK."),
                format!("At most {MAKS_INDIKATOR} indicators per RHK."),
            );
        }
        let mut indikator = Vec::with_capacity(self.indikator.len());
        let mut ids = BTreeSet::new();
        for (i, input) in self.indikator.iter().enumerate() {
            let path = item("indikator", i);
            if let Some(iki) = e.collect(&path, input.validate()) {
                if !ids.insert(iki.id().clone()) {
                    e.push(format!("{path}.id"), "Id indikator ganda.", "Duplicate indicator id.");
                }
                indikator.push(iki);
            }
        }
        match (id, uraian, rhk_atasan) {
            (Some(id), Some(uraian), Some(rhk_atasan)) if e.is_empty() => Ok(Rhk {
                id: RhkId::new(id),
                uraian,
                jenis: self.jenis,
                rhk_atasan,
                perspektif: self.perspektif,
                indikator,
            }),
            _ => Err(e),
        }
    }

    /// Non-blocking remarks: absolute wording in the RHK or its indicators.
    pub fn peringatan(&self) -> FieldErrors {
        let mut w = FieldErrors::new();
        periksa_kata_mutlak(&mut w, "uraian", &self.uraian);
        for (i, iki) in self.indikator.iter().enumerate() {
            w.merge(&item("indikator", i), iki.peringatan());
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skp::indikator::AspekIndikator;

    fn iki(id: &str) -> IndikatorInput {
        IndikatorInput {
            id: id.into(),
            uraian: "Jumlah dokumen perencanaan yang tersusun".into(),
            aspek: AspekIndikator::Kuantitas,
            target: "4".into(),
            satuan: "dokumen".into(),
            ..IndikatorInput::default()
        }
    }

    fn valid() -> RhkInput {
        RhkInput {
            id: "rhk-1".into(),
            uraian: "Tersusunnya dokumen perencanaan unit".into(),
            jenis: JenisRhk::Utama,
            rhk_atasan_id: "rhk-atasan-7".into(),
            perspektif: None,
            indikator: vec![iki("iki-1"), iki("iki-2")],
        }
    }

    #[test]
    fn a_valid_form_builds_an_rhk_linked_to_its_atasan() {
        let rhk = valid().validate().unwrap();
        assert_eq!(rhk.rhk_atasan(), Some(&RhkId::new("rhk-atasan-7")));
        assert_eq!(rhk.indikator().len(), 2);
        assert_eq!(rhk.jenis(), JenisRhk::Utama);
    }

    #[test]
    fn the_atasan_link_may_be_left_for_later() {
        let rhk = RhkInput { rhk_atasan_id: "  ".into(), ..valid() }.validate().unwrap();
        assert_eq!(rhk.rhk_atasan(), None);
    }

    #[test]
    fn invalid_forms_report_every_field_including_nested_indicators() {
        let mut buruk = iki("iki-2");
        buruk.target = "x".into();
        buruk.satuan = "".into();
        let table: Vec<(RhkInput, &[&str])> = vec![
            (RhkInput::default(), &["id", "uraian"]),
            (
                RhkInput { uraian: "".into(), indikator: vec![iki("iki-1"), buruk], ..valid() },
                &["indikator[1].satuan", "indikator[1].target", "uraian"],
            ),
            (RhkInput { indikator: vec![iki("a"), iki("a")], ..valid() }, &["indikator[1].id"]),
            (RhkInput { rhk_atasan_id: "dua kata".into(), ..valid() }, &["rhk_atasan_id"]),
            (
                RhkInput { indikator: (0..=MAKS_INDIKATOR).map(|i| iki(&format!("i{i}"))).collect(), ..valid() },
                &["indikator"],
            ),
        ];
        for (i, (input, fields)) in table.into_iter().enumerate() {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
        }
    }

    #[test]
    fn warnings_cover_the_rhk_and_its_indicators() {
        let mut mutlak = iki("iki-2");
        mutlak.uraian = "Semua surat dibalas".into();
        let input = RhkInput { uraian: "Selalu hadir".into(), indikator: vec![iki("iki-1"), mutlak], ..valid() };
        assert!(input.validate().is_ok());
        assert_eq!(input.peringatan().fields().collect::<Vec<_>>(), ["indikator[1].uraian", "uraian"]);
    }

    #[test]
    fn perspectives_travel_in_snake_case() {
        assert_eq!(serde_json::to_value(Perspektif::PenerimaLayanan).unwrap(), "penerima_layanan");
        assert_eq!(serde_json::to_value(Perspektif::PenguatanInternal).unwrap(), "penguatan_internal");
    }
}
