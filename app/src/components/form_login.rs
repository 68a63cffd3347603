use leptos::prelude::*;

use crate::api;
use crate::i18n::{td_string, use_i18n};
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// NIP and password. On success the session goes into the auth context;
/// after an expiry the same person continues where they were.
#[component]
pub fn FormLogin() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nip = RwSignal::new(auth.0.with_untracked(|a| a.session().map(|s| s.nip.clone()).unwrap_or_default()));
    let sandi = RwSignal::new(String::new());
    let galat = RwSignal::new(None::<api::Error>);
    let client = api::use_client();
    let masuk = Action::new_local(move |(nip, sandi): &(String, String)| {
        let (nip, sandi) = (nip.clone(), sandi.clone());
        async move { client.login(nip, sandi).await }
    });
    Effect::new(move |_| {
        if let Some(hasil) = masuk.value().get() {
            match hasil {
                Ok(s) => {
                    galat.set(None);
                    let same = auth.0.with_untracked(|a| a.same_person(&s.nip));
                    // Another person's unsent drafts do not stay on this device.
                    crate::state::draf::bersihkan(Some(&s.pegawai_id));
                    // Kept for opening with no connection; nobody else's answers stay.
                    // Written before the page goes on (a reload must find them).
                    leptos::task::spawn_local(async move {
                        // A new session: an earlier sign-out still pending is moot.
                        crate::offline::mark_sign_out(false).await;
                        crate::offline::keep_session(Some(&s)).await;
                        crate::offline::clear_data(Some(&s.pegawai_id)).await;
                        match web_sys::window().filter(|_| !same) {
                            // Someone else: nothing of the previous screen may stay.
                            Some(w) => {
                                let _ = w.location().reload();
                            }
                            None => auth.0.set(Auth::Masuk(s)),
                        }
                    });
                }
                Err(e) => {
                    // Refused: the password is typed again, right where the cursor now is.
                    if matches!(e, api::Error::Api { status: 401 | 429, .. }) {
                        sandi.set(String::new());
                        crate::fokus::fokus_nanti("kata-sandi".to_owned());
                    }
                    galat.set(Some(e));
                }
            }
        }
    });
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        masuk.dispatch((nip.get_untracked(), sandi.get_untracked()));
    };
    view! {
        <form class="form-login" on:submit=kirim data-testid="form-login">
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.petunjuk_masuk))}</p>
            <div class="baris">
                <label for="nip">{teks(i18n, |l| td_string!(l, umum.nip))}</label>
                <input id="nip" name="nip" inputmode="numeric" autocomplete="username" bind:value=nip required />
            </div>
            <div class="baris">
                <label for="kata-sandi">{teks(i18n, |l| td_string!(l, umum.kata_sandi))}</label>
                <input id="kata-sandi" name="password" type="password" autocomplete="current-password" bind:value=sandi required />
            </div>
            <p class="galat" role="alert" data-testid="galat-login">
                {move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}
            </p>
            <button type="submit" data-testid="tombol-masuk" disabled=move || masuk.pending().get()>
                {move || if masuk.pending().get() { teks(i18n, |l| td_string!(l, umum.sedang_masuk)).into_any() } else { teks(i18n, |l| td_string!(l, umum.tombol_masuk)).into_any() }}
            </button>
            // A full page load: the form also appears in the admin console, another wasm.
            <p class="tautan-aktivasi">
                <a href=Halaman::Aktivasi.href() rel="external" data-testid="tautan-aktivasi">
                    {teks(i18n, |l| td_string!(l, umum.tautan_aktivasi))}
                </a>
            </p>
        </form>
    }
}
