use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// An SKP status as a labelled badge, in the user's language.
#[component]
pub fn StatusSkp(#[prop(into)] kode: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=move || format!("lencana status-{}", kode.get()) data-testid="status-skp" data-status=move || kode.get()>
            {move || match kode.get().as_str() {
                "draf" => teks(i18n, |l| td_string!(l, umum.status_draf)).into_any(),
                "diajukan" => teks(i18n, |l| td_string!(l, umum.status_diajukan)).into_any(),
                "dikembalikan" => teks(i18n, |l| td_string!(l, umum.status_dikembalikan)).into_any(),
                "ditetapkan" => teks(i18n, |l| td_string!(l, umum.status_ditetapkan)).into_any(),
                "revisi" => teks(i18n, |l| td_string!(l, umum.status_revisi)).into_any(),
                "dinilai" => teks(i18n, |l| td_string!(l, umum.status_dinilai)).into_any(),
                "dinilai_tahunan" => teks(i18n, |l| td_string!(l, umum.status_dinilai_tahunan)).into_any(),
                "final" => teks(i18n, |l| td_string!(l, umum.status_final)).into_any(),
                _ => teks(i18n, |l| td_string!(l, umum.status_belum_dibuat)).into_any(),
            }}
        </span>
    }
}
