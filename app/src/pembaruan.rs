//! The service worker (written at build time by `scripts/service-worker.mjs`):
//! registered when the app starts, so that the next start, a deep link
//! included, works with no connection. A new version waits; the app says
//! "Versi baru tersedia" and applies it only when the user agrees (a button,
//! never in the middle of typing).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// Whether a new version of the app is installed and waiting for the user.
#[derive(Clone, Copy)]
pub struct UpdateContext(pub RwSignal<bool>);

/// The browser's service workers, where it has them (a secure context).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|ada| *ada)
        .map(|_| navigator.service_worker())
}

/// Registers `/sw.js` and watches for a new version; provides [`UpdateContext`].
pub fn register_service_worker() {
    let ada_baru = RwSignal::new(false);
    provide_context(UpdateContext(ada_baru));
    let Some(sw) = container() else { return };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register("/sw.js")).await else {
            web_sys::console::warn_1(&"service worker not registered: the app will not open offline".into());
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        // A version that was installed while the app was closed.
        if reg.waiting().is_some() && sw.controller().is_some() {
            ada_baru.set(true);
        }
        let reg_dipantau = reg.clone();
        let ditemukan = Closure::<dyn FnMut()>::new(move || {
            let Some(baru) = reg_dipantau.installing() else { return };
            let (dipantau, sw) = (baru.clone(), sw.clone());
            let berubah = Closure::<dyn FnMut()>::new(move || {
                // Installed while another version controls the page: an
                // update (the first install takes the page by itself).
                if dipantau.state() == ServiceWorkerState::Installed && sw.controller().is_some() {
                    ada_baru.set(true);
                }
            });
            baru.set_onstatechange(Some(berubah.as_ref().unchecked_ref()));
            berubah.forget();
        });
        reg.set_onupdatefound(Some(ditemukan.as_ref().unchecked_ref()));
        ditemukan.forget();
    });
}

/// Applies the waiting version: it takes over, then the page reloads once.
fn apply_update() {
    let Some(sw) = container() else { return };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.get_registration()).await else { return };
        let Some(menunggu) = reg.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting()) else {
            return;
        };
        let muat_ulang = Closure::once_into_js(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        sw.set_oncontrollerchange(Some(muat_ulang.unchecked_ref()));
        let pesan = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&pesan, &"type".into(), &"SKIP_WAITING".into());
        let _ = menunggu.post_message(&pesan);
    });
}

/// "Versi baru tersedia", with the button that applies it.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ada_baru = use_context::<UpdateContext>().map(|c| c.0);
    view! {
        <Show when=move || ada_baru.is_some_and(|s| s.get())>
            <div class="versi-baru" role="status" data-testid="versi-baru">
                <span>{teks(i18n, |l| td_string!(l, umum.versi_baru))} " "
                    {teks(i18n, |l| td_string!(l, umum.versi_baru_petunjuk))}</span>
                <button type="button" data-testid="terapkan-versi-baru" on:click=move |_| apply_update()>
                    {teks(i18n, |l| td_string!(l, umum.versi_baru_terapkan))}
                </button>
            </div>
        </Show>
    }
}
