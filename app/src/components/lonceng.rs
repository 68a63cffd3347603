//! The bell in the bar: how many notifications the signed-in person has not
//! read, a link to the list (`/notifikasi`). Asked when someone signs in
//! and whenever the page is shown again (another tab, the phone unlocked).

use leptos::prelude::*;

use crate::api;
use crate::i18n::{t_string, use_i18n};
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};

/// The unread count (context newtype; the list page sets it as it marks).
#[derive(Clone, Copy)]
pub struct BelumDibaca(pub RwSignal<i64>);

/// Provides the count and keeps it fresh while someone is signed in.
pub fn provide_lonceng() {
    let n = BelumDibaca(RwSignal::new(0));
    provide_context(n);
    let client = api::use_client();
    let auth = use_auth();
    let tanya = move || {
        if !document().hidden() && auth.0.with_untracked(|a| matches!(a, Auth::Masuk(_))) {
            leptos::task::spawn_local(async move {
                if let Ok(d) = client.jumlah_notifikasi().await {
                    n.0.try_set(d.belum_dibaca);
                }
            });
        }
    };
    // Signed in (or another person): asked at once.
    Effect::new(move |_| {
        if auth.0.with(|a| matches!(a, Auth::Masuk(_))) {
            tanya();
        }
    });
    let kembali = window_event_listener(leptos::ev::visibilitychange, move |_| tanya());
    on_cleanup(move || kembali.remove());
}

/// The bell and its count, named with the count for a screen reader. A plain link:
/// the list is a page of the home build.
#[component]
pub fn Lonceng() -> impl IntoView {
    let i18n = use_i18n();
    let n = use_context::<BelumDibaca>().map_or_else(|| RwSignal::new(0), |b| b.0);
    view! {
        <a href=Halaman::Notifikasi.href() class="lonceng" data-testid="lonceng"
            aria-label=move || format!("{}: {}", t_string!(i18n, umum.notifikasi), n.get())>
            // A bell drawn, not an emoji: a phone without an emoji font shows a box.
            <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="currentColor">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
            </svg>
            <span class="jumlah" aria-hidden="true" data-testid="jumlah-notifikasi" hidden=move || n.get() == 0>{move || n.get().min(99)}</span>
        </a>
    }
}
