use leptos::prelude::*;

use crate::api;
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// What a page shows while its data loads or when loading failed, the same
/// everywhere: an ended session raises the sign-in dialog (the page stays),
/// a 404 says the record is not there or not yours, anything else that the
/// server cannot be reached. `ulang` loads again once the same person has
/// signed in again after the session ended.
#[component]
pub fn GagalMuat(galat: Option<api::Error>, #[prop(optional)] ulang: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    match galat {
        None => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
        Some(api::Error::SesiBerakhir) => {
            auth.expire();
            if let Some(ulang) = ulang {
                auth.ulang_setelah_masuk(move || ulang.run(()));
            }
            ().into_any()
        }
        Some(api::Error::Api { status: 404, .. }) => {
            view! { <p class="kartu">{teks(i18n, |l| td_string!(l, pegawai.skp_tidak_ditemukan))}</p> }.into_any()
        }
        Some(_) => view! { <p class="kartu galat">{teks(i18n, |l| td_string!(l, umum.galat_jaringan))}</p> }.into_any(),
    }
}
