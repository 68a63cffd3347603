use leptos::prelude::*;

use domain::api::SetPredikatOrganisasi;

use crate::api;
use crate::components::predikat_organisasi::{FormPredikatOrganisasi, PilihanPredikat};
use crate::i18n::{td_string, use_i18n};
use crate::state::admin::unit_datar;
use crate::state::auth::use_auth;
use crate::state::pengaturan::evaluasi_periode;
use crate::teks::teks;

use super::Data;

/// The organisation predikat of each unit per evaluation of the chosen
/// period (the unit's penilai judge their distribution by it).
#[component]
pub(super) fn BagianPredikat(data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let Data { periode_list, unit, dipilih, .. } = data;
    let units = Signal::derive(move || unit.get().and_then(Result::ok).map(|u| unit_datar(&u)).unwrap_or_default());
    let unit_pilih = RwSignal::new(String::new());
    Effect::new(move |_| {
        if unit_pilih.with_untracked(String::is_empty)
            && let Some(u) = units.with(|u| u.first().map(|u| u.id.clone()))
        {
            unit_pilih.set(u);
        }
    });
    let tercatat = LocalResource::new(move || {
        let (u, p) = (unit_pilih.get(), dipilih.get());
        async move {
            match p.filter(|_| !u.is_empty()) {
                Some(p) => client.predikat_organisasi(&u, &p).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let galat = RwSignal::new(None::<api::Error>);
    let tersimpan = RwSignal::new(false);
    let simpan = Action::new_local(move |(u, body): &(String, SetPredikatOrganisasi)| {
        let (u, body) = (u.clone(), body.clone());
        async move { client.set_predikat_organisasi(&u, &body).await }
    });
    Effect::new(move |_| match simpan.value().get() {
        Some(Ok(_)) => {
            galat.set(None);
            tersimpan.set(true);
            tercatat.refetch();
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            tersimpan.set(false);
            galat.set(Some(e));
            tercatat.refetch();
        }
        None => {}
    });
    let kirim = Callback::new(move |p: PilihanPredikat| {
        let Some(periode_id) = dipilih.get_untracked() else { return };
        let body = SetPredikatOrganisasi { periode_id, evaluasi: p.evaluasi, predikat: p.predikat, version: p.version };
        tersimpan.set(false);
        simpan.dispatch((unit_pilih.get_untracked(), body));
    });
    let evaluasi = Memo::new(move |_| {
        let id = dipilih.get();
        periode_list.with(|l| l.iter().find(|p| Some(&p.id) == id.as_ref()).map(evaluasi_periode).unwrap_or_default())
    });
    view! {
        <section class="kartu" style:min-width="0" id="bagian-predikat" aria-labelledby="judul-predikat" data-testid="bagian-predikat">
            <h2 id="judul-predikat">{teks(i18n, |l| td_string!(l, admin.po_judul))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.po_petunjuk))}</p>
            <div class="baris">
                <label for="po-unit">{teks(i18n, |l| td_string!(l, admin.judul_unit))}</label>
                <select id="po-unit" data-testid="po-unit" prop:value=move || unit_pilih.get()
                    on:change=move |e| { tersimpan.set(false); galat.set(None); unit_pilih.set(event_target_value(&e)); }>
                    <For each=move || units.get() key=|u| u.id.clone() let:u>
                        <option value=u.id.clone()>{u.nama.clone()}</option>
                    </For>
                </select>
            </div>
            // Drawn again for another period (its evaluations) or unit (its ids).
            {move || {
                let (ev, u) = (evaluasi.get(), unit_pilih.get());
                (!ev.is_empty() && !u.is_empty()).then(|| view! {
                    <FormPredikatOrganisasi awalan=format!("po-{u}") evaluasi=ev
                        tercatat=Signal::derive(move || tercatat.get().and_then(Result::ok).unwrap_or_default())
                        simpan=kirim pending=simpan.pending() galat=galat tersimpan=tersimpan />
                })
            }}
        </section>
    }
}
