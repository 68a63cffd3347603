use leptos::prelude::*;

use domain::RuleSet;
use domain::periode::SiklusPeriodik;

use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// The name of a rule set in the user's language.
#[component]
pub fn LabelAturan(aturan: RuleSet) -> impl IntoView {
    let i18n = use_i18n();
    match aturan {
        RuleSet::Permenpanrb6_2022 => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_6_2022)).into_any(),
        RuleSet::Permenpanrb8_2021 => teks(i18n, |l| td_string!(l, pegawai.aturan_permenpanrb_8_2021)).into_any(),
        RuleSet::Pp46_2011 => teks(i18n, |l| td_string!(l, pegawai.aturan_pp_46_2011)).into_any(),
    }
}

/// The name of a cycle in the user's language.
#[component]
pub fn LabelSiklus(siklus: SiklusPeriodik) -> impl IntoView {
    let i18n = use_i18n();
    match siklus {
        SiklusPeriodik::Bulanan => teks(i18n, |l| td_string!(l, admin.siklus_bulanan)).into_any(),
        SiklusPeriodik::Triwulanan => teks(i18n, |l| td_string!(l, admin.siklus_triwulanan)).into_any(),
    }
}
