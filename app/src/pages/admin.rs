use leptos::prelude::*;

use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{t, use_i18n};

/// `/admin`: the instansi admin's tools (units and atasan mapping, import,
/// activation codes, periods).
#[component]
pub fn Admin() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PerluMasuk>
            <section class="kartu">
                <h1>{t!(i18n, admin.judul)}</h1>
            </section>
        </PerluMasuk>
    }
}
