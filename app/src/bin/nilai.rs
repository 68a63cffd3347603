//! The penilai's rating build (`nilai.html`, served at `/nilai`): the
//! whole unit rated for one evaluation, subordinate after subordinate, with
//! the unit's distribution against the pattern recomputed as ratings are
//! typed. Its own wasm, as the admin console has.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::PenilaianUnit => view! { <pages::penilaian_unit::HalamanPenilaianUnit /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Nilai, pages, None);
}
