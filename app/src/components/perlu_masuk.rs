use leptos::prelude::*;

use crate::components::form_login::FormLogin;
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// Shows its children to a signed-in user, the login form to a guest.
/// (An expired session keeps the children on screen; the overlay asks to sign in again.)
#[component]
pub fn PerluMasuk(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    move || match auth.0.get() {
        Auth::Memuat => view! { <p class="memuat">{teks(i18n, |l| td_string!(l, umum.memuat))}</p> }.into_any(),
        Auth::Tamu => view! {
            <section class="kartu sempit">
                <h1>{teks(i18n, |l| td_string!(l, umum.judul_masuk))}</h1>
                <FormLogin />
            </section>
        }
        .into_any(),
        Auth::Masuk(_) | Auth::Berakhir(_) => children().into_any(),
    }
}
