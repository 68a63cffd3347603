use leptos::prelude::*;

use crate::components::form_login::FormLogin;
use crate::i18n::{t, use_i18n};
use crate::state::auth::{Auth, use_auth};

/// When the session ends mid-work: a dialog over the page, which stays as
/// it is underneath, so nothing typed is lost.
#[component]
pub fn SesiBerakhir() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    view! {
        <Show when=move || matches!(auth.0.get(), Auth::Berakhir(_))>
            <div class="tirai">
                <section class="kartu dialog" role="dialog" aria-modal="true" aria-labelledby="judul-sesi" data-testid="sesi-berakhir">
                    <h2 id="judul-sesi">{t!(i18n, umum.sesi_berakhir)}</h2>
                    <p>{t!(i18n, umum.sesi_berakhir_penjelasan)}</p>
                    <FormLogin />
                </section>
            </div>
        </Show>
    }
}
