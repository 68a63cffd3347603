use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{td_string, use_i18n};
use crate::page::Halaman;
use crate::teks::teks;

#[component]
pub fn TidakDitemukan() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="kartu">
            <p>{teks(i18n, |l| td_string!(l, umum.tidak_ditemukan))}</p>
            <A href=Halaman::Beranda.href()>{teks(i18n, |l| td_string!(l, umum.kembali_ke_beranda))}</A>
        </section>
    }
}
