//! The realisasi build (`realisasi.html`, served under `/realisasi/`): the
//! pegawai's realisasi and evidence per sub-period, with the rules'
//! previews in the browser, in a wasm of its own (as the SKP editor) so
//! that the feedback pages' first load does not carry the preview code.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    match h {
        Halaman::Realisasi(id) => Some(view! { <pages::realisasi::HalamanRealisasi id=id.clone() /> }.into_any()),
        _ => None,
    }
}

fn main() {
    app::mount(Bundle::Realisasi, pages, None);
}
