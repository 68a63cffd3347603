//! The numeric evaluation of the former rule sets (RULES.md §2.2, §2.3): a
//! period under PermenPANRB 8/2021 gives a nilai kinerja 0–120 and its
//! predikat, one under PP 46/2011 a nilai prestasi kerja and its sebutan.
//! The hasil kerja part is the SKP's own number from the stored realisations
//! (the realisations' preview); the pejabat penilai gives the perilaku
//! aspects and what only they know (8/2021: an innovation, whether behaviour
//! was assessed with peers and subordinates; PP 46/2011: tugas tambahan and
//! kreativitas). The server records it, the browser previews it, both with
//! [`PenilaianLamaInput::validate`].
//!
//! Choices where the sources are silent, each beside its code: the 8/2021
//! perilaku is the mean of its aspects as PP 46/2011's is
//! ([`AspekPerilaku`]); *kepemimpinan* is given for structural officials only,
//! in both rule sets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, teks_opsional};
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_8_2021::{self, NilaiKinerja, PredikatKinerja};
use crate::rule_set::pp_46_2011::{self, CapaianSkp, NILAI_KREATIVITAS_MAKSIMAL, PerilakuKerja, PrestasiKerja};
use crate::rule_set::{RuleSet, angka_persis};
use crate::skp::indikator::MAKS_URAIAN;
use crate::skp::preview::{Kendala, SkpPreview};
use crate::teks::{Penjelasan, Teks};

/// An aspect of perilaku kerja under a former rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AspekPerilaku {
    OrientasiPelayanan,
    Integritas,
    Komitmen,
    Disiplin,
    InisiatifKerja,
    KerjaSama,
    Kepemimpinan,
}

impl AspekPerilaku {
    pub const ALL: [AspekPerilaku; 7] = [
        AspekPerilaku::OrientasiPelayanan,
        AspekPerilaku::Integritas,
        AspekPerilaku::Komitmen,
        AspekPerilaku::Disiplin,
        AspekPerilaku::InisiatifKerja,
        AspekPerilaku::KerjaSama,
        AspekPerilaku::Kepemimpinan,
    ];

    /// The aspects of a rule set, in the form's order: PP 46/2011 (Perka BKN
    /// 1/2013) orientasi pelayanan, integritas, komitmen, disiplin, kerja
    /// sama, kepemimpinan; PP 30/2019 with PermenPANRB 8/2021 orientasi
    /// pelayanan, komitmen, inisiatif kerja, kerja sama, kepemimpinan.
    /// Nothing for PermenPANRB 6/2022, which rates perilaku qualitatively.
    pub fn untuk(rule_set: RuleSet) -> &'static [AspekPerilaku] {
        use AspekPerilaku::*;
        match rule_set {
            RuleSet::Pp46_2011 => &[OrientasiPelayanan, Integritas, Komitmen, Disiplin, KerjaSama, Kepemimpinan],
            RuleSet::Permenpanrb8_2021 => &[OrientasiPelayanan, Komitmen, InisiatifKerja, KerjaSama, Kepemimpinan],
            RuleSet::Permenpanrb6_2022 => &[],
        }
    }

    pub fn kode(self) -> &'static str {
        match self {
            AspekPerilaku::OrientasiPelayanan => "orientasi_pelayanan",
            AspekPerilaku::Integritas => "integritas",
            AspekPerilaku::Komitmen => "komitmen",
            AspekPerilaku::Disiplin => "disiplin",
            AspekPerilaku::InisiatifKerja => "inisiatif_kerja",
            AspekPerilaku::KerjaSama => "kerja_sama",
            AspekPerilaku::Kepemimpinan => "kepemimpinan",
        }
    }

    pub fn from_kode(kode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.kode() == kode.trim())
    }

    pub fn label(self) -> Teks {
        match self {
            AspekPerilaku::OrientasiPelayanan => Teks::new("Orientasi pelayanan", "Service orientation"),
            AspekPerilaku::Integritas => Teks::new("Integritas", "Integrity"),
            AspekPerilaku::Komitmen => Teks::new("Komitmen", "Commitment"),
            AspekPerilaku::Disiplin => Teks::new("Disiplin", "Discipline"),
            AspekPerilaku::InisiatifKerja => Teks::new("Inisiatif kerja", "Initiative"),
            AspekPerilaku::KerjaSama => Teks::new("Kerja sama", "Teamwork"),
            AspekPerilaku::Kepemimpinan => Teks::new("Kepemimpinan", "Leadership"),
        }
    }

    /// **Choice:** *kepemimpinan* is scored for structural officials only
    /// (RULES.md §2.3.3; the same in the 8/2021 form): left empty, the mean is
    /// over the other aspects. Every other aspect is required.
    pub fn wajib(self) -> bool {
        self != AspekPerilaku::Kepemimpinan
    }
}

/// The highest score of a perilaku aspect: 100 under PP 46/2011, 120 under
/// PermenPANRB 8/2021 (the same scale as its nilai SKP).
pub fn nilai_perilaku_maksimal(rule_set: RuleSet) -> f64 {
    match rule_set {
        RuleSet::Permenpanrb8_2021 => 120.0,
        RuleSet::Pp46_2011 | RuleSet::Permenpanrb6_2022 => 100.0,
    }
}

/// The SKP's own part of a former rule set's evaluation, from the stored
/// realisations (the preview of the evaluation): what the rater's numbers
/// are combined with. The server sends it with the rating form, so that the
/// browser's preview is the server's sum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DasarLama {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub rule_set: RuleSet,
    /// PP 46/2011: the nilai capaian of each kegiatan that has one.
    #[serde(default)]
    pub nilai_kegiatan: Vec<f64>,
    /// PermenPANRB 8/2021: the nilai SKP, once an RHK utama has a nilai.
    #[serde(default)]
    pub nilai_skp: Option<f64>,
    /// What kept the SKP's number from being computed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub kendala: Vec<Kendala>,
}

impl DasarLama {
    /// The SKP's part from a preview computed without tugas tambahan and
    /// kreativitas (the rater adds those). `None` for PermenPANRB 6/2022.
    pub fn dari(preview: &SkpPreview) -> Option<DasarLama> {
        match preview {
            SkpPreview::Permenpanrb6_2022(_) => None,
            SkpPreview::Permenpanrb8_2021(p) => Some(DasarLama {
                rule_set: RuleSet::Permenpanrb8_2021,
                nilai_kegiatan: Vec::new(),
                nilai_skp: p.nilai,
                kendala: p.kendala.clone(),
            }),
            SkpPreview::Pp46_2011(p) => Some(DasarLama {
                rule_set: RuleSet::Pp46_2011,
                nilai_kegiatan: p.rhk.iter().filter_map(|r| r.hasil.pp_46_2011()?.nilai).collect(),
                nilai_skp: None,
                kendala: p.kendala.clone(),
            }),
        }
    }
}

/// The rater's form under a former rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenilaianLamaInput {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub evaluasi: PeriodeEvaluasi,
    /// Aspect code ([`AspekPerilaku::kode`]) → score: 0–100 under PP
    /// 46/2011, 0–120 under PermenPANRB 8/2021; `kepemimpinan` only for
    /// structural officials.
    #[serde(default)]
    pub perilaku: BTreeMap<String, f64>,
    /// PermenPANRB 8/2021: the instansi assessed behaviour with peers and
    /// subordinates (weights 60/40 instead of 70/30).
    #[serde(default)]
    pub perilaku_dari_rekan: bool,
    /// PermenPANRB 8/2021: the pegawai created a new idea or method that
    /// benefits the organisation (needed for *Sangat Baik*).
    #[serde(default)]
    pub inovasi: bool,
    /// PP 46/2011: the number of tugas tambahan done.
    #[serde(default)]
    pub jumlah_tugas_tambahan: u32,
    /// PP 46/2011: the kreativitas score 0–12.
    #[serde(default)]
    pub nilai_kreativitas: f64,
    #[serde(default)]
    pub catatan: String,
    #[serde(default)]
    pub rekomendasi: String,
}

impl PenilaianLamaInput {
    /// An empty form for an evaluation.
    pub fn kosong(evaluasi: PeriodeEvaluasi) -> Self {
        PenilaianLamaInput {
            evaluasi,
            perilaku: BTreeMap::new(),
            perilaku_dari_rekan: false,
            inovasi: false,
            jumlah_tugas_tambahan: 0,
            nilai_kreativitas: 0.0,
            catatan: String::new(),
            rekomendasi: String::new(),
        }
    }

    /// The rating with the SKP's part (`dasar`), every field error at once:
    /// a missing or out-of-range aspect, an aspect of another rule set, a
    /// kreativitas above 12, a field of the other former rule set, texts
    /// too long, and an SKP with no number yet (`nilai_skp`).
    pub fn validate(&self, dasar: &DasarLama) -> Result<PenilaianLama, FieldErrors> {
        let rule_set = dasar.rule_set;
        let mut e = FieldErrors::new();
        let aspek = AspekPerilaku::untuk(rule_set);
        if aspek.is_empty() {
            e.push(
                "evaluasi",
                "Periode ini dinilai dengan PermenPANRB 6/2022 (predikat), bukan dengan nilai angka.",
                "This period is rated under PermenPANRB 6/2022 (predicates), not with numbers.",
            );
            return Err(e);
        }
        let maks = nilai_perilaku_maksimal(rule_set);
        let mut perilaku = BTreeMap::new();
        for (kode, nilai) in &self.perilaku {
            match AspekPerilaku::from_kode(kode).filter(|a| aspek.contains(a)) {
                None => {
                    e.push(
                        format!("perilaku.{kode}"),
                        "Bukan aspek perilaku kerja pada aturan periode ini.",
                        "Not a work-behaviour aspect of this period's rules.",
                    );
                }
                Some(a) if !(nilai.is_finite() && (0.0..=maks).contains(nilai)) => {
                    let m = angka_persis(maks);
                    e.push(
                        format!("perilaku.{}", a.kode()),
                        format!("Nilai harus dari 0 sampai {}.", m.id),
                        format!("The score must be from 0 to {}.", m.en),
                    );
                }
                Some(a) => {
                    perilaku.insert(a, *nilai);
                }
            }
        }
        for a in aspek.iter().filter(|a| a.wajib() && !self.perilaku.keys().any(|k| k.trim() == a.kode())) {
            e.push(format!("perilaku.{}", a.kode()), "Wajib diisi.", "Required.");
        }
        let catatan = teks_opsional(&mut e, "catatan", &self.catatan, MAKS_URAIAN);
        let rekomendasi = teks_opsional(&mut e, "rekomendasi", &self.rekomendasi, MAKS_URAIAN);
        let lain = |e: &mut FieldErrors, field: &str| {
            e.push(
                field,
                "Isian ini tidak berlaku pada aturan periode ini.",
                "This field does not apply under this period's rules.",
            );
        };
        match rule_set {
            RuleSet::Pp46_2011 => {
                if self.inovasi {
                    lain(&mut e, "inovasi");
                }
                if self.perilaku_dari_rekan {
                    lain(&mut e, "perilaku_dari_rekan");
                }
                if !(self.nilai_kreativitas.is_finite()
                    && (0.0..=NILAI_KREATIVITAS_MAKSIMAL).contains(&self.nilai_kreativitas))
                {
                    e.push(
                        "nilai_kreativitas",
                        "Nilai kreativitas dari 0 sampai 12 (3 unit kerja, 6 instansi, 12 nasional).",
                        "The creativity score is 0 to 12 (3 work unit, 6 agency, 12 national).",
                    );
                }
            }
            RuleSet::Permenpanrb8_2021 => {
                if self.jumlah_tugas_tambahan != 0 {
                    lain(&mut e, "jumlah_tugas_tambahan");
                }
                if self.nilai_kreativitas != 0.0 {
                    lain(&mut e, "nilai_kreativitas");
                }
            }
            RuleSet::Permenpanrb6_2022 => {}
        }
        let belum_ada_nilai = || {
            Teks::new(
                "SKP ini belum memiliki nilai: isi dulu realisasinya untuk periode evaluasi ini.",
                "This SKP has no score yet: its realisations for this evaluation come first.",
            )
        };
        let hasil = match rule_set {
            RuleSet::Pp46_2011 => {
                let capaian = pp_46_2011::compute_capaian_skp(
                    &dasar.nilai_kegiatan,
                    self.jumlah_tugas_tambahan,
                    self.nilai_kreativitas.clamp(0.0, NILAI_KREATIVITAS_MAKSIMAL),
                );
                match capaian {
                    Err(pp_46_2011::PrestasiKerjaError::TidakAdaKegiatan) => {
                        e.add("nilai_skp", belum_ada_nilai());
                        None
                    }
                    Err(err) => {
                        e.add("nilai_skp", err.pesan());
                        None
                    }
                    Ok(capaian) => {
                        let nilai = |a: AspekPerilaku| perilaku.get(&a).copied().unwrap_or(0.0);
                        let p = PerilakuKerja {
                            orientasi_pelayanan: nilai(AspekPerilaku::OrientasiPelayanan),
                            integritas: nilai(AspekPerilaku::Integritas),
                            komitmen: nilai(AspekPerilaku::Komitmen),
                            disiplin: nilai(AspekPerilaku::Disiplin),
                            kerja_sama: nilai(AspekPerilaku::KerjaSama),
                            kepemimpinan: perilaku.get(&AspekPerilaku::Kepemimpinan).copied(),
                        };
                        pp_46_2011::compute_prestasi_kerja(capaian.nilai_capaian_skp, &p)
                            .map_err(|err| e.add("perilaku", err.pesan()))
                            .ok()
                            .map(|prestasi| HasilLama::Pp46_2011 { capaian, prestasi })
                    }
                }
            }
            RuleSet::Permenpanrb8_2021 => match dasar.nilai_skp {
                None => {
                    e.add("nilai_skp", belum_ada_nilai());
                    None
                }
                // A missing aspect is named above.
                Some(_) if perilaku.is_empty() => None,
                Some(nilai_skp) => {
                    let rata = perilaku.values().sum::<f64>() / perilaku.len() as f64;
                    permenpanrb_8_2021::compute_nilai_kinerja(nilai_skp, rata, self.perilaku_dari_rekan, self.inovasi)
                        .map_err(|err| e.add("nilai_skp", err.pesan()))
                        .ok()
                        .map(HasilLama::Permenpanrb8_2021)
                }
            },
            RuleSet::Permenpanrb6_2022 => None,
        };
        match (hasil, catatan, rekomendasi) {
            (Some(hasil), Some(catatan), Some(rekomendasi)) if e.is_empty() => Ok(PenilaianLama {
                evaluasi: self.evaluasi,
                rule_set,
                perilaku,
                perilaku_dari_rekan: self.perilaku_dari_rekan,
                inovasi: self.inovasi,
                jumlah_tugas_tambahan: self.jumlah_tugas_tambahan,
                hasil,
                catatan,
                rekomendasi,
            }),
            _ => Err(e),
        }
    }
}

/// What a former rule set computes. On the wire
/// `{"jenis":"permenpanrb_8_2021", …NilaiKinerja}` or
/// `{"jenis":"pp_46_2011","capaian":…,"prestasi":…}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "jenis")]
pub enum HasilLama {
    /// Nilai kinerja = 70% (60%) nilai SKP + 30% (40%) nilai perilaku, and its predikat.
    #[serde(rename = "permenpanrb_8_2021")]
    Permenpanrb8_2021(NilaiKinerja),
    /// Nilai capaian SKP (with tugas tambahan and kreativitas), nilai
    /// prestasi kerja = 60% SKP + 40% perilaku, and the sebutan.
    #[serde(rename = "pp_46_2011")]
    Pp46_2011 { capaian: CapaianSkp, prestasi: PrestasiKerja },
}

/// The wire form read as a plain struct, as `PeriodeEvaluasi` is: serde's
/// derive for an internally tagged enum buffers the whole value first and
/// reads every field through that buffer, code the pegawai's first load
/// (`/evaluasi`) would carry for this one type.
impl<'de> Deserialize<'de> for HasilLama {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        enum Jenis {
            #[serde(rename = "permenpanrb_8_2021")]
            Permenpanrb8_2021,
            #[serde(rename = "pp_46_2011")]
            Pp46_2011,
        }
        #[derive(Deserialize)]
        struct Wujud {
            jenis: Jenis,
            capaian: Option<CapaianSkp>,
            prestasi: Option<PrestasiKerja>,
            nilai_skp: Option<f64>,
            nilai_perilaku: Option<f64>,
            bobot_skp: Option<u8>,
            bobot_perilaku: Option<u8>,
            nilai_kinerja: Option<f64>,
            predikat: Option<PredikatKinerja>,
            penjelasan: Option<Penjelasan>,
        }
        fn ada<T, E: serde::de::Error>(x: Option<T>, field: &'static str) -> Result<T, E> {
            x.ok_or_else(|| E::missing_field(field))
        }
        let w = Wujud::deserialize(d)?;
        Ok(match w.jenis {
            Jenis::Pp46_2011 => {
                HasilLama::Pp46_2011 { capaian: ada(w.capaian, "capaian")?, prestasi: ada(w.prestasi, "prestasi")? }
            }
            Jenis::Permenpanrb8_2021 => HasilLama::Permenpanrb8_2021(NilaiKinerja {
                nilai_skp: ada(w.nilai_skp, "nilai_skp")?,
                nilai_perilaku: ada(w.nilai_perilaku, "nilai_perilaku")?,
                bobot_skp: ada(w.bobot_skp, "bobot_skp")?,
                bobot_perilaku: ada(w.bobot_perilaku, "bobot_perilaku")?,
                nilai_kinerja: ada(w.nilai_kinerja, "nilai_kinerja")?,
                predikat: ada(w.predikat, "predikat")?,
                penjelasan: ada(w.penjelasan, "penjelasan")?,
            }),
        })
    }
}

/// A recorded evaluation under a former rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PenilaianLama {
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    perilaku: BTreeMap<AspekPerilaku, f64>,
    perilaku_dari_rekan: bool,
    inovasi: bool,
    jumlah_tugas_tambahan: u32,
    hasil: HasilLama,
    catatan: String,
    rekomendasi: String,
}

impl PenilaianLama {
    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        self.evaluasi
    }
    pub fn rule_set(&self) -> RuleSet {
        self.rule_set
    }
    /// The aspect scores given.
    pub fn perilaku(&self) -> &BTreeMap<AspekPerilaku, f64> {
        &self.perilaku
    }
    pub fn perilaku_dari_rekan(&self) -> bool {
        self.perilaku_dari_rekan
    }
    pub fn inovasi(&self) -> bool {
        self.inovasi
    }
    pub fn jumlah_tugas_tambahan(&self) -> u32 {
        self.jumlah_tugas_tambahan
    }
    pub fn hasil(&self) -> &HasilLama {
        &self.hasil
    }
    pub fn catatan(&self) -> &str {
        &self.catatan
    }
    pub fn rekomendasi(&self) -> &str {
        &self.rekomendasi
    }

    /// The final number: nilai kinerja (8/2021) or nilai prestasi kerja (PP 46/2011).
    pub fn nilai(&self) -> f64 {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => n.nilai_kinerja,
            HasilLama::Pp46_2011 { prestasi, .. } => prestasi.nilai_prestasi_kerja,
        }
    }

    /// The SKP's number: nilai SKP (8/2021) or nilai capaian SKP (PP 46/2011).
    pub fn nilai_skp(&self) -> f64 {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => n.nilai_skp,
            HasilLama::Pp46_2011 { capaian, .. } => capaian.nilai_capaian_skp,
        }
    }

    /// The nilai perilaku (the mean of the aspects).
    pub fn nilai_perilaku(&self) -> f64 {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => n.nilai_perilaku,
            HasilLama::Pp46_2011 { prestasi, .. } => prestasi.nilai_perilaku,
        }
    }

    /// The percent weights of the SKP's number and of the nilai perilaku in
    /// the final nilai: PermenPANRB 8/2021's as applied (70/30, or 60/40
    /// with peers' and subordinates' input), PP 46/2011's 60/40.
    pub fn bobot(&self) -> (u8, u8) {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => (n.bobot_skp, n.bobot_perilaku),
            HasilLama::Pp46_2011 { .. } => (60, 40),
        }
    }

    /// The predikat (8/2021) or the sebutan (PP 46/2011), in both languages.
    pub fn sebutan(&self) -> Teks {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => n.predikat.label(),
            HasilLama::Pp46_2011 { prestasi, .. } => prestasi.sebutan.label(),
        }
    }

    /// How the numbers were reached, step by step.
    pub fn penjelasan(&self) -> Vec<&Penjelasan> {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => vec![&n.penjelasan],
            HasilLama::Pp46_2011 { capaian, prestasi } => vec![&capaian.penjelasan, &prestasi.penjelasan],
        }
    }

    /// The predikat's or sebutan's wire code (`sangat_baik`, …, `buruk`).
    pub fn kode_sebutan(&self) -> &'static str {
        match &self.hasil {
            HasilLama::Permenpanrb8_2021(n) => n.predikat.kode(),
            HasilLama::Pp46_2011 { prestasi, .. } => prestasi.sebutan.kode(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_set::permenpanrb_8_2021::PredikatKinerja;
    use crate::rule_set::pp_46_2011::Sebutan;

    fn dasar_46(kegiatan: &[f64]) -> DasarLama {
        DasarLama { rule_set: RuleSet::Pp46_2011, nilai_kegiatan: kegiatan.to_vec(), nilai_skp: None, kendala: vec![] }
    }

    fn dasar_8(nilai_skp: Option<f64>) -> DasarLama {
        DasarLama { rule_set: RuleSet::Permenpanrb8_2021, nilai_kegiatan: vec![], nilai_skp, kendala: vec![] }
    }

    fn input(aspek: &[(&str, f64)]) -> PenilaianLamaInput {
        PenilaianLamaInput {
            perilaku: aspek.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            ..PenilaianLamaInput::kosong(PeriodeEvaluasi::Tahunan)
        }
    }

    const PERILAKU_46: [(&str, f64); 5] = [
        ("orientasi_pelayanan", 80.0),
        ("integritas", 85.0),
        ("komitmen", 90.0),
        ("disiplin", 75.0),
        ("kerja_sama", 80.0),
    ];

    #[test]
    fn pp_46_gives_the_prestasi_kerja_and_its_sebutan() {
        // Kegiatan 88.67 and 91.33: mean 90; 2 tugas tambahan (+1), kreativitas 3: SKP 94.
        // Perilaku mean (80 + 85 + 90 + 75 + 80) / 5 = 82. 60% × 94 + 40% × 82 = 89.2: Baik.
        let mut i = input(&PERILAKU_46);
        i.jumlah_tugas_tambahan = 2;
        i.nilai_kreativitas = 3.0;
        let p = i.validate(&dasar_46(&[88.67, 91.33])).unwrap();
        assert!((p.nilai_skp() - 94.0).abs() < 1e-9, "{}", p.nilai_skp());
        assert!((p.nilai_perilaku() - 82.0).abs() < 1e-9);
        assert!((p.nilai() - 89.2).abs() < 1e-9, "{}", p.nilai());
        assert_eq!(p.kode_sebutan(), "baik");
        assert_eq!(p.sebutan().id, "Baik");
        assert_eq!(p.bobot(), (60, 40));
        let HasilLama::Pp46_2011 { prestasi, .. } = p.hasil() else { panic!("PP 46/2011") };
        assert_eq!(prestasi.sebutan, Sebutan::Baik);
        // Kepemimpinan for a structural official counts in the mean: (410 + 100) / 6 = 85.
        let mut s = input(&PERILAKU_46);
        s.perilaku.insert("kepemimpinan".into(), 100.0);
        let p = s.validate(&dasar_46(&[90.0])).unwrap();
        assert!((p.nilai_perilaku() - 85.0).abs() < 1e-9);
    }

    #[test]
    fn permenpanrb_8_2021_weights_and_needs_inovasi_for_sangat_baik() {
        let aspek =
            [("orientasi_pelayanan", 112.0), ("komitmen", 112.0), ("inisiatif_kerja", 112.0), ("kerja_sama", 112.0)];
        let p = input(&aspek).validate(&dasar_8(Some(115.0))).unwrap();
        // 70% × 115 + 30% × 112 = 114.1, without an innovation: Baik.
        assert_eq!(p.nilai(), 114.1);
        let HasilLama::Permenpanrb8_2021(n) = p.hasil() else { panic!("8/2021") };
        assert_eq!((n.bobot_skp, n.predikat), (70, PredikatKinerja::Baik));
        assert_eq!(p.bobot(), (70, 30));
        let mut i = input(&aspek);
        i.inovasi = true;
        i.perilaku_dari_rekan = true;
        let p = i.validate(&dasar_8(Some(115.0))).unwrap();
        // 60% × 115 + 40% × 112 = 113.8, with an innovation: Sangat Baik.
        assert_eq!((p.nilai(), p.kode_sebutan(), p.bobot()), (113.8, "sangat_baik", (60, 40)));
    }

    #[test]
    fn every_field_error_is_named_at_once() {
        let mut i = input(&[("orientasi_pelayanan", 101.0), ("inisiatif_kerja", 80.0), ("integritas", f64::NAN)]);
        i.inovasi = true;
        i.nilai_kreativitas = 13.0;
        let e = i.validate(&dasar_46(&[90.0])).unwrap_err();
        let fields: Vec<_> = e.fields().collect();
        for f in [
            "perilaku.orientasi_pelayanan",
            "perilaku.inisiatif_kerja",
            "perilaku.integritas",
            "perilaku.komitmen",
            "perilaku.disiplin",
            "perilaku.kerja_sama",
            "inovasi",
            "nilai_kreativitas",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        assert!(!fields.contains(&"perilaku.kepemimpinan"), "kepemimpinan is optional: {fields:?}");
        // 8/2021 scores run to 120; PP 46/2011's fields are refused there.
        let mut j = input(&[("orientasi_pelayanan", 120.0), ("komitmen", 121.0)]);
        j.jumlah_tugas_tambahan = 1;
        let e = j.validate(&dasar_8(Some(100.0))).unwrap_err();
        let fields: Vec<_> = e.fields().collect();
        assert!(fields.contains(&"perilaku.komitmen") && fields.contains(&"jumlah_tugas_tambahan"), "{fields:?}");
        assert!(!fields.contains(&"perilaku.orientasi_pelayanan"), "{fields:?}");
    }

    #[test]
    fn an_skp_without_a_number_cannot_be_rated_yet() {
        let e = input(&PERILAKU_46).validate(&dasar_46(&[])).unwrap_err();
        assert!(e.contains("nilai_skp"), "{e:?}");
        let e = input(&[]).validate(&dasar_8(None)).unwrap_err();
        assert!(e.contains("nilai_skp"), "{e:?}");
        let dasar_6 = DasarLama { rule_set: RuleSet::Permenpanrb6_2022, ..dasar_8(Some(100.0)) };
        assert!(input(&[]).validate(&dasar_6).unwrap_err().contains("evaluasi"));
    }

    #[test]
    fn the_record_reads_back_as_written() {
        let aspek_8 =
            [("orientasi_pelayanan", 100.0), ("komitmen", 100.0), ("inisiatif_kerja", 90.0), ("kerja_sama", 95.0)];
        for p in [
            input(&PERILAKU_46).validate(&dasar_46(&[90.0])).unwrap(),
            input(&aspek_8).validate(&dasar_8(Some(110.0))).unwrap(),
        ] {
            let json = serde_json::to_value(&p).unwrap();
            assert!(json["hasil"]["jenis"].is_string(), "{json}");
            let kembali: PenilaianLama = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(kembali, p);
            // A field of the rule set missing is named.
            let mut rusak = json;
            let hilang = if p.rule_set() == RuleSet::Pp46_2011 { "prestasi" } else { "predikat" };
            rusak["hasil"].as_object_mut().unwrap().remove(hilang);
            let e = serde_json::from_value::<PenilaianLama>(rusak).unwrap_err().to_string();
            assert!(e.contains(hilang), "{e}");
        }
    }
}
