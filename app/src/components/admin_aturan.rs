use leptos::prelude::*;

use domain::RuleSet;

use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// The name of a rule set in the user's language (the code itself when unknown).
#[component]
pub fn LabelAturan(#[prop(into)] kode: String) -> impl IntoView {
    let i18n = use_i18n();
    match RuleSet::from_kode(&kode) {
        Some(RuleSet::Permenpanrb6_2022) => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_6_2022)).into_any(),
        Some(RuleSet::Permenpanrb8_2021) => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_8_2021)).into_any(),
        Some(RuleSet::Pp46_2011) => teks(i18n, |l| td_string!(l, pegawai.aturan_pp_46_2011)).into_any(),
        None => kode.into_any(),
    }
}

/// The name of a cycle (`bulanan`, `triwulanan`) in the user's language.
#[component]
pub fn LabelSiklus(#[prop(into)] kode: String) -> impl IntoView {
    let i18n = use_i18n();
    match kode.as_str() {
        "bulanan" => teks(i18n, |l| td_string!(l, admin.siklus_bulanan)).into_any(),
        "triwulanan" => teks(i18n, |l| td_string!(l, admin.siklus_triwulanan)).into_any(),
        _ => kode.into_any(),
    }
}
