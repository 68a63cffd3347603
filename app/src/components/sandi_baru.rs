use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::teks::teks;

/// A new password typed twice (activation, password change): the server's
/// error for it (under the form's field name `kunci`: `baru` when changing
/// it, `password` on activation) under the first field, and under the
/// second that the two differ (`beda`, checked before sending).
#[component]
pub fn SandiBaru(
    baru: RwSignal<String>,
    ulang: RwSignal<String>,
    beda: RwSignal<bool>,
    galat: RwSignal<Option<api::Error>>,
    kunci: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="baris">
            <label for="sandi-baru">{teks(i18n, |l| td_string!(l, umum.sandi_baru))}</label>
            <input id="sandi-baru" name="new-password" type="password" autocomplete="new-password"
                bind:value=baru required aria-describedby=format!("galat-{kunci}") />
            <GalatBidang galat=galat kunci=kunci />
        </div>
        <div class="baris">
            <label for="ulangi-sandi">{teks(i18n, |l| td_string!(l, umum.ulangi_sandi))}</label>
            <input id="ulangi-sandi" name="new-password-2" type="password" autocomplete="new-password"
                bind:value=ulang required aria-describedby="galat-ulang" />
            <p class="galat" id="galat-ulang" data-testid="galat-ulang">
                {move || beda.get().then(|| teks(i18n, |l| td_string!(l, umum.sandi_tidak_sama)))}
            </p>
        </div>
    }
}

/// The server's error for one field (`kunci`), under that field in the
/// user's language; `id` and test id `galat-{kunci}` (for `aria-describedby`).
#[component]
pub fn GalatBidang(galat: RwSignal<Option<api::Error>>, kunci: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("galat-{kunci}");
    view! {
        <p class="galat" id=id.clone() data-testid=id>
            {move || galat.with(|g| g.as_ref().and_then(|g| g.pesan_bidang(kunci, i18n.get_locale() == Locale::en)))}
        </p>
    }
}

/// A form's error that belongs to no field: the network, or the server's
/// message in the user's language (field errors show under their fields).
#[component]
pub fn GalatFormulir(galat: RwSignal<Option<api::Error>>, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="galat" role="alert" data-testid=testid>
            {move || galat.with(|g| g.as_ref().filter(|e| e.fields().is_none()).map(|e| e.untuk_pengguna(i18n.get_locale())))}
        </p>
    }
}
