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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

// ---------------------------------------------------------------------------
// A sheet of continuous feedback (what the API stores)
// ---------------------------------------------------------------------------

/// The most items one sheet may hold (an SKP's RHK and the seven values fit
/// many times over).
pub const MAKS_ITEM: usize = 64;

/// One item of a feedback sheet: what it is about, an optional level against
/// expectation, and the feedback itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemUmpanBalik {
    /// `{ "jenis": "rhk", "rhk": "<rhk id>" }` or `{ "jenis": "perilaku", "nilai": "<berakhlak>" }`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub objek: ObjekUmpanBalik,
    #[serde(default)]
    pub rating: Option<RatingEkspektasi>,
    pub isi: String,
}

/// Checks one sheet of feedback on a set SKP for sub-period `ke` of
/// `periode`, given the SKP's RHK ids and today: every item about an RHK of
/// the SKP or a BerAKHLAK value, each at most once, with its text; the
/// sub-period one of the period's that has begun. Scheduled (*berkala*)
/// feedback is the pimpinan's periodic duty on results and behaviour
/// (RULES.md §3.3), so a berkala sheet covers every RHK of the plan and at
/// least one BerAKHLAK value; an incidental one any item. Returns the items
/// trimmed.
pub fn periksa_lembar(
    bentuk: BentukUmpanBalik,
    ke: u8,
    item: &[ItemUmpanBalik],
    rhk: &[RhkId],
    periode: &crate::periode::Periode,
    hari_ini: Tanggal,
) -> Result<Vec<ItemUmpanBalik>, FieldErrors> {
    let mut e = FieldErrors::new();
    match periode.sub_periode_ke(ke) {
        None => {
            e.push("ke", "Sub-periode ini tidak ada dalam periode.", "The period has no such sub-period.");
        }
        Some(sub) if sub.mulai > hari_ini => {
            e.push(
                "ke",
                "Sub-periode ini belum dimulai; umpan balik diberikan untuk sub-periode yang sedang atau sudah berjalan.",
                "This sub-period has not begun; feedback is given for a running or past sub-period.",
            );
        }
        Some(_) => {}
    }
    if item.is_empty() {
        e.push("item", "Isi paling sedikit satu umpan balik.", "Give at least one item of feedback.");
    }
    if item.len() > MAKS_ITEM {
        e.push(
            "item",
            format!("Paling banyak {MAKS_ITEM} butir umpan balik."),
            format!("At most {MAKS_ITEM} items of feedback."),
        );
        return Err(e);
    }
    let mut hasil = Vec::with_capacity(item.len());
    let mut sudah: Vec<&ObjekUmpanBalik> = Vec::new();
    for (i, it) in item.iter().enumerate() {
        let nama = crate::error::item("item", i);
        if let ObjekUmpanBalik::Rhk { rhk: id } = &it.objek
            && !rhk.contains(id)
        {
            e.push(format!("{nama}.objek"), "RHK ini tidak ada dalam SKP.", "The SKP has no such RHK.");
        }
        if sudah.contains(&&it.objek) {
            e.push(
                format!("{nama}.objek"),
                "Satu RHK atau nilai hanya sekali dalam satu umpan balik.",
                "Each RHK or value appears once in a sheet.",
            );
        }
        sudah.push(&it.objek);
        if let Some(isi) = teks_wajib(&mut e, &format!("{nama}.isi"), &it.isi, MAKS_URAIAN) {
            hasil.push(ItemUmpanBalik { objek: it.objek.clone(), rating: it.rating, isi });
        }
    }
    if bentuk == BentukUmpanBalik::Berkala && item.len() <= MAKS_ITEM {
        let kurang =
            rhk.iter().filter(|id| !sudah.iter().any(|o| matches!(o, ObjekUmpanBalik::Rhk { rhk } if rhk == *id)));
        if kurang.count() > 0 {
            e.push(
                "item",
                "Umpan balik berkala mencakup setiap RHK dalam SKP.",
                "Scheduled feedback covers every RHK of the SKP.",
            );
        }
        if !sudah.iter().any(|o| matches!(o, ObjekUmpanBalik::Perilaku { .. })) {
            e.push(
                "item",
                "Umpan balik berkala mencakup paling sedikit satu nilai BerAKHLAK.",
                "Scheduled feedback covers at least one BerAKHLAK value.",
            );
        }
    }
    e.into_result(hasil)
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

    fn periode() -> crate::periode::Periode {
        crate::periode::Periode::tahunan("p".into(), 2026, crate::periode::SiklusPeriodik::Triwulanan).unwrap()
    }

    fn it(objek: ObjekUmpanBalik, isi: &str) -> ItemUmpanBalik {
        ItemUmpanBalik { objek, rating: None, isi: isi.into() }
    }

    #[test]
    fn a_sheet_is_checked_against_the_plan_the_period_and_the_date() {
        let rhk: Vec<RhkId> = vec!["r1".into(), "r2".into()];
        let r = |id: &str| ObjekUmpanBalik::Rhk { rhk: id.into() };
        let p = |n| ObjekUmpanBalik::Perilaku { nilai: n };
        let mei = Tanggal::new(2026, 5, 2).unwrap();
        let lengkap = vec![it(r("r1"), " Baik "), it(r("r2"), "Cukup"), it(p(NilaiBerakhlak::Loyal), "Konsisten")];
        let ok = periksa_lembar(BentukUmpanBalik::Berkala, 2, &lengkap, &rhk, &periode(), mei).unwrap();
        assert_eq!(ok[0].isi, "Baik", "trimmed");
        let satu = vec![it(r("r2"), "Cepat tanggap")];
        assert!(periksa_lembar(BentukUmpanBalik::Insidentil, 2, &satu, &rhk, &periode(), mei).is_ok());
        type Baris = (BentukUmpanBalik, u8, Vec<ItemUmpanBalik>, &'static [&'static str]);
        let table: Vec<Baris> = vec![
            (BentukUmpanBalik::Berkala, 2, satu.clone(), &["item"]),
            (BentukUmpanBalik::Insidentil, 3, satu.clone(), &["ke"]),
            (BentukUmpanBalik::Insidentil, 5, satu.clone(), &["ke"]),
            (BentukUmpanBalik::Insidentil, 1, vec![], &["item"]),
            (BentukUmpanBalik::Insidentil, 1, vec![it(r("r9"), "x")], &["item[0].objek"]),
            (BentukUmpanBalik::Insidentil, 1, vec![it(r("r1"), "x"), it(r("r1"), "y")], &["item[1].objek"]),
            (BentukUmpanBalik::Insidentil, 1, vec![it(r("r1"), &"x".repeat(MAKS_URAIAN + 1))], &["item[0].isi"]),
            (BentukUmpanBalik::Insidentil, 1, vec![it(r("r1"), "  ")], &["item[0].isi"]),
        ];
        for (bentuk, ke, item, fields) in table {
            let e = periksa_lembar(bentuk, ke, &item, &rhk, &periode(), mei).unwrap_err();
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
