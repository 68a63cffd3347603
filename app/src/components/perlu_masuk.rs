use leptos::prelude::*;

use crate::components::form_login::FormLogin;
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::{Tampil, use_auth};
use crate::teks::teks;

/// Shows its children to a signed-in user, the login form to a guest.
/// An ended session keeps the children on screen, as they are (what was
/// typed too), while the overlay asks to sign in again; signing in again
/// does not rebuild them either: this follows only [`Tampil`].
#[component]
pub fn PerluMasuk(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let tampil = Memo::new(move |_| auth.0.with(|a| a.tampil()));
    move || match tampil.get() {
        Tampil::Memuat => view! { <p class="memuat">{teks(i18n, |l| td_string!(l, umum.memuat))}</p> }.into_any(),
        Tampil::Tamu => view! {
            <section class="kartu sempit">
                <h1>{teks(i18n, |l| td_string!(l, umum.judul_masuk))}</h1>
                <FormLogin />
            </section>
        }
        .into_any(),
        Tampil::Halaman => children().into_any(),
    }
}
