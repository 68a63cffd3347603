use std::collections::BTreeMap;

use leptos::prelude::*;

use domain::api::HariLiburView;
use domain::kalender::JenisLibur;
use domain::teks::Teks;

use crate::api;
use crate::components::admin_error::AdminError;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::pages::beranda::hari_ini;
use crate::state::auth::use_auth;
use crate::state::tempel_libur::{BarisLibur, body, galat_daftar, siap_dikirim, tanggal_baris, urai_daftar};
use crate::teks::teks;

use super::kalender::label_jenis;

/// A year's holidays pasted at once (`state::tempel_libur`): one line per
/// holiday, each checked as it is typed and shown in a table of what will
/// be added, its errors and notes beside it; one save for the list, and
/// the server's refusals put back on their lines. `kalender`: the year's
/// calendar as it stands (a date it has is noted); `disimpan`: the year
/// saved, to show it again.
#[component]
pub(super) fn TempelLibur(
    tahun: RwSignal<i32>,
    #[prop(into)] kalender: Signal<Vec<HariLiburView>>,
    disimpan: Callback<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let client = api::use_client();
    let en = move || i18n.get_locale() == Locale::en;
    let isi = RwSignal::new(String::new());
    let jenis = RwSignal::new(JenisLibur::LiburNasional);
    let daftar = Memo::new(move |_| {
        let (t, j) = (tahun.get(), jenis.get());
        kalender.with(|k| isi.with(|s| urai_daftar(s, t, hari_ini(), k, j)))
    });
    // The server's refusal by pasted line (0: the list as a whole), until the text changes.
    let galat_baris = RwSignal::new(BTreeMap::<usize, Vec<Teks>>::new());
    let galat = RwSignal::new(None::<api::Error>);
    let jumlah_disimpan = RwSignal::new(None::<usize>);
    let simpan = Action::new_local(move |d: &Vec<BarisLibur>| {
        let body = body(d);
        async move { client.tambah_hari_libur(&body).await }
    });
    Effect::new(move |_| match simpan.value().get() {
        Some(Ok(_)) => {
            jumlah_disimpan.set(Some(daftar.with_untracked(Vec::len)));
            isi.set(String::new());
            disimpan.run(tahun.get_untracked());
        }
        Some(Err(api::Error::SessionEnded)) => auth.expire(),
        Some(Err(e)) => {
            let per_baris = e
                .fields()
                .map(|f| daftar.with_untracked(|d| crate::state::tempel_libur::galat_server(d, f)))
                .unwrap_or_default();
            galat_baris.set(per_baris);
            galat.set(Some(e));
        }
        None => {}
    });
    let satu = move |t: &Teks| api::satu_bahasa(t, en());
    let n_salah = move || daftar.with(|d| d.iter().filter(|b| !b.galat.is_empty()).count());
    let siap = move || daftar.with(|d| d.len()) - n_salah();
    view! {
        <h3 id="judul-tempel">{teks(i18n, |l| td_string!(l, admin.tempel_judul))}</h3>
        <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.tempel_petunjuk))}</p>
        <div class="baris">
            <label for="tempel-jenis">{teks(i18n, |l| td_string!(l, admin.tempel_jenis))}</label>
            <select id="tempel-jenis" data-testid="tempel-jenis"
                on:change=move |e| jenis.set(if event_target_value(&e) == "libur_instansi" { JenisLibur::LiburInstansi } else { JenisLibur::LiburNasional })>
                <option value="libur_nasional">{move || label_jenis(i18n.get_locale(), JenisLibur::LiburNasional)}</option>
                <option value="libur_instansi">{move || label_jenis(i18n.get_locale(), JenisLibur::LiburInstansi)}</option>
            </select>
        </div>
        <div class="baris">
            <label for="tempel-teks">{t!(i18n, admin.tempel_teks, tahun = move || tahun.get())}</label>
            <textarea id="tempel-teks" rows="8" data-testid="tempel-teks" spellcheck="false"
                placeholder="2027-01-01 Tahun Baru 2027 Masehi"
                prop:value=move || isi.get()
                on:input=move |e| {
                    isi.set(event_target_value(&e));
                    galat_baris.set(BTreeMap::new());
                    galat.set(None);
                    jumlah_disimpan.set(None);
                }></textarea>
        </div>
        <Show when=move || daftar.with(|d| !d.is_empty())>
            <div class="tabel-gulir">
                <table data-testid="tempel-pratinjau" aria-labelledby="judul-tempel">
                    <thead><tr>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.tempel_kolom_baris))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.libur_tanggal))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.libur_nama))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.tempel_jenis))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.tempel_kolom_catatan))}</th>
                    </tr></thead>
                    <tbody>
                        {move || daftar.get().into_iter().map(|b| {
                            let server = galat_baris.with(|g| g.get(&b.baris).cloned().unwrap_or_default());
                            let ada_galat = !b.galat.is_empty() || !server.is_empty();
                            let tanggal = b.tanggal.map(|t| t.to_string()).unwrap_or_default();
                            let j = b.jenis;
                            let b2 = b.clone();
                            view! {
                                <tr data-testid="tempel-baris" data-baris=b.baris.to_string() data-tanggal=tanggal data-galat=ada_galat.to_string()>
                                    <td>{b.baris}</td>
                                    <td>{move || tanggal_baris(&b2, en())}</td>
                                    <td>{b.nama.clone()}</td>
                                    <td>{move || label_jenis(i18n.get_locale(), j)}</td>
                                    <td>
                                        {b.galat.iter().chain(server.iter()).map(|g| { let g = g.clone(); view! { <p class="galat" data-testid="tempel-baris-galat">{move || satu(&g)}</p> } }).collect_view()}
                                        {b.peringatan.iter().map(|p| { let p = p.clone(); view! { <p class="petunjuk" data-testid="tempel-baris-peringatan">{move || satu(&p)}</p> } }).collect_view()}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
        <p class="petunjuk" data-testid="tempel-ringkas" aria-live="polite">{t!(i18n, admin.tempel_ringkas, n = siap, salah = n_salah)}</p>
        <p class="galat" role="alert" data-testid="tempel-galat">
            {move || daftar.with(|d| galat_daftar(d)).filter(|_| isi.with(|s| !s.trim().is_empty())).map(|g| satu(&g))}
            {move || galat_baris.with(|g| g.get(&0).cloned()).map(|v| v.iter().map(satu).collect::<Vec<_>>().join(" "))}
        </p>
        <AdminError galat=galat testid="tempel-galat-server" />
        <button type="button" data-testid="tempel-simpan"
            disabled=move || simpan.pending().get() || !daftar.with(|d| siap_dikirim(d))
            on:click=move |_| { jumlah_disimpan.set(None); simpan.dispatch(daftar.get_untracked()); }>
            {teks(i18n, |l| td_string!(l, admin.tempel_simpan))}
        </button>
        {move || jumlah_disimpan.get().map(|n| view! {
            <p class="berhasil" role="status" data-testid="tempel-disimpan">{t!(i18n, admin.tempel_disimpan, n = move || n)}</p>
        })}
    }
}
