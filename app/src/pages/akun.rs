use domain::api::ErrorBody;
use domain::email::Email;
use domain::error::FieldErrors;
use leptos::prelude::*;

use crate::api;
use crate::components::field_errors::FieldErrorList;
use crate::components::perlu_masuk::PerluMasuk;
use crate::components::sandi_baru::{FormError, SandiBaru, server_messages};
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// `/akun`: the signed-in user changes their password (the server ends
/// their sessions on other devices; this one stays) and sets the address
/// for e-mail notifications.
#[component]
pub fn Akun() -> impl IntoView {
    view! {
        <PerluMasuk>
            <GantiSandi />
            <AlamatEmail />
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

/// The address as typed, checked as the server checks it; empty clears it.
/// A refusal reads as the server's would (under the field `email`).
fn periksa_email(v: &str) -> Result<String, Box<api::Error>> {
    match v.trim() {
        "" => Ok(String::new()),
        v => Email::parse(v).map(|e| e.to_string()).map_err(|t| {
            let fields = FieldErrors::new().with("email", t.clone());
            let body = ErrorBody { code: "validation".into(), message: t, fields, current: None };
            Box::new(api::Error::Api { status: 422, body })
        }),
    }
}

/// The person's own address for e-mail notifications: set, changed, or
/// cleared (saved empty).
#[component]
fn AlamatEmail() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let email = RwSignal::new(String::new());
    let galat = RwSignal::new(None::<api::Error>);
    let tersimpan = RwSignal::new(None::<bool>);
    let data = LocalResource::new(move || async move { client.email().await });
    let simpan = Action::new_local(move |v: &String| {
        let v = v.clone();
        async move { client.set_email(v).await }
    });
    let hasil = move |r: Option<Result<domain::api::EmailView, api::Error>>| match r {
        Some(Ok(v)) => {
            galat.set(None);
            email.set(v.email.unwrap_or_default());
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => galat.set(Some(e)),
        None => {}
    };
    Effect::new(move |_| hasil(data.get()));
    Effect::new(move |_| {
        let r = simpan.value().get();
        tersimpan.set(r.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.email.is_some()));
        hasil(r);
    });
    let dikirim = move || data.get().and_then(Result::ok).is_none_or(|v| v.dikirim);
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tersimpan.set(None);
        match periksa_email(&email.get_untracked()) {
            Ok(v) => {
                galat.set(None);
                simpan.dispatch(v);
            }
            Err(e) => galat.set(Some(*e)),
        }
    };
    view! {
        <section class="kartu sempit">
            <h2>{teks(i18n, |l| td_string!(l, umum.judul_email))}</h2>
            <form class="form-login" on:submit=kirim data-testid="form-email" novalidate>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, umum.petunjuk_email))}</p>
                {move || (!dikirim()).then(|| view! {
                    <p class="petunjuk" data-testid="email-belum-aktif">
                        {teks(i18n, |l| td_string!(l, umum.email_belum_aktif))}
                    </p>
                })}
                <div class="baris">
                    <label for="email-akun">{teks(i18n, |l| td_string!(l, umum.alamat_email))}</label>
                    <input id="email-akun" name="email" type="email" autocomplete="email" bind:value=email />
                    <FieldErrorList id="email-akun-galat" testid="galat-email" pesan=server_messages(galat, "email") />
                </div>
                <FormError galat=galat testid="galat-simpan-email" />
                <p class="berhasil" role="status" data-testid="email-disimpan">
                    {move || tersimpan.get().map(|ada| if ada {
                        teks(i18n, |l| td_string!(l, umum.email_disimpan))
                    } else {
                        teks(i18n, |l| td_string!(l, umum.email_dihapus))
                    })}
                </p>
                <button type="submit" data-testid="tombol-simpan-email"
                    disabled=move || simpan.pending().get() || data.get().is_none_or(|r| r.is_err())>
                    {teks(i18n, |l| td_string!(l, umum.tombol_simpan_email))}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_checked_as_the_server_checks_it_and_empty_clears_it() {
        assert_eq!(periksa_email("  nama@instansi.go.id ").ok().as_deref(), Some("nama@instansi.go.id"));
        assert_eq!(periksa_email("   ").ok().as_deref(), Some(""));
        let e = periksa_email("nama@").unwrap_err();
        assert_eq!(e.field_messages("email", false), ["Alamat e-mail tidak valid; contoh: nama@instansi.go.id."]);
    }
}
