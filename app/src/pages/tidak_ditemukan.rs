use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_i18n};
use crate::page::Halaman;

#[component]
pub fn TidakDitemukan() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="kartu">
            <p>{t!(i18n, umum.tidak_ditemukan)}</p>
            <A href=Halaman::Beranda.href()>{t!(i18n, umum.kembali_ke_beranda)}</A>
        </section>
    }
}
