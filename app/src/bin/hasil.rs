//! The results-and-feedback build (`hasil.html`, served under `/hasil/`):
//! the pegawai's realisasi and evidence per sub-period, the feedback they
//! received, and the 360 they are asked to answer, in a wasm of its own so
//! that the home build's first load does not carry them.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::Realisasi(id) => view! { <pages::realisasi::HalamanRealisasi id=id.clone() /> }.into_any(),
        Halaman::UmpanBalik => view! { <pages::umpan_balik::HalamanUmpanBalik /> }.into_any(),
        Halaman::Tugas360 => view! { <pages::tugas_360::HalamanTugas360 /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Hasil, pages, None);
}
