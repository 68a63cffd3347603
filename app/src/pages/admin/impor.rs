use leptos::prelude::*;

use crate::api;
use crate::api::admin::ImportError;
use crate::components::admin_impor::AdminImpor;
use crate::i18n::{td_string, use_i18n};
use crate::state::admin::Impor;
use crate::state::auth::use_auth;
use crate::teks::teks;

use super::Data;

/// The CSV import: checked, then applied to the chosen period; what it
/// changed is read again.
#[component]
pub(super) fn BagianImpor(data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let Data { unit, dipilih, atasan, .. } = data;
    let state = RwSignal::new(Impor::default());
    let impor = Action::new_local(move |terapkan: &bool| {
        let terapkan = *terapkan;
        let (teks, key, sebagian) = state.with_untracked(|s| (s.teks(), s.kunci(terapkan), s.sebagian));
        let periode_id = dipilih.get_untracked();
        async move { (terapkan, client.import_csv(teks, terapkan, sebagian, periode_id, &key).await) }
    });
    Effect::new(move |_| {
        let Some((terapkan, hasil)) = impor.value().get() else { return };
        if matches!(hasil, Err(ImportError::Other(api::Error::SessionEnded))) {
            auth.expire();
        }
        if state.try_update(|s| s.jawaban(terapkan, hasil)) == Some(true) {
            atasan.refetch();
            unit.refetch();
        }
        // The answer is said where the admin is looking (the lists above may have grown).
        crate::fokus::tampakkan(if terapkan { "hasil-terapkan" } else { "hasil-periksa" });
    });
    let pilih = Callback::new(move |f: web_sys::File| {
        let nama = f.name();
        leptos::task::spawn_local(async move {
            if let Some(teks) = baca_teks(&f).await {
                state.try_update(|s| s.pilih(nama, teks));
            }
        });
    });
    view! {
        <section class="kartu" style:min-width="0" id="bagian-impor" aria-labelledby="judul-impor">
            <h2 id="judul-impor">{teks(i18n, |l| td_string!(l, admin.judul_impor))}</h2>
            <AdminImpor
                nama_berkas=Signal::derive(move || state.with(|s| s.berkas.as_ref().map(|b| b.0.clone())))
                pilih=pilih
                periksa=Callback::new(move |_| { impor.dispatch(false); })
                terapkan=Callback::new(move |_| { impor.dispatch(true); })
                pending=impor.pending()
                siap=Signal::derive(move || state.with(|s| s.diperiksa))
                sebagian=Signal::derive(move || state.with(|s| s.sebagian))
                pilih_sebagian=Callback::new(move |on| state.update(|s| s.pilih_sebagian(on)))
                ringkasan=Signal::derive(move || state.with(|s| s.ringkasan.clone()))
                galat=Signal::derive(move || state.with(|s| s.galat.clone())) />
        </section>
    }
}

/// The text of a chosen file (UTF-8), read in the browser.
async fn baca_teks(f: &web_sys::File) -> Option<String> {
    let blob: &web_sys::Blob = f;
    let res = gloo_net::http::Response::builder().body(Some(blob)).ok()?;
    res.text().await.ok()
}
