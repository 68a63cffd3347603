//! Finding a colleague of the instansi to name as a 360 rater, by part of a
//! name or a whole NIP: the server's colleague search (`Client::cari_rekan`,
//! a POST, so what is typed stays out of every address), the ones found as
//! buttons, the one chosen shown in their place. Used by the pegawai's
//! proposal (`pages::umpan_balik`) and the penilai's list
//! (`pages::penilai_360`). Like the admin's deadline, it loads by itself:
//! what it shows is only what it asked.

use domain::api::PegawaiRingkas;
use leptos::prelude::*;

use crate::api;
use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// The search answers from 3 characters typed.
const MIN: usize = 3;

#[component]
pub fn CariRekan(
    /// The field's id (the caller's label names it).
    id: &'static str,
    /// What is typed; the caller clears it once the choice is used.
    cari: RwSignal<String>,
    /// The colleague chosen (`None` again as soon as something is typed).
    dipilih: RwSignal<Option<PegawaiRingkas>>,
    /// Who not to offer (the ratee, the raters already listed).
    #[prop(optional)]
    kecuali: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let client = api::use_client();
    // The answer to the last search sent (an earlier one answering late is
    // dropped): a signal set by a task, lighter in the wasm than a resource.
    let hasil = RwSignal::new(None::<Result<Vec<PegawaiRingkas>, api::Error>>);
    let dikirim = StoredValue::new(0u32);
    let ketik = move |q: String| {
        dipilih.set(None);
        cari.set(q.clone());
        let n = dikirim.get_value().wrapping_add(1);
        dikirim.set_value(n);
        let q = q.trim().to_owned();
        if q.chars().count() < MIN {
            hasil.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let r = client.cari_rekan(&q).await;
            if dikirim.try_get_value() == Some(n) {
                hasil.try_set(Some(r));
            }
        });
    };
    let diketik = move || cari.with(|q| q.trim().chars().count() >= MIN);
    view! {
        <input id=id type="search" autocomplete="off" data-testid="cari-rekan" prop:value=move || cari.get()
            on:input=move |ev| ketik(event_target_value(&ev)) />
        {move || match (dipilih.get(), hasil.get().filter(|_| diketik())) {
            (Some(p), _) => view! { <p data-testid="rekan-dipilih"><strong>{p.nama}</strong> " · " {p.jabatan}</p> }.into_any(),
            (None, Some(Ok(daftar))) => {
                let daftar: Vec<PegawaiRingkas> = daftar.into_iter().filter(|p| !kecuali.contains(&p.id)).collect();
                if daftar.is_empty() {
                    return view! {
                        <p class="petunjuk">{teks(i18n, |l| td_string!(l, umpan_balik.rekan_tidak_ditemukan))}</p>
                    }.into_any();
                }
                view! {
                    <ul class="hasil-cari">
                        {daftar.into_iter().map(|p| {
                            let pilih = p.clone();
                            view! {
                                <li><button type="button" class="tombol-teks" data-testid="pilih-rekan" on:click=move |_| dipilih.set(Some(pilih.clone()))>
                                    {p.nama} " · " {p.jabatan}
                                </button></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
            (None, Some(Err(e))) => view! { <p class="galat">{move || e.untuk_pengguna(i18n.get_locale())}</p> }.into_any(),
            (None, None) => ().into_any(),
        }}
    }
}
