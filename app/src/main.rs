//! The home build's entry point (`index.html`): sign-in, the dashboard, the
//! account, activation, the simulation and about; every address no other build
//! has (see `page::Bundle`).

use app::page::{Bundle, Halaman};
use app::pages;
use leptos::prelude::*;

fn pages(h: &Halaman) -> Option<AnyView> {
    Some(match h {
        Halaman::Beranda => view! { <pages::beranda::Beranda /> }.into_any(),
        Halaman::Masuk => view! { <pages::masuk::Masuk /> }.into_any(),
        Halaman::Aktivasi => view! { <pages::aktivasi::Aktivasi /> }.into_any(),
        Halaman::Akun => view! { <pages::akun::Akun /> }.into_any(),
        Halaman::Simulasi => view! { <pages::simulasi::Simulasi /> }.into_any(),
        Halaman::Tentang => view! { <pages::tentang::Tentang /> }.into_any(),
        Halaman::Notifikasi => view! { <pages::notifikasi::Notifikasi /> }.into_any(),
        Halaman::SkpSaya => view! { <pages::dokumen::SkpSaya /> }.into_any(),
        Halaman::Dokumen(id) => view! { <pages::dokumen::Dokumen id=id.clone() /> }.into_any(),
        Halaman::Banding(id) => view! { <pages::banding::Banding id=id.clone() /> }.into_any(),
        _ => return None,
    })
}

fn main() {
    app::mount(Bundle::Utama, pages, None);
}
