//! On `/nilai`, for a leader: the units one level below whose organisation
//! predikat they set (`GET /penilai/unit-bawahan`: they are in the parent
//! unit and (atasan) pejabat penilai of someone in it; never the unit's own
//! penilai, whose distribution it judges), each with its predikat per
//! evaluation of the period. Nothing for anyone else.

use domain::api::{PeriodeView, SetPredikatOrganisasi, UnitBawahan};
use leptos::prelude::*;

use crate::api;
use crate::components::predikat_organisasi::{FormPredikatOrganisasi, PilihanPredikat};
use crate::i18n::{td_string, use_i18n};
use crate::state::auth::use_auth;
use crate::state::pengaturan::evaluasi_periode;
use crate::teks::teks;

#[component]
pub fn PredikatUnitBawahan(periode: PeriodeView) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    let pid = StoredValue::new(periode.id.clone());
    let evaluasi = StoredValue::new(evaluasi_periode(&periode));
    let data = LocalResource::new(move || async move { client.unit_bawahan(&pid.get_value()).await });
    move || {
        let units = data.get().and_then(Result::ok).filter(|u| !u.is_empty())?;
        Some(view! {
            <section class="kartu" data-testid="predikat-unit-bawahan">
                <h2>{teks(i18n, |l| td_string!(l, admin.po_judul))}</h2>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.po_pimpinan_petunjuk))}</p>
                {units.into_iter().map(|u| view! {
                    <SatuUnit unit=u periode_id=pid.get_value() evaluasi=evaluasi.get_value() />
                }).collect_view()}
            </section>
        })
    }
}

#[component]
fn SatuUnit(unit: UnitBawahan, periode_id: String, evaluasi: Vec<(String, domain::Teks)>) -> impl IntoView {
    let auth = use_auth();
    let client = api::use_client();
    let tercatat = RwSignal::new(unit.predikat.clone());
    let galat = RwSignal::new(None::<api::Error>);
    let tersimpan = RwSignal::new(false);
    let uid = StoredValue::new(unit.unit_id.clone());
    let simpan = Action::new_local(move |body: &SetPredikatOrganisasi| {
        let body = body.clone();
        async move { client.set_predikat_organisasi(&uid.get_value(), &body).await }
    });
    let pid = StoredValue::new(periode_id);
    Effect::new(move |_| match simpan.value().get() {
        Some(Ok(v)) => {
            galat.set(None);
            tersimpan.set(true);
            tercatat.update(|t| {
                t.retain(|p| p.evaluasi != v.evaluasi);
                t.push(v);
            });
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            tersimpan.set(false);
            galat.set(Some(e));
            // A stale version: read what is recorded now.
            leptos::task::spawn_local(async move {
                if let Ok(list) = client.predikat_organisasi(&uid.get_value(), &pid.get_value()).await {
                    tercatat.try_set(list);
                }
            });
        }
        None => {}
    });
    let kirim = Callback::new(move |p: PilihanPredikat| {
        tersimpan.set(false);
        simpan.dispatch(SetPredikatOrganisasi {
            periode_id: pid.get_value(),
            evaluasi: p.evaluasi,
            predikat: p.predikat,
            version: p.version,
        });
    });
    view! {
        <div class="ubp-bagian" data-testid="unit-bawahan" data-unit=unit.unit_id.clone()>
            <h3>{unit.nama.clone()}</h3>
            <FormPredikatOrganisasi awalan=format!("po-{}", unit.unit_id) evaluasi=evaluasi
                tercatat=tercatat simpan=kirim pending=simpan.pending() galat=galat tersimpan=tersimpan />
        </div>
    }
}
