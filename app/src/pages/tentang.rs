use leptos::prelude::*;

use crate::api;
use crate::i18n::{t, td_string, use_i18n};
use crate::teks::teks;

/// `/tentang`: what e-Kinerja is, and the server it talks to (its version
/// and database), asked when the page opens.
#[component]
pub fn Tentang() -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let health = LocalResource::new(move || client.health());
    view! {
        <section class="kartu sempit" data-testid="tentang">
            <h1>{teks(i18n, |l| td_string!(l, umum.tentang))}</h1>
            <p>{teks(i18n, |l| td_string!(l, umum.tentang_isi))}</p>
            <p data-testid="status-server">
                {move || match health.get() {
                    None => teks(i18n, |l| td_string!(l, umum.server_memuat)).into_any(),
                    Some(Ok(h)) => {
                        let versi = h.version.clone();
                        let db = h.database.clone();
                        t!(i18n, umum.server_versi, versi = move || versi.clone(), basis_data = move || db.clone()).into_any()
                    }
                    Some(Err(_)) => teks(i18n, |l| td_string!(l, umum.server_gagal)).into_any(),
                }}
            </p>
        </section>
    }
}
