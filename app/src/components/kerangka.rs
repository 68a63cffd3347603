use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, t_string, td_string, use_i18n};
use crate::navigasi::{Tautan, use_navigasi};
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// The frame of every page: the bar with navigation and the language
/// switch, the content, and a link to the About page at the bottom (the
/// server's version is there, not in every build's first load). `status`: what
/// shows under the header (the sync bar; passed in, so the admin console's
/// wasm does not carry it).
#[component]
pub fn Kerangka(#[prop(optional, into)] status: Option<ViewFn>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let ganti_bahasa = move |_| {
        let next = if i18n.get_locale() == Locale::id { Locale::en } else { Locale::id };
        i18n.set_locale(next);
    };
    let sinkron = crate::offline::sync::use_syncer();
    let keluar = move |_| {
        // Changes not yet on the server stay on the device (sent when this
        // person signs in again), but they are theirs to know about first.
        let belum_terkirim = sinkron.map_or(0, |s| s.waiting.get_untracked() + s.refused.with_untracked(Vec::len));
        if belum_terkirim > 0 {
            use crate::i18n::kata::luring::{self as k, keluar_belum_terkirim};
            let tanya = keluar_belum_terkirim(i18n.get_locale(), k::keluar_belum_terkirim::Isi { n: &belum_terkirim });
            if !web_sys::window().and_then(|w| w.confirm_with_message(&tanya).ok()).unwrap_or(false) {
                return;
            }
        }
        leptos::task::spawn_local(async move {
            // Opened with no connection, the session's CSRF token is not
            // known yet: asked first, so the sign-out reaches the server.
            if !client.has_csrf_token() {
                let _ = client.session().await;
            }
            let selesai = matches!(client.logout().await, Ok(()) | Err(api::Error::SessionEnded));
            // Not reached (no connection): ended at the next start, before
            // the app takes any session.
            crate::offline::mark_sign_out(!selesai).await;
            // Nothing typed or loaded stays on a device after signing out
            // (the outbox does: its entries are the person's, sent later).
            crate::state::draf::bersihkan(None);
            crate::offline::keep_session(None).await;
            crate::offline::clear_data(None).await;
            auth.0.set(Auth::Tamu);
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_href(&Halaman::Masuk.href());
            }
        });
    };
    // The folded menu of a phone: open until the page changes.
    let menu = RwSignal::new(false);
    let nav = use_navigasi();
    Effect::new(move |_| {
        nav.halaman();
        menu.set(false);
    });
    let masuk = move || matches!(auth.0.get(), Auth::Masuk(_));
    // While the sign-in dialog of an ended session is open, the page under it
    // can be neither focused nor clicked (the dialog keeps the focus).
    let di_bawah_dialog = move || matches!(auth.0.get(), Auth::Berakhir(_));
    view! {
        <a class="lewati" href="#isi" inert=di_bawah_dialog>{teks(i18n, |l| td_string!(l, umum.lewati_ke_isi))}</a>
        <header class="bar" inert=di_bawah_dialog>
            <div class="merek">
                <span class="nama">{teks(i18n, |l| td_string!(l, umum.nama_aplikasi))}</span>
                <span class="sub">{teks(i18n, |l| td_string!(l, umum.tagline))}</span>
            </div>
            <nav aria-label=move || t_string!(i18n, umum.navigasi).to_string() class="nav" data-testid="nav" id="menu-utama"
                data-terbuka=move || menu.get().to_string()>
                <Show when=masuk>
                    <Tautan ke=Halaman::Beranda>{teks(i18n, |l| td_string!(l, umum.beranda))}</Tautan>
                    <Tautan ke=Halaman::SkpSaya>{teks(i18n, |l| td_string!(l, umum.skp_saya))}</Tautan>
                    <Show when=move || auth.0.with(Auth::is_penilai)>
                        <Tautan ke=Halaman::Antrian>{teks(i18n, |l| td_string!(l, umum.penilaian))}</Tautan>
                    </Show>
                    <Tautan ke=Halaman::Akun>{teks(i18n, |l| td_string!(l, umum.akun))}</Tautan>
                    <Show when=move || auth.0.with(Auth::is_admin)>
                        <Tautan ke=Halaman::Admin>{teks(i18n, |l| td_string!(l, umum.admin))}</Tautan>
                    </Show>
                </Show>
                <Tautan ke=Halaman::Simulasi>{teks(i18n, |l| td_string!(l, umum.simulasi))}</Tautan>
            </nav>
            <div class="aksi-bar">
                // On a phone the language's code ("EN"), its name on wider screens.
                <button type="button" class="tombol-teks ganti-bahasa" data-testid="ganti-bahasa" on:click=ganti_bahasa
                    aria-label=move || t_string!(i18n, umum.label_ganti_bahasa)>
                    <span class="panjang">{teks(i18n, |l| td_string!(l, umum.ganti_bahasa))}</span>
                    <span class="pendek" aria-hidden="true">{move || if i18n.get_locale() == Locale::id { "EN" } else { "ID" }}</span>
                </button>
                <Show when=masuk>
                    <crate::components::lonceng::Lonceng />
                    <button type="button" class="tombol-teks" data-testid="keluar" on:click=keluar>
                        {teks(i18n, |l| td_string!(l, umum.keluar))}
                    </button>
                </Show>
                // On a phone the pages' links fold behind this, so the bar is one row.
                <button type="button" class="tombol-teks tombol-menu" data-testid="menu" aria-controls="menu-utama"
                    aria-expanded=move || menu.get().to_string() on:click=move |_| menu.update(|b| *b = !*b)>
                    {teks(i18n, |l| td_string!(l, umum.menu))}
                </button>
            </div>
        </header>
        {status.map(|s| s.run())}
        <main id="isi" tabindex="-1" inert=di_bawah_dialog>{children()}</main>
        <footer class="kaki" inert=di_bawah_dialog>
            <Tautan ke=Halaman::Tentang>{teks(i18n, |l| td_string!(l, umum.tentang))}</Tautan>
        </footer>
    }
}
