//! The feedback build (`hasil.html`, served under `/hasil/`): the feedback
//! the pegawai received (and asking for it, their 360 raters and its
//! aggregate), and the 360 they are asked to answer, in a wasm of its own
//! so that the home build's first load does not carry them.

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::UmpanBalik => view! { <pages::umpan_balik::HalamanUmpanBalik /> }.into_any(),
        Halaman::Tugas360 => view! { <pages::tugas_360::HalamanTugas360 /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Hasil, pages, None);
}
