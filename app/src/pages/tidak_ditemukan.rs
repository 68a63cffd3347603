use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::page::Halaman;
use crate::teks::teks;

#[component]
pub fn TidakDitemukan() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="kartu">
            <p>{teks(i18n, |l| td_string!(l, umum.tidak_ditemukan))}</p>
            <Tautan ke=Halaman::Beranda>{teks(i18n, |l| td_string!(l, umum.kembali_ke_beranda))}</Tautan>
        </section>
    }
}
