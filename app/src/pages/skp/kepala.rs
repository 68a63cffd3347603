use leptos::prelude::*;

use domain::skp::StatusSkp;

use crate::components::status::StatusBadge;
use crate::i18n::{t, td_string, use_i18n};
use crate::state::skp::{KeadaanSimpan, SkpTersimpan};
use crate::teks::teks;

/// Where the plan is saved, beside the title: on the server (and at what
/// time, when it took a save during this visit), being saved, or kept on
/// this device until the connection is back.
fn status_simpan(keadaan: Signal<Option<KeadaanSimpan>>) -> impl IntoView {
    let i18n = use_i18n();
    let isi = move || {
        let l = i18n.get_locale();
        let k = keadaan.get()?;
        let (tanda, kata) = match k {
            KeadaanSimpan::Server(pada) => {
                let kata = td_string!(l, pegawai.simpan_server);
                let jam = pada.map(|ms| {
                    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
                    format!(" · {} {:02}.{:02}", td_string!(l, pegawai.pukul), d.get_hours(), d.get_minutes())
                });
                ("✓ ", format!("{kata}{}", jam.unwrap_or_default()))
            }
            KeadaanSimpan::Menyimpan => ("… ", td_string!(l, pegawai.menyimpan).to_owned()),
            KeadaanSimpan::Perangkat => ("⏸ ", td_string!(l, pegawai.simpan_perangkat).to_owned()),
            KeadaanSimpan::Ditolak => ("⚠ ", td_string!(l, pegawai.simpan_ditolak).to_owned()),
        };
        Some((k.kode(), tanda, kata))
    };
    view! {
        <p class="status-simpan" data-testid="status-simpan" role="status" aria-live="polite"
            data-keadaan=move || isi().map(|(kode, ..)| kode)>
            {move || isi().map(|(_, tanda, kata)| view! { <span aria-hidden="true">{tanda}</span>{kata} })}
        </p>
    }
}

/// The editor's head: whose SKP of which year, its status, the penilai's
/// notes of a return, a form restored from this device (with the way to
/// drop it: `buang_draf`), where the plan is saved (`keadaan`), and why the plan cannot be changed.
/// `atasan_kosong`: the atasan has no SKP yet to intervene. (A view
/// function of the editor, not a component: it is only ever part of it.)
pub(super) fn kepala_skp(
    skp: RwSignal<SkpTersimpan>,
    tahun: i64,
    pulih: RwSignal<bool>,
    editable: Signal<bool>,
    atasan_kosong: bool,
    buang_draf: Callback<()>,
    keadaan: Signal<Option<KeadaanSimpan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (nama, nip) = skp.with_untracked(|s| (s.skp.pegawai.nama.clone(), s.skp.pegawai.nip.clone()));
    let catatan = move || skp.with(|s| s.catatan_terakhir().filter(|_| s.status_is(StatusSkp::Dikembalikan)));
    // Every comment of the return, in the returned plan's order: also those
    // on an RHK removed from the form since (shown on no RHK below).
    let komentar = move || {
        skp.with(|s| {
            let k = s.komentar_terakhir();
            let rhk = s.skp.skp.rencana().rhk();
            rhk.iter()
                .enumerate()
                .filter_map(|(n, r)| Some((n + 1, r.uraian().to_owned(), k.get(r.id().as_str())?.clone())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="kartu" data-testid="editor-skp">
            <header class="kepala-skp">
                <h1>{move || t!(i18n, pegawai.judul_editor, tahun = move || tahun)}</h1>
                <StatusBadge status=Signal::derive(move || Some(skp.with(|s| s.skp.status))) />
                {status_simpan(keadaan)}
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.milik))} ": " {nama} " · " {teks(i18n, |l| td_string!(l, umum.nip))} " " {nip}</p>
            </header>
            {move || catatan().map(|c| view! {
                <div class="catatan" role="note" data-testid="catatan-penilai">
                    <strong>{teks(i18n, |l| td_string!(l, pegawai.catatan_penilai))} ": "</strong> {c}
                </div>
            })}
            {move || { let daftar = komentar(); let n = daftar.len(); (n > 0).then(|| view! {
                <div class="catatan" role="note" data-testid="ada-komentar-rhk">
                    <p>{t!(i18n, pegawai.ada_komentar_rhk, n = move || n)}</p>
                    <ul>{daftar.into_iter().map(|(no, uraian, k)| view! {
                        <li><strong>{t!(i18n, pegawai.rhk_ke, n = move || no)} " · " {uraian} ": "</strong>{k}</li>
                    }).collect_view()}</ul>
                </div>
            }) }}
            <Show when=move || pulih.get()>
                <div class="catatan" role="status" data-testid="draf-dipulihkan">
                    {teks(i18n, |l| td_string!(l, pegawai.draf_dipulihkan))} " "
                    <button type="button" class="tombol-teks" data-testid="buang-draf" on:click=move |_| buang_draf.run(())>{teks(i18n, |l| td_string!(l, pegawai.buang_draf))}</button>
                </div>
            </Show>
            <Show when=move || !editable.get()>
                <p class="petunjuk" data-testid="tidak-bisa-diubah">{teks(i18n, |l| td_string!(l, pegawai.tidak_bisa_diubah))}</p>
            </Show>
            <Show when=move || atasan_kosong && editable.get()>
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.atasan_belum_ada_skp))}</p>
            </Show>
        </section>
    }
}
