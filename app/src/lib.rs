//! e-Kinerja's single-page app. Pages fetch, components render, and the
//! rules come from `domain`, the same code the server runs.

pub mod api;
pub mod components;
#[allow(clippy::module_inception)] // the generated code is itself `mod i18n`
pub mod i18n;
pub mod page;
pub mod pages;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::kerangka::Kerangka;
use crate::components::sesi_berakhir::SesiBerakhir;
use crate::i18n::I18nContextProvider;
use crate::state::auth::{Auth, AuthContext};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider cookie_name=COOKIE_BAHASA>
            <Isi />
        </I18nContextProvider>
    }
}

/// The cookie that remembers the user's language choice.
pub const COOKIE_BAHASA: &str = "ekinerja_bahasa";

/// Bahasa Indonesia first: unless the user chose a language before (kept in
/// a cookie), start in Indonesian whatever the browser's languages say.
/// Runs before mounting, so the i18n context reads it at start.
pub fn bahasa_awal() {
    let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDocument>(d).ok())
    else {
        return;
    };
    let chosen = doc.cookie().ok().is_some_and(|c| c.split(';').any(|kv| kv.trim().starts_with(COOKIE_BAHASA)));
    if !chosen {
        let _ = doc.set_cookie(&format!("{COOKIE_BAHASA}=id; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}

#[component]
fn Isi() -> impl IntoView {
    let auth = AuthContext(RwSignal::new(Auth::Memuat));
    provide_context(auth);
    leptos::task::spawn_local(async move {
        let next = match api::auth::sesi().await {
            Ok(Some(s)) => Auth::Masuk(s),
            _ => Auth::Tamu,
        };
        auth.0.set(next);
    });
    view! {
        <Router>
            <Kerangka>
                <Routes fallback=pages::tidak_ditemukan::TidakDitemukan>
                    <Route path=path!("/") view=pages::beranda::Beranda />
                    <Route path=path!("/masuk") view=pages::masuk::Masuk />
                    <Route path=path!("/simulasi") view=pages::simulasi::Simulasi />
                    <Route path=path!("/skp/:id") view=pages::skp::HalamanSkp />
                    <Route path=path!("/penilai") view=pages::penilai::Antrian />
                    <Route path=path!("/penilai/skp/:id") view=pages::penilai::TinjauSkp />
                    <Route path=path!("/admin") view=pages::admin::Admin />
                </Routes>
            </Kerangka>
            <SesiBerakhir />
        </Router>
    }
}
