use leptos::prelude::*;

use crate::api;
use crate::components::field_errors::FieldErrorList;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::teks::teks;

/// A new password typed twice (activation, password change): the server's
/// error for it (under the form's field name `kunci`: `baru` when changing
/// it, `password` on activation) under the first field, and under the
/// second that the two differ (`beda`, checked before sending). Test ids
/// `galat-{kunci}` and `galat-ulang`.
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
                bind:value=baru required aria-describedby="sandi-baru-galat" />
            <FieldErrorList id="sandi-baru-galat" testid=format!("galat-{kunci}") pesan=server_messages(galat, kunci) />
        </div>
        <div class="baris">
            <label for="ulangi-sandi">{teks(i18n, |l| td_string!(l, umum.ulangi_sandi))}</label>
            <input id="ulangi-sandi" name="new-password-2" type="password" autocomplete="new-password"
                bind:value=ulang required aria-describedby="ulangi-sandi-galat" />
            <FieldErrorList id="ulangi-sandi-galat" testid="galat-ulang" pesan=Signal::derive(move || {
                beda.get().then(|| td_string!(i18n.get_locale(), umum.sandi_tidak_sama).to_owned()).into_iter().collect()
            }) />
        </div>
    }
}

/// The server's messages for one field (`field`, as the server names it)
/// of the last refusal, in the user's language.
pub fn server_messages(galat: RwSignal<Option<api::Error>>, field: &'static str) -> Signal<Vec<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        galat.with(|g| g.as_ref().map(|g| g.field_messages(field, i18n.get_locale() == Locale::en)).unwrap_or_default())
    })
}

/// A form's error that belongs to no field: the network, or the server's
/// message in the user's language (field errors show under their fields).
#[component]
pub fn FormError(galat: RwSignal<Option<api::Error>>, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="galat" role="alert" data-testid=testid>
            {move || galat.with(|g| g.as_ref().filter(|e| e.fields().is_none()).map(|e| e.untuk_pengguna(i18n.get_locale())))}
        </p>
    }
}
