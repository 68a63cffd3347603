use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::teks::teks;

/// A refused change, said plainly: no connection, not allowed, a conflict
/// (409) or invalid input (422) with the server's own words.
#[component]
pub fn AdminError(#[prop(into)] galat: Signal<Option<api::Error>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    view! {
        <p class="galat" role="alert" data-testid=testid>
            {move || galat.get().map(|e| match e {
                api::Error::Network => teks(i18n, |l| td_string!(l, umum.galat_jaringan)).into_any(),
                api::Error::SessionEnded => ().into_any(),
                api::Error::Decode => teks(i18n, |l| td_string!(l, umum.galat_tak_terduga)).into_any(),
                api::Error::Api { status: 403, .. } => teks(i18n, |l| td_string!(l, admin.hanya_admin)).into_any(),
                api::Error::Api { status: 409, ref body } => {
                    let pesan = api::satu_bahasa(&body.message, en());
                    view! { <strong>{teks(i18n, |l| td_string!(l, admin.konflik))}</strong> " " {pesan} }.into_any()
                }
                api::Error::Api { status: 422, ref body } => {
                    let pesan = api::satu_bahasa(&body.message, en());
                    view! { <strong>{teks(i18n, |l| td_string!(l, admin.periksa_isian))}</strong> " " {pesan} }.into_any()
                }
                other => other.pesan(en()).unwrap_or_default().into_any(),
            })}
        </p>
    }
}
