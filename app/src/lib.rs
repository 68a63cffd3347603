//! e-Kinerja's single-page app. Pages fetch, components render, and the
//! rules come from `domain`, the same code the server runs.

pub mod api;
pub mod components;
pub mod fokus;
pub mod i18n;
pub mod navigasi;
pub mod offline;
pub mod page;
pub mod pages;
pub mod panik;
pub mod pembaruan;
pub mod state;
pub mod teks;

use leptos::prelude::*;

use crate::components::kerangka::Kerangka;
use crate::components::muat::BatasGalat;
use crate::components::session_ended::SessionEnded;
use crate::i18n::{Locale, provide_i18n};
use crate::navigasi::{Navigasi, provide_navigasi};
use crate::page::{Bundle, Halaman};
use crate::state::auth::{Auth, AuthContext};

/// The cookie that remembers the user's language choice (`id` or `en`).
pub const COOKIE_BAHASA: &str = "ekinerja_bahasa";

fn dokumen_html() -> Option<web_sys::HtmlDocument> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDocument>(d).ok())
}

/// Bahasa Indonesia first: English only when the user chose it before (kept
/// in a cookie), whatever the browser's languages say.
pub fn bahasa_tersimpan() -> Locale {
    let cookie = dokumen_html().and_then(|d| d.cookie().ok()).unwrap_or_default();
    match bahasa_dari_cookie(&cookie) {
        Some("en") => Locale::en,
        _ => Locale::id,
    }
}

/// The language kept in a `document.cookie` string, if any.
pub fn bahasa_dari_cookie(cookie: &str) -> Option<&str> {
    cookie.split(';').filter_map(|kv| kv.trim().split_once('=')).find(|(k, _)| *k == COOKIE_BAHASA).map(|(_, v)| v)
}

/// Remembers the language for a year (this path only; no other cookie is touched).
fn simpan_bahasa(locale: Locale) {
    if let Some(d) = dokumen_html() {
        let kode = locale.kode();
        let _ = d.set_cookie(&format!("{COOKIE_BAHASA}={kode}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}

/// The language, the API client, the session and the address, set up before any page
/// renders: the remembered language (Indonesian by default), every later
/// change of language remembered, the session asked of the server once, and
/// the router (of the wasm build `bundle`).
fn siapkan(bundle: Bundle) -> Navigasi {
    let i18n = provide_i18n(bahasa_tersimpan());
    Effect::new(move |_| simpan_bahasa(i18n.get_locale()));
    let auth = AuthContext(RwSignal::new(Auth::Memuat));
    provide_context(auth);
    let client = api::provide_client();
    leptos::task::spawn_local(async move {
        // A sign-out that could not reach the server is finished first: the
        // app starts as a guest, whatever the cookie still says.
        if offline::sign_out_pending().await {
            let selesai = match client.session().await {
                Ok(Some(_)) => matches!(client.logout().await, Ok(()) | Err(api::Error::SessionEnded)),
                Ok(None) => true,
                Err(_) => false,
            };
            if selesai {
                offline::mark_sign_out(false).await;
            }
            client.remember(None);
            auth.0.set(Auth::Tamu);
            return;
        }
        let next = match client.session().await {
            Ok(Some(s)) => {
                crate::state::draf::bersihkan(Some(&s.pegawai_id));
                offline::keep_session(Some(&s)).await;
                offline::clear_data(Some(&s.pegawai_id)).await;
                Auth::Masuk(s)
            }
            // The server says nobody is signed in (the session expired, or
            // ended elsewhere): the colleagues' secrets go now, not at the
            // next sign-in; the person's own unsent work stays (see
            // `offline::sesi_hilang`).
            Ok(None) => {
                offline::keep_session(None).await;
                offline::sesi_hilang().await;
                Auth::Tamu
            }
            // No answer: the person last signed in on this device, until
            // their session's end, with what the device kept for them.
            Err(_) => match offline::read_session().await {
                Some(s) => {
                    client.remember(Some(&s));
                    Auth::Masuk(s)
                }
                None => Auth::Tamu,
            },
        };
        auth.0.set(next);
    });
    provide_navigasi(bundle)
}

/// The pages of one wasm build: the page an address names, or `None` when
/// the build has no such page.
pub type Pages = fn(&Halaman) -> Option<AnyView>;

/// The app of one wasm build ([`Bundle`]; each entry point in `src/main.rs`
/// and `src/bin/` names its pages): the frame, the sync bar, the update
/// banner and the sign-in dialog are the same in every one. `siapkan`: what
/// its pages share, provided once before any of them.
#[component]
pub fn App(bundle: Bundle, pages: Pages, siapkan_halaman: Option<fn()>) -> impl IntoView {
    let nav = siapkan(bundle);
    pembaruan::register_service_worker();
    let client = api::use_client();
    client.keep_for_offline();
    offline::sync::provide_syncer(client, state::auth::use_auth());
    offline::idb::request_persistence();
    components::lonceng::provide_lonceng();
    if let Some(f) = siapkan_halaman {
        f();
    }
    // A page is built anew when the address names another page (or another
    // SKP); one of another build is not here (links to it load it).
    let halaman = move || {
        nav.halaman()
            .filter(|h| h.bundle() == bundle)
            .and_then(|h| pages(&h))
            .unwrap_or_else(|| view! { <pages::tidak_ditemukan::TidakDitemukan /> }.into_any())
    };
    view! {
        <pembaruan::UpdateBanner />
        <Kerangka status=|| view! { <components::sync_bar::SyncBar /> }>
            <BatasGalat>{halaman}</BatasGalat>
        </Kerangka>
        <SessionEnded />
    }
}

/// Mounts the app of one wasm build on the page's body.
pub fn mount(bundle: Bundle, pages: Pages, siapkan_halaman: Option<fn()>) {
    panik::pasang();
    leptos::mount::mount_to_body(move || view! { <App bundle pages siapkan_halaman /> });
}

/// The admin console: its own wasm under `/admin/` (see `src/bin/admin.rs`),
/// online only, without the sync bar.
#[component]
pub fn AppAdmin() -> impl IntoView {
    siapkan(Bundle::Admin);
    components::lonceng::provide_lonceng();
    view! {
        <Kerangka>
            <BatasGalat>
                <pages::admin::Admin />
            </BatasGalat>
        </Kerangka>
        <SessionEnded />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_others() {
        assert_eq!(bahasa_dari_cookie("a=1; ekinerja_bahasa=en; b=2"), Some("en"));
        assert_eq!(bahasa_dari_cookie("ekinerja_bahasa=id"), Some("id"));
        assert_eq!(bahasa_dari_cookie("x_ekinerja_bahasa=en"), None);
        assert_eq!(bahasa_dari_cookie(""), None);
    }
}
