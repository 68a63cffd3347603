//! The penilai's unit build (`unit.html`, served under `/unit/`): the
//! feedback of a sub-period to the whole unit, one subordinate after
//! another, and each subordinate's 360 (its raters, and after the deadline
//! the aggregate as advice). Its own wasm, so that the review's build stays
//! within its first-load budget.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::AntrianUmpanBalik => view! { <pages::penilai_umpan_balik::HalamanAntrianUmpanBalik /> }.into_any(),
        Halaman::Penilai360(id) => view! { <pages::penilai_360::HalamanPenilai360 pegawai_id=id.clone() /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Unit, pages, None);
}
