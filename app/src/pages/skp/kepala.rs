use leptos::prelude::*;

use domain::skp::StatusSkp;

use crate::components::status::StatusBadge;
use crate::i18n::{t, td_string, use_i18n};
use crate::state::skp::SkpTersimpan;
use crate::teks::teks;

/// The editor's head: whose SKP of which year, its status, the penilai's
/// notes of a return, a form restored from this device (with the way to
/// drop it: `buang_draf`), and why the plan cannot be changed.
/// `atasan_kosong`: the atasan has no SKP yet to intervene. (A view
/// function of the editor, not a component: it is only ever part of it.)
pub(super) fn kepala_skp(
    skp: RwSignal<SkpTersimpan>,
    tahun: i64,
    pulih: RwSignal<bool>,
    editable: Signal<bool>,
    atasan_kosong: bool,
    buang_draf: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (nama, nip) = skp.with_untracked(|s| (s.skp.pegawai.nama.clone(), s.skp.pegawai.nip.clone()));
    let catatan = move || skp.with(|s| s.catatan_terakhir().filter(|_| s.status_is(StatusSkp::Dikembalikan)));
    view! {
        <section class="kartu" data-testid="editor-skp">
            <header class="kepala-skp">
                <h1>{move || t!(i18n, pegawai.judul_editor, tahun = move || tahun)}</h1>
                <StatusBadge status=Signal::derive(move || Some(skp.with(|s| s.skp.status))) />
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, pegawai.milik))} ": " {nama} " · " {teks(i18n, |l| td_string!(l, umum.nip))} " " {nip}</p>
            </header>
            {move || catatan().map(|c| view! {
                <div class="catatan" role="note" data-testid="catatan-penilai">
                    <strong>{teks(i18n, |l| td_string!(l, pegawai.catatan_penilai))} ": "</strong> {c}
                </div>
            })}
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
