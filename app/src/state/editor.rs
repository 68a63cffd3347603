//! The SKP editor as plain data: the form (`SkpInput`, exactly as typed),
//! the realisations typed for a preview, and the preview itself, computed by
//! `domain` in the browser with no server round trip.

use std::collections::{BTreeMap, HashMap};

use domain::angka_kredit::Jenjang;
use domain::error::FieldErrors;
use domain::periode::PeriodeEvaluasi;
use domain::rule_set::{JenisRhk, RuleSet};
use domain::rule_set::{permenpanrb_6_2022, permenpanrb_8_2021, pp_46_2011};
use domain::skp::preview::HasilIndikator as HasilIndikatorPreview;
use domain::skp::preview::{IndikatorPreview, PreviewOptions, RhkPreview, SkpPreview, compute_preview_with_options};
use domain::skp::{IndikatorInput, RealisasiInput, RencanaSkp, RhkInput, SkpInput};
use domain::{JenisJabatan, RatingEkspektasi};

use crate::i18n::Locale;

/// What the preview needs besides the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewParams {
    pub rule_set: RuleSet,
    pub jenis_jabatan: JenisJabatan,
    /// Indicator id → the realisation as typed (`12,5`).
    pub realisasi: BTreeMap<String, String>,
    pub rating_perilaku: Option<RatingEkspektasi>,
    pub jenjang: Option<Jenjang>,
}

/// The preview, or why there is none yet.
#[derive(Clone, Debug, PartialEq)]
pub enum PreviewState {
    /// The plan has field errors: fix them first.
    RencanaBelumValid,
    Siap(Box<SkpPreview>),
}

/// Recomputes the whole preview: validate the plan, parse the typed
/// realisations (an unparsable one is left out), run the rule set.
pub fn compute_editor_preview(input: &SkpInput, m: &PreviewParams) -> PreviewState {
    compute_plan_preview(&input.validate(m.jenis_jabatan), m)
}

/// The preview of a plan validated once per change of the form: a keystroke
/// in a realisation recomputes the rule set, never the plan's validation.
pub fn compute_plan_preview(rencana: &Result<RencanaSkp, FieldErrors>, m: &PreviewParams) -> PreviewState {
    let Ok(rencana) = rencana else {
        return PreviewState::RencanaBelumValid;
    };
    let realisasi = realisasi_valid(m);
    PreviewState::Siap(Box::new(compute_preview_with_options(
        rencana,
        &realisasi,
        PeriodeEvaluasi::Tahunan,
        m.rule_set,
        m.rating_perilaku,
        &opsi_ketik(m.jenjang),
    )))
}

/// The keystroke preview's options: numbers only, a year's angka kredit.
fn opsi_ketik(jenjang: Option<Jenjang>) -> PreviewOptions {
    PreviewOptions { jenjang, bulan: Some(12), penjelasan: false, ..PreviewOptions::default() }
}

/// The preview after one realisation was typed (`baru`: what
/// [`periksa_realisasi`] made of it, `None` when empty or unparsable): only
/// that indicator, its RHK and the summary are recomputed (the domain's
/// `update_preview`), so a keystroke costs the same on a 50-RHK SKP as
/// on a short one. The perilaku rating and jenjang are those the preview was
/// computed with. Gives the indicator's new result.
pub fn ketik_realisasi(
    p: &mut PreviewState,
    rencana: &Result<RencanaSkp, FieldErrors>,
    (rating_perilaku, jenjang): (Option<RatingEkspektasi>, Option<Jenjang>),
    indikator_id: &str,
    baru: Option<&domain::skp::Realisasi>,
) -> Option<HasilIndikator> {
    let Ok(rencana) = rencana else { return None };
    let PreviewState::Siap(lama) = std::mem::replace(p, PreviewState::RencanaBelumValid) else { return None };
    let id = domain::skp::IndikatorId::new(indikator_id);
    let sp = domain::skp::preview::update_preview(*lama, rencana, &id, baru, rating_perilaku, &opsi_ketik(jenjang));
    let hasil = hasil_indikator(&sp, indikator_id);
    *p = PreviewState::Siap(Box::new(sp));
    hasil
}

/// The typed realisations that parse (an unparsable one is left out).
fn realisasi_valid(m: &PreviewParams) -> Vec<domain::skp::Realisasi> {
    m.realisasi.iter().filter_map(|(id, nilai)| realisasi_berlaku(id, nilai)).collect()
}

/// A typed realisation as the preview counts it: `None` while empty or unparsable.
fn realisasi_berlaku(indikator_id: &str, nilai: &str) -> Option<domain::skp::Realisasi> {
    periksa_realisasi(indikator_id, nilai).ok().flatten()
}

/// A typed realisation checked once, by the domain's own check: `Ok(None)`
/// while empty, the realisation when it parses, else why it is left out of
/// the preview (the field's messages).
pub fn periksa_realisasi(indikator_id: &str, nilai: &str) -> Result<Option<domain::skp::Realisasi>, Vec<domain::Teks>> {
    if nilai.trim().is_empty() {
        return Ok(None);
    }
    realisasi_tahunan(indikator_id, nilai).validate().map(Some).map_err(|e| e.get("nilai").to_vec())
}

/// A realisation typed for the year's preview, as the domain checks it.
fn realisasi_tahunan(indikator_id: &str, nilai: &str) -> RealisasiInput {
    RealisasiInput {
        indikator_id: indikator_id.to_owned(),
        evaluasi: PeriodeEvaluasi::Tahunan,
        nilai: nilai.to_owned(),
        uraian: String::new(),
        bukti_dukung: Vec::new(),
    }
}

/// A realisation far outside what its indicator's unit and target make
/// likely ([`domain::skp::Indikator::realisasi_janggal`]): a warning beside
/// the field; the preview still counts it.
pub fn realisasi_janggal(
    rencana: &Result<RencanaSkp, FieldErrors>,
    indikator_id: &str,
    realisasi: Option<&domain::skp::Realisasi>,
) -> Option<domain::Teks> {
    let nilai = realisasi?.nilai()?;
    let (_, iki) = rencana.as_ref().ok()?.indikator_by_id(&domain::skp::IndikatorId::new(indikator_id))?;
    iki.realisasi_janggal(nilai)
}

/// Why a typed realisation is left out of the preview (nothing while it is
/// empty or valid), by the domain's own check of a realisation.
pub fn galat_realisasi(indikator_id: &str, nilai: &str) -> Vec<domain::Teks> {
    periksa_realisasi(indikator_id, nilai).err().unwrap_or_default()
}

/// What to explain, built only when the user opens an explanation.
#[derive(Clone, Debug, PartialEq)]
pub enum Sasaran {
    Indikator(String),
    Skp,
}

/// The explanation of one indicator or of the whole-SKP number, on demand.
pub fn jelaskan(input: &SkpInput, m: &PreviewParams, sasaran: &Sasaran) -> Vec<domain::Penjelasan> {
    let Ok(rencana) = input.validate(m.jenis_jabatan) else {
        return Vec::new();
    };
    let realisasi = realisasi_valid(m);
    let e = PeriodeEvaluasi::Tahunan;
    match sasaran {
        Sasaran::Indikator(id) => domain::skp::preview::explain_indikator(
            &rencana,
            &realisasi,
            &domain::skp::IndikatorId::new(id.clone()),
            e,
            m.rule_set,
        ),
        Sasaran::Skp => {
            let opsi = PreviewOptions { jenjang: m.jenjang, bulan: Some(12), ..PreviewOptions::default() };
            domain::skp::preview::explain_skp(&rencana, &realisasi, e, m.rule_set, m.rating_perilaku, &opsi)
        }
    }
    .unwrap_or_default()
}

/// The messages for one field in the chosen language.
pub fn galat(errors: &FieldErrors, path: &str, inggris: bool) -> Vec<String> {
    errors.get(path).iter().map(|t| crate::api::satu_bahasa(t, inggris)).collect()
}

/// Where a field's messages are kept: by the ids of its RHK and indicator,
/// which stay while RHK and indicators before them come and go (the
/// validation names them by position).
pub fn kunci_galat(rhk: &str, iki: Option<&str>, field: &str) -> String {
    match iki {
        Some(iki) => format!("{rhk}/{iki}.{field}"),
        None => format!("{rhk}.{field}"),
    }
}

/// The item number and the rest of an error path under the list `awalan`:
/// `rhk[2].indikator[1].target` under `rhk` is `(2, "indikator[1].target")`
/// (`lampiran.konsekuensi[0]` under `lampiran.konsekuensi` is `(0, "")`).
fn indeks<'a>(path: &'a str, awalan: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(awalan)?.strip_prefix('[')?;
    let (i, rest) = rest.split_once(']')?;
    Some((i.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The field errors by [`kunci_galat`]. A lampiran item's messages go to
/// its list (`lampiran.konsekuensi`), each naming the item; other errors
/// outside the RHK list keep their path.
pub fn galat_per_id(input: &SkpInput, errors: &FieldErrors) -> HashMap<String, Vec<domain::Teks>> {
    let mut per_id: HashMap<String, Vec<domain::Teks>> = HashMap::new();
    // A lampiran list's items, in number order (the paths sort `[10]` before
    // `[2]`), added after the list's own messages.
    let mut butir: Vec<(&str, usize, &[domain::Teks])> = Vec::new();
    for (path, pesan) in errors.iter() {
        let kunci = indeks(path, "rhk").and_then(|(ri, rest)| {
            let rhk = input.rhk.get(ri)?;
            Some(match indeks(rest, "indikator") {
                Some((ii, field)) => kunci_galat(&rhk.id, Some(&rhk.indikator.get(ii)?.id), field),
                None => kunci_galat(&rhk.id, None, rest),
            })
        });
        let di_lampiran = path
            .split_once('[')
            .filter(|(daftar, _)| daftar.starts_with("lampiran."))
            .and_then(|(daftar, _)| indeks(path, daftar).map(|(i, _)| (daftar, i + 1)));
        match (kunci, di_lampiran) {
            (Some(k), _) => per_id.entry(k).or_default().extend_from_slice(pesan),
            (None, Some((daftar, n))) => {
                let i = butir.partition_point(|&(d, m, _)| (d, m) < (daftar, n));
                butir.insert(i, (daftar, n, pesan));
            }
            (None, None) => per_id.entry(path.to_owned()).or_default().extend_from_slice(pesan),
        }
    }
    for (daftar, n, pesan) in butir {
        per_id.entry(daftar.to_owned()).or_default().extend(pesan.iter().map(|p| di_baris(n, p)));
    }
    per_id
}

/// A message about one item of a list, naming it (`Butir 2: …`; blank lines
/// are not items).
fn di_baris(n: usize, pesan: &domain::Teks) -> domain::Teks {
    use crate::i18n::kata::pegawai::baris_lampiran as b;
    let dalam = |l: Locale| b(l, b::Isi { n: &n, pesan: &pesan.dalam(l.kode()) });
    domain::Teks::new(dalam(Locale::id), dalam(Locale::en))
}

/// An id not used yet in this form, e.g. `rhk-3` or `iki-7`.
pub fn id_baru(input: &SkpInput, awalan: &str) -> String {
    let used: Vec<&str> = input
        .rhk
        .iter()
        .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.indikator.iter().map(|i| i.id.as_str())))
        .collect();
    (1..).map(|n| format!("{awalan}-{n}")).find(|id| !used.contains(&id.as_str())).unwrap_or_default()
}

/// A new RHK with one empty indicator, ready to fill in; its id.
pub fn tambah_rhk(input: &mut SkpInput, jenis: JenisRhk) -> String {
    let id = id_baru(input, "rhk");
    input.rhk.push(RhkInput { id: id.clone(), jenis, ..RhkInput::default() });
    tambah_indikator(input, &id);
    id
}

pub fn hapus_rhk(input: &mut SkpInput, rhk_id: &str) {
    input.rhk.retain(|r| r.id != rhk_id);
}

/// A new empty indicator at the end of an RHK; its id (none without that RHK).
pub fn tambah_indikator(input: &mut SkpInput, rhk_id: &str) -> Option<String> {
    let id = id_baru(input, "iki");
    let r = input.rhk.iter_mut().find(|r| r.id == rhk_id)?;
    r.indikator.push(IndikatorInput { id: id.clone(), ..IndikatorInput::default() });
    Some(id)
}

/// Whether anything was typed or chosen in an RHK or its indicators
/// (removing it then asks first; an empty one just goes).
pub fn rhk_berisi(input: &SkpInput, rhk_id: &str) -> bool {
    input.rhk.iter().find(|r| r.id == rhk_id).is_some_and(|r| {
        !r.uraian.trim().is_empty()
            || !r.rhk_atasan_id.is_empty()
            || r.perspektif.is_some()
            || r.indikator.iter().any(indikator_berisi)
    })
}

/// Whether anything was typed in an indicator.
pub fn indikator_berisi(i: &IndikatorInput) -> bool {
    [&i.uraian, &i.target, &i.target_maks, &i.satuan].iter().any(|t| !t.trim().is_empty())
}

pub fn hapus_indikator(input: &mut SkpInput, rhk_id: &str, iki_id: &str) {
    if let Some(r) = input.rhk.iter_mut().find(|r| r.id == rhk_id) {
        r.indikator.retain(|i| i.id != iki_id);
    }
}

/// A plan of `n` RHK with two indicators each and a realisation for every
/// indicator: the benchmark's 50-RHK SKP, and a test fixture.
pub fn contoh(n: usize) -> (SkpInput, BTreeMap<String, String>) {
    let mut input = SkpInput::default();
    let mut realisasi = BTreeMap::new();
    for r in 0..n {
        let indikator = (0..2)
            .map(|k| IndikatorInput {
                id: format!("iki-{r}-{k}"),
                uraian: format!("Persentase layanan {r}.{k} yang selesai tepat waktu"),
                target: "80".into(),
                target_maks: "90".into(),
                satuan: "persen".into(),
                ..IndikatorInput::default()
            })
            .collect::<Vec<_>>();
        for i in &indikator {
            realisasi.insert(i.id.clone(), format!("{},5", 70 + (r * 7 + i.id.len()) % 30));
        }
        input.rhk.push(RhkInput {
            id: format!("rhk-{r}"),
            uraian: format!("Terlaksananya layanan kepegawaian ke-{r}"),
            jenis: if r % 5 == 4 { JenisRhk::Tambahan } else { JenisRhk::Utama },
            indikator,
            ..RhkInput::default()
        });
    }
    (input, realisasi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masukan(rule_set: RuleSet, realisasi: BTreeMap<String, String>) -> PreviewParams {
        PreviewParams {
            rule_set,
            jenis_jabatan: JenisJabatan::Pelaksana,
            realisasi,
            rating_perilaku: Some(RatingEkspektasi::SesuaiEkspektasi),
            jenjang: None,
        }
    }

    #[test]
    fn new_rhk_and_indicators_get_ids_that_are_not_taken() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama);
        tambah_rhk(&mut input, JenisRhk::Tambahan);
        tambah_indikator(&mut input, "rhk-1");
        let ids: Vec<&str> = input
            .rhk
            .iter()
            .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.indikator.iter().map(|i| i.id.as_str())))
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        assert_eq!(input.rhk[0].indikator.len(), 2);
        let first = input.rhk[0].indikator[0].id.clone();
        assert!(!rhk_berisi(&input, "rhk-1"), "nothing typed yet");
        input.rhk[0].indikator[1].satuan = "dokumen".into();
        assert!(rhk_berisi(&input, "rhk-1"));
        assert!(!rhk_berisi(&input, "rhk-2"));
        assert_eq!(tambah_indikator(&mut input, "tidak-ada"), None);
        hapus_indikator(&mut input, "rhk-1", &first);
        hapus_rhk(&mut input, "rhk-2");
        assert_eq!(input.rhk.len(), 1);
        assert_eq!(input.rhk[0].indikator.len(), 1);
    }

    #[test]
    fn an_invalid_plan_has_no_preview_yet() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama); // empty uraian and target
        assert_eq!(
            compute_editor_preview(&input, &masukan(RuleSet::Permenpanrb6_2022, BTreeMap::new())),
            PreviewState::RencanaBelumValid
        );
    }

    #[test]
    fn the_preview_follows_the_rule_set_of_the_period() {
        let (input, realisasi) = contoh(3);
        for rule_set in [RuleSet::Permenpanrb6_2022, RuleSet::Permenpanrb8_2021, RuleSet::Pp46_2011] {
            match compute_editor_preview(&input, &masukan(rule_set, realisasi.clone())) {
                PreviewState::Siap(p) => assert_eq!(p.rule_set(), rule_set),
                other => panic!("{rule_set:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_realisation_above_the_range_raises_the_suggested_rating() {
        let (input, mut realisasi) = contoh(1);
        for v in realisasi.values_mut() {
            *v = "95".into();
        }
        let PreviewState::Siap(p) = compute_editor_preview(&input, &masukan(RuleSet::Permenpanrb6_2022, realisasi))
        else {
            panic!("no preview");
        };
        let SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { saran, .. }) = *p else {
            panic!("wrong rule set")
        };
        assert_eq!(saran.saran, Some(RatingEkspektasi::DiatasEkspektasi));
    }

    #[test]
    fn server_field_errors_land_under_their_field_in_both_languages() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama);
        let rhk1 = input.rhk[0].id.clone();
        let fields = FieldErrors::new()
            .with("rhk[0].rhk_atasan_id", domain::Teks::new("RHK atasan ini tidak ada.", "No such RHK."));
        let per_id = galat_per_id(&input, &fields);
        let pesan = &per_id[&kunci_galat(&rhk1, None, "rhk_atasan_id")];
        assert_eq!((pesan[0].dalam("id"), pesan[0].dalam("en")), ("RHK atasan ini tidak ada.", "No such RHK."));
    }

    #[test]
    fn field_errors_are_kept_by_the_ids_of_their_rhk_and_indicator() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama);
        tambah_rhk(&mut input, JenisRhk::Utama);
        let (rhk2, iki2) = (input.rhk[1].id.clone(), input.rhk[1].indikator[0].id.clone());
        let errors = input.validate(JenisJabatan::Pelaksana).unwrap_err();
        let per_id = galat_per_id(&input, &errors);
        assert_eq!(per_id[&kunci_galat(&rhk2, None, "uraian")], errors.get("rhk[1].uraian"));
        assert_eq!(per_id[&kunci_galat(&rhk2, Some(&iki2), "target")], errors.get("rhk[1].indikator[0].target"));
        assert_eq!(per_id.len(), errors.len(), "every message has a place");
        // The first RHK goes: the second one's messages keep their key.
        hapus_rhk(&mut input, "rhk-1");
        let errors = input.validate(JenisJabatan::Pelaksana).unwrap_err();
        let per_id = galat_per_id(&input, &errors);
        assert_eq!(per_id[&kunci_galat(&rhk2, Some(&iki2), "target")], errors.get("rhk[0].indikator[0].target"));
        assert!(!per_id.contains_key(&kunci_galat("rhk-1", None, "uraian")));
    }

    #[test]
    fn a_lampiran_list_gets_its_own_messages_and_those_of_its_rows() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama);
        input.lampiran.konsekuensi =
            (0..=domain::skp::MAKS_BARIS_LAMPIRAN).map(|i| format!("Konsekuensi {i}")).collect();
        input.lampiran.konsekuensi[1] = "x".repeat(domain::skp::indikator::MAKS_URAIAN + 1);
        input.lampiran.konsekuensi[10] = "x".repeat(domain::skp::indikator::MAKS_URAIAN + 1);
        let errors = input.validate(JenisJabatan::Pelaksana).unwrap_err();
        let per_id = galat_per_id(&input, &errors);
        let pesan = &per_id["lampiran.konsekuensi"];
        assert_eq!(pesan.len(), 3, "{pesan:?}");
        assert_eq!(pesan[0], errors.get("lampiran.konsekuensi")[0], "the list's own message first");
        let baris = &errors.get("lampiran.konsekuensi[1]")[0];
        assert_eq!(pesan[1].dalam("id"), format!("Butir 2: {}", baris.dalam("id")));
        assert_eq!(pesan[1].dalam("en"), format!("Item 2: {}", baris.dalam("en")));
        assert!(pesan[2].dalam("id").starts_with("Butir 11: "), "in number order: {pesan:?}");
        assert!(!per_id.contains_key("lampiran.konsekuensi[1]"));
        assert!(!per_id.contains_key("lampiran.dukungan_sumber_daya"), "another list stays quiet");
    }

    #[test]
    fn a_realisation_that_is_not_a_number_says_why() {
        assert!(galat_realisasi("iki-1", "").is_empty());
        assert!(galat_realisasi("iki-1", "12,5").is_empty());
        let abc = galat_realisasi("iki-1", "abc");
        assert_eq!(abc.len(), 1, "{abc:?}");
        assert!(abc[0].dalam("id").contains("angka"), "{abc:?}");
        assert!(!galat_realisasi("iki-1", "-3").is_empty());
    }

    #[test]
    fn field_messages_come_in_the_chosen_language() {
        let mut input = SkpInput::default();
        tambah_rhk(&mut input, JenisRhk::Utama);
        let errors = input.validate(JenisJabatan::Pelaksana).unwrap_err();
        let id = galat(&errors, "rhk[0].uraian", false);
        let en = galat(&errors, "rhk[0].uraian", true);
        assert!(!id.is_empty() && !en.is_empty());
        assert_ne!(id, en);
    }
}

/// One measure of an indicator in the preview.
#[derive(Clone, Debug, PartialEq)]
pub enum Ukuran {
    Rating(RatingEkspektasi),
    /// PermenPANRB 8/2021 capaian IKI, in percent.
    Capaian(f64),
    /// PermenPANRB 8/2021 nilai capaian IKI, or the PP 46 aspect score.
    Nilai(f64),
}

/// What the preview says about one indicator.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct HasilIndikator {
    pub ukuran: Vec<Ukuran>,
    pub kendala: Option<domain::Teks>,
    /// How far the realisation came, beside a rating against expectation
    /// (`10 dari 12 = 83,3%`, written when shown); the older rule sets show
    /// their capaian or nilai as a measure instead.
    pub capaian: Option<permenpanrb_6_2022::CapaianSingkat>,
}

/// One indicator's result, by a search (a keystroke needs only its own).
pub fn hasil_indikator(p: &SkpPreview, iki_id: &str) -> Option<HasilIndikator> {
    let i = p.rhk().iter().flat_map(|r| r.indikator.iter()).find(|i| i.indikator.as_str() == iki_id)?;
    hasil_dari(i)
}

/// Every indicator's result, by indicator id: built once per preview, so a
/// keystroke costs one look-up per indicator instead of a search.
pub fn hasil_per_indikator(p: &PreviewState) -> HashMap<String, HasilIndikator> {
    let PreviewState::Siap(p) = p else { return HashMap::new() };
    hasil_dari_rhk(p.rhk())
}

/// Each indicator's result with a realisation, by indicator id, from the
/// RHK part of a preview (`domain::skp::preview::preview_rhk`).
pub fn hasil_dari_rhk(rhk: &[RhkPreview]) -> HashMap<String, HasilIndikator> {
    rhk.iter()
        .flat_map(|r| r.indikator.iter())
        .filter_map(|i| Some((i.indikator.as_str().to_owned(), hasil_dari(i)?)))
        .collect()
}

fn hasil_dari(i: &IndikatorPreview) -> Option<HasilIndikator> {
    i.realisasi?;
    let mut h = HasilIndikator::default();
    match &i.hasil {
        HasilIndikatorPreview::Permenpanrb6_2022(_) => {
            h.ukuran.extend(i.rating.map(Ukuran::Rating));
            h.capaian = i.capaian;
        }
        HasilIndikatorPreview::Permenpanrb8_2021(x) => {
            h.ukuran.extend(x.capaian_persen.map(Ukuran::Capaian));
            h.ukuran.extend(x.nilai.map(Ukuran::Nilai));
        }
        HasilIndikatorPreview::Pp46_2011(x) => h.ukuran.extend(x.nilai.map(Ukuran::Nilai)),
    }
    h.kendala = i.kendala.as_ref().map(|k| k.pesan.clone());
    Some(h)
}

/// One line of the summary, as the preview holds it (borrowed: a
/// keystroke copies no explanation).
#[derive(Clone, Debug, PartialEq)]
pub struct Ringkasan<'a> {
    jenis: JenisRingkasan,
    nilai: NilaiRingkasan,
    alasan: &'a [domain::Teks],
    penjelasan: Option<&'a domain::Penjelasan>,
}

/// Which line of the summary: on a keystroke a line keeps its place (and
/// its DOM) and only the values in it change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JenisRingkasan {
    SaranRating,
    Predikat,
    AngkaKredit,
    NilaiSkp,
    CapaianSkp,
}

impl JenisRingkasan {
    /// Every kind, in the order the summary lists them.
    pub const SEMUA: [JenisRingkasan; 5] = [
        JenisRingkasan::SaranRating,
        JenisRingkasan::Predikat,
        JenisRingkasan::AngkaKredit,
        JenisRingkasan::NilaiSkp,
        JenisRingkasan::CapaianSkp,
    ];
}

/// The value a summary line shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NilaiRingkasan {
    /// `None`: no realisation yet.
    Rating(Option<RatingEkspektasi>),
    Predikat(domain::Predikat),
    Angka(f64),
}

impl Ringkasan<'_> {
    pub fn jenis(&self) -> JenisRingkasan {
        self.jenis
    }

    pub fn nilai(&self) -> NilaiRingkasan {
        self.nilai
    }

    /// Why the suggestion is what it is (the suggested rating only).
    pub fn alasan(&self) -> &[domain::Teks] {
        self.alasan
    }

    /// The explanation that comes with the line; the legacy scores have
    /// none here (explained on demand, [`jelaskan`] with [`Sasaran::Skp`]).
    pub fn penjelasan(&self) -> Option<&domain::Penjelasan> {
        self.penjelasan
    }
}

/// The line of one kind, when the preview has it.
pub fn baris_ringkasan(p: &SkpPreview, jenis: JenisRingkasan) -> Option<Ringkasan<'_>> {
    use JenisRingkasan as J;
    let (nilai, alasan, penjelasan): (_, &[domain::Teks], _) = match (p, jenis) {
        (SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { saran, .. }), J::SaranRating) => {
            (NilaiRingkasan::Rating(saran.saran), &saran.alasan, Some(&saran.penjelasan))
        }
        (SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { predikat: Some(k), .. }), J::Predikat) => {
            (NilaiRingkasan::Predikat(k.predikat), &[], Some(&k.penjelasan))
        }
        (SkpPreview::Permenpanrb6_2022(permenpanrb_6_2022::Preview { angka_kredit: Some(a), .. }), J::AngkaKredit) => {
            (NilaiRingkasan::Angka(a.angka_kredit), &[], Some(&a.penjelasan))
        }
        // PermenPANRB 8/2021 and PP 46/2011: explained on demand.
        (SkpPreview::Permenpanrb8_2021(permenpanrb_8_2021::Preview { nilai: Some(n), .. }), J::NilaiSkp)
        | (SkpPreview::Pp46_2011(pp_46_2011::Preview { nilai: Some(n), .. }), J::CapaianSkp) => {
            (NilaiRingkasan::Angka(*n), &[], None)
        }
        _ => return None,
    };
    Some(Ringkasan { jenis, nilai, alasan, penjelasan })
}

impl PreviewState {
    /// The summary line of one kind, when there is a preview and it has that line.
    pub fn baris(&self, jenis: JenisRingkasan) -> Option<Ringkasan<'_>> {
        match self {
            PreviewState::Siap(p) => baris_ringkasan(p, jenis),
            PreviewState::RencanaBelumValid => None,
        }
    }
}

/// The summary lines of a preview, in the order they are shown.
#[cfg(test)]
pub fn ringkasan(p: &SkpPreview) -> Vec<Ringkasan<'_>> {
    JenisRingkasan::SEMUA.into_iter().filter_map(|j| baris_ringkasan(p, j)).collect()
}

/// A number in the chosen language (`1.234,5` in Indonesian, `1,234.5` in
/// English): the domain's [`domain::rule_set::angka`], one language of it.
pub fn angka_dalam(x: f64, inggris: bool) -> String {
    let a = domain::rule_set::angka(x);
    if inggris { a.en } else { a.id }
}

#[cfg(test)]
mod tests_preview {
    use super::*;

    #[test]
    fn numbers_use_the_decimal_comma_in_indonesian() {
        assert_eq!(angka_dalam(102.2222, false), "102,22");
        assert_eq!(angka_dalam(102.2222, true), "102.22");
        assert_eq!(angka_dalam(109.0, false), "109");
        assert_eq!(angka_dalam(12_500.5, false), "12.500,5");
        assert_eq!(angka_dalam(12_500.5, true), "12,500.5");
        assert_eq!((angka_dalam(-0.001, false), angka_dalam(-0.001, true)), ("0".into(), "0".into()), "never -0");
    }

    #[test]
    fn a_target_reads_as_a_number_or_a_range() {
        use domain::skp::Target;
        assert_eq!(target_teks(Target::tunggal(1_500_000.0).unwrap(), false), "1.500.000");
        assert_eq!(target_teks(Target::rentang(80.5, 90.0).unwrap(), false), "80,5–90");
        assert_eq!(target_teks(Target::rentang(80.5, 90.0).unwrap(), true), "80.5–90");
    }

    #[test]
    fn the_index_of_results_agrees_with_a_search_for_each_indicator() {
        let (input, mut realisasi) = contoh(3);
        realisasi.remove("iki-2-1"); // one indicator without a realisation has no result
        let m = PreviewParams {
            rule_set: RuleSet::Permenpanrb8_2021,
            jenis_jabatan: JenisJabatan::Pelaksana,
            realisasi,
            rating_perilaku: None,
            jenjang: None,
        };
        let p = compute_editor_preview(&input, &m);
        let index = hasil_per_indikator(&p);
        let PreviewState::Siap(sp) = &p else { panic!("no preview") };
        assert_eq!(index.len(), 5, "{index:?}");
        assert!(!index.contains_key("iki-2-1"));
        for (id, h) in &index {
            assert_eq!(Some(h), hasil_indikator(sp, id).as_ref(), "{id}");
        }
        assert!(hasil_per_indikator(&PreviewState::RencanaBelumValid).is_empty());
    }

    #[test]
    fn typing_one_realisation_at_a_time_previews_what_computing_it_all_again_does() {
        let (input, semua) = contoh(3);
        let rencana = input.validate(JenisJabatan::Pelaksana);
        for rule_set in RuleSet::ALL {
            let mut m = PreviewParams {
                rule_set,
                jenis_jabatan: JenisJabatan::Pelaksana,
                realisasi: BTreeMap::new(),
                rating_perilaku: Some(RatingEkspektasi::SesuaiEkspektasi),
                jenjang: Some(Jenjang::AhliPertama),
            };
            let mut p = compute_editor_preview(&input, &m);
            // Typed digit by digit, with a slip (not a number) and a field cleared.
            let mut langkah: Vec<(String, String)> = Vec::new();
            for (id, nilai) in &semua {
                for n in 1..=nilai.len() {
                    langkah.push((id.clone(), nilai[..n].to_owned()));
                }
            }
            langkah.push(("iki-1-0".into(), "9x".into()));
            langkah.push(("iki-2-1".into(), String::new()));
            for (id, nilai) in langkah {
                m.realisasi.insert(id.clone(), nilai.clone());
                let baru = realisasi_berlaku(&id, &nilai);
                let hasil = ketik_realisasi(&mut p, &rencana, (m.rating_perilaku, m.jenjang), &id, baru.as_ref());
                let penuh = compute_editor_preview(&input, &m);
                assert_eq!(p, penuh, "{rule_set:?} after {id} = {nilai:?}");
                let PreviewState::Siap(sp) = &penuh else { panic!("no preview") };
                assert_eq!(hasil, hasil_indikator(sp, &id), "{id}");
            }
            assert!(matches!(&p, PreviewState::Siap(sp) if hasil_indikator(sp, "iki-0-0").is_some()), "{rule_set:?}");
        }
        // No preview while the plan is invalid: typing changes nothing.
        let mut p = PreviewState::RencanaBelumValid;
        let salah = SkpInput::default().validate(JenisJabatan::Pelaksana);
        let sembilan = realisasi_berlaku("iki-0-0", "9");
        assert_eq!(ketik_realisasi(&mut p, &salah, (None, None), "iki-0-0", sembilan.as_ref()), None);
        assert_eq!(p, PreviewState::RencanaBelumValid);
    }

    #[test]
    fn summary_lines_say_their_kind_value_and_explanation() {
        let (input, realisasi) = contoh(2);
        let m = PreviewParams {
            rule_set: RuleSet::Permenpanrb6_2022,
            jenis_jabatan: JenisJabatan::Pelaksana,
            realisasi: realisasi.clone(),
            rating_perilaku: Some(RatingEkspektasi::DibawahEkspektasi),
            jenjang: None,
        };
        let PreviewState::Siap(p) = compute_editor_preview(&input, &m) else { panic!("no preview") };
        let lines = ringkasan(&p);
        let jenis: Vec<_> = lines.iter().map(Ringkasan::jenis).collect();
        assert_eq!(jenis, [JenisRingkasan::SaranRating, JenisRingkasan::Predikat]);
        let NilaiRingkasan::Rating(Some(saran)) = lines[0].nilai() else { panic!("{:?}", lines[0]) };
        let NilaiRingkasan::Predikat(predikat) = lines[1].nilai() else { panic!("{:?}", lines[1]) };
        assert_eq!(predikat, domain::kuadran_predikat(saran, RatingEkspektasi::DibawahEkspektasi));
        assert!(!lines[0].alasan().is_empty());
        assert!(lines[1].alasan().is_empty());
        assert!(lines.iter().all(|l| l.penjelasan().is_some_and(|p| !p.langkah.is_empty())));
        // Without a realisation the suggestion says so.
        let kosong = PreviewParams { realisasi: BTreeMap::new(), ..m.clone() };
        let PreviewState::Siap(p) = compute_editor_preview(&input, &kosong) else { panic!("no preview") };
        assert_eq!(ringkasan(&p)[0].nilai(), NilaiRingkasan::Rating(None));
        // The legacy score is a number, explained on demand.
        let lama = PreviewParams { rule_set: RuleSet::Pp46_2011, ..m };
        let PreviewState::Siap(p) = compute_editor_preview(&input, &lama) else { panic!("no preview") };
        let lines = ringkasan(&p);
        assert_eq!(lines[0].jenis(), JenisRingkasan::CapaianSkp);
        assert!(matches!(lines[0].nilai(), NilaiRingkasan::Angka(x) if x > 0.0));
        assert!(lines[0].penjelasan().is_none());
    }

    #[test]
    fn every_indicator_with_a_realisation_has_a_result_under_8_2021() {
        let (input, realisasi) = contoh(2);
        let m = PreviewParams {
            rule_set: RuleSet::Permenpanrb8_2021,
            jenis_jabatan: JenisJabatan::Pelaksana,
            realisasi,
            rating_perilaku: None,
            jenjang: None,
        };
        let PreviewState::Siap(p) = compute_editor_preview(&input, &m) else { panic!() };
        let h = hasil_indikator(&p, "iki-0-0").expect("a result");
        assert!(matches!(h.ukuran[0], Ukuran::Capaian(_)), "{h:?}");
        assert!(matches!(h.ukuran[1], Ukuran::Nilai(_)), "{h:?}");
        assert_eq!(ringkasan(&p)[0].jenis(), JenisRingkasan::NilaiSkp);
        // The explanation is built on demand, and names the rule.
        let (input, realisasi) = contoh(2);
        let m = PreviewParams { realisasi, ..m };
        let e = jelaskan(&input, &m, &Sasaran::Indikator("iki-0-0".into()));
        assert_eq!(e[0].aturan, "permenpanrb_8_2021.capaian_iki");
        assert!(!jelaskan(&input, &m, &Sasaran::Skp).is_empty());
    }
}

/// A target as people write it: `90` or `80–90`.
pub fn target_teks(t: domain::skp::Target, inggris: bool) -> String {
    let a = domain::rule_set::angka_target(t.min(), t.max());
    if inggris { a.en } else { a.id }
}

/// Every field's messages by [`kunci_galat`]: the local checks', and the
/// server's of the last save (`server`) under their fields too.
pub fn galat_form(
    input: &SkpInput,
    lokal: &FieldErrors,
    server: Option<&FieldErrors>,
) -> HashMap<String, Vec<domain::Teks>> {
    match server {
        None => galat_per_id(input, lokal),
        Some(dari_server) => galat_per_id(input, lokal.clone().merge("", dari_server.clone())),
    }
}

/// The server's field errors with no message slot under a field in the
/// editor (an RHK's or indicator's own fields have one), in the user's
/// language: listed below the form.
pub fn galat_tanpa_bidang(server: &FieldErrors, inggris: bool) -> Vec<String> {
    const DI_BAWAH_BIDANG: [&str; 6] = ["uraian", "target", "target_maks", "satuan", "perspektif", "rhk_atasan_id"];
    let di_bawah = |path: &str| {
        path.starts_with("rhk[") && path.rsplit_once('.').is_some_and(|(_, f)| DI_BAWAH_BIDANG.contains(&f))
    };
    server
        .iter()
        .filter(|(path, _)| !di_bawah(path))
        .flat_map(|(_, m)| m.iter().map(|m| crate::api::satu_bahasa(m, inggris)))
        .collect()
}

/// What the SKP as a whole still lacks (a valid plan's completeness; an
/// invalid one says it under its fields).
pub fn kelengkapan(rencana: &Result<RencanaSkp, FieldErrors>, inggris: bool) -> Vec<String> {
    let lokal: FieldErrors = rencana.as_ref().map(|r| r.kelengkapan()).unwrap_or_default();
    galat(&lokal, "rhk", inggris)
}

/// A field with messages, for the list that leads to each one.
#[derive(Clone, Debug, PartialEq)]
pub struct BidangSalah {
    /// The id of its control (what the list's link focuses).
    pub id: String,
    /// Its RHK's and indicator's number (from 1), when it is in one.
    pub rhk: Option<usize>,
    pub iki: Option<usize>,
    /// The field as the form names it (`uraian`, `target_maks`, `lampiran.konsekuensi`).
    pub bidang: String,
    pub pesan: Vec<domain::Teks>,
}

/// Every field the validation marked, in the order of the form, with the
/// id of its control (the ids `rhk_form` and `lampiran` give them). A
/// message that belongs to no control is left out: it is said below the form.
pub fn bidang_salah(input: &SkpInput, errors: &FieldErrors) -> Vec<BidangSalah> {
    // A field's place among its RHK's or indicator's, as the form shows them.
    fn urutan(field: &str) -> usize {
        let field = field.strip_prefix("lampiran.").unwrap_or(field);
        let urutan = &crate::state::banding::URUTAN;
        urutan.iter().position(|f| *f == field).unwrap_or(urutan.len())
    }
    let mut daftar: Vec<(usize, (usize, usize), BidangSalah)> = Vec::new();
    for (path, pesan) in errors.iter() {
        let letak = match indeks(path, "rhk") {
            Some((ri, rest)) => input.rhk.get(ri).and_then(|rhk| match indeks(rest, "indikator") {
                Some((ii, field)) => {
                    let iki = rhk.indikator.get(ii)?;
                    let id = format!("{}-{}", iki.id, field.replace('_', "-"));
                    Some((ri, (ii + 1, urutan(field)), id, Some(ri + 1), Some(ii + 1), field))
                }
                None => {
                    let kontrol = match rest {
                        "uraian" | "jenis" | "perspektif" => rest,
                        "rhk_atasan_id" => "atasan",
                        _ => return None,
                    };
                    Some((ri, (0, urutan(rest)), format!("{}-{kontrol}", rhk.id), Some(ri + 1), None, rest))
                }
            }),
            None => {
                let daftar = path.split('[').next().unwrap_or(path);
                let id = match daftar {
                    "lampiran.dukungan_sumber_daya" => "lampiran-sumber-daya",
                    "lampiran.skema_pertanggungjawaban" => "lampiran-skema",
                    "lampiran.konsekuensi" => "lampiran-konsekuensi",
                    _ => continue,
                };
                Some((usize::MAX, (0, urutan(daftar)), id.to_owned(), None, None, daftar))
            }
        };
        let Some((ri, ii, id, rhk, iki, bidang)) = letak else { continue };
        match daftar.iter_mut().find(|(.., b)| b.id == id) {
            // A lampiran list's lines are one control.
            Some((.., b)) => b.pesan.extend(pesan.iter().filter(|p| !b.pesan.contains(p)).cloned().collect::<Vec<_>>()),
            None => {
                daftar.push((ri, ii, BidangSalah { id, rhk, iki, bidang: bidang.to_owned(), pesan: pesan.to_vec() }))
            }
        }
    }
    // By RHK, then its own fields before its indicators, as the form shows them.
    daftar.sort_by_key(|(ri, ii, _)| (*ri, *ii));
    daftar.into_iter().map(|(.., b)| b).collect()
}

/// A Lampiran list as typed, one item per line: blank lines are not items.
pub fn baris_lampiran(teks: &str) -> Vec<String> {
    teks.lines().map(str::to_owned).filter(|l| !l.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests_simpan {
    use super::*;

    /// The server's field errors, each written "id / en" here for brevity.
    fn server(pairs: &[(&str, &str)]) -> FieldErrors {
        let mut e = FieldErrors::new();
        for (k, v) in pairs {
            let (id, en) = v.split_once(" / ").expect("both languages");
            e.push(*k, id, en);
        }
        e
    }

    #[test]
    fn the_servers_messages_join_the_local_ones_under_their_fields() {
        let (input, _) = contoh(2);
        let lokal = FieldErrors::new();
        let dari_server = server(&[("rhk[1].uraian", "Terlalu mirip. / Too similar.")]);
        let per_id = galat_form(&input, &lokal, Some(&dari_server));
        let pesan = &per_id[&kunci_galat("rhk-1", None, "uraian")];
        assert_eq!((pesan[0].dalam("id"), pesan[0].dalam("en")), ("Terlalu mirip.", "Too similar."));
        assert!(galat_form(&input, &lokal, None).is_empty(), "without the server: the local checks alone");
    }

    #[test]
    fn only_server_messages_without_a_field_here_are_listed_below() {
        let dari_server = server(&[
            ("rhk[0].uraian", "Wajib. / Required."),
            ("rhk[0].indikator[1].target", "Salah. / Wrong."),
            ("rhk[0].jenis", "Jenis salah. / Wrong kind."),
            ("periode_id", "Periode tutup. / Period closed."),
        ]);
        assert_eq!(galat_tanpa_bidang(&dari_server, false), ["Periode tutup.", "Jenis salah."]);
        assert_eq!(galat_tanpa_bidang(&dari_server, true), ["Period closed.", "Wrong kind."]);
    }

    #[test]
    fn an_incomplete_valid_plan_says_what_it_lacks_and_an_invalid_one_nothing_here() {
        let (mut input, _) = contoh(1);
        assert!(kelengkapan(&input.validate(JenisJabatan::Pelaksana), false).is_empty(), "complete");
        input.rhk[0].jenis = JenisRhk::Tambahan;
        let tanpa_utama = input.validate(JenisJabatan::Pelaksana);
        assert_eq!(kelengkapan(&tanpa_utama, false), ["Tambahkan paling sedikit satu RHK utama."]);
        assert_eq!(kelengkapan(&tanpa_utama, true), ["Add at least one main RHK (utama)."]);
        input.rhk[0].uraian.clear();
        let invalid = input.validate(JenisJabatan::Pelaksana);
        assert!(invalid.is_err() && kelengkapan(&invalid, false).is_empty(), "said under its fields instead");
    }

    #[test]
    fn every_marked_field_is_listed_in_the_forms_order_with_its_control() {
        let (mut input, _) = contoh(12);
        input.rhk[10].uraian.clear();
        input.rhk[1].indikator[1].target = "delapan".into();
        input.rhk[1].indikator[1].target_maks = "x".into();
        input.rhk[1].uraian.clear();
        input.lampiran.konsekuensi = vec!["a".repeat(2000), "b".repeat(2000)];
        let errors = input.validate(JenisJabatan::Pelaksana).expect_err("invalid");
        let daftar = bidang_salah(&input, &errors);
        let letak: Vec<(&str, Option<usize>, Option<usize>)> =
            daftar.iter().map(|b| (b.id.as_str(), b.rhk, b.iki)).collect();
        assert_eq!(
            letak,
            [
                ("rhk-1-uraian", Some(2), None),
                ("iki-1-1-target", Some(2), Some(2)),
                ("iki-1-1-target-maks", Some(2), Some(2)),
                ("rhk-10-uraian", Some(11), None),
                ("lampiran-konsekuensi", None, None),
            ]
        );
        assert!(daftar.iter().all(|b| !b.pesan.is_empty()));
        assert_eq!(daftar[4].bidang, "lampiran.konsekuensi");
        assert_eq!(daftar[1].bidang, "target");
        assert!(bidang_salah(&input, &FieldErrors::new()).is_empty());
    }

    #[test]
    fn a_lampiran_list_is_its_non_blank_lines() {
        assert_eq!(baris_lampiran("Satu\n\n  \nDua \n"), ["Satu", "Dua "]);
        assert!(baris_lampiran("").is_empty());
    }
}
