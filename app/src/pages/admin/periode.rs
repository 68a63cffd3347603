use leptos::prelude::*;

use domain::api::{BuatPeriode, PeriodeDibuat};

use crate::api;
use crate::components::admin_form_periode::AdminFormPeriode;
use crate::components::admin_periode::AdminPeriode;
use crate::components::muat::GagalMuat;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::pages::beranda::hari_ini;
use crate::state::auth::use_auth;
use crate::teks::teks;

use super::{Data, gagal};

/// The periods, and a new one with its rule set.
#[component]
pub(super) fn BagianPeriode(data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let en = move || i18n.get_locale() == Locale::en;
    let Data { periode, periode_list, .. } = data;
    let galat = RwSignal::new(None::<api::Error>);
    let dibuat = RwSignal::new(None::<PeriodeDibuat>);
    let buat = Action::new_local(move |b: &BuatPeriode| {
        let b = b.clone();
        async move { client.create_periode(&b).await }
    });
    Effect::new(move |_| match buat.value().get() {
        Some(Ok(p)) => {
            galat.set(None);
            dibuat.set(Some(p));
            periode.refetch();
            crate::fokus::tampakkan("periode-dibuat");
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => galat.set(Some(e)),
        None => {}
    });
    let tahun_depan = hari_ini().tahun() + 1;
    view! {
        <section class="kartu" style:min-width="0" id="bagian-periode" aria-labelledby="judul-periode">
            <h2 id="judul-periode">{teks(i18n, |l| td_string!(l, admin.judul_periode))}</h2>
            {move || match periode.get() {
                None => view! { <GagalMuat galat=None /> }.into_any(),
                Some(Err(e)) => gagal(e, Callback::new(move |_| periode.refetch())),
                Some(Ok(_)) => view! { <AdminPeriode periode=periode_list /> }.into_any(),
            }}
            <AdminFormPeriode tahun_awal=tahun_depan simpan=Callback::new(move |b| { buat.dispatch(b); })
                pending=buat.pending() galat=galat />
            // Below the form's button, where the admin is looking.
            {move || dibuat.get().map(|p| {
                let tahun = p.periode.tahun;
                let peringatan: Vec<String> = p.peringatan.iter().flat_map(|(_, m)| m.iter().map(|m| api::satu_bahasa(m, en()))).collect();
                view! {
                    <p class="berhasil" role="status" data-testid="periode-dibuat">{t!(i18n, admin.periode_dibuat, tahun = move || tahun)}</p>
                    <ul class="peringatan">{peringatan.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                }
            })}
        </section>
    }
}
