use leptos::prelude::*;

use crate::api;
use crate::components::admin_error::AdminError;
use crate::components::admin_unduh::AdminUnduh;
use crate::components::konfirmasi::{Konfirmasi, tanya};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::state::admin::{kode_csv, tanggal_unix};
use crate::teks::{tanggal, teks};
use domain::api::AktivasiDibuat;

/// Activation codes for every pegawai without a password: issued on request,
/// shown here once (only their hashes are kept), downloadable as CSV and
/// printable (the printout holds only the list, to hand out).
#[component]
pub fn AdminAktivasi(
    buat: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] hasil: Signal<Option<AktivasiDibuat>>,
    #[prop(into)] galat: Signal<Option<api::Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // New codes end the unused ones already handed out: asked first.
    let yakin = RwSignal::new(false);
    view! {
        <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_aktivasi))}</p>
        <button type="button" data-testid="buat-kode" disabled=move || pending.get() || yakin.get() on:click=move |_| tanya(yakin, "buat-kode")>
            {teks(i18n, |l| td_string!(l, admin.buat_kode))}
        </button>
        <Konfirmasi terbuka=yakin nama="kode" aksi="buat-kode"
            pertanyaan=|l| td_string!(l, admin.konfirmasi_kode) label_ya=|l| td_string!(l, admin.ya_buat_kode) ya=buat />
        <AdminError galat=galat testid="galat-aktivasi" />
        {move || hasil.get().map(|h| {
            if h.kode.is_empty() {
                return view! { <p data-testid="kode-kosong">{teks(i18n, |l| td_string!(l, admin.kode_kosong))}</p> }.into_any();
            }
            let sampai = tanggal_unix(h.berlaku_sampai);
            let jumlah = h.jumlah;
            let kode = h.kode.clone();
            let isi = Signal::derive(move || {
                let kepala = [
                    t_string!(i18n, umum.nip).to_string(),
                    t_string!(i18n, admin.nama).to_string(),
                    t_string!(i18n, admin.kode).to_string(),
                ];
                kode_csv(&kode, kepala)
            });
            view! {
                <div class="kode-aktivasi" data-testid="daftar-kode">
                    <p class="catatan" role="note" data-testid="catatan-sekali">
                        <strong>{teks(i18n, |l| td_string!(l, admin.kode_sekali))}</strong> " "
                        {t!(i18n, admin.kode_berlaku, n = move || jumlah, tanggal = move || tanggal(sampai, i18n.get_locale()))}
                    </p>
                    <div class="aksi">
                        <AdminUnduh isi=isi nama_berkas="kode-aktivasi.csv" testid="unduh-kode">{teks(i18n, |l| td_string!(l, admin.unduh_kode))}</AdminUnduh>
                        // Printed, only the codes' list appears (app/style.css, @media print).
                        <button type="button" class="tombol-kedua" data-testid="cetak-kode"
                            on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>
                            {teks(i18n, |l| td_string!(l, admin.cetak_kode))}
                        </button>
                    </div>
                    <div class="tabel-gulir" style:overflow-x="auto">
                        <table class="tabel" style:width="100%">
                            <thead><tr>
                                <th scope="col">{teks(i18n, |l| td_string!(l, umum.nip))}</th>
                                <th scope="col">{teks(i18n, |l| td_string!(l, admin.nama))}</th>
                                <th scope="col">{teks(i18n, |l| td_string!(l, admin.kode))}</th>
                            </tr></thead>
                            <tbody>
                                {h.kode.into_iter().map(|k| view! {
                                    <tr data-testid="kode-item"><td>{k.nip}</td><td>{k.nama}</td><td><code>{k.kode}</code></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }.into_any()
        })}
    }
}
