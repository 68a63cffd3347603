//! The router: the address bar as a typed [`Halaman`] in a signal. A
//! [`Tautan`] or [`Navigasi::ke`] moves with the History API (no reload);
//! the back and forward buttons (`popstate`) follow. The app needs no more
//! than this, and it weighs a fraction of a general router in the wasm
//! every pegawai downloads first.

use leptos::ev;
use leptos::prelude::*;

use crate::page::{Bundle, Halaman};

/// Where the app is: the path and the query string (`?…`, or empty).
#[derive(Clone, Debug, PartialEq)]
struct Lokasi {
    path: String,
    query: String,
}

/// The app's address; copied freely (a signal inside).
#[derive(Clone, Copy)]
pub struct Navigasi {
    lokasi: RwSignal<Lokasi>,
    halaman: Memo<Option<Halaman>>,
    /// The wasm build this page runs in.
    bundle: Bundle,
}

fn lokasi_sekarang() -> Lokasi {
    let loc = window().location();
    Lokasi { path: loc.pathname().unwrap_or_else(|_| "/".into()), query: loc.search().unwrap_or_default() }
}

/// Moves the app to `baru`. A field still focused is left first, while its
/// page is alive: removed with its page instead, it would fire `focusout`
/// (and the like) into handlers whose signals are already gone, a panic
/// (the browser's Back after typing). Every page's fields get this.
fn ganti_lokasi(lokasi: RwSignal<Lokasi>, baru: Lokasi) {
    if lokasi.with_untracked(|l| l.path != baru.path)
        && let Some(aktif) = document().active_element()
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(aktif)
    {
        let _ = el.blur();
    }
    lokasi.set(baru);
}

/// Reads the address once, follows the back and forward buttons, and makes
/// the router available to every page ([`use_navigasi`]); `bundle`: the
/// wasm build it runs in.
pub fn provide_navigasi(bundle: Bundle) -> Navigasi {
    let lokasi = RwSignal::new(lokasi_sekarang());
    let halaman = Memo::new(move |_| lokasi.with(|l| Halaman::dari_path(&l.path)));
    // For the app's whole life: never removed.
    let _ = window_event_listener(ev::popstate, move |_| ganti_lokasi(lokasi, lokasi_sekarang()));
    let nav = Navigasi { lokasi, halaman, bundle };
    provide_context(nav);
    nav
}

pub fn use_navigasi() -> Navigasi {
    expect_context::<Navigasi>()
}

impl Navigasi {
    /// The page at the address (tracked): changes only when the path does,
    /// not with the query string.
    pub fn halaman(&self) -> Option<Halaman> {
        self.halaman.get()
    }

    /// A query parameter of the address (tracked).
    pub fn query(&self, kunci: &str) -> Option<String> {
        let query = self.lokasi.with(|l| l.query.clone());
        web_sys::UrlSearchParams::new_with_str(&query).ok()?.get(kunci)
    }

    /// The wasm build this page runs in.
    pub fn bundle(&self) -> Bundle {
        self.bundle
    }

    /// Goes to `ke` as a new history entry, at the top of the page; a page
    /// of another build is a full page load.
    pub fn ke(&self, ke: &Halaman) {
        if ke.bundle() != self.bundle {
            let _ = window().location().set_href(&ke.href());
            return;
        }
        self.pindah(ke.href(), false);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Goes to `ke` in place of the current history entry (Back skips the
    /// address that only led here).
    pub fn ganti(&self, ke: &Halaman) {
        if ke.bundle() != self.bundle {
            let _ = window().location().replace(&ke.href());
            return;
        }
        self.pindah(ke.href(), true);
    }

    /// Replaces the query string of the current entry (no new history entry,
    /// no scroll): a choice on the page that a reload should keep.
    pub fn ganti_query(&self, query: &str) {
        let path = self.lokasi.with_untracked(|l| l.path.clone());
        self.pindah(format!("{path}?{query}"), true);
    }

    fn pindah(&self, url: String, ganti: bool) {
        let Ok(history) = window().history() else { return };
        let done = if ganti {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        if done.is_ok() {
            ganti_lokasi(self.lokasi, lokasi_sekarang());
        }
    }

    /// Whether a link to `ke` is the current page (or a page under it), for
    /// `aria-current`.
    fn aktif(&self, ke: &Halaman) -> bool {
        let href = ke.href();
        self.lokasi.with(|l| l.path == href || (href != "/" && l.path.starts_with(&format!("{href}/"))))
    }
}

/// A link to a page of the app: followed without a reload (unless opened in
/// a new tab or window), marked `aria-current="page"` while it is the page
/// shown. To a page of another wasm build ([`Bundle`]) it is a plain link
/// (`rel="external"`: a full page load).
#[component]
pub fn Tautan(ke: Halaman, children: Children) -> impl IntoView {
    let nav = use_navigasi();
    if ke.bundle() != nav.bundle {
        return view! { <a href=ke.href() rel="external">{children()}</a> }.into_any();
    }
    let href = ke.href();
    let aktif = {
        let ke = ke.clone();
        move || nav.aktif(&ke).then_some("page")
    };
    let ikuti = move |e: ev::MouseEvent| {
        if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        nav.ke(&ke);
    };
    view! { <a href=href aria-current=aktif on:click=ikuti>{children()}</a> }.into_any()
}
