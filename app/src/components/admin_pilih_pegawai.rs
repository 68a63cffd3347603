use leptos::prelude::*;

use crate::components::field_errors::FieldErrorList;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::teks::teks;
use domain::api::PegawaiItem;

/// A pegawai picked by name or NIP from the instansi: what is chosen now,
/// a search field and the matches to choose from.
#[component]
pub fn AdminPilihPegawai(
    id: &'static str,
    children: Children,
    q: RwSignal<String>,
    /// The matches, with the query they answer.
    #[prop(into)]
    hasil: Signal<Option<(String, Vec<PegawaiItem>)>>,
    /// (id, nama · NIP) of the chosen pegawai.
    terpilih: RwSignal<Option<(String, String)>>,
    #[prop(into)] galat: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cari_id = format!("{id}-cari");
    let pilih = move |p: &PegawaiItem| {
        terpilih.set(Some((p.id.clone(), format!("{} · {}", p.nama, p.nip))));
        q.set(String::new());
    };
    // Enter in the search field picks the first match; it never submits the
    // form around it (which would save a mapping nobody reviewed).
    let enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            let kini = q.get_untracked();
            let pertama =
                hasil.with_untracked(|h| h.as_ref().filter(|(dicari, _)| *dicari == kini)?.1.first().cloned());
            if let Some(p) = pertama {
                pilih(&p);
            }
        }
    };
    view! {
        <fieldset class="pilih-pegawai" data-testid=id>
            <legend>{children()}</legend>
            <p data-testid=format!("{id}-terpilih")>
                {move || match terpilih.get() {
                    Some((_, label)) => view! {
                        <strong>{label}</strong> " "
                        <button type="button" class="tombol-teks" on:click=move |_| terpilih.set(None)>{teks(i18n, |l| td_string!(l, admin.kosongkan))}</button>
                    }.into_any(),
                    None => view! { <em>{teks(i18n, |l| td_string!(l, admin.belum_dipilih))}</em> }.into_any(),
                }}
            </p>
            <label for=cari_id.clone()>{teks(i18n, |l| td_string!(l, admin.cari_pegawai))}</label>
            <input id=cari_id type="search" data-testid=format!("{id}-cari") autocomplete="off" on:keydown=enter
                placeholder=move || t_string!(i18n, admin.cari_placeholder).to_string() bind:value=q />
            <ul class="hasil-cari" data-testid=format!("{id}-hasil") style:list-style="none" style:padding-left="0">
                {move || match hasil.get().map(|(_, h)| h) {
                    None => ().into_any(),
                    Some(items) if items.is_empty() => view! { <li class="petunjuk">{teks(i18n, |l| td_string!(l, admin.tidak_ada_hasil))}</li> }.into_any(),
                    Some(items) => items.into_iter().map(|p| {
                        let teks = format!("{} · {}", p.nama, p.nip);
                        let lain = format!(" — {}, {}", p.jabatan, p.unit_nama);
                        view! {
                            <li>
                                <button type="button" class="tombol-teks" data-testid="pilih" on:click=move |_| pilih(&p)>
                                    {teks} <span class="petunjuk">{lain}</span>
                                </button>
                            </li>
                        }
                    }).collect_view().into_any(),
                }}
            </ul>
            <FieldErrorList id=format!("{id}-galat") pesan=galat />
        </fieldset>
    }
}
