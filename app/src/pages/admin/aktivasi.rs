use leptos::prelude::*;

use domain::api::AktivasiDibuat;

use crate::api;
use crate::components::admin_aktivasi::AdminAktivasi;
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::teks::teks;

/// One-time activation codes for every pegawai without a password yet.
#[component]
pub(super) fn BagianAktivasi() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let kode = RwSignal::new(None::<AktivasiDibuat>);
    let galat = RwSignal::new(None::<api::Error>);
    let aktivasi = Action::new_local(move |_: &()| client.create_aktivasi());
    Effect::new(move |_| match aktivasi.value().get() {
        Some(Ok(k)) => {
            galat.set(None);
            kode.set(Some(k));
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => galat.set(Some(e)),
        None => {}
    });
    view! {
        <section class="kartu" style:min-width="0" id="bagian-aktivasi" aria-labelledby="judul-aktivasi">
            <h2 id="judul-aktivasi">{teks(i18n, |l| td_string!(l, admin.judul_aktivasi))}</h2>
            <AdminAktivasi buat=Callback::new(move |_| { aktivasi.dispatch(()); })
                pending=aktivasi.pending() hasil=kode galat=galat />
        </section>
    }
}
