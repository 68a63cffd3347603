use leptos::prelude::*;

use domain::skp::StatusSkp;

use crate::api;
use crate::components::konfirmasi::{Konfirmasi, tanya};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::navigasi::Tautan;
use crate::page::Halaman;
use crate::state::editor::galat_tanpa_bidang;
use crate::state::skp::SkpTersimpan;
use crate::teks::teks;

/// The editor's foot: the last save's refusal (a conflict with the way to
/// the server's version: `buang_draf`), the server's messages without a
/// field here, submitting (`kirim(true)`, asked first once `siap` found
/// the plan complete; the plan saves itself as it is typed), the version saved and a submission waiting in the outbox
/// (`di_antrean`; `seq`: the outbox's number of the last change stored, on
/// the section as `data-seq`). (A view function of the editor, not a component: it is only
/// ever part of it.)
pub(super) fn aksi_simpan(
    skp: RwSignal<SkpTersimpan>,
    server_galat: RwSignal<Option<api::Error>>,
    editable: Signal<bool>,
    pending: Memo<bool>,
    (siap, kirim): (impl Fn() -> bool + Copy + Send + Sync + 'static, impl Fn(bool) + Copy + Send + Sync + 'static),
    (di_antrean, seq): (RwSignal<Option<bool>>, RwSignal<u64>),
    buang_draf: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let yakin_ajukan = RwSignal::new(false);
    let tanpa_bidang = move || {
        let en = i18n.get_locale() == Locale::en;
        server_galat
            .with(|e| e.as_ref().and_then(api::Error::fields).map(|f| galat_tanpa_bidang(f, en)).unwrap_or_default())
    };
    view! {
        <section class="kartu aksi-bawah" data-seq=move || seq.get().to_string()>
            <p class="galat" role="alert" data-testid="galat-server">
                {move || server_galat.get().map(|e| match e {
                    api::Error::Api { status: 409, ref body } if body.code == "stale_version" => view! {
                        {teks(i18n, |l| td_string!(l, pegawai.konflik_versi))} " "
                        <Tautan ke=Halaman::Banding(skp.with_untracked(|s| s.skp.id.clone())) attr:class="tombol" attr:data-testid="bandingkan">
                            {teks(i18n, |l| td_string!(l, pegawai.bandingkan))}
                        </Tautan> " "
                        <button type="button" class="tombol-teks" on:click=move |_| buang_draf.run(())>{teks(i18n, |l| td_string!(l, pegawai.muat_terbaru))}</button>
                    }.into_any(),
                    other => other.untuk_pengguna(i18n.get_locale()).into_any(),
                })}
            </p>
            <ul class="galat-field">
                {move || tanpa_bidang().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <Show when=move || editable.get()>
                <div class="aksi">
                    // Submitting hands the plan over for review: asked first, as approving is.
                    <button type="button" data-testid="ajukan" disabled=move || pending.get() || yakin_ajukan.get()
                        on:click=move |_| if siap() { tanya(yakin_ajukan, "ajukan") }>
                        {move || if skp.with(|s| s.status_is(StatusSkp::Dikembalikan)) { teks(i18n, |l| td_string!(l, pegawai.ajukan_ulang)).into_any() } else { teks(i18n, |l| td_string!(l, pegawai.ajukan)).into_any() }}
                    </button>
                </div>
                <Konfirmasi terbuka=yakin_ajukan nama="ajukan" aksi="ajukan"
                    pertanyaan=|l| td_string!(l, pegawai.konfirmasi_ajukan) label_ya=|l| td_string!(l, pegawai.ya_ajukan)
                    ya=Callback::new(move |_| kirim(true)) />
            </Show>
            // Where the buttons were: what happens to a submitted SKP now.
            <Show when=move || skp.with(|s| s.status_is(StatusSkp::Diajukan))>
                <p class="berhasil" role="status" data-testid="sudah-diajukan">{teks(i18n, |l| td_string!(l, pegawai.sudah_diajukan))}</p>
            </Show>
            <p class="tersimpan" data-testid="tersimpan" aria-live="polite">
                {move || { let v = skp.with(|s| s.skp.version); t!(i18n, pegawai.tersimpan, versi = move || v) }}
            </p>
            // A submission stored on the device, waiting for the server (said
            // only once the transaction completed; a save says so at the top).
            <Show when=move || di_antrean.get() == Some(true)>
                <p class="petunjuk" role="status" data-testid="tersimpan-perangkat">
                    {teks(i18n, |l| td_string!(l, luring.diajukan_perangkat))}
                </p>
            </Show>
        </section>
    }
}
