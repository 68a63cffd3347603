//! Realisasi: what was achieved on an indicator in an evaluation period, with
//! its *bukti dukung* (evidence of results, not of activities; RULES.md §3.1).

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, id_wajib, item, teks_opsional};
use crate::periode::PeriodeEvaluasi;
use crate::skp::indikator::{IndikatorId, MAKS_URAIAN, parse_angka};

/// At most this many evidence references per realisation (a bound on form size).
pub const MAKS_BUKTI: usize = 20;
pub const MAKS_PANJANG_BUKTI: usize = 500;

/// A reference to evidence: a URL (`http://`/`https://`) or a document
/// reference such as `ND-123/BKPSDM/2025`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BuktiDukung(String);

impl BuktiDukung {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_url(&self) -> bool {
        self.0.starts_with("http://") || self.0.starts_with("https://")
    }
}

/// A valid realisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Realisasi {
    indikator: IndikatorId,
    evaluasi: PeriodeEvaluasi,
    nilai: Option<f64>,
    uraian: String,
    bukti_dukung: Vec<BuktiDukung>,
}

impl Realisasi {
    pub fn indikator(&self) -> &IndikatorId {
        &self.indikator
    }
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    /// The measured value; `None` for a narrative-only realisation.
    pub fn nilai(&self) -> Option<f64> {
        self.nilai
    }
    pub fn uraian(&self) -> &str {
        &self.uraian
    }
    pub fn bukti_dukung(&self) -> &[BuktiDukung] {
        &self.bukti_dukung
    }
}

/// The realisation form, exactly as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealisasiInput {
    pub indikator_id: String,
    pub evaluasi: PeriodeEvaluasi,
    /// The measured value in Indonesian notation (`12,5`); may be empty when
    /// `uraian` describes the result.
    #[serde(default)]
    pub nilai: String,
    #[serde(default)]
    pub uraian: String,
    #[serde(default)]
    pub bukti_dukung: Vec<String>,
}

impl RealisasiInput {
    /// Collects every field error.
    pub fn validate(&self) -> Result<Realisasi, FieldErrors> {
        let mut e = FieldErrors::new();
        let indikator = id_wajib(&mut e, "indikator_id", &self.indikator_id);
        let uraian = teks_opsional(&mut e, "uraian", &self.uraian, MAKS_URAIAN);
        let nilai = if self.nilai.trim().is_empty() {
            if uraian.as_deref().is_some_and(str::is_empty) {
                e.push(
                    "nilai",
                    "Isi nilai realisasi atau uraiannya.",
                    "Give the realised value or describe the result.",
                );
            }
            Some(None)
        } else {
            match parse_angka(&self.nilai) {
                Ok(x) if x < 0.0 => {
                    e.push("nilai", "Realisasi tidak boleh negatif.", "The realised value must not be negative.");
                    None
                }
                Ok(x) => Some(Some(x)),
                Err(pesan) => {
                    e.add("nilai", pesan);
                    None
                }
            }
        };
        if self.bukti_dukung.len() > MAKS_BUKTI {
            e.push(
                "bukti_dukung",
                format!("Paling banyak {MAKS_BUKTI} bukti dukung."),
                format!("At most {MAKS_BUKTI} pieces of evidence."),
            );
        }
        let mut bukti = Vec::new();
        for (i, b) in self.bukti_dukung.iter().enumerate() {
            if let Some(b) = periksa_bukti(&mut e, &item("bukti_dukung", i), b) {
                bukti.push(b);
            }
        }
        match (indikator, uraian, nilai) {
            (Some(indikator), Some(uraian), Some(nilai)) if e.is_empty() => Ok(Realisasi {
                indikator: IndikatorId::new(indikator),
                evaluasi: self.evaluasi,
                nilai,
                uraian,
                bukti_dukung: bukti,
            }),
            _ => Err(e),
        }
    }

    /// Non-blocking remarks: a realisation without evidence.
    pub fn peringatan(&self) -> FieldErrors {
        let mut w = FieldErrors::new();
        if self.bukti_dukung.iter().all(|b| b.trim().is_empty()) {
            w.push(
                "bukti_dukung",
                "Belum ada bukti dukung: lampirkan bukti hasil kerja, bukan bukti kegiatan.",
                "No evidence yet: attach evidence of the result, not of the activity.",
            );
        }
        w
    }
}

fn periksa_bukti(e: &mut FieldErrors, field: &str, b: &str) -> Option<BuktiDukung> {
    let b = b.trim();
    if b.is_empty() {
        e.add(field, crate::error::pesan::wajib_diisi());
        return None;
    }
    if b.chars().count() > MAKS_PANJANG_BUKTI {
        e.add(field, crate::error::pesan::terlalu_panjang(MAKS_PANJANG_BUKTI, b.chars().count()));
        return None;
    }
    let skema = b.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if let Some(skema) = skema {
        let host = b.split_once("://").map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or("")).unwrap_or("");
        if !(skema == "http" || skema == "https") || host.is_empty() || b.chars().any(char::is_whitespace) {
            e.push(
                field,
                "Tautan tidak valid: gunakan alamat http:// atau https:// tanpa spasi.",
                "Invalid link: use an http:// or https:// address without spaces.",
            );
            return None;
        }
    }
    Some(BuktiDukung(b.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RealisasiInput {
        RealisasiInput {
            indikator_id: "iki-1".into(),
            evaluasi: PeriodeEvaluasi::Periodik { ke: 1 },
            nilai: "87,5".into(),
            uraian: "".into(),
            bukti_dukung: vec!["https://drive.example/laporan-tw1.pdf".into(), "ND-12/BKPSDM/2025".into()],
        }
    }

    #[test]
    fn a_valid_realisation_keeps_its_number_and_evidence() {
        let r = valid().validate().unwrap();
        assert_eq!(r.nilai(), Some(87.5));
        assert_eq!(r.bukti_dukung().len(), 2);
        assert!(r.bukti_dukung()[0].is_url() && !r.bukti_dukung()[1].is_url());
        assert!(valid().peringatan().is_empty());
    }

    #[test]
    fn a_narrative_realisation_needs_no_number() {
        let r = RealisasiInput { nilai: "".into(), uraian: "Dokumen selesai dan disahkan".into(), ..valid() };
        assert_eq!(r.validate().unwrap().nilai(), None);
    }

    #[test]
    fn invalid_realisations_report_every_field() {
        let table: Vec<(RealisasiInput, &[&str])> = vec![
            (RealisasiInput { indikator_id: "".into(), nilai: "".into(), ..valid() }, &["indikator_id", "nilai"]),
            (RealisasiInput { nilai: "banyak".into(), ..valid() }, &["nilai"]),
            (RealisasiInput { nilai: "-2".into(), ..valid() }, &["nilai"]),
            (
                RealisasiInput {
                    bukti_dukung: vec!["".into(), "ftp://x/y".into(), "https://".into(), "https://a b".into()],
                    ..valid()
                },
                &["bukti_dukung[0]", "bukti_dukung[1]", "bukti_dukung[2]", "bukti_dukung[3]"],
            ),
            (RealisasiInput { bukti_dukung: vec!["x".into(); MAKS_BUKTI + 1], ..valid() }, &["bukti_dukung"]),
            (RealisasiInput { uraian: "x".repeat(MAKS_URAIAN + 1), ..valid() }, &["uraian"]),
        ];
        for (i, (input, fields)) in table.into_iter().enumerate() {
            let e = input.validate().unwrap_err();
            assert_eq!(e.fields().collect::<Vec<_>>(), fields, "case {i}: {e}");
        }
    }

    #[test]
    fn a_realisation_without_evidence_gets_a_warning() {
        let r = RealisasiInput { bukti_dukung: vec![], ..valid() };
        assert!(r.validate().is_ok());
        assert_eq!(r.peringatan().fields().collect::<Vec<_>>(), ["bukti_dukung"]);
    }
}
