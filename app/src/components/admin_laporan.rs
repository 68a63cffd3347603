use leptos::prelude::*;

use crate::api::satu_bahasa;
use crate::components::admin_unduh::AdminUnduh;
use crate::i18n::{Locale, t_string, td_string, use_i18n};
use crate::state::admin::laporan_csv;
use crate::teks::teks;
use domain::api::Laporan;

/// The problems of a refused file, one per row and column, with who can fix
/// each, and the same table as a CSV download.
#[component]
pub fn AdminLaporan(pesan: domain::Teks, laporan: Laporan) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let bahasa = move || if en() { "en" } else { "id" };
    let l2 = laporan.clone();
    let isi = Signal::derive(move || {
        let kepala = [
            t_string!(i18n, admin.kolom_baris).to_string(),
            t_string!(i18n, admin.kolom_kolom).to_string(),
            t_string!(i18n, admin.kolom_masalah).to_string(),
            t_string!(i18n, admin.kolom_perbaikan).to_string(),
        ];
        laporan_csv(&l2, kepala, en())
    });
    view! {
        <section class="laporan-impor" data-testid="laporan-impor" aria-labelledby="judul-laporan">
            <h3 id="judul-laporan">{teks(i18n, |l| td_string!(l, admin.judul_laporan))}</h3>
            <p class="galat" role="alert" data-testid="pesan-laporan">{move || satu_bahasa(&pesan, en())}</p>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.laporan_petunjuk))}</p>
            <AdminUnduh isi=isi nama_berkas="laporan-impor.csv" testid="unduh-laporan">
                {teks(i18n, |l| td_string!(l, admin.unduh_laporan))}
            </AdminUnduh>
            <div class="tabel-gulir" style:overflow-x="auto">
                <table class="tabel" data-testid="tabel-laporan" style:width="100%">
                    <thead>
                        <tr>
                            <th scope="col">{teks(i18n, |l| td_string!(l, admin.kolom_baris))}</th>
                            <th scope="col">{teks(i18n, |l| td_string!(l, admin.kolom_kolom))}</th>
                            <th scope="col">{teks(i18n, |l| td_string!(l, admin.kolom_masalah))}</th>
                            <th scope="col">{teks(i18n, |l| td_string!(l, admin.kolom_perbaikan))}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {laporan.kesalahan.into_iter().map(|k| view! {
                            <tr data-testid="laporan-baris" data-baris=k.baris data-kolom=k.kolom.clone() data-kode=k.kode.clone()>
                                <td>{k.baris}</td>
                                <td><code>{k.kolom.clone()}</code></td>
                                <td>{move || k.pesan.dalam(bahasa()).to_owned()}</td>
                                <td>{move || k.diperbaiki_oleh.dalam(bahasa()).to_owned()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
