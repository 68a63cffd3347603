use leptos::prelude::*;

use crate::i18n::{t, td_string, use_i18n};
use crate::state::admin::BarisAtasan;
use crate::teks::{tanggal_iso, teks};
use domain::api::AtasanItem;

/// The atasan mapping of a period, one row per pegawai: those without a
/// pejabat penilai first and marked, each with a button to set it. The head
/// of the instansi has none by design: named so, not marked.
#[component]
pub fn AdminTabelAtasan(
    #[prop(into)] baris: Signal<Vec<BarisAtasan>>,
    #[prop(into)] tanpa_penilai: Signal<i64>,
    atur: Callback<AtasanItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="ringkas-atasan" data-testid="jumlah-tanpa-penilai" aria-live="polite">
            {move || {
                let n = tanpa_penilai.get();
                if n == 0 {
                    teks(i18n, |l| td_string!(l, admin.semua_punya_penilai)).into_any()
                } else {
                    view! { <strong>{t!(i18n, admin.ada_tanpa_penilai, n = move || n)}</strong> }.into_any()
                }
            }}
        </p>
        <div class="tabel-gulir" style:overflow-x="auto">
            <table class="tabel tabel-atasan" data-testid="tabel-atasan" style:width="100%" style:border-collapse="collapse">
                <thead>
                    <tr>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.pegawai))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.unit))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.pejabat_penilai))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.atasan_pejabat_penilai))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.berlaku_sejak))}</th>
                        <th scope="col"><span class="sr-only">{teks(i18n, |l| td_string!(l, admin.aksi))}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || baris.get() key=BarisAtasan::kunci let:b>
                        <BarisTabel b=b atur=atur />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn BarisTabel(b: BarisAtasan, atur: Callback<AtasanItem>) -> impl IntoView {
    let i18n = use_i18n();
    let s = b.sekarang.clone();
    let kosong = s.tanpa_penilai;
    let pimpinan = s.pimpinan;
    let item = s.clone();
    view! {
        <tr
            class=if kosong { "tanpa-penilai" } else { "" }
            style:background-color=if kosong { "#fff3cd" } else { "transparent" }
            data-testid=if kosong { "atasan-kosong" } else { "atasan-item" }
            data-nip=s.nip.clone()
            data-pimpinan=pimpinan.then_some("true")
        >
            <td><strong>{s.nama.clone()}</strong><br /><span class="petunjuk">{s.nip.clone()}</span></td>
            <td>{s.unit_nama.clone()}</td>
            <td>
                {match s.penilai_nama.clone().filter(|_| !kosong) {
                    Some(n) => n.into_any(),
                    None if pimpinan => view! { <span class="petunjuk">{teks(i18n, |l| td_string!(l, admin.pimpinan_instansi))}</span> }.into_any(),
                    None => view! { <strong class="lencana peringatan">"⚠ " {teks(i18n, |l| td_string!(l, admin.belum_ada_penilai))}</strong> }.into_any(),
                }}
            </td>
            <td>{s.atasan_penilai_nama.clone().unwrap_or_else(|| "—".into())}</td>
            <td>
                {let b = s.berlaku_mulai.clone(); move || b.as_deref().map_or_else(|| "—".to_owned(), |d| tanggal_iso(d, i18n.get_locale()))}
                {(b.sebelumnya > 0).then(|| { let n = b.sebelumnya; view! { <br /><span class="petunjuk">{t!(i18n, admin.segmen_sebelumnya, n = move || n)}</span> } })}
            </td>
            <td>
                <button type="button" class="tombol-kedua" data-testid="atur-atasan" on:click=move |_| atur.run(item.clone())>
                    {teks(i18n, |l| td_string!(l, admin.atur))}
                </button>
            </td>
        </tr>
    }
}
