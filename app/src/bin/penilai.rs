//! The penilai's build (`penilai.html`, served under `/penilai/`): the
//! queue of subordinates and the review of an SKP.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::Antrian => view! { <pages::penilai::Antrian /> }.into_any(),
        Halaman::TinjauSkp(id) => view! { <pages::penilai::TinjauSkp id=id.clone() /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Penilai, pages, Some(pages::penilai::provide_berikutnya));
}
