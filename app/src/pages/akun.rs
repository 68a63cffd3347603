use leptos::prelude::*;

use crate::api;
use crate::components::field_errors::FieldErrorList;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::sandi_baru::{FormError, SandiBaru, server_messages};
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// `/akun`: the signed-in user changes their password (the server ends
/// their sessions on other devices; this one stays).
#[component]
pub fn Akun() -> impl IntoView {
    view! {
        <PerluMasuk>
            <GantiSandi />
        </PerluMasuk>
    }
}

#[component]
fn GantiSandi() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let lama = RwSignal::new(String::new());
    let baru = RwSignal::new(String::new());
    let ulang = RwSignal::new(String::new());
    let galat = RwSignal::new(None::<api::Error>);
    let beda = RwSignal::new(false);
    let berhasil = RwSignal::new(false);
    let client = api::use_client();
    let ganti = Action::new_local(move |(lama, baru): &(String, String)| {
        let (lama, baru) = (lama.clone(), baru.clone());
        async move { client.change_password(lama, baru).await }
    });
    Effect::new(move |_| match ganti.value().get() {
        Some(Ok(())) => {
            galat.set(None);
            berhasil.set(true);
            lama.set(String::new());
            baru.set(String::new());
            ulang.set(String::new());
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => galat.set(Some(e)),
        None => {}
    });
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        berhasil.set(false);
        let tidak_sama = baru.get_untracked() != ulang.get_untracked();
        beda.set(tidak_sama);
        if !tidak_sama {
            ganti.dispatch((lama.get_untracked(), baru.get_untracked()));
        }
    };
    view! {
        <section class="kartu sempit">
            <h1>{teks(i18n, |l| td_string!(l, umum.judul_akun))}</h1>
            <form class="form-login" on:submit=kirim data-testid="form-ganti-sandi">
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.petunjuk_ganti_sandi))}</p>
                <div class="baris">
                    <label for="sandi-lama">{teks(i18n, |l| td_string!(l, umum.sandi_lama))}</label>
                    <input id="sandi-lama" name="current-password" type="password" autocomplete="current-password"
                        bind:value=lama required aria-describedby="sandi-lama-galat" />
                    <FieldErrorList id="sandi-lama-galat" testid="galat-lama" pesan=server_messages(galat, "lama") />
                </div>
                <SandiBaru baru=baru ulang=ulang beda=beda galat=galat kunci="baru" />
                <FormError galat=galat testid="galat-ganti-sandi" />
                <p class="berhasil" role="status" data-testid="sandi-diganti">
                    {move || berhasil.get().then(|| teks(i18n, |l| td_string!(l, umum.sandi_diganti)))}
                </p>
                <button type="submit" data-testid="tombol-ganti-sandi" disabled=move || ganti.pending().get()>
                    {move || if ganti.pending().get() {
                        teks(i18n, |l| td_string!(l, umum.sedang_ganti_sandi)).into_any()
                    } else {
                        teks(i18n, |l| td_string!(l, umum.tombol_ganti_sandi)).into_any()
                    }}
                </button>
            </form>
        </section>
    }
}
