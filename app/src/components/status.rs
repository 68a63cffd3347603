use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// An SKP status as a labelled badge, in the user's language.
#[component]
pub fn StatusSkp(#[prop(into)] kode: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=move || format!("lencana status-{}", kode.get()) data-testid="status-skp" data-status=move || kode.get()>
            {move || match kode.get().as_str() {
                "draf" => t!(i18n, umum.status_draf).into_any(),
                "diajukan" => t!(i18n, umum.status_diajukan).into_any(),
                "dikembalikan" => t!(i18n, umum.status_dikembalikan).into_any(),
                "ditetapkan" => t!(i18n, umum.status_ditetapkan).into_any(),
                "revisi" => t!(i18n, umum.status_revisi).into_any(),
                "dinilai" => t!(i18n, umum.status_dinilai).into_any(),
                "dinilai_tahunan" => t!(i18n, umum.status_dinilai_tahunan).into_any(),
                "final" => t!(i18n, umum.status_final).into_any(),
                _ => t!(i18n, umum.status_belum_dibuat).into_any(),
            }}
        </span>
    }
}
