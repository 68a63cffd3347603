use leptos::prelude::*;

use domain::api::{AtasanItem, PegawaiItem, SetAtasan};

use crate::api;
use crate::components::admin_atasan::AdminTabelAtasan;
use crate::components::admin_form_atasan::AdminFormAtasan;
use crate::components::admin_unit::AdminUnit;
use crate::components::muat::GagalMuat;
use crate::i18n::{t, td_string, use_i18n};
use crate::navigasi::use_navigasi;
use crate::pages::beranda::hari_ini;
use crate::state::admin::{RetryKey, baris_atasan, berlaku_bawaan, unit_datar};
use crate::state::auth::use_auth;
use crate::teks::{rentang_tanggal, teks};

use super::{Data, gagal};

/// The pegawai whose name or NIP matches what is typed in `q` (two
/// characters at least), with the query it answers, so Enter never picks
/// from an older search.
fn use_cari_pegawai(client: api::Client, q: RwSignal<String>) -> Signal<Option<(String, Vec<PegawaiItem>)>> {
    let hasil = LocalResource::new(move || {
        let q = q.get();
        async move {
            if q.trim().chars().count() < 2 {
                return None;
            }
            client.search_pegawai(q.trim()).await.ok().map(|h| (q, h.items))
        }
    });
    Signal::derive(move || hasil.get().flatten())
}

/// The units, and the atasan mapping of the chosen period: who assesses
/// whom, from when; a row is changed in the form above the table.
#[component]
pub(super) fn BagianAtasan(data: Data) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let nav = use_navigasi();
    let client = api::use_client();
    let Data { periode_list, unit, dipilih, atasan, .. } = data;
    let periode_dipilih = Signal::derive(move || {
        dipilih.get().and_then(|id| periode_list.with(|l| l.iter().find(|p| p.id == id).cloned()))
    });
    let cari_penilai = RwSignal::new(String::new());
    let cari_atasan = RwSignal::new(String::new());
    let hasil_penilai = use_cari_pegawai(client, cari_penilai);
    let hasil_atasan = use_cari_pegawai(client, cari_atasan);
    let edit = RwSignal::new(None::<AtasanItem>);
    let galat = RwSignal::new(None::<api::Error>);
    let disimpan = RwSignal::new(None::<String>);
    let kunci = StoredValue::new(RetryKey::default());
    let set_atasan = Action::new_local(move |b: &SetAtasan| {
        let (b, key) = (b.clone(), kunci.with_value(RetryKey::get));
        async move { client.set_atasan(&b, &key).await }
    });
    Effect::new(move |_| {
        let Some(hasil) = set_atasan.value().get() else { return };
        kunci.update_value(|k| k.after(!matches!(hasil, Err(api::Error::Network))));
        match hasil {
            Ok(_) => {
                galat.set(None);
                disimpan.set(edit.get_untracked().map(|e| e.nama));
                edit.set(None);
                atasan.refetch();
            }
            Err(api::Error::SessionEnded) => auth.expire(),
            Err(e) => galat.set(Some(e)),
        }
    });
    let atur = Callback::new(move |item: AtasanItem| {
        galat.set(None);
        disimpan.set(None);
        cari_penilai.set(String::new());
        cari_atasan.set(String::new());
        edit.set(Some(item));
    });
    let pilih_periode = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        edit.set(None);
        nav.ganti_query(&format!("periode={id}"));
    };
    view! {
        <section class="kartu" style:min-width="0" id="bagian-atasan" aria-labelledby="judul-atasan">
            <h2 id="judul-atasan">{teks(i18n, |l| td_string!(l, admin.judul_atasan))}</h2>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_atasan))}</p>
            <div class="baris">
                <label for="pilih-periode">{teks(i18n, |l| td_string!(l, admin.periode))}</label>
                <select id="pilih-periode" data-testid="pilih-periode" on:change=pilih_periode>
                    {move || {
                        let l = i18n.get_locale();
                        periode_list.get().into_iter().map(|p| {
                            let id = p.id.clone();
                            let rentang = rentang_tanggal(&p.mulai, &p.selesai, l);
                            view! { <option value=p.id.clone() selected=move || dipilih.get().as_deref() == Some(id.as_str())>{p.tahun} " (" {rentang} ")"</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <details class="unit">
                <summary>{teks(i18n, |l| td_string!(l, admin.judul_unit))}</summary>
                {move || match unit.get() {
                    None => view! { <GagalMuat galat=None /> }.into_any(),
                    Some(Err(e)) => gagal(e, Callback::new(move |_| unit.refetch())),
                    Some(Ok(u)) => view! { <AdminUnit unit=unit_datar(&u) /> }.into_any(),
                }}
            </details>
            <p class="berhasil" role="status" data-testid="atasan-disimpan">
                {move || disimpan.get().map(|n| t!(i18n, admin.atasan_disimpan, nama = move || n.clone()))}
            </p>
            {move || {
                let item = edit.get()?;
                let p = periode_dipilih.get()?;
                let awal = berlaku_bawaan(hari_ini(), &p, item.berlaku_mulai.as_deref());
                Some(view! {
                    <AdminFormAtasan item=item periode=p berlaku_awal=awal
                        cari_penilai=cari_penilai hasil_penilai=hasil_penilai
                        cari_atasan=cari_atasan hasil_atasan=hasil_atasan
                        simpan=Callback::new(move |b| { set_atasan.dispatch(b); })
                        batal=Callback::new(move |_| edit.set(None))
                        pending=set_atasan.pending() galat=galat />
                })
            }}
            {move || match atasan.get() {
                None => view! { <GagalMuat galat=None /> }.into_any(),
                Some(Err(e)) => gagal(e, Callback::new(move |_| atasan.refetch())),
                Some(Ok(None)) => view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.periode_kosong))}</p> }.into_any(),
                Some(Ok(Some(h))) => {
                    let tanpa = h.tanpa_penilai;
                    view! { <AdminTabelAtasan baris=baris_atasan(&h.items) tanpa_penilai=tanpa atur=atur /> }.into_any()
                }
            }}
        </section>
    }
}
