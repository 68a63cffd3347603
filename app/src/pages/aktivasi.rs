use leptos::prelude::*;

use crate::api;
use crate::components::field_errors::FieldErrorList;
use crate::components::sandi_baru::{FormError, SandiBaru, server_messages};
use crate::i18n::{td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::page::Halaman;
use crate::state::auth::{Auth, use_auth};
use crate::teks::teks;

/// `/aktivasi`: an imported pegawai sets a first password with the one-time
/// code from the instansi admin, and is then signed in.
#[component]
pub fn Aktivasi() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    let nip = RwSignal::new(String::new());
    let kode = RwSignal::new(String::new());
    let baru = RwSignal::new(String::new());
    let ulang = RwSignal::new(String::new());
    let galat = RwSignal::new(None::<api::Error>);
    let beda = RwSignal::new(false);
    let client = api::use_client();
    let aktifkan = Action::new_local(move |(nip, kode, sandi): &(String, String, String)| {
        let (nip, kode, sandi) = (nip.clone(), kode.clone(), sandi.clone());
        async move {
            client.activate(nip.clone(), kode, sandi.clone()).await?;
            client.login(nip, sandi).await
        }
    });
    Effect::new(move |_| match aktifkan.value().get() {
        Some(Ok(s)) => {
            galat.set(None);
            auth.0.set(Auth::Masuk(s));
            nav.ke(&Halaman::Beranda);
        }
        Some(Err(e)) => galat.set(Some(e)),
        None => {}
    });
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tidak_sama = baru.get_untracked() != ulang.get_untracked();
        beda.set(tidak_sama);
        if !tidak_sama {
            aktifkan.dispatch((nip.get_untracked(), kode.get_untracked(), baru.get_untracked()));
        }
    };
    view! {
        <section class="kartu sempit">
            <h1>{teks(i18n, |l| td_string!(l, umum.judul_aktivasi))}</h1>
            <form class="form-login" on:submit=kirim data-testid="form-aktivasi">
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.petunjuk_aktivasi))}</p>
                <div class="baris">
                    <label for="nip">{teks(i18n, |l| td_string!(l, umum.nip))}</label>
                    <input id="nip" name="nip" inputmode="numeric" autocomplete="username" bind:value=nip required />
                </div>
                <div class="baris">
                    <label for="kode-aktivasi">{teks(i18n, |l| td_string!(l, umum.kode_aktivasi))}</label>
                    <input id="kode-aktivasi" name="kode" autocomplete="one-time-code" autocapitalize="characters"
                        bind:value=kode required aria-describedby="kode-aktivasi-galat" />
                    <FieldErrorList id="kode-aktivasi-galat" testid="galat-kode" pesan=server_messages(galat, "kode") />
                </div>
                <SandiBaru baru=baru ulang=ulang beda=beda galat=galat kunci="password" />
                <FormError galat=galat testid="galat-aktivasi" />
                <button type="submit" data-testid="tombol-aktivasi" disabled=move || aktifkan.pending().get()>
                    {move || if aktifkan.pending().get() {
                        teks(i18n, |l| td_string!(l, umum.sedang_aktivasi)).into_any()
                    } else {
                        teks(i18n, |l| td_string!(l, umum.tombol_aktivasi)).into_any()
                    }}
                </button>
            </form>
        </section>
    }
}
