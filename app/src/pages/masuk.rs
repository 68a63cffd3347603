use leptos::prelude::*;

use crate::components::form_login::FormLogin;
use crate::components::kuadran::KuadranSimulasi;
use crate::i18n::{td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// `/masuk`: the login form; once signed in, on to the dashboard.
#[component]
pub fn Masuk() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    Effect::new(move |_| {
        if matches!(auth.0.get(), Auth::Masuk(_)) {
            nav.ke(&Halaman::Beranda);
        }
    });
    view! {
        <section class="kartu sempit">
            <h1>{teks(i18n, |l| td_string!(l, umum.judul_masuk))}</h1>
            <FormLogin />
        </section>
        <KuadranSimulasi />
    }
}
