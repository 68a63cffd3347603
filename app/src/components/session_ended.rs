use leptos::prelude::*;

use crate::components::form_login::FormLogin;
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// When the session ends mid-work: a dialog over the page, which stays as
/// it is underneath, so nothing typed is lost.
#[component]
pub fn SessionEnded() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // The focus goes into the dialog, on the password (the NIP is filled in).
    Effect::new(move |_| {
        if matches!(auth.0.get(), Auth::Berakhir(_)) {
            request_animation_frame(|| {
                let sandi = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("[data-testid=sesi-berakhir] #kata-sandi").ok().flatten())
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(sandi) = sandi {
                    let _ = sandi.focus();
                }
            });
        }
    });
    view! {
        <Show when=move || matches!(auth.0.get(), Auth::Berakhir(_))>
            <div class="tirai">
                <section class="kartu dialog" role="dialog" aria-modal="true" aria-labelledby="judul-sesi" data-testid="sesi-berakhir">
                    <h2 id="judul-sesi">{teks(i18n, |l| td_string!(l, umum.sesi_berakhir))}</h2>
                    <p>{teks(i18n, |l| td_string!(l, umum.sesi_berakhir_penjelasan))}</p>
                    <FormLogin />
                </section>
            </div>
        </Show>
    }
}
