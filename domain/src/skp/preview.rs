//! The instant preview shown while a pegawai types realisations or a penilai
//! rates: the same code runs in the browser (WASM) and on the server
//! (DESIGN.md "Data flow").
//!
//! Every rule set compares each realisation with its target
//! ([`permenpanrb_6_2022::rating_indikator`]), and then computes what its regulation computes, in
//! its own preview ([`RuleSetPreview`], implemented in `rule_set/<name>.rs`):
//!
//! | rule set | per indicator | per RHK | per SKP |
//! |---|---|---|---|
//! | PermenPANRB 6/2022 ([`permenpanrb_6_2022::Preview`]) | rating | the weakest rating | advisory rating hasil kerja, kuadran predikat, angka kredit ([`PreviewOptions::jenjang`]) |
//! | PermenPANRB 8/2021 ([`permenpanrb_8_2021::Preview`]) | capaian IKI and its nilai 0–120 | mean of its IKI | nilai SKP over the RHK utama |
//! | PP 46/2011 ([`pp_46_2011::Preview`]) | the score of the aspect it measures | the kegiatan's nilai capaian | nilai capaian SKP |
//!
//! This module holds what every rule set's preview shares: the indicator
//! and RHK around the rule set's results ([`IndikatorPreview`],
//! [`RhkPreview`]), the walk over the plan, the keystroke update
//! ([`update_preview`]) and the explanations on demand. [`SkpPreview`] is
//! one of the rule sets' previews; the registration at the end of this
//! module is the only place that names every rule set, so a fourth rule set
//! is its own file plus one variant and one line in each list there.
//!
//! A number that cannot be computed yet (no realisation, a zero target) is
//! `None` and, when something must be fixed, a [`Kendala`] says what.
//!
//! **Numbers and explanations.** Every number of the legacy rule sets is in a
//! plain field, always filled (`capaian_persen`, `nilai`, `kategori` of an
//! indicator, `nilai` of an RHK and of the SKP). With
//! [`PreviewOptions::penjelasan`] (the default) the explained results of the
//! rule functions are there as well (`capaian_iki`, `nilai_capaian_iki`,
//! `nilai_aspek`, `nilai_rhk`, `nilai_kegiatan`, `nilai_skp`, `capaian_skp`):
//! the same numbers, each with its [`Penjelasan`]. Without it they are `None`
//! (left out of the JSON, or `null` for `nilai_skp` and `capaian_skp`), the
//! preview runs on the numbers-only cores of the rules (no sentence is
//! formatted), and [`explain_indikator`], [`explain_rhk`] and
//! [`explain_skp`] build the explanation of one item when the user opens it:
//! the same explanation the full preview carries. The PermenPANRB 6/2022
//! preview has no per-item explanation but the rating's, and only a fixed
//! handful per SKP (saran, predikat, angka kredit, in fields that are not
//! optional), so its SKP-level numbers are the same either way.
//!
//! Choices for mapping the SKP of 6/2022 onto the legacy rule sets:
//!
//! * **PP 46/2011.** Every RHK is a *kegiatan tugas jabatan* whatever its
//!   jenis (PP 46/2011 has no utama/tambahan); tugas tambahan and kreativitas
//!   count only when given in [`PreviewOptions`]. Each indicator scores the
//!   PP 46/2011 aspect named by its [`crate::skp::AspekIndikator`]; the
//!   aspect, not the indicator's polarity, decides the formula (the
//!   explanation says so when they disagree). A range target is compared as
//!   PermenPANRB 8/2021 compares it: above the range with the upper bound,
//!   below it with the lower bound, inside it with the realisation itself
//!   (the target is met).
//! * **PermenPANRB 8/2021.** No indicator is flagged as a maximum target
//!   (`target_maksimal = false`), since the SKP form does not ask for it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::angka_kredit::Jenjang;
use crate::periode::PeriodeEvaluasi;
use crate::rule_set::permenpanrb_6_2022::{RatingEkspektasi, rating_indikator};
use crate::rule_set::{JenisRhk, RuleSet, permenpanrb_6_2022, permenpanrb_8_2021, pp_46_2011};
use crate::skp::indikator::{Indikator, IndikatorId};
use crate::skp::realisasi::Realisasi;
use crate::skp::rhk::{Rhk, RhkId};
use crate::skp::{RencanaSkp, Skp};
use crate::teks::{Penjelasan, Teks};

/// What a preview may use besides the plan and its realisations, and whether
/// it explains its numbers. `PreviewOptions::default()` previews what the SKP
/// alone gives, with every explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreviewOptions {
    /// The jenjang of a functional position: the PermenPANRB 6/2022 preview
    /// then converts the kuadran predikat to angka kredit (Peraturan BKN 3/2023).
    pub jenjang: Option<Jenjang>,
    /// The months the evaluation covers (1–12), for the angka kredit. `None`:
    /// 12 for the annual evaluation; a periodic one needs it (1 for a monthly
    /// cycle, 3 for a quarterly one).
    pub bulan: Option<u8>,
    /// PP 46/2011: the number of tugas tambahan (0 in a preview unless given).
    pub jumlah_tugas_tambahan: u32,
    /// PP 46/2011: the kreativitas score 0–12 set by the pejabat penilai.
    pub nilai_kreativitas: f64,
    /// Build the explanation ([`Penjelasan`]) of every number (`true` by
    /// default). `false` is the keystroke path: the same numbers in the plain
    /// fields, the explained results left out, and [`explain_indikator`],
    /// [`explain_rhk`] and [`explain_skp`] explain one item on demand.
    pub penjelasan: bool,
}

impl Default for PreviewOptions {
    fn default() -> Self {
        PreviewOptions {
            jenjang: None,
            bulan: None,
            jumlah_tugas_tambahan: 0,
            nilai_kreativitas: 0.0,
            penjelasan: true,
        }
    }
}

/// Why a number of the preview could not be computed: the rule's machine
/// code and a bilingual message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kendala {
    pub kode: String,
    pub pesan: Teks,
}

/// One indicator in a preview: what every rule set shows of it, and `hasil`,
/// what its rule set computes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndikatorPreview {
    pub indikator: IndikatorId,
    pub realisasi: Option<f64>,
    /// Realisation against the target ([`rating_indikator`]): above the range
    /// (or below it for `khusus`) is above expectation, inside it meets it.
    pub rating: Option<RatingEkspektasi>,
    /// The rule set's result; every field empty without a realisation or
    /// with a [`Kendala`].
    pub hasil: HasilIndikator,
    /// Why the rule set's number is missing although a realisation exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kendala: Option<Kendala>,
    /// Under 6/2022, how far the realisation came, beside the rating
    /// ([`permenpanrb_6_2022::capaian_singkat`]: `10 dari 12 = 83,3%`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capaian: Option<permenpanrb_6_2022::CapaianSingkat>,
}

/// One RHK in a preview: what every rule set shows of it, its indicators,
/// and `hasil`, what its rule set computes from them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RhkPreview {
    pub rhk: RhkId,
    pub jenis: JenisRhk,
    /// The weakest of its rated indicators; `None` until one has a number.
    pub rating: Option<RatingEkspektasi>,
    pub indikator: Vec<IndikatorPreview>,
    pub hasil: HasilRhk,
}

/// What one rule set computes for a preview: implemented once per rule set,
/// by its `Preview` (the SKP-level result) in `rule_set/<name>.rs`, and
/// registered at the end of this module. The walk over the plan, the
/// keystroke update and the explanations on demand are this module's, the
/// same for every rule set (and compiled once: the rule sets' results meet
/// in the enums of the registration, not in generic copies of the walk).
pub trait RuleSetPreview: Sized {
    /// The rule set whose preview this is.
    const RULE_SET: RuleSet;
    /// What the rule set computes for one indicator with a numeric
    /// realisation (`Default`: nothing, for an indicator without one).
    type Indikator: Default;
    /// What it computes for one RHK from its indicators.
    type Rhk;

    /// One indicator's result for its realisation, explained when
    /// `penjelasan`; a [`Kendala`] when the rule cannot compute it.
    fn compute_indikator(iki: &Indikator, realisasi: f64, penjelasan: bool) -> Result<Self::Indikator, Kendala>;

    /// One RHK's result from its indicators' (explained when `penjelasan`).
    fn compute_rhk(rhk: &Rhk, indikator: &[IndikatorPreview], penjelasan: bool) -> Self::Rhk;

    /// The SKP-level result over the previewed RHK (explained when
    /// `penjelasan`, whatever [`PreviewOptions::penjelasan`] says).
    fn compute_skp(
        rhk: Vec<RhkPreview>,
        evaluasi: PeriodeEvaluasi,
        rating_perilaku: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
        penjelasan: bool,
    ) -> Self;

    /// The explanations an indicator's result carries, in order.
    fn explain_indikator(hasil: Self::Indikator) -> Vec<Penjelasan>;

    /// The explanation an RHK's result carries, if any.
    fn explain_rhk(hasil: Self::Rhk) -> Option<Penjelasan>;

    /// The explanations of the SKP-level numbers; `None` when the rule set's
    /// SKP-level number is missing.
    fn explain_skp(self) -> Option<Vec<Penjelasan>>;

    fn evaluasi(&self) -> PeriodeEvaluasi;

    /// What kept an SKP-level number from being computed.
    fn kendala(&self) -> &[Kendala];

    fn rhk(&self) -> &[RhkPreview];

    /// The previewed RHK, given back for a recomputation.
    fn into_rhk(self) -> Vec<RhkPreview>;
}

/// The first realisation of each indicator for `evaluasi`: its value, `None`
/// for a narrative one. One pass instead of a search per indicator.
fn indeks_realisasi(realisasi: &[Realisasi], evaluasi: PeriodeEvaluasi) -> BTreeMap<&str, Option<f64>> {
    let mut indeks = BTreeMap::new();
    for r in realisasi.iter().filter(|r| r.evaluasi() == evaluasi) {
        indeks.entry(r.indikator().as_str()).or_insert_with(|| r.nilai());
    }
    indeks
}

/// The same as one entry of [`indeks_realisasi`], for a single indicator.
fn realisasi_pertama(realisasi: &[Realisasi], indikator: &IndikatorId, evaluasi: PeriodeEvaluasi) -> Option<f64> {
    realisasi.iter().find(|r| r.evaluasi() == evaluasi && r.indikator() == indikator).and_then(|r| r.nilai())
}

/// The RHK and indicator part of [`compute_preview_with_options`] alone,
/// without the SKP-level numbers (rating hasil kerja, predikat, angka
/// kredit): what a page that shows each indicator's result beside its field
/// needs (the pegawai's realisasi page), whose wasm then carries no code for
/// the rest. The same RHK as that preview's [`SkpPreview::rhk`].
pub fn preview_rhk(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    penjelasan: bool,
) -> Vec<RhkPreview> {
    let indeks = indeks_realisasi(realisasi, evaluasi);
    let nilai_dari = |id: &IndikatorId| indeks.get(id.as_str()).copied().flatten();
    rencana.rhk().iter().map(|rhk| rhk_preview(rhk, &nilai_dari, rule_set, penjelasan)).collect()
}

/// One RHK of the preview; `realisasi_dari` gives an indicator's realisation
/// (a `dyn`: one copy of this function in the browser's build, whoever calls it).
fn rhk_preview(
    rhk: &Rhk,
    realisasi_dari: &dyn Fn(&IndikatorId) -> Option<f64>,
    rule_set: RuleSet,
    penjelasan: bool,
) -> RhkPreview {
    let indikator: Vec<IndikatorPreview> = rhk
        .indikator()
        .iter()
        .map(|iki| indikator_preview(iki, realisasi_dari(iki.id()), rule_set, penjelasan))
        .collect();
    RhkPreview {
        rhk: rhk.id().clone(),
        jenis: rhk.jenis(),
        rating: indikator.iter().filter_map(|i| i.rating).min(),
        hasil: HasilRhk::compute(rule_set, rhk, &indikator, penjelasan),
        indikator,
    }
}

fn indikator_preview(iki: &Indikator, realisasi: Option<f64>, rule_set: RuleSet, penjelasan: bool) -> IndikatorPreview {
    let (hasil, kendala) = match realisasi.map(|r| HasilIndikator::compute(rule_set, iki, r, penjelasan)) {
        Some(Ok(hasil)) => (Some(hasil), None),
        Some(Err(kendala)) => (None, Some(kendala)),
        None => (None, None),
    };
    let hasil = hasil.unwrap_or_else(|| HasilIndikator::kosong(rule_set));
    IndikatorPreview {
        indikator: iki.id().clone(),
        realisasi,
        rating: realisasi.map(|n| rating_indikator(iki, n)),
        hasil,
        kendala,
        capaian: realisasi
            .filter(|_| rule_set == RuleSet::Permenpanrb6_2022)
            .and_then(|n| permenpanrb_6_2022::capaian_singkat(iki, n)),
    }
}

/// Adds "n … have no number yet and are not counted" when n > 0: an
/// explanation over the items that have a number says how many wait.
pub(crate) fn tambah_yang_belum(langkah: &mut Vec<Teks>, belum: usize, apa_id: &str, apa_en: &str) {
    if belum > 0 {
        langkah.push(Teks::new(
            format!("{belum} {apa_id} belum memiliki nilai (belum ada realisasi angka) dan tidak dihitung."),
            format!("{belum} {apa_en} have no score yet (no numeric realisation) and are not counted."),
        ));
    }
}

/// The preview of a plan with the given realisations (saved or still being
/// typed) for one evaluation under a rule set, without options
/// ([`compute_preview_with_options`] takes them), with every explanation.
pub fn compute_preview(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    rating_perilaku: Option<RatingEkspektasi>,
) -> SkpPreview {
    compute_preview_with_options(rencana, realisasi, evaluasi, rule_set, rating_perilaku, &PreviewOptions::default())
}

/// [`compute_preview`] with the optional inputs: the jenjang for angka
/// kredit (6/2022), tugas tambahan and kreativitas (PP 46/2011), and whether
/// to explain the numbers ([`PreviewOptions::penjelasan`]; `false` on every
/// keystroke).
pub fn compute_preview_with_options(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    rating_perilaku: Option<RatingEkspektasi>,
    opsi: &PreviewOptions,
) -> SkpPreview {
    let rhk = preview_rhk(rencana, realisasi, evaluasi, rule_set, opsi.penjelasan);
    SkpPreview::compute(rule_set, rhk, evaluasi, rating_perilaku, opsi, opsi.penjelasan)
}

/// `preview` after one indicator's realisation changed (typed, corrected or
/// cleared): that indicator, its RHK and the SKP-level numbers are
/// recomputed, every other RHK is kept as it was. The same result as
/// [`compute_preview_with_options`] over the new realisations, with the
/// plan, rule set, evaluation, perilaku rating and options `preview` was
/// computed with; what a UI does on a keystroke, whose cost then no longer
/// grows with the plan. `realisasi` counts only when it belongs to
/// `indikator` and to the preview's evaluation (otherwise the indicator has
/// none); an indicator the plan does not hold leaves the preview as it is.
/// Should the plan's RHK no longer line up with the preview's (the plan
/// changed meanwhile), every RHK is recomputed with the realisations the
/// preview holds.
pub fn update_preview(
    preview: SkpPreview,
    rencana: &RencanaSkp,
    indikator: &IndikatorId,
    realisasi: Option<&Realisasi>,
    rating_perilaku: Option<RatingEkspektasi>,
    opsi: &PreviewOptions,
) -> SkpPreview {
    let (rule_set, evaluasi) = (preview.rule_set(), preview.evaluasi());
    let Some(letak) = rencana.rhk().iter().position(|r| r.indikator().iter().any(|i| i.id() == indikator)) else {
        return preview;
    };
    let mut rhk = preview.into_rhk();
    let nilai = realisasi.filter(|r| r.indikator() == indikator && r.evaluasi() == evaluasi).and_then(Realisasi::nilai);
    // Every other indicator keeps the realisation the preview holds.
    let realisasi_dari = |id: &IndikatorId| {
        if id == indikator {
            nilai
        } else {
            rhk.iter().flat_map(|r| &r.indikator).find(|i| &i.indikator == id).and_then(|i| i.realisasi)
        }
    };
    if rhk.len() == rencana.rhk().len() && rhk[letak].rhk == *rencana.rhk()[letak].id() {
        let baru = rhk_preview(&rencana.rhk()[letak], &realisasi_dari, rule_set, opsi.penjelasan);
        rhk[letak] = baru;
    } else {
        rhk = rencana.rhk().iter().map(|r| rhk_preview(r, &realisasi_dari, rule_set, opsi.penjelasan)).collect();
    }
    SkpPreview::compute(rule_set, rhk, evaluasi, rating_perilaku, opsi, opsi.penjelasan)
}

/// The explanations of one indicator's numbers, as the full preview carries
/// them (PermenPANRB 8/2021: the capaian IKI, then its nilai; PP 46/2011: the
/// aspect score; PermenPANRB 6/2022: the rating against the target), built
/// for this indicator alone: what a UI shows when the user opens an
/// indicator of a preview computed without explanations.
///
/// `None` when the plan has no such indicator or there is nothing to explain:
/// no numeric realisation for `evaluasi`, or a [`Kendala`] instead of a number.
pub fn explain_indikator(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    indikator_id: &IndikatorId,
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
) -> Option<Vec<Penjelasan>> {
    let iki = rencana.rhk().iter().flat_map(|r| r.indikator()).find(|i| i.id() == indikator_id)?;
    let p = indikator_preview(iki, realisasi_pertama(realisasi, indikator_id, evaluasi), rule_set, true);
    let semua = p.hasil.explain();
    (!semua.is_empty()).then_some(semua)
}

/// The explanation of one RHK's score (PermenPANRB 8/2021: nilai RHK; PP
/// 46/2011: the kegiatan's nilai capaian), as the full preview carries it,
/// built for this RHK alone. `None` when the plan has no such RHK, none of its
/// indicators has a score yet, or under PermenPANRB 6/2022.
pub fn explain_rhk(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    rhk_id: &RhkId,
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
) -> Option<Vec<Penjelasan>> {
    let rhk = rencana.rhk().iter().find(|r| r.id() == rhk_id)?;
    let p = rhk_preview(rhk, &|id| realisasi_pertama(realisasi, id, evaluasi), rule_set, true);
    p.hasil.explain().map(|p| vec![p])
}

/// The explanations of the SKP-level numbers, as the full preview carries
/// them: PermenPANRB 6/2022 the saran rating hasil kerja, then the predikat
/// and the angka kredit when there are; PermenPANRB 8/2021 the nilai SKP; PP
/// 46/2011 the nilai capaian SKP. The RHK are computed numbers only, so this
/// costs about a keystroke preview and one explanation. `None` when the rule
/// set's SKP-level number is missing.
pub fn explain_skp(
    rencana: &RencanaSkp,
    realisasi: &[Realisasi],
    evaluasi: PeriodeEvaluasi,
    rule_set: RuleSet,
    rating_perilaku: Option<RatingEkspektasi>,
    opsi: &PreviewOptions,
) -> Option<Vec<Penjelasan>> {
    let rhk = preview_rhk(rencana, realisasi, evaluasi, rule_set, false);
    SkpPreview::compute(rule_set, rhk, evaluasi, rating_perilaku, opsi, true).explain()
}

impl Skp {
    /// The preview of this SKP's recorded realisations.
    pub fn preview(
        &self,
        evaluasi: PeriodeEvaluasi,
        rule_set: RuleSet,
        rating_perilaku: Option<RatingEkspektasi>,
    ) -> SkpPreview {
        compute_preview(self.rencana(), self.realisasi(), evaluasi, rule_set, rating_perilaku)
    }

    /// [`Skp::preview`] with the optional inputs.
    pub fn preview_with_options(
        &self,
        evaluasi: PeriodeEvaluasi,
        rule_set: RuleSet,
        rating_perilaku: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
    ) -> SkpPreview {
        compute_preview_with_options(self.rencana(), self.realisasi(), evaluasi, rule_set, rating_perilaku, opsi)
    }
}

// ---------------------------------------------------------------------------
// Registration: the only place that names every rule set's preview. A new
// rule set adds its variant to the three enums below, one arm to each macro
// and one accessor to each list.
// ---------------------------------------------------------------------------

/// The preview of an SKP for one evaluation: its rule set's preview, tagged
/// on the wire with the rule set's code (`"jenis": "permenpanrb_6_2022"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "jenis")]
pub enum SkpPreview {
    #[serde(rename = "permenpanrb_6_2022")]
    Permenpanrb6_2022(permenpanrb_6_2022::Preview),
    #[serde(rename = "permenpanrb_8_2021")]
    Permenpanrb8_2021(permenpanrb_8_2021::Preview),
    #[serde(rename = "pp_46_2011")]
    Pp46_2011(pp_46_2011::Preview),
}

/// What the rule set computes for one indicator ([`RuleSetPreview::Indikator`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HasilIndikator {
    #[serde(rename = "permenpanrb_6_2022")]
    Permenpanrb6_2022(permenpanrb_6_2022::HasilIndikator),
    #[serde(rename = "permenpanrb_8_2021")]
    Permenpanrb8_2021(permenpanrb_8_2021::HasilIndikator),
    #[serde(rename = "pp_46_2011")]
    Pp46_2011(pp_46_2011::HasilIndikator),
}

/// What the rule set computes for one RHK ([`RuleSetPreview::Rhk`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HasilRhk {
    #[serde(rename = "permenpanrb_6_2022")]
    Permenpanrb6_2022(permenpanrb_6_2022::HasilRhk),
    #[serde(rename = "permenpanrb_8_2021")]
    Permenpanrb8_2021(permenpanrb_8_2021::HasilRhk),
    #[serde(rename = "pp_46_2011")]
    Pp46_2011(pp_46_2011::HasilRhk),
}

/// `$e` with `$P` naming the preview type of `$rule_set`, and `$variant`
/// the constructor of its variant of `$enum` ([`SkpPreview`],
/// [`HasilIndikator`] or [`HasilRhk`]).
macro_rules! per_rule_set {
    ($rule_set:expr, $enum:ident, |$P:ident, $variant:ident| $e:expr) => {
        match $rule_set {
            RuleSet::Permenpanrb6_2022 => {
                type $P = permenpanrb_6_2022::Preview;
                let $variant = $enum::Permenpanrb6_2022;
                $e
            }
            RuleSet::Permenpanrb8_2021 => {
                type $P = permenpanrb_8_2021::Preview;
                let $variant = $enum::Permenpanrb8_2021;
                $e
            }
            RuleSet::Pp46_2011 => {
                type $P = pp_46_2011::Preview;
                let $variant = $enum::Pp46_2011;
                $e
            }
        }
    };
}

/// `$e` for the value `$x` held by `$enum` (one of the three enums above,
/// or a reference to one), with `$P` naming its rule set's preview type.
macro_rules! per_variant {
    ($enum:ident, $value:expr, |$x:ident : $P:ident| $e:expr) => {
        match $value {
            $enum::Permenpanrb6_2022($x) => {
                #[allow(dead_code)]
                type $P = permenpanrb_6_2022::Preview;
                $e
            }
            $enum::Permenpanrb8_2021($x) => {
                #[allow(dead_code)]
                type $P = permenpanrb_8_2021::Preview;
                $e
            }
            $enum::Pp46_2011($x) => {
                #[allow(dead_code)]
                type $P = pp_46_2011::Preview;
                $e
            }
        }
    };
}

impl SkpPreview {
    fn compute(
        rule_set: RuleSet,
        rhk: Vec<RhkPreview>,
        evaluasi: PeriodeEvaluasi,
        rating_perilaku: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
        penjelasan: bool,
    ) -> SkpPreview {
        per_rule_set!(rule_set, SkpPreview, |P, variant| variant(P::compute_skp(
            rhk,
            evaluasi,
            rating_perilaku,
            opsi,
            penjelasan
        )))
    }

    fn explain(self) -> Option<Vec<Penjelasan>> {
        per_variant!(SkpPreview, self, |p: P| p.explain_skp())
    }

    pub fn rule_set(&self) -> RuleSet {
        per_variant!(SkpPreview, self, |_p: P| P::RULE_SET)
    }

    pub fn evaluasi(&self) -> PeriodeEvaluasi {
        per_variant!(SkpPreview, self, |p: P| p.evaluasi())
    }

    /// What kept an SKP-level number from being computed.
    pub fn kendala(&self) -> &[Kendala] {
        per_variant!(SkpPreview, self, |p: P| p.kendala())
    }

    /// The previewed RHK, whatever the rule set.
    pub fn rhk(&self) -> &[RhkPreview] {
        per_variant!(SkpPreview, self, |p: P| p.rhk())
    }

    fn into_rhk(self) -> Vec<RhkPreview> {
        per_variant!(SkpPreview, self, |p: P| p.into_rhk())
    }
}

impl HasilIndikator {
    fn compute(rule_set: RuleSet, iki: &Indikator, realisasi: f64, penjelasan: bool) -> Result<Self, Kendala> {
        per_rule_set!(rule_set, HasilIndikator, |P, variant| P::compute_indikator(iki, realisasi, penjelasan)
            .map(variant))
    }

    /// Nothing computed (no realisation, or a [`Kendala`]).
    fn kosong(rule_set: RuleSet) -> Self {
        per_rule_set!(rule_set, HasilIndikator, |_P, variant| variant(Default::default()))
    }

    fn explain(self) -> Vec<Penjelasan> {
        per_variant!(HasilIndikator, self, |h: P| P::explain_indikator(h))
    }

    pub fn permenpanrb_6_2022(&self) -> Option<&permenpanrb_6_2022::HasilIndikator> {
        if let HasilIndikator::Permenpanrb6_2022(h) = self { Some(h) } else { None }
    }

    pub fn permenpanrb_8_2021(&self) -> Option<&permenpanrb_8_2021::HasilIndikator> {
        if let HasilIndikator::Permenpanrb8_2021(h) = self { Some(h) } else { None }
    }

    pub fn pp_46_2011(&self) -> Option<&pp_46_2011::HasilIndikator> {
        if let HasilIndikator::Pp46_2011(h) = self { Some(h) } else { None }
    }
}

impl HasilRhk {
    fn compute(rule_set: RuleSet, rhk: &Rhk, indikator: &[IndikatorPreview], penjelasan: bool) -> Self {
        per_rule_set!(rule_set, HasilRhk, |P, variant| variant(P::compute_rhk(rhk, indikator, penjelasan)))
    }

    fn explain(self) -> Option<Penjelasan> {
        per_variant!(HasilRhk, self, |h: P| P::explain_rhk(h))
    }

    pub fn permenpanrb_6_2022(&self) -> Option<&permenpanrb_6_2022::HasilRhk> {
        if let HasilRhk::Permenpanrb6_2022(h) = self { Some(h) } else { None }
    }

    pub fn permenpanrb_8_2021(&self) -> Option<&permenpanrb_8_2021::HasilRhk> {
        if let HasilRhk::Permenpanrb8_2021(h) = self { Some(h) } else { None }
    }

    pub fn pp_46_2011(&self) -> Option<&pp_46_2011::HasilRhk> {
        if let HasilRhk::Pp46_2011(h) = self { Some(h) } else { None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pegawai::JenisJabatan;
    use crate::rule_set::angka;
    use crate::rule_set::permenpanrb_6_2022::{Predikat, explain_rating_indikator};
    use crate::rule_set::permenpanrb_8_2021::KategoriCapaian;
    use crate::skp::{AspekIndikator, IndikatorInput, Polaritas, RealisasiInput, RhkInput, SkpInput};

    const TAHUNAN: PeriodeEvaluasi = PeriodeEvaluasi::Tahunan;

    fn dekat(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    /// (id, aspek, target, target_maks, polaritas)
    type Iki<'a> = (&'a str, AspekIndikator, &'a str, &'a str, Polaritas);

    fn rencana(rhk: &[(&str, JenisRhk, &[Iki])]) -> RencanaSkp {
        let rhk = rhk
            .iter()
            .map(|(id, jenis, ikis)| RhkInput {
                id: (*id).into(),
                uraian: format!("Hasil kerja {id}"),
                jenis: *jenis,
                indikator: ikis
                    .iter()
                    .map(|&(id, aspek, target, target_maks, polaritas)| IndikatorInput {
                        id: id.into(),
                        uraian: format!("Indikator {id}"),
                        aspek,
                        target: target.into(),
                        target_maks: target_maks.into(),
                        satuan: "satuan".into(),
                        polaritas,
                    })
                    .collect(),
                ..RhkInput::default()
            })
            .collect();
        SkpInput { rhk, ..SkpInput::default() }.validate(JenisJabatan::Fungsional).unwrap()
    }

    fn realisasi(nilai: &[(&str, &str)]) -> Vec<Realisasi> {
        nilai
            .iter()
            .map(|&(id, n)| {
                RealisasiInput {
                    indikator_id: id.into(),
                    evaluasi: TAHUNAN,
                    nilai: n.into(),
                    uraian: "Hasil terlampir".into(),
                    bukti_dukung: vec![],
                }
                .validate()
                .unwrap()
            })
            .collect()
    }

    fn iki<'a>(p: &'a SkpPreview, id: &str) -> &'a IndikatorPreview {
        p.rhk().iter().flat_map(|r| &r.indikator).find(|i| i.indikator.as_str() == id).unwrap()
    }

    /// A PermenPANRB 8/2021 indicator's result.
    fn h8(i: &IndikatorPreview) -> &permenpanrb_8_2021::HasilIndikator {
        i.hasil.permenpanrb_8_2021().expect("a PermenPANRB 8/2021 result")
    }

    /// A PP 46/2011 indicator's result.
    fn h46(i: &IndikatorPreview) -> &pp_46_2011::HasilIndikator {
        i.hasil.pp_46_2011().expect("a PP 46/2011 result")
    }

    /// A PermenPANRB 8/2021 RHK's result.
    fn r8(r: &RhkPreview) -> &permenpanrb_8_2021::HasilRhk {
        r.hasil.permenpanrb_8_2021().expect("a PermenPANRB 8/2021 result")
    }

    /// A PP 46/2011 RHK's result.
    fn r46(r: &RhkPreview) -> &pp_46_2011::HasilRhk {
        r.hasil.pp_46_2011().expect("a PP 46/2011 result")
    }

    use AspekIndikator::{Biaya, Kualitas, Kuantitas, Waktu};
    use Polaritas::{Khusus, Normal};

    // ---------------------------------------------------------------------
    // PermenPANRB 8/2021
    // ---------------------------------------------------------------------

    fn skp_8_2021() -> (RencanaSkp, Vec<Realisasi>) {
        let r = rencana(&[
            ("a", JenisRhk::Utama, &[("a1", Kuantitas, "80", "90", Normal), ("a2", Kuantitas, "100", "", Normal)]),
            ("b", JenisRhk::Utama, &[("b1", Waktu, "7", "8", Khusus)]),
            ("c", JenisRhk::Tambahan, &[("c1", Kuantitas, "80", "90", Normal)]),
        ]);
        (r, realisasi(&[("a1", "92"), ("a2", "98"), ("b1", "6,5"), ("c1", "70")]))
    }

    #[test]
    fn the_rhk_preview_alone_is_the_full_previews_rhk_under_every_rule_set() {
        let (r, real) = skp_8_2021();
        for rule_set in [RuleSet::Permenpanrb6_2022, RuleSet::Permenpanrb8_2021, RuleSet::Pp46_2011] {
            for penjelasan in [false, true] {
                let opsi = PreviewOptions { penjelasan, ..PreviewOptions::default() };
                let penuh = compute_preview_with_options(&r, &real, TAHUNAN, rule_set, None, &opsi);
                let rhk = preview_rhk(&r, &real, TAHUNAN, rule_set, penjelasan);
                assert_eq!(rhk, penuh.rhk(), "{rule_set:?}");
                assert_eq!(rhk.iter().flat_map(|x| &x.indikator).filter(|i| i.realisasi.is_some()).count(), 4);
            }
        }
    }

    #[test]
    fn permenpanrb_8_2021_scores_every_iki_with_the_regulation_table() {
        let (r, real) = skp_8_2021();
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        assert_eq!(p.rule_set(), RuleSet::Permenpanrb8_2021);
        // (iki, capaian %, nilai), hand-computed from RULES.md §2.2.2
        let table = [
            ("a1", 102.22, 111.36), // 92 / 90 (above the range: upper bound); 110 + 10/9 × 1.22
            ("a2", 98.0, 88.0),     // the official example
            ("b1", 107.14, 116.83), // (1 + (1 − 6.5/7)); 110 + 10/9 × 6.14
            ("c1", 87.5, 77.5),     // 70 / 80 (below the range: lower bound); 70 + 7.5
        ];
        for (id, capaian, nilai) in table {
            let i = iki(&p, id);
            let c = h8(i).capaian_iki.as_ref().unwrap();
            let n = h8(i).nilai_capaian_iki.as_ref().unwrap();
            assert!(dekat(c.capaian_persen, capaian), "{id}: capaian {}", c.capaian_persen);
            assert!(dekat(n.nilai, nilai), "{id}: nilai {}", n.nilai);
            assert_eq!(c.penjelasan.aturan, "permenpanrb_8_2021.capaian_iki");
            assert_eq!(n.penjelasan.aturan, "permenpanrb_8_2021.nilai_capaian_iki");
            assert!(i.hasil.pp_46_2011().is_none() && i.kendala.is_none());
        }
    }

    #[test]
    fn permenpanrb_8_2021_averages_iki_per_rhk_and_rhk_utama_per_skp() {
        let (r, real) = skp_8_2021();
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { rhk, nilai_skp, kendala, .. }) = &p else {
            panic!("wrong rule set")
        };
        // (rhk, nilai): a = (111.36 + 88) / 2; b = 116.83; c = 77.5 (tambahan)
        let table = [("a", 99.68), ("b", 116.83), ("c", 77.5)];
        for ((id, expected), r) in table.into_iter().zip(rhk) {
            assert_eq!(r.rhk.as_str(), id);
            let n = r8(r).nilai_rhk.as_ref().unwrap();
            assert!(dekat(n.nilai, expected), "{id}: {}", n.nilai);
            assert_eq!(n.penjelasan.aturan, "permenpanrb_8_2021.nilai_rhk");
        }
        // (99.68 + 116.83) / 2; the tambahan RHK is listed, not counted.
        let s = nilai_skp.as_ref().unwrap();
        assert!(dekat(s.nilai_skp, 108.25), "{}", s.nilai_skp);
        assert_eq!((s.jumlah_utama, s.jumlah_tambahan), (2, 1));
        assert!(kendala.is_empty());
    }

    #[test]
    fn permenpanrb_8_2021_previews_what_it_can_and_says_what_is_missing() {
        let (r, mut real) = skp_8_2021();
        real.retain(|x| x.indikator().as_str() != "a2" && x.indikator().as_str() != "b1");
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { rhk, nilai_skp, .. }) = &p else {
            panic!("wrong rule set")
        };
        assert!(h8(iki(&p, "a2")).nilai_capaian_iki.is_none() && iki(&p, "a2").kendala.is_none());
        let a = r8(&rhk[0]).nilai_rhk.as_ref().unwrap();
        assert!(dekat(a.nilai, 111.36));
        assert!(a.penjelasan.langkah.iter().any(|t| t.id.starts_with("1 IKI belum memiliki nilai")));
        assert!(r8(&rhk[1]).nilai_rhk.is_none());
        let s = nilai_skp.as_ref().unwrap();
        assert!(dekat(s.nilai_skp, 111.36));
        assert!(s.penjelasan.langkah.iter().any(|t| t.en.starts_with("1 main RHK have no score")));

        // Only the tambahan RHK has a number: no nilai SKP, and the reason.
        real.retain(|x| x.indikator().as_str() == "c1");
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai_skp: None, kendala, .. }) = &p else {
            panic!("{p:?}")
        };
        assert_eq!(kendala[0].kode, "tidak_ada_rhk_utama");

        // Nothing realised yet: nothing computed, nothing to fix.
        let p = compute_preview(&r, &[], TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        assert!(
            matches!(&p, SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai_skp: None, .. }))
                && p.kendala().is_empty()
        );
    }

    #[test]
    fn a_zero_target_is_a_kendala_not_a_crash() {
        let r = rencana(&[("a", JenisRhk::Utama, &[("a1", Kuantitas, "0", "", Normal)])]);
        let real = realisasi(&[("a1", "3")]);
        for rule_set in [RuleSet::Permenpanrb8_2021, RuleSet::Pp46_2011] {
            let p = compute_preview(&r, &real, TAHUNAN, rule_set, None);
            let k = iki(&p, "a1").kendala.clone().unwrap();
            assert_eq!(k.kode, "target_tidak_positif", "{rule_set:?}");
            assert!(!k.pesan.id.is_empty() && !k.pesan.en.is_empty());
        }
    }

    // ---------------------------------------------------------------------
    // PP 46/2011
    // ---------------------------------------------------------------------

    fn skp_pp_46() -> (RencanaSkp, Vec<Realisasi>) {
        let r = rencana(&[
            (
                "k1",
                JenisRhk::Utama,
                &[
                    ("k1o", Kuantitas, "12", "", Normal),
                    ("k1k", Kualitas, "100", "", Normal),
                    ("k1w", Waktu, "12", "", Khusus),
                ],
            ),
            (
                "k2",
                JenisRhk::Utama,
                &[
                    ("k2o", Kuantitas, "10", "", Normal),
                    ("k2k", Kualitas, "100", "", Normal),
                    ("k2w", Waktu, "12", "", Khusus),
                    ("k2b", Biaya, "1.000.000", "", Khusus),
                ],
            ),
            ("k3", JenisRhk::Tambahan, &[("k3o", Kuantitas, "4", "6", Normal), ("k3w", Waktu, "12", "", Normal)]),
        ]);
        let real = realisasi(&[
            ("k1o", "12"),
            ("k1k", "90"),
            ("k1w", "12"),
            ("k2o", "8"),
            ("k2k", "100"),
            ("k2w", "10"),
            ("k2b", "900.000"),
            ("k3o", "5"),
            ("k3w", "9"),
        ]);
        (r, real)
    }

    #[test]
    fn pp_46_scores_each_indicator_as_the_aspect_it_measures() {
        let (r, real) = skp_pp_46();
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Pp46_2011, None);
        // (iki, aspect score), hand-computed from RULES.md §2.3.1
        let table = [
            ("k1o", 100.0), // 12 / 12 × 100
            ("k1k", 90.0),  // 90 / 100 × 100
            ("k1w", 76.0),  // on time: (1.76 × 12 − 12) / 12 × 100
            ("k2o", 80.0),
            ("k2k", 100.0),
            ("k2w", 92.67), // 16.7% faster, within the 24% band
            ("k2b", 86.0),  // 10% cheaper
            ("k3o", 100.0), // 5 is inside the range 4–6: the target is met
            ("k3w", 75.0),  // 25% faster: past the 24% break, 76 − 1
        ];
        for (id, expected) in table {
            let n = h46(iki(&p, id)).nilai_aspek.as_ref().unwrap();
            assert!(dekat(n.nilai, expected), "{id}: {}", n.nilai);
            assert_eq!(n.penjelasan.aturan, "pp_46_2011.aspek");
        }
        let k3o = &h46(iki(&p, "k3o")).nilai_aspek.as_ref().unwrap().penjelasan;
        assert!(k3o.langkah[0].id.contains("di dalam rentang"));
        let k3w = &h46(iki(&p, "k3w")).nilai_aspek.as_ref().unwrap().penjelasan;
        assert!(k3w.langkah[0].en.starts_with("The indicator's direction (higher is better) is ignored"));
    }

    #[test]
    fn range_targets_read_with_a_decimal_comma_in_indonesian() {
        let r = rencana(&[("k", JenisRhk::Utama, &[("k1", Kuantitas, "4,5", "6", Normal)])]);
        let iki_k1 = r.rhk().iter().flat_map(|x| x.indikator()).find(|i| i.id().as_str() == "k1").unwrap();

        // PP 46/2011: below the range, compared with the nearest bound 4.5.
        let p = compute_preview(&r, &realisasi(&[("k1", "3,5")]), TAHUNAN, RuleSet::Pp46_2011, None);
        let l = &h46(iki(&p, "k1")).nilai_aspek.as_ref().unwrap().penjelasan.langkah;
        assert_eq!(l[0].id, "Target 4,5–6: realisasi dibandingkan dengan batas terdekat 4,5.");
        assert_eq!(l[0].en, "Target 4.5–6: the realisation is compared with the nearest bound 4.5.");
        assert_eq!(l[1].id, "Kuantitas = 3,5 / 4,5 × 100 = 77,78.");
        assert_eq!(l[1].en, "Quantity = 3.5 / 4.5 × 100 = 77.78.");
        // Inside the range.
        let p = compute_preview(&r, &realisasi(&[("k1", "5,25")]), TAHUNAN, RuleSet::Pp46_2011, None);
        let l = &h46(iki(&p, "k1")).nilai_aspek.as_ref().unwrap().penjelasan.langkah;
        assert_eq!(l[0].id, "Target 4,5–6: realisasi di dalam rentang, target tercapai.");
        assert_eq!(l[0].en, "Target 4.5–6: the realisation is inside the range, the target is met.");

        // PermenPANRB 8/2021: the capaian explanation of the same range.
        let p = compute_preview(&r, &realisasi(&[("k1", "3,5")]), TAHUNAN, RuleSet::Permenpanrb8_2021, None);
        let l = &h8(iki(&p, "k1")).capaian_iki.as_ref().unwrap().penjelasan.langkah;
        assert!(l[0].id.starts_with("Target 4,5–6, realisasi 3,5, "), "{l:?}");
        assert!(l[0].en.starts_with("Target 4.5–6, realisation 3.5, "), "{l:?}");
        assert_eq!(l.last().unwrap().id, "Capaian = 3,5 / 4,5 × 100% = 77,78%.");
        assert_eq!(l.last().unwrap().en, "Achievement = 3.5 / 4.5 × 100% = 77.78%.");

        // PermenPANRB 6/2022: the rating against the range.
        let l = explain_rating_indikator(iki_k1, 5.25).langkah;
        assert_eq!(l[0].id, "Target 4,5–6 satuan; arah: makin besar makin baik.");
        assert_eq!(l[0].en, "Target 4.5–6 satuan; direction: higher is better.");
        assert_eq!(l[1].id, "Realisasi 5,25 satuan memenuhi target: Sesuai Ekspektasi.");
        assert_eq!(l[1].en, "Realisation 5.25 satuan: meets the target: meets expectations.");
        // A single decimal target has no range.
        let r = rencana(&[("k", JenisRhk::Utama, &[("k1", Kuantitas, "7,5", "", Normal)])]);
        let iki_k1 = r.rhk().iter().flat_map(|x| x.indikator()).find(|i| i.id().as_str() == "k1").unwrap();
        let l = explain_rating_indikator(iki_k1, 8.0).langkah;
        assert_eq!(l[0].id, "Target 7,5 satuan; arah: makin besar makin baik.");
        assert_eq!(l[0].en, "Target 7.5 satuan; direction: higher is better.");
    }

    #[test]
    fn pp_46_scores_each_kegiatan_and_the_capaian_skp() {
        let (r, real) = skp_pp_46();
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Pp46_2011, None);
        let SkpPreview::Pp46_2011(pp_46_2011::Preview { rhk, capaian_skp, kendala, .. }) = &p else {
            panic!("wrong rule set")
        };
        // (100 + 90 + 76) / 3 = 88.67 (RULES.md's worked example); (80 + 100 + 92.67 + 86) / 4;
        // (100 + 75) / 2 without a kualitas indicator.
        let table = [("k1", 88.67), ("k2", 89.67), ("k3", 87.5)];
        for ((id, expected), r) in table.into_iter().zip(rhk) {
            assert_eq!(r.rhk.as_str(), id);
            let n = r46(r).nilai_kegiatan.as_ref().unwrap();
            assert!(dekat(n.nilai_capaian, expected), "{id}: {}", n.nilai_capaian);
            assert_eq!(n.penjelasan.aturan, "pp_46_2011.kegiatan");
        }
        assert!(
            r46(&rhk[2]).nilai_kegiatan.as_ref().unwrap().penjelasan.langkah.iter().any(|t| t.id.contains("kualitas"))
        );
        let c = capaian_skp.as_ref().unwrap();
        assert!(dekat(c.nilai_capaian_skp, 88.61), "{}", c.nilai_capaian_skp);
        assert_eq!((c.nilai_tugas_tambahan, c.nilai_kreativitas), (0.0, 0.0));
        assert!(kendala.is_empty());
    }

    #[test]
    fn pp_46_adds_tugas_tambahan_and_kreativitas_only_when_given() {
        let (r, real) = skp_pp_46();
        let opsi = PreviewOptions { jumlah_tugas_tambahan: 4, nilai_kreativitas: 3.0, ..PreviewOptions::default() };
        let p = compute_preview_with_options(&r, &real, TAHUNAN, RuleSet::Pp46_2011, None, &opsi);
        let SkpPreview::Pp46_2011(pp_46_2011::Preview { capaian_skp: Some(c), .. }) = &p else { panic!("{p:?}") };
        // 88.61 + 2 (4 tugas tambahan) + 3
        assert!(dekat(c.nilai_capaian_skp, 93.61), "{}", c.nilai_capaian_skp);

        let opsi = PreviewOptions { nilai_kreativitas: 13.0, ..PreviewOptions::default() };
        let p = compute_preview_with_options(&r, &real, TAHUNAN, RuleSet::Pp46_2011, None, &opsi);
        assert!(matches!(&p, SkpPreview::Pp46_2011(pp_46_2011::Preview { capaian_skp: None, .. })));
        assert_eq!(p.kendala()[0].kode, "di_luar_rentang");
    }

    #[test]
    fn pp_46_counts_only_the_kegiatan_with_a_number() {
        let (r, mut real) = skp_pp_46();
        real.retain(|x| !x.indikator().as_str().starts_with("k2"));
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Pp46_2011, None);
        let SkpPreview::Pp46_2011(pp_46_2011::Preview { rhk, capaian_skp: Some(c), .. }) = &p else { panic!("{p:?}") };
        assert!(r46(&rhk[1]).nilai_kegiatan.is_none());
        assert!(dekat(c.nilai_capaian_skp, (88.0 + 2.0 / 3.0 + 87.5) / 2.0));
        assert!(c.penjelasan.langkah.iter().any(|t| t.id.starts_with("1 kegiatan belum memiliki nilai")));
    }

    // ---------------------------------------------------------------------
    // PermenPANRB 6/2022 with angka kredit
    // ---------------------------------------------------------------------

    #[test]
    fn permenpanrb_6_2022_converts_the_predikat_to_angka_kredit_for_a_jenjang() {
        // RHK a below (a2), b above, c below: half the RHK utama below, so the
        // suggestion is di bawah and, with perilaku sesuai, Butuh Perbaikan (75%).
        let (r, real) = skp_8_2021();
        let sesuai = Some(RatingEkspektasi::SesuaiEkspektasi);
        let ak = |evaluasi, jenjang, bulan| {
            let opsi = PreviewOptions { jenjang, bulan, ..PreviewOptions::default() };
            let real: Vec<Realisasi> = real
                .iter()
                .map(|x| {
                    RealisasiInput {
                        indikator_id: x.indikator().to_string(),
                        evaluasi,
                        nilai: crate::rule_set::angka_persis(x.nilai().unwrap()).id,
                        uraian: String::new(),
                        bukti_dukung: vec![],
                    }
                    .validate()
                    .unwrap()
                })
                .collect();
            compute_preview_with_options(&r, &real, evaluasi, RuleSet::Permenpanrb6_2022, sesuai, &opsi)
        };
        let tw2 = PeriodeEvaluasi::Periodik { ke: 2 };
        // (evaluasi, jenjang, bulan, angka kredit, kendala)
        let table = [
            (TAHUNAN, Some(Jenjang::AhliPertama), None, Some(9.375), None), // 75% × 12.5
            (TAHUNAN, Some(Jenjang::AhliMuda), Some(6), Some(9.375), None), // 6/12 × 75% × 25
            (tw2, Some(Jenjang::AhliPertama), Some(3), Some(2.34375), None), // 3/12 × 75% × 12.5
            (tw2, Some(Jenjang::AhliPertama), None, None, Some("bulan_wajib_diisi")),
            (TAHUNAN, Some(Jenjang::AhliPertama), Some(13), None, Some("bulan_tidak_valid")),
            (TAHUNAN, None, Some(12), None, None),
        ];
        for (evaluasi, jenjang, bulan, expected, kode) in table {
            let p = ak(evaluasi, jenjang, bulan);
            let SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { predikat, angka_kredit, kendala, .. }) = &p
            else {
                panic!()
            };
            assert_eq!(predikat.as_ref().map(|h| h.predikat), Some(Predikat::ButuhPerbaikan));
            assert_eq!(angka_kredit.as_ref().map(|a| a.angka_kredit), expected, "{evaluasi} {jenjang:?} {bulan:?}");
            assert_eq!(kendala.first().map(|k| k.kode.as_str()), kode);
            if let Some(a) = angka_kredit {
                assert_eq!(a.penjelasan.aturan, "angka_kredit.konversi_predikat");
            }
        }
        // Without a perilaku rating there is no predikat, so no angka kredit and nothing to fix.
        let opsi = PreviewOptions { jenjang: Some(Jenjang::AhliPertama), ..PreviewOptions::default() };
        let p = compute_preview_with_options(&r, &real, TAHUNAN, RuleSet::Permenpanrb6_2022, None, &opsi);
        assert!(
            matches!(&p, SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { angka_kredit: None, .. }))
                && p.kendala().is_empty()
        );
    }

    #[test]
    fn every_rule_set_keeps_the_target_comparison() {
        let (r, real) = skp_8_2021();
        for rule_set in RuleSet::ALL {
            let p = compute_preview(&r, &real, TAHUNAN, rule_set, None);
            assert_eq!((p.rule_set(), p.evaluasi()), (rule_set, TAHUNAN));
            let ratings: Vec<_> = p.rhk().iter().map(|r| r.rating).collect();
            use RatingEkspektasi::*;
            assert_eq!(ratings, [Some(DibawahEkspektasi), Some(DiatasEkspektasi), Some(DibawahEkspektasi)]);
        }
    }

    #[test]
    fn the_first_realisation_of_the_evaluation_counts() {
        let r = rencana(&[("a", JenisRhk::Utama, &[("a1", Kuantitas, "10", "", Normal)])]);
        let mut real = realisasi(&[("a1", "8"), ("a1", "12")]);
        let lain = RealisasiInput {
            indikator_id: "a1".into(),
            evaluasi: PeriodeEvaluasi::Periodik { ke: 1 },
            nilai: "1".into(),
            uraian: String::new(),
            bukti_dukung: vec![],
        };
        real.insert(0, lain.validate().unwrap());
        let p = compute_preview(&r, &real, TAHUNAN, RuleSet::Permenpanrb6_2022, None);
        assert_eq!(iki(&p, "a1").realisasi, Some(8.0));
    }

    // ---------------------------------------------------------------------
    // The keystroke preview: numbers without explanations
    // ---------------------------------------------------------------------

    fn tanpa(opsi: &PreviewOptions) -> PreviewOptions {
        PreviewOptions { penjelasan: false, ..opsi.clone() }
    }

    /// A full preview with its explained results removed, after checking that
    /// each carries exactly the number of its plain field: what the keystroke
    /// preview must equal, number for number.
    fn tanpa_penjelasan(mut p: SkpPreview) -> SkpPreview {
        let rhk = match &mut p {
            SkpPreview::Permenpanrb6_2022(p) => &mut p.rhk,
            SkpPreview::Permenpanrb8_2021(p) => {
                assert_eq!(p.nilai, p.nilai_skp.take().map(|n| n.nilai_skp));
                &mut p.rhk
            }
            SkpPreview::Pp46_2011(p) => {
                assert_eq!(p.nilai, p.capaian_skp.take().map(|c| c.nilai_capaian_skp));
                &mut p.rhk
            }
        };
        for r in rhk {
            match &mut r.hasil {
                HasilRhk::Permenpanrb6_2022(_) => {}
                HasilRhk::Permenpanrb8_2021(h) => assert_eq!(h.nilai, h.nilai_rhk.take().map(|n| n.nilai), "{}", r.rhk),
                HasilRhk::Pp46_2011(h) => {
                    assert_eq!(h.nilai, h.nilai_kegiatan.take().map(|n| n.nilai_capaian), "{}", r.rhk)
                }
            }
            for i in &mut r.indikator {
                match &mut i.hasil {
                    HasilIndikator::Permenpanrb6_2022(h) => {
                        // The rating's explanation is there exactly when the rating is, under 6/2022.
                        let rating = h.rating_dijelaskan.take();
                        assert!(rating.is_none() || i.rating.is_some(), "{}", i.indikator);
                    }
                    HasilIndikator::Permenpanrb8_2021(h) => {
                        let capaian = h.capaian_iki.take();
                        let nilai = h.nilai_capaian_iki.take();
                        assert_eq!(h.capaian_persen, capaian.map(|c| c.capaian_persen), "{}", i.indikator);
                        assert_eq!(h.kategori, nilai.as_ref().map(|n| n.kategori), "{}", i.indikator);
                        assert_eq!(h.nilai, nilai.map(|n| n.nilai), "{}", i.indikator);
                    }
                    HasilIndikator::Pp46_2011(h) => {
                        let aspek = h.nilai_aspek.take();
                        assert_eq!(h.nilai, aspek.map(|a| a.nilai), "{}", i.indikator);
                    }
                }
            }
        }
        p
    }

    /// Every number of the preview is the same with and without explanations,
    /// and `explain_*` give, item by item, what the full preview carries.
    fn sama_dengan_dan_tanpa_penjelasan(
        r: &RencanaSkp,
        real: &[Realisasi],
        rule_set: RuleSet,
        rating_perilaku: Option<RatingEkspektasi>,
        opsi: &PreviewOptions,
    ) {
        let penuh = compute_preview_with_options(r, real, TAHUNAN, rule_set, rating_perilaku, opsi);
        let ringan = compute_preview_with_options(r, real, TAHUNAN, rule_set, rating_perilaku, &tanpa(opsi));
        assert_eq!(ringan, tanpa_penjelasan(penuh.clone()), "{rule_set:?}");

        for (rhk, p) in r.rhk().iter().zip(penuh.rhk()) {
            let harapan: Vec<Penjelasan> = match &p.hasil {
                HasilRhk::Permenpanrb6_2022(_) => vec![],
                HasilRhk::Permenpanrb8_2021(h) => h.nilai_rhk.iter().map(|n| n.penjelasan.clone()).collect(),
                HasilRhk::Pp46_2011(h) => h.nilai_kegiatan.iter().map(|n| n.penjelasan.clone()).collect(),
            };
            let dijelaskan = explain_rhk(r, real, rhk.id(), TAHUNAN, rule_set);
            assert_eq!(dijelaskan, (!harapan.is_empty()).then_some(harapan), "{}", rhk.id());
            for i in &p.indikator {
                let harapan: Vec<&Penjelasan> = match &i.hasil {
                    HasilIndikator::Permenpanrb6_2022(h) => h.rating_dijelaskan.iter().collect(),
                    HasilIndikator::Permenpanrb8_2021(h) => {
                        let capaian = h.capaian_iki.iter().map(|c| &c.penjelasan);
                        capaian.chain(h.nilai_capaian_iki.iter().map(|n| &n.penjelasan)).collect()
                    }
                    HasilIndikator::Pp46_2011(h) => h.nilai_aspek.iter().map(|a| &a.penjelasan).collect(),
                };
                let harapan: Vec<Penjelasan> = harapan.into_iter().cloned().collect();
                let dijelaskan = explain_indikator(r, real, &i.indikator, TAHUNAN, rule_set);
                assert_eq!(dijelaskan, (!harapan.is_empty()).then_some(harapan), "{}", i.indikator);
            }
        }

        let harapan: Option<Vec<Penjelasan>> = match &penuh {
            SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { saran, predikat, angka_kredit, .. }) => Some(
                [
                    Some(&saran.penjelasan),
                    predikat.as_ref().map(|h| &h.penjelasan),
                    angka_kredit.as_ref().map(|a| &a.penjelasan),
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            ),
            SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai_skp, .. }) => {
                nilai_skp.as_ref().map(|n| vec![n.penjelasan.clone()])
            }
            SkpPreview::Pp46_2011(pp_46_2011::Preview { capaian_skp, .. }) => {
                capaian_skp.as_ref().map(|c| vec![c.penjelasan.clone()])
            }
        };
        assert_eq!(explain_skp(r, real, TAHUNAN, rule_set, rating_perilaku, opsi), harapan, "{rule_set:?}");
    }

    /// Every band and branch of the legacy rules: one RHK per realisation
    /// value, each with a normal kuantitas target, a khusus waktu range and a
    /// khusus kualitas range (so PP 46/2011 notes the ignored polarity). The
    /// value 0 gives a kegiatan without output; every fourth RHK is tambahan.
    fn skp_kisi() -> (RencanaSkp, Vec<Realisasi>) {
        let nilai = ["0", "30", "59,5", "70", "79,5", "85", "92", "99,5", "100", "100,5", "105", "115", "130", "250"];
        let ids: Vec<[String; 3]> =
            (0..nilai.len()).map(|k| [format!("n{k}"), format!("w{k}"), format!("q{k}")]).collect();
        let rhk_ids: Vec<String> = (0..nilai.len()).map(|k| format!("r{k}")).collect();
        let ikis: Vec<[Iki; 3]> = ids
            .iter()
            .map(|[n, w, q]| {
                [
                    (n.as_str(), Kuantitas, "100", "", Normal),
                    (w.as_str(), Waktu, "90", "110", Khusus),
                    (q.as_str(), Kualitas, "80", "100", Khusus),
                ]
            })
            .collect();
        let spec: Vec<(&str, JenisRhk, &[Iki])> = rhk_ids
            .iter()
            .zip(&ikis)
            .enumerate()
            .map(|(k, (id, ikis))| {
                (id.as_str(), if k % 4 == 3 { JenisRhk::Tambahan } else { JenisRhk::Utama }, &ikis[..])
            })
            .collect();
        let pasangan: Vec<(&str, &str)> =
            ids.iter().zip(nilai).flat_map(|(ids, v)| ids.iter().map(move |id| (id.as_str(), v))).collect();
        (rencana(&spec), realisasi(&pasangan))
    }

    #[test]
    fn permenpanrb_8_2021_numbers_are_the_same_with_and_without_explanations() {
        let rule_set = RuleSet::Permenpanrb8_2021;
        let opsi = PreviewOptions::default();
        let (r, real) = skp_8_2021();
        sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, None, &opsi);
        // Some IKI waiting, only a tambahan RHK (a kendala), nothing realised.
        for tetap in [&["a1", "c1"][..], &["c1"], &[]] {
            let sebagian: Vec<Realisasi> =
                real.iter().filter(|x| tetap.contains(&x.indikator().as_str())).cloned().collect();
            sama_dengan_dan_tanpa_penjelasan(&r, &sebagian, rule_set, None, &opsi);
        }
        let (r, real) = skp_kisi();
        let semua = compute_preview(&r, &real, TAHUNAN, rule_set, None);
        assert!(semua.rhk().iter().flat_map(|r| &r.indikator).all(|i| h8(i).nilai.is_some()), "{semua:?}");
        sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, None, &opsi);
        let nol = rencana(&[("a", JenisRhk::Utama, &[("a1", Kuantitas, "0", "", Normal)])]);
        sama_dengan_dan_tanpa_penjelasan(&nol, &realisasi(&[("a1", "3")]), rule_set, None, &opsi);
    }

    #[test]
    fn pp_46_numbers_are_the_same_with_and_without_explanations() {
        let rule_set = RuleSet::Pp46_2011;
        let (r, real) = skp_pp_46();
        for opsi in [
            PreviewOptions::default(),
            PreviewOptions { jumlah_tugas_tambahan: 4, nilai_kreativitas: 3.0, ..PreviewOptions::default() },
            PreviewOptions { nilai_kreativitas: 13.0, ..PreviewOptions::default() },
        ] {
            sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, None, &opsi);
        }
        let opsi = PreviewOptions::default();
        for buang in ["k2", "k1o", "k"] {
            let sebagian: Vec<Realisasi> =
                real.iter().filter(|x| !x.indikator().as_str().starts_with(buang)).cloned().collect();
            sama_dengan_dan_tanpa_penjelasan(&r, &sebagian, rule_set, None, &opsi);
        }
        let (r, real) = skp_kisi();
        let semua = compute_preview(&r, &real, TAHUNAN, rule_set, None);
        assert!(semua.rhk().iter().flat_map(|r| &r.indikator).all(|i| h46(i).nilai.is_some()), "{semua:?}");
        sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, None, &opsi);
        let nol = rencana(&[("a", JenisRhk::Utama, &[("a1", Waktu, "0", "", Khusus)])]);
        sama_dengan_dan_tanpa_penjelasan(&nol, &realisasi(&[("a1", "3")]), rule_set, None, &opsi);
    }

    #[test]
    fn permenpanrb_6_2022_numbers_are_the_same_with_and_without_explanations() {
        let rule_set = RuleSet::Permenpanrb6_2022;
        let (r, real) = skp_8_2021();
        let opsi = PreviewOptions { jenjang: Some(Jenjang::AhliMuda), ..PreviewOptions::default() };
        for rating_perilaku in [None, Some(RatingEkspektasi::SesuaiEkspektasi)] {
            sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, rating_perilaku, &opsi);
            sama_dengan_dan_tanpa_penjelasan(&r, &[], rule_set, rating_perilaku, &opsi);
        }
        let (r, real) = skp_kisi();
        sama_dengan_dan_tanpa_penjelasan(&r, &real, rule_set, Some(RatingEkspektasi::DiatasEkspektasi), &opsi);
    }

    #[test]
    fn the_keystroke_preview_has_every_number_and_no_sentence() {
        let (r, real) = skp_8_2021();
        let opsi = PreviewOptions { penjelasan: false, ..PreviewOptions::default() };
        let p = compute_preview_with_options(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None, &opsi);
        let a1 = iki(&p, "a1");
        assert!(dekat(h8(a1).capaian_persen.unwrap(), 102.22) && dekat(h8(a1).nilai.unwrap(), 111.36));
        assert_eq!(h8(a1).kategori, Some(KategoriCapaian::SangatBaik));
        assert!(h8(a1).capaian_iki.is_none() && h8(a1).nilai_capaian_iki.is_none());
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { rhk, nilai, nilai_skp: None, .. }) = &p else {
            panic!("{p:?}")
        };
        assert!(dekat(r8(&rhk[0]).nilai.unwrap(), 99.68) && r8(&rhk[0]).nilai_rhk.is_none());
        assert!(dekat(nilai.unwrap(), 108.25));
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("penjelasan") && !json.contains("capaian_iki"), "{json}");
        assert_eq!(serde_json::from_str::<SkpPreview>(&json).unwrap(), p);
    }

    #[test]
    fn options_explain_by_default_even_when_the_field_is_missing() {
        assert!(PreviewOptions::default().penjelasan);
        let opsi: PreviewOptions = serde_json::from_str("{}").unwrap();
        assert!(opsi.penjelasan);
        let opsi: PreviewOptions = serde_json::from_str(r#"{"penjelasan":false}"#).unwrap();
        assert!(!opsi.penjelasan);
    }

    #[test]
    fn nothing_to_explain_is_none() {
        let (r, real) = skp_8_2021();
        let rule_set = RuleSet::Permenpanrb8_2021;
        assert_eq!(explain_indikator(&r, &real, &"tidak-ada".into(), TAHUNAN, rule_set), None);
        assert_eq!(explain_indikator(&r, &[], &"a1".into(), TAHUNAN, rule_set), None);
        assert_eq!(explain_indikator(&r, &real, &"a1".into(), PeriodeEvaluasi::Periodik { ke: 1 }, rule_set), None);
        assert_eq!(explain_rhk(&r, &real, &"tidak-ada".into(), TAHUNAN, rule_set), None);
        assert_eq!(explain_rhk(&r, &[], &"a".into(), TAHUNAN, rule_set), None);
        assert_eq!(explain_skp(&r, &[], TAHUNAN, rule_set, None, &PreviewOptions::default()), None);
        let langkah = explain_indikator(&r, &real, &"a2".into(), TAHUNAN, rule_set).unwrap();
        let aturan: Vec<&str> = langkah.iter().map(|p| p.aturan.as_str()).collect();
        assert_eq!(aturan, ["permenpanrb_8_2021.capaian_iki", "permenpanrb_8_2021.nilai_capaian_iki"]);
    }

    #[test]
    fn under_6_2022_an_indicator_explains_its_rating_against_the_target() {
        let (r, real) = skp_8_2021();
        let rule_set = RuleSet::Permenpanrb6_2022;
        assert_eq!(
            explain_indikator(&r, &[], &"a1".into(), TAHUNAN, rule_set),
            None,
            "no realisation, nothing to explain"
        );
        let p = explain_indikator(&r, &real, &"a1".into(), TAHUNAN, rule_set).expect("an explanation");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].aturan, "permenpanrb_6_2022.rating_indikator");
        let iki = r.rhk().iter().flat_map(|x| x.indikator()).find(|i| i.id().as_str() == "a1").unwrap();
        let nilai = realisasi_pertama(&real, iki.id(), TAHUNAN).unwrap();
        let kata = match rating_indikator(iki, nilai) {
            RatingEkspektasi::DiatasEkspektasi => "Di Atas Ekspektasi",
            RatingEkspektasi::SesuaiEkspektasi => "Sesuai Ekspektasi",
            RatingEkspektasi::DibawahEkspektasi => "Di Bawah Ekspektasi",
        };
        let langkah: Vec<&str> = p[0].langkah.iter().map(|t| t.dalam("id")).collect();
        assert!(langkah[1].contains(&angka(nilai).id) && langkah[1].contains(kata), "{langkah:?}");
        // Above, inside and below the 80–90 range read as the three ratings.
        let arah: Vec<String> = [95.0, 85.0, 10.0]
            .iter()
            .map(|n| explain_rating_indikator(iki, *n).langkah[1].dalam("en").to_owned())
            .collect();
        assert!(arah[0].ends_with("above expectations."), "{arah:?}");
        assert!(arah[1].ends_with("meets expectations."), "{arah:?}");
        assert!(arah[2].ends_with("below expectations."), "{arah:?}");
        assert!(arah[0].starts_with("Realisation 95 "), "{arah:?}");
    }

    #[test]
    fn previews_travel_tagged_by_rule_set() {
        let (r, real) = skp_pp_46();
        for rule_set in RuleSet::ALL {
            let p = compute_preview(&r, &real, TAHUNAN, rule_set, Some(RatingEkspektasi::SesuaiEkspektasi));
            let json = serde_json::to_value(&p).unwrap();
            assert_eq!(json["jenis"], rule_set.kode());
            assert_eq!(serde_json::from_value::<SkpPreview>(json).unwrap(), p);
        }
        let opsi: PreviewOptions = serde_json::from_str(r#"{"jenjang":"ahli_muda"}"#).unwrap();
        assert_eq!(opsi, PreviewOptions { jenjang: Some(Jenjang::AhliMuda), ..PreviewOptions::default() });
    }

    #[test]
    fn an_updated_indicator_changes_its_rhk_and_the_summary_and_keeps_the_rest() {
        let (r, real) = skp_8_2021();
        let opsi = PreviewOptions { penjelasan: false, ..PreviewOptions::default() };
        let awal = compute_preview_with_options(&r, &real, TAHUNAN, RuleSet::Permenpanrb8_2021, None, &opsi);
        let b1 = IndikatorId::from("b1");
        // b1 (waktu, khusus 7–8) from 6,5 to 9: later than planned.
        let baru = realisasi(&[("b1", "9")]);
        let p = update_preview(awal.clone(), &r, &b1, baru.first(), None, &opsi);
        assert_eq!(iki(&p, "b1").realisasi, Some(9.0));
        assert_ne!(h8(iki(&p, "b1")).nilai, h8(iki(&awal, "b1")).nilai);
        assert_eq!(p.rhk()[0], awal.rhk()[0], "another RHK is kept");
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai: sesudah, .. }) = &p else {
            panic!("rule set changed")
        };
        let SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai: sebelum, .. }) = &awal else {
            unreachable!()
        };
        assert_ne!(sesudah, sebelum, "the nilai SKP follows");
        // Cleared, the indicator has no number; an indicator outside the plan changes nothing.
        let kosong = update_preview(p.clone(), &r, &b1, None, None, &opsi);
        assert_eq!(iki(&kosong, "b1").realisasi, None);
        assert_eq!(update_preview(p.clone(), &r, &IndikatorId::from("zz"), baru.first(), None, &opsi), p);
        // A plan changed meanwhile (an RHK removed): recomputed with the realisations the preview holds.
        let (lebih, real_lebih) = skp_8_2021();
        let kurang = rencana(&[
            ("b", JenisRhk::Utama, &[("b1", Waktu, "7", "8", Khusus)]),
            ("c", JenisRhk::Tambahan, &[("c1", Kuantitas, "80", "90", Normal)]),
        ]);
        let dulu = compute_preview_with_options(&lebih, &real_lebih, TAHUNAN, RuleSet::Permenpanrb8_2021, None, &opsi);
        let sisa = realisasi(&[("b1", "9"), ("c1", "70")]);
        let p2 = update_preview(dulu, &kurang, &b1, sisa.first(), None, &opsi);
        assert_eq!(p2, compute_preview_with_options(&kurang, &sisa, TAHUNAN, RuleSet::Permenpanrb8_2021, None, &opsi));
        // Another indicator's realisation does not count for this one.
        let lain = update_preview(p.clone(), &r, &b1, realisasi(&[("a1", "50")]).first(), None, &opsi);
        assert_eq!(iki(&lain, "b1").realisasi, None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod sama_dengan_hitung_ulang {
        use super::*;
        use proptest::prelude::*;

        /// An indicator's aspect, target (an index into [`TARGET`]) and polarity.
        type BentukIki = (AspekIndikator, usize, Polaritas);

        /// A plan of 1–6 RHK with 1–3 indicators each, of every aspect,
        /// polarity and target shape.
        fn rencana_acak() -> impl Strategy<Value = Vec<(JenisRhk, Vec<BentukIki>)>> {
            let aspek = prop::sample::select(vec![Kuantitas, Kualitas, Waktu, Biaya]);
            let polaritas = prop::sample::select(vec![Normal, Khusus]);
            let iki = (aspek, 0..TARGET.len(), polaritas);
            let rhk =
                (prop::sample::select(vec![JenisRhk::Utama, JenisRhk::Tambahan]), prop::collection::vec(iki, 1..4));
            prop::collection::vec(rhk, 1..7)
        }

        const TARGET: [(&str, &str); 4] = [("80", "90"), ("100", ""), ("7", "8"), ("12,5", "")];

        /// A realisation as typed: a number, or none (cleared).
        fn nilai_acak() -> impl Strategy<Value = Option<String>> {
            prop_oneof![
                1 => Just(None),
                6 => (0u32..240, any::<bool>()).prop_map(|(n, setengah)| Some(if setengah { format!("{n},5") } else { n.to_string() })),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn updating_one_indicator_at_a_time_equals_computing_it_all_again(
                bentuk in rencana_acak(),
                ketikan in prop::collection::vec((any::<prop::sample::Index>(), nilai_acak()), 1..25),
                rule_set in prop::sample::select(RuleSet::ALL.to_vec()),
                perilaku in prop::option::of(prop::sample::select(RatingEkspektasi::ALL.to_vec())),
                jenjang in prop::option::of(Just(Jenjang::AhliMuda)),
                penjelasan in any::<bool>(),
            ) {
                let nama: Vec<Vec<String>> = bentuk.iter().enumerate()
                    .map(|(i, (_, ikis))| (0..ikis.len()).map(|j| format!("i{i}-{j}")).collect()).collect();
                let daftar: Vec<(String, JenisRhk, Vec<Iki>)> = bentuk.iter().enumerate().map(|(i, (jenis, ikis))| {
                    let ikis = ikis.iter().enumerate().map(|(j, &(aspek, t, pol))| {
                        (nama[i][j].as_str(), aspek, TARGET[t].0, TARGET[t].1, pol)
                    }).collect();
                    (format!("r{i}"), *jenis, ikis)
                }).collect();
                let daftar: Vec<(&str, JenisRhk, &[Iki])> = daftar.iter().map(|(id, j, ikis)| (id.as_str(), *j, ikis.as_slice())).collect();
                let r = rencana(&daftar);
                let semua: Vec<&String> = nama.iter().flatten().collect();
                let opsi = PreviewOptions { jenjang, penjelasan, ..PreviewOptions::default() };
                let mut diketik: BTreeMap<String, String> = BTreeMap::new();
                let mut p = compute_preview_with_options(&r, &[], TAHUNAN, rule_set, perilaku, &opsi);
                for (pilih, nilai) in ketikan {
                    let id = semua[pilih.index(semua.len())].clone();
                    match &nilai {
                        Some(n) => { diketik.insert(id.clone(), n.clone()); }
                        None => { diketik.remove(&id); }
                    }
                    let sekarang: Vec<(&str, &str)> = diketik.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    let semua_real = realisasi(&sekarang);
                    let yang_ini = semua_real.iter().find(|x| x.indikator().as_str() == id);
                    p = update_preview(p, &r, &IndikatorId::from(id.as_str()), yang_ini, perilaku, &opsi);
                    prop_assert_eq!(&p, &compute_preview_with_options(&r, &semua_real, TAHUNAN, rule_set, perilaku, &opsi));
                }
            }
        }
    }
}
