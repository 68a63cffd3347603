//! What changed in a plan between two of its versions: the plan as the
//! pejabat penilai returned it and the plan submitted again. Per RHK, by id
//! (an RHK and an indicator keep their ids through edits): added, removed,
//! or changed, with each changed field's old and new value; then the
//! lampiran. RHK that did not change are counted, not listed.
//!
//! Fields are named as the form's field errors name them (`uraian`,
//! `rhk_atasan_id`, `target`, `lampiran.konsekuensi`, …), so a screen labels
//! them as it labels those; values keep their type, so a screen writes them
//! in its own language.

use serde::{Deserialize, Serialize};

use crate::rule_set::JenisRhk;
use crate::skp::indikator::{AspekIndikator, Indikator, Polaritas};
use crate::skp::rhk::{Perspektif, Rhk};
use crate::skp::{LampiranSkp, NilaiBerakhlak, RencanaSkp};

/// How an RHK changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JenisBeda {
    Ditambah,
    Dihapus,
    Diubah,
}

/// A field's value, typed: `{"teks": "…"}`, `{"target": {"min": 12, …}}`
/// (externally tagged: the browser reads it without buffering).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NilaiBeda {
    Teks(String),
    JenisRhk(JenisRhk),
    Aspek(AspekIndikator),
    Arah(Polaritas),
    Perspektif(Perspektif),
    Target {
        min: f64,
        max: f64,
        satuan: String,
    },
    /// The id of the atasan's RHK it intervenes.
    RhkAtasan(String),
    /// A pimpinan's special expectation on one BerAKHLAK value.
    Ekspektasi {
        nilai: NilaiBerakhlak,
        teks: String,
    },
}

/// One field that changed; `None` on a side where it is empty or absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BedaBidang {
    /// The indicator's number in its RHK (1-based; in the old plan for one
    /// removed) when the field is an indicator's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iki: Option<usize>,
    /// The field, as the form's field errors name it; `indikator` for a
    /// whole indicator added or removed (its description as the value).
    pub bidang: String,
    pub lama: Option<NilaiBeda>,
    pub baru: Option<NilaiBeda>,
}

/// One RHK that changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BedaRhk {
    pub rhk_id: String,
    /// Its number in the new plan (1-based; in the old one for an RHK removed).
    pub nomor: usize,
    pub jenis: JenisBeda,
    /// Its description (the old one for an RHK removed).
    pub uraian: String,
    /// The fields that changed (empty for an RHK added or removed).
    pub bidang: Vec<BedaBidang>,
}

/// Everything that changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BedaRencana {
    /// In the new plan's order, removed RHK last.
    pub rhk: Vec<BedaRhk>,
    /// How many RHK are the same in both.
    pub tetap: usize,
    /// The plan's other fields that changed: the lampiran, the pimpinan's
    /// special expectations, the approach.
    pub lampiran: Vec<BedaBidang>,
}

impl BedaRencana {
    pub fn kosong(&self) -> bool {
        self.rhk.is_empty() && self.lampiran.is_empty()
    }
}

/// What changed from `lama` to `baru`.
pub fn beda_rencana(lama: &RencanaSkp, baru: &RencanaSkp) -> BedaRencana {
    let mut hasil = BedaRencana::default();
    for (n, r) in baru.rhk().iter().enumerate() {
        let nomor = n + 1;
        match lama.rhk_by_id(r.id()) {
            None => hasil.rhk.push(BedaRhk {
                rhk_id: r.id().as_str().to_owned(),
                nomor,
                jenis: JenisBeda::Ditambah,
                uraian: r.uraian().to_owned(),
                bidang: Vec::new(),
            }),
            Some(l) => {
                let bidang = beda_rhk(l, r);
                if bidang.is_empty() {
                    hasil.tetap += 1;
                } else {
                    hasil.rhk.push(BedaRhk {
                        rhk_id: r.id().as_str().to_owned(),
                        nomor,
                        jenis: JenisBeda::Diubah,
                        uraian: r.uraian().to_owned(),
                        bidang,
                    });
                }
            }
        }
    }
    for (n, l) in lama.rhk().iter().enumerate() {
        if baru.rhk_by_id(l.id()).is_none() {
            hasil.rhk.push(BedaRhk {
                rhk_id: l.id().as_str().to_owned(),
                nomor: n + 1,
                jenis: JenisBeda::Dihapus,
                uraian: l.uraian().to_owned(),
                bidang: Vec::new(),
            });
        }
    }
    hasil.lampiran = beda_lampiran(lama.lampiran(), baru.lampiran());
    for nilai in NilaiBerakhlak::ALL {
        let ekspektasi = |r: &RencanaSkp| {
            r.ekspektasi_khusus().get(&nilai).map(|t| NilaiBeda::Ekspektasi { nilai, teks: t.clone() })
        };
        banding(&mut hasil.lampiran, None, "ekspektasi_khusus", ekspektasi(lama), ekspektasi(baru));
    }
    let pendekatan = |r: &RencanaSkp| {
        teks(match r.pendekatan() {
            crate::skp::PendekatanSkp::Kualitatif => "kualitatif",
            crate::skp::PendekatanSkp::Kuantitatif => "kuantitatif",
        })
    };
    banding(&mut hasil.lampiran, None, "pendekatan", pendekatan(lama), pendekatan(baru));
    hasil
}

fn teks(s: &str) -> Option<NilaiBeda> {
    (!s.is_empty()).then(|| NilaiBeda::Teks(s.to_owned()))
}

/// Adds the field when its values differ.
fn banding(
    out: &mut Vec<BedaBidang>,
    iki: Option<usize>,
    bidang: &str,
    lama: Option<NilaiBeda>,
    baru: Option<NilaiBeda>,
) {
    if lama != baru {
        out.push(BedaBidang { iki, bidang: bidang.to_owned(), lama, baru });
    }
}

fn beda_rhk(lama: &Rhk, baru: &Rhk) -> Vec<BedaBidang> {
    let mut out = Vec::new();
    banding(&mut out, None, "uraian", teks(lama.uraian()), teks(baru.uraian()));
    banding(&mut out, None, "jenis", Some(NilaiBeda::JenisRhk(lama.jenis())), Some(NilaiBeda::JenisRhk(baru.jenis())));
    let atasan = |r: &Rhk| r.rhk_atasan().map(|id| NilaiBeda::RhkAtasan(id.as_str().to_owned()));
    banding(&mut out, None, "rhk_atasan_id", atasan(lama), atasan(baru));
    banding(
        &mut out,
        None,
        "perspektif",
        lama.perspektif().map(NilaiBeda::Perspektif),
        baru.perspektif().map(NilaiBeda::Perspektif),
    );
    for (k, i) in baru.indikator().iter().enumerate() {
        let iki = Some(k + 1);
        match lama.indikator().iter().find(|l| l.id() == i.id()) {
            None => banding(&mut out, iki, "indikator", None, teks(i.uraian())),
            Some(l) => beda_indikator(&mut out, iki, l, i),
        }
    }
    for (k, l) in lama.indikator().iter().enumerate() {
        if !baru.indikator().iter().any(|i| i.id() == l.id()) {
            banding(&mut out, Some(k + 1), "indikator", teks(l.uraian()), None);
        }
    }
    out
}

fn beda_indikator(out: &mut Vec<BedaBidang>, iki: Option<usize>, lama: &Indikator, baru: &Indikator) {
    banding(out, iki, "uraian", teks(lama.uraian()), teks(baru.uraian()));
    banding(out, iki, "aspek", Some(NilaiBeda::Aspek(lama.aspek())), Some(NilaiBeda::Aspek(baru.aspek())));
    let target = |i: &Indikator| {
        let t = i.target();
        Some(NilaiBeda::Target { min: t.min(), max: t.max(), satuan: i.satuan().to_owned() })
    };
    banding(out, iki, "target", target(lama), target(baru));
    banding(out, iki, "polaritas", Some(NilaiBeda::Arah(lama.polaritas())), Some(NilaiBeda::Arah(baru.polaritas())));
}

fn beda_lampiran(lama: &LampiranSkp, baru: &LampiranSkp) -> Vec<BedaBidang> {
    let mut out = Vec::new();
    let gabung = |v: &[String]| teks(&v.join("; "));
    for (bidang, l, b) in [
        ("lampiran.dukungan_sumber_daya", &lama.dukungan_sumber_daya, &baru.dukungan_sumber_daya),
        ("lampiran.skema_pertanggungjawaban", &lama.skema_pertanggungjawaban, &baru.skema_pertanggungjawaban),
        ("lampiran.konsekuensi", &lama.konsekuensi, &baru.konsekuensi),
    ] {
        banding(&mut out, None, bidang, gabung(l), gabung(b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pegawai::JenisJabatan;
    use crate::skp::{IndikatorInput, RhkInput, SkpInput};

    fn iki(id: &str, uraian: &str, target: &str) -> IndikatorInput {
        IndikatorInput {
            id: id.into(),
            uraian: uraian.into(),
            target: target.into(),
            satuan: "dokumen".into(),
            ..IndikatorInput::default()
        }
    }

    fn rhk(id: &str, uraian: &str, ikis: Vec<IndikatorInput>) -> RhkInput {
        RhkInput {
            id: id.into(),
            uraian: uraian.into(),
            jenis: JenisRhk::Utama,
            indikator: ikis,
            ..RhkInput::default()
        }
    }

    fn rencana(rhk: Vec<RhkInput>, konsekuensi: &[&str]) -> RencanaSkp {
        let mut input = SkpInput { rhk, ..SkpInput::default() };
        input.lampiran.konsekuensi = konsekuensi.iter().map(|s| (*s).to_owned()).collect();
        input.validate(JenisJabatan::Pelaksana).expect("a valid plan")
    }

    #[test]
    fn a_plan_compared_with_itself_has_no_changes() {
        let r = rencana(vec![rhk("a", "Laporan", vec![iki("a1", "Laporan selesai", "12")])], &["Teguran"]);
        let b = beda_rencana(&r, &r);
        assert!(b.kosong());
        assert_eq!(b.tetap, 1);
    }

    #[test]
    fn changes_are_listed_per_rhk_by_id_with_old_and_new_values() {
        let lama = rencana(
            vec![
                rhk("a", "Laporan bulanan", vec![iki("a1", "Laporan selesai", "12"), iki("a2", "Tepat waktu", "10")]),
                rhk("b", "Layanan", vec![iki("b1", "Permohonan diproses", "100")]),
                rhk("c", "Arsip", vec![iki("c1", "Berkas diarsipkan", "50")]),
            ],
            &["Teguran"],
        );
        let mut a1 = iki("a1", "Laporan selesai", "12");
        a1.polaritas = Polaritas::Khusus;
        let baru = rencana(
            vec![
                rhk("d", "Survei kepuasan", vec![iki("d1", "Survei terlaksana", "1")]),
                rhk("a", "Laporan bulanan yang terverifikasi", vec![iki("a3", "Laporan diverifikasi", "12"), a1]),
                rhk("b", "Layanan", vec![iki("b1", "Permohonan diproses", "100")]),
            ],
            &["Teguran", "Pemotongan tunjangan"],
        );
        let b = beda_rencana(&lama, &baru);
        assert_eq!(b.tetap, 1, "b is the same");
        let ringkas: Vec<(&str, usize, JenisBeda)> =
            b.rhk.iter().map(|r| (r.rhk_id.as_str(), r.nomor, r.jenis)).collect();
        assert_eq!(ringkas, [("d", 1, JenisBeda::Ditambah), ("a", 2, JenisBeda::Diubah), ("c", 3, JenisBeda::Dihapus)]);
        assert_eq!(b.rhk[2].uraian, "Arsip", "a removed RHK is named by its old description");
        let a = &b.rhk[1];
        let bidang: Vec<(Option<usize>, &str)> = a.bidang.iter().map(|f| (f.iki, f.bidang.as_str())).collect();
        assert_eq!(
            bidang,
            [(None, "uraian"), (Some(1), "indikator"), (Some(2), "polaritas"), (Some(2), "indikator")],
            "{a:?}"
        );
        assert_eq!(a.bidang[0].lama, Some(NilaiBeda::Teks("Laporan bulanan".into())));
        assert_eq!(a.bidang[0].baru, Some(NilaiBeda::Teks("Laporan bulanan yang terverifikasi".into())));
        assert_eq!(
            (&a.bidang[1].lama, &a.bidang[1].baru),
            (&None, &Some(NilaiBeda::Teks("Laporan diverifikasi".into())))
        );
        assert_eq!(a.bidang[2].baru, Some(NilaiBeda::Arah(Polaritas::Khusus)));
        assert_eq!((&a.bidang[3].lama, &a.bidang[3].baru), (&Some(NilaiBeda::Teks("Tepat waktu".into())), &None));
        assert_eq!(b.lampiran.len(), 1);
        assert_eq!(b.lampiran[0].bidang, "lampiran.konsekuensi");
        assert_eq!(b.lampiran[0].baru, Some(NilaiBeda::Teks("Teguran; Pemotongan tunjangan".into())));
    }

    #[test]
    fn the_pimpinan_s_expectations_and_the_approach_are_compared_too() {
        let lama = rencana(vec![rhk("a", "Laporan", vec![iki("a1", "Laporan selesai", "12")])], &[]);
        let mut input = SkpInput {
            rhk: vec![rhk("a", "Laporan", vec![iki("a1", "Laporan selesai", "12")])],
            pendekatan: crate::skp::PendekatanSkp::Kualitatif,
            ..SkpInput::default()
        };
        input.ekspektasi_khusus.push(crate::skp::EkspektasiKhususInput {
            nilai: NilaiBerakhlak::Akuntabel,
            uraian: "Laporan tepat waktu".into(),
        });
        let baru = input.validate(JenisJabatan::Pelaksana).expect("a valid plan");
        let b = beda_rencana(&lama, &baru);
        assert!(!b.kosong(), "not 'nothing changed'");
        assert!(b.rhk.is_empty());
        let bidang: Vec<&str> = b.lampiran.iter().map(|f| f.bidang.as_str()).collect();
        assert_eq!(bidang, ["ekspektasi_khusus", "pendekatan"]);
        assert_eq!(
            b.lampiran[0].baru,
            Some(NilaiBeda::Ekspektasi { nilai: NilaiBerakhlak::Akuntabel, teks: "Laporan tepat waktu".into() })
        );
        assert_eq!(b.lampiran[1].lama, Some(NilaiBeda::Teks("kuantitatif".into())));
    }

    #[test]
    fn a_target_change_carries_both_bounds_and_the_unit() {
        let lama = rencana(vec![rhk("a", "Laporan", vec![iki("a1", "Laporan selesai", "12")])], &[]);
        let mut i = iki("a1", "Laporan selesai", "10");
        i.target_maks = "12".into();
        let baru = rencana(vec![rhk("a", "Laporan", vec![i])], &[]);
        let b = beda_rencana(&lama, &baru);
        let f = &b.rhk[0].bidang[0];
        assert_eq!((f.iki, f.bidang.as_str()), (Some(1), "target"));
        assert_eq!(f.lama, Some(NilaiBeda::Target { min: 12.0, max: 12.0, satuan: "dokumen".into() }));
        assert_eq!(f.baru, Some(NilaiBeda::Target { min: 10.0, max: 12.0, satuan: "dokumen".into() }));
    }
}
