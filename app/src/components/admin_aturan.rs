use leptos::prelude::*;

use domain::RuleSet;
use domain::periode::SiklusPeriodik;

use crate::i18n::{t, use_i18n};

/// The name of a rule set in the user's language.
#[component]
pub fn LabelAturan(aturan: RuleSet) -> impl IntoView {
    let i18n = use_i18n();
    match aturan {
        RuleSet::Permenpanrb6_2022 => t!(i18n, pegawai.aturan_permenpanrb_6_2022).into_any(),
        RuleSet::Permenpanrb8_2021 => t!(i18n, pegawai.aturan_permenpanrb_8_2021).into_any(),
        RuleSet::Pp46_2011 => t!(i18n, pegawai.aturan_pp_46_2011).into_any(),
    }
}

/// The name of a cycle in the user's language.
#[component]
pub fn LabelSiklus(siklus: SiklusPeriodik) -> impl IntoView {
    let i18n = use_i18n();
    match siklus {
        SiklusPeriodik::Bulanan => t!(i18n, admin.siklus_bulanan).into_any(),
        SiklusPeriodik::Triwulanan => t!(i18n, admin.siklus_triwulanan).into_any(),
    }
}
