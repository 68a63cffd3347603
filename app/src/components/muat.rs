use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::error::{ErrorHook, ErrorId};
use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// What a page shows while its data loads or when loading failed, the same
/// everywhere: an ended session raises the sign-in dialog (the page stays),
/// a 404 says the record is not there or not yours, no connection says so
/// with a button that tries again, and anything else (the server refused,
/// an answer the app could not read) goes to the page's [`BatasGalat`].
/// `ulang` loads again: from that button, and once the same person has
/// signed in again after the session ended. `di_kartu`: shown inside a card
/// already (no card of its own).
#[component]
pub fn GagalMuat(
    galat: Option<api::Error>,
    #[prop(optional)] ulang: Option<Callback<()>>,
    #[prop(optional)] di_kartu: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    match galat {
        None => teks(i18n, |l| td_string!(l, umum.memuat)).into_any(),
        Some(api::Error::SessionEnded) => {
            auth.expire();
            if let Some(ulang) = ulang {
                auth.ulang_setelah_masuk(move || ulang.run(()));
            }
            ().into_any()
        }
        Some(api::Error::Api { status: 404, .. }) => {
            view! { <p class:kartu=!di_kartu>{teks(i18n, |l| td_string!(l, pegawai.skp_tidak_ditemukan))}</p> }
                .into_any()
        }
        Some(api::Error::Network) => view! {
            <div class="galat" class:kartu=!di_kartu role="alert" data-testid="gagal-muat">
                <p>{teks(i18n, |l| td_string!(l, umum.galat_jaringan_muat))}</p>
                {ulang.map(|ulang| view! {
                    <button type="button" class="tombol" data-testid="coba-lagi" on:click=move |_| ulang.run(())>
                        {teks(i18n, |l| td_string!(l, umum.coba_lagi))}
                    </button>
                })}
            </div>
        }
        .into_any(),
        Some(e) => Err::<(), _>(e).into_any(),
    }
}

/// The app's error boundary, around its pages: an error a page's view gives
/// (a `Result` rendered, as [`GagalMuat`] does) hides the page and shows
/// what went wrong, in the user's language, with a reload; the frame around
/// it (the menu, the language switch) stays, and opening another page drops
/// the failed one's errors. Leptos's own `ErrorBoundary` works through the
/// same hook, at 4.8 KB (brotli) of the first load; this one keeps the
/// page's elements while hidden and does no server rendering. One per app:
/// the hook is the thread's for the app's lifetime, so a `Result` rendered
/// in the frame itself would hide the page too (the frame renders none).
#[component]
pub fn BatasGalat(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let kait = Arc::new(Kait::default());
    let galat = kait.galat.clone();
    // Views are built after this function returns (each keeps the hook it
    // was built under, for its later renders), so the hook must outlive it.
    std::mem::forget(leptos::error::set_error_hook(kait));
    let isi = children();
    let ada = {
        let galat = galat.clone();
        move || galat.with(|g| !g.is_empty())
    };
    // What went wrong, once each, in the user's language.
    let pesan = move || {
        let l = i18n.get_locale();
        let mut pesan: Vec<String> = Vec::new();
        galat.with(|g| {
            for p in g.iter().map(|(_, e)| untuk_pengguna(e, l)) {
                if !pesan.contains(&p) {
                    pesan.push(p);
                }
            }
        });
        pesan.join(" ")
    };
    let gagal = {
        let ada = ada.clone();
        move || {
            ada().then(|| {
                // A link to this same address: a reload that needs no script.
                let alamat = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
                view! {
                    <section class="kartu" role="alert" data-testid="galat-halaman">
                        <h1>{teks(i18n, |l| td_string!(l, umum.halaman_gagal))}</h1>
                        <p class="galat">{pesan.clone()}</p>
                        <p>{teks(i18n, |l| td_string!(l, umum.halaman_gagal_aman))}</p>
                        <a class="tombol" href=alamat data-testid="muat-ulang">{teks(i18n, |l| td_string!(l, umum.muat_ulang))}</a>
                    </section>
                }
            })
        }
    };
    view! {
        <div class="isi-halaman" hidden=ada>{isi}</div>
        {gagal}
    }
}

/// Where the `Result`s rendered inside a [`BatasGalat`] report their errors.
#[derive(Default)]
struct Kait {
    galat: ArcRwSignal<Vec<(ErrorId, leptos::error::Error)>>,
    berikut: AtomicUsize,
}

impl ErrorHook for Kait {
    fn throw(&self, error: leptos::error::Error) -> ErrorId {
        let id = ErrorId::from(self.berikut.fetch_add(1, Ordering::Relaxed));
        self.galat.update(|g| g.push((id.clone(), error)));
        id
    }

    fn clear(&self, id: &ErrorId) {
        self.galat.update(|g| g.retain(|(x, _)| x != id));
    }
}

/// An error caught by the boundary, as the user reads it: the server's own
/// words, or that the app failed (an error of another kind).
fn untuk_pengguna(e: &leptos::error::Error, l: Locale) -> String {
    match e.downcast_ref::<api::Error>() {
        Some(e) => e.untuk_pengguna(l),
        None => td_string!(l, umum.galat_tak_terduga).to_owned(),
    }
}
