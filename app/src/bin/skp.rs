//! The SKP editor's build (`skp.html`, served under `/skp/`): the
//! pegawai's plan with the rules' previews, the heaviest page, in a wasm of
//! its own so that no other first load carries it.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    match h {
        Halaman::Skp(id) => Some(view! { <pages::skp::HalamanSkp id=id.clone() /> }.into_any()),
        _ => None,
    }
}

fn main() {
    app::mount(Bundle::Skp, pages, None);
}
