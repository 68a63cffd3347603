//! `/admin`: the instansi admin's console, one section per file. The
//! console loads what several sections share (the periods, the units, the
//! atasan mapping of the chosen period); each section owns its changes.

mod aktivasi;
mod atasan;
mod impor;
mod kalender;
mod periode;
mod predikat;
mod tempel_libur;

use leptos::prelude::*;

use domain::api::{AtasanHalaman, PeranAkun, PeriodeView, UnitNode};

use crate::api;
use crate::components::muat::GagalMuat;
use crate::components::perlu_masuk::PerluMasuk;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::pages::beranda::hari_ini;
use crate::state::admin::periode_bawaan;
use crate::teks::teks;

/// `/admin`: the instansi admin's tools: periods and their rule set, units
/// and the atasan mapping of a period (`?periode=` in the URL), the CSV
/// import and activation codes.
#[component]
pub fn Admin() -> impl IntoView {
    let i18n = use_i18n();
    let auth = crate::state::auth::use_auth();
    let admin = move || auth.0.with(|a| a.session().is_some_and(|s| s.peran != PeranAkun::Pegawai));
    view! {
        <PerluMasuk>
            <Show when=admin fallback=move || view! {
                <section class="kartu" data-testid="bukan-admin">
                    <h1>{teks(i18n, |l| td_string!(l, admin.judul))}</h1>
                    <p>{teks(i18n, |l| td_string!(l, admin.hanya_admin))}</p>
                </section>
            }>
                <Konsol />
            </Show>
        </PerluMasuk>
    }
}

/// A section's load failure, in its place (the console's other sections stay
/// usable): an ended session raises the sign-in dialog, a 403 says the page
/// is for admins, no connection says so with a retry, the server's refusal
/// or an unreadable answer in the user's language; `ulang` loads again.
fn gagal(e: api::Error, ulang: Callback<()>) -> AnyView {
    let i18n = use_i18n();
    match e {
        api::Error::Api { status: 403, .. } => {
            view! { <p class="kartu galat">{teks(i18n, |l| td_string!(l, admin.hanya_admin))}</p> }.into_any()
        }
        e @ (api::Error::Api { .. } | api::Error::Decode) => {
            view! { <p class="kartu galat" role="alert">{move || e.untuk_pengguna(i18n.get_locale())}</p> }.into_any()
        }
        e => view! { <GagalMuat galat=Some(e) ulang=ulang /> }.into_any(),
    }
}

type Muatan<T> = LocalResource<Result<T, api::Error>>;

/// What the console loads for more than one section.
#[derive(Clone, Copy)]
struct Data {
    periode: Muatan<Vec<PeriodeView>>,
    periode_list: Signal<Vec<PeriodeView>>,
    unit: Muatan<Vec<UnitNode>>,
    /// The chosen period (`?periode=`, else the current one).
    dipilih: Memo<Option<String>>,
    atasan: Muatan<Option<AtasanHalaman>>,
}

#[component]
fn Konsol() -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_navigasi();
    let client = api::use_client();
    let periode = LocalResource::new(move || client.list_periode());
    let unit = LocalResource::new(move || client.list_unit());
    let periode_list = Signal::derive(move || periode.get().and_then(Result::ok).unwrap_or_default());
    let dipilih = Memo::new(move |_| {
        nav.query("periode")
            .filter(|id| periode_list.with(|l| l.iter().any(|p| &p.id == id)))
            .or_else(|| periode_list.with(|l| periode_bawaan(l, hari_ini())))
    });
    let atasan = LocalResource::new(move || {
        let id = dipilih.get();
        async move {
            match id {
                Some(id) => client.list_atasan(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let data = Data { periode, periode_list, unit, dipilih, atasan };
    view! {
        <section class="kartu" style:min-width="0" data-testid="konsol-admin">
            <h1>{teks(i18n, |l| td_string!(l, admin.judul))}</h1>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.pengantar))}</p>
            <nav class="nav-admin" aria-label=move || t_string!(i18n, admin.bagian_admin).to_string()>
                <a href="#bagian-periode">{teks(i18n, |l| td_string!(l, admin.judul_periode))}</a> " · "
                <a href="#bagian-predikat">{teks(i18n, |l| td_string!(l, admin.po_judul))}</a> " · "
                <a href="#bagian-kalender">{teks(i18n, |l| td_string!(l, admin.kalender_judul))}</a> " · "
                <a href="#bagian-atasan">{teks(i18n, |l| td_string!(l, admin.judul_atasan))}</a> " · "
                <a href="#bagian-impor">{teks(i18n, |l| td_string!(l, admin.judul_impor))}</a> " · "
                <a href="#bagian-aktivasi">{teks(i18n, |l| td_string!(l, admin.judul_aktivasi))}</a>
            </nav>
        </section>
        <periode::BagianPeriode data=data />
        <predikat::BagianPredikat data=data />
        <kalender::BagianKalender />
        <atasan::BagianAtasan data=data />
        <impor::BagianImpor data=data />
        <aktivasi::BagianAktivasi />
    }
}
