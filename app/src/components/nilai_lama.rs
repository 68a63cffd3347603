//! A former rule set's result as both its readers see it — the penilai on
//! the sheet as they type (`/nilai`), the pegawai on their own page
//! (`/evaluasi`): PermenPANRB 8/2021's nilai kinerja and predikat or PP
//! 46/2011's nilai prestasi kerja and sebutan, and the domain's explanation
//! step by step, in the reader's language.

use domain::rule_set::RuleSet;
use domain::skp::PenilaianLama;
use leptos::prelude::*;

use crate::api;
use crate::components::kuadran::label_sebutan;
use crate::i18n::{Locale, td_string, use_i18n};

/// A number as the reader's language writes it (`94,4`, `94.4`).
pub fn angka(l: Locale, x: f64) -> String {
    let a = domain::rule_set::angka(x);
    if l == Locale::en { a.en } else { a.id }
}

/// The final nilai with its predikat or sebutan (`94,4 · Sangat Baik`; `—`
/// while there is none) and how it was reached.
#[component]
pub fn NilaiLama(rule_set: RuleSet, #[prop(into)] nilai: Signal<Option<PenilaianLama>>) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let nama = move || {
        let l = i18n.get_locale();
        if rule_set == RuleSet::Pp46_2011 {
            td_string!(l, penilaian.lama_nilai_prestasi)
        } else {
            td_string!(l, penilaian.lama_nilai_kinerja)
        }
    };
    view! {
        <p>
            {nama} ": "
            <strong data-testid="nilai-sebutan">{move || nilai.with(|n| match n {
                Some(n) => format!("{} · {}", angka(i18n.get_locale(), n.nilai()), label_sebutan(i18n.get_locale(), n.kode_sebutan())),
                None => "—".to_owned(),
            })}</strong>
        </p>
        <ul class="petunjuk penjelasan" data-testid="penjelasan-lama">
            {move || nilai.with(|n| n.as_ref().map(|n| {
                n.penjelasan().into_iter().flat_map(|p| p.langkah.iter()).map(|t| {
                    let t = api::satu_bahasa(t, en());
                    view! { <li>{t}</li> }
                }).collect_view()
            }))}
        </ul>
    }
}
