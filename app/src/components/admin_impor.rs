use leptos::prelude::*;
use wasm_bindgen::JsCast;

use domain::api::Ringkasan;

use crate::api::admin::ImportError;
use crate::components::admin_error::AdminError;
use crate::components::admin_laporan::AdminLaporan;
use crate::components::admin_unduh::AdminUnduh;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::state::admin::templat_impor;
use crate::teks::teks;

/// The CSV import: choose a file, check it ("Periksa", nothing is written),
/// read the row report or the summary, then apply it ("Terapkan"): whole or
/// not at all, or (ticked beside the buttons) only the rows that pass, the
/// others listed in a report to download.
#[component]
pub fn AdminImpor(
    #[prop(into)] nama_berkas: Signal<Option<String>>,
    pilih: Callback<web_sys::File>,
    periksa: Callback<()>,
    terapkan: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    /// A check of the current file passed: it may be applied.
    #[prop(into)]
    siap: Signal<bool>,
    /// Only the rows that pass are applied (off: all or nothing).
    #[prop(into)]
    sebagian: Signal<bool>,
    pilih_sebagian: Callback<bool>,
    #[prop(into)] ringkasan: Signal<Option<Ringkasan>>,
    #[prop(into)] galat: Signal<Option<ImportError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let ganti = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if let Some(f) = file {
            pilih.run(f);
        }
    };
    let galat_lain = Signal::derive(move || match galat.get() {
        Some(ImportError::Other(e)) => Some(e),
        _ => None,
    });
    view! {
        <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_impor))}</p>
        <pre class="contoh-csv" style:overflow-x="auto">{domain::api::KOLOM_IMPOR.join(";")}</pre>
        // What each coded column takes.
        <dl class="ringkas" data-testid="nilai-kolom">
            <dt><code>"jenis_pegawai"</code></dt>
            <dd>{[domain::JenisPegawai::Pns, domain::JenisPegawai::Pppk].map(|j| j.kode()).join(", ")}</dd>
            <dt><code>"jenis_jabatan"</code></dt>
            <dd>{[domain::JenisJabatan::Jpt, domain::JenisJabatan::Administrasi, domain::JenisJabatan::Fungsional, domain::JenisJabatan::Pelaksana].map(|j| j.kode()).join(", ")}</dd>
            <dt><code>"nip"</code>", "<code>"nip_atasan"</code></dt>
            <dd>{teks(i18n, |l| td_string!(l, admin.nilai_nip))}</dd>
            <dt><code>"unit"</code></dt>
            <dd>{teks(i18n, |l| td_string!(l, admin.nilai_unit))}</dd>
        </dl>
        <p>
            <AdminUnduh isi=Signal::stored(templat_impor()) nama_berkas="templat-impor-pegawai.csv" testid="unduh-templat">
                {teks(i18n, |l| td_string!(l, admin.unduh_templat))}
            </AdminUnduh>
        </p>
        <div class="baris">
            <label for="berkas-csv">{teks(i18n, |l| td_string!(l, admin.berkas_csv))}</label>
            <input id="berkas-csv" type="file" accept=".csv,text/csv,text/plain" data-testid="berkas-csv" on:change=ganti />
        </div>
        {move || nama_berkas.get().map(|n| view! { <p class="petunjuk" data-testid="nama-berkas">{t!(i18n, admin.berkas_terpilih, nama = move || n.clone())}</p> })}
        <label style:display="flex" style:align-items="center" style:gap="0.5rem" style:min-height="44px" style:cursor="pointer" style:margin-top="0.75rem">
            <input type="checkbox" id="impor-sebagian" data-testid="impor-sebagian" aria-describedby="impor-sebagian-petunjuk"
                style:width="44px" style:height="44px" style:margin="0" style:flex="none"
                prop:checked=move || sebagian.get() disabled=move || pending.get()
                on:change=move |ev| pilih_sebagian.run(event_target_checked(&ev)) />
            <span>{teks(i18n, |l| td_string!(l, admin.impor_sebagian))}</span>
        </label>
        <p class="petunjuk" id="impor-sebagian-petunjuk" style:margin-top="0">{teks(i18n, |l| td_string!(l, admin.impor_sebagian_petunjuk))}</p>
        <div class="aksi">
            <button type="button" data-testid="periksa" disabled=move || pending.get() || nama_berkas.with(Option::is_none) on:click=move |_| periksa.run(())>
                {teks(i18n, |l| td_string!(l, admin.periksa))}
            </button>
            <button type="button" class="tombol-kedua" data-testid="terapkan" disabled=move || pending.get() || !siap.get() on:click=move |_| terapkan.run(())>
                {teks(i18n, |l| td_string!(l, admin.terapkan))}
            </button>
            <Show when=move || pending.get()><span class="petunjuk" role="status">{teks(i18n, |l| td_string!(l, admin.memproses))}</span></Show>
        </div>
        <AdminError galat=galat_lain testid="galat-impor" />
        {move || ringkasan.get().map(|r| {
            let (dibuat, diubah, tetap, baris) = (r.dibuat, r.diubah, r.tidak_berubah, r.baris);
            let (unit, atasan) = (r.unit_dibuat, r.atasan_diubah);
            let (diterapkan, dilewati) = (r.baris_diterapkan, r.baris_dilewati);
            let peringatan = r.peringatan.clone();
            let judul = match (r.terapkan, dilewati > 0) {
                (true, false) => teks(i18n, |l| td_string!(l, admin.impor_diterapkan)).into_any(),
                (true, true) => teks(i18n, |l| td_string!(l, admin.impor_sebagian_diterapkan)).into_any(),
                (false, false) => t!(i18n, admin.impor_valid, n = move || baris).into_any(),
                (false, true) => teks(i18n, |l| td_string!(l, admin.impor_sebagian_valid)).into_any(),
            };
            // The rows left out, as a refused file's report (and its download).
            let laporan = (dilewati > 0).then(|| {
                let pesan = domain::Teks::new(
                    td_string!(Locale::id, admin.laporan_dilewati),
                    td_string!(Locale::en, admin.laporan_dilewati),
                );
                view! { <AdminLaporan pesan=pesan laporan=r.dilewati.clone() /> }
            });
            view! {
                <div class="ringkasan-impor" role="status" data-testid=if r.terapkan { "hasil-terapkan" } else { "hasil-periksa" }>
                    <p><strong>{judul}</strong></p>
                    <dl class="ringkas">
                        {r.sebagian.then(|| view! {
                            <dt>{teks(i18n, |l| td_string!(l, admin.baris_diterapkan))}</dt><dd data-testid="jumlah-diterapkan">{diterapkan}</dd>
                            <dt>{teks(i18n, |l| td_string!(l, admin.baris_dilewati))}</dt><dd data-testid="jumlah-dilewati">{dilewati}</dd>
                        })}
                        <dt>{teks(i18n, |l| td_string!(l, admin.dibuat))}</dt><dd data-testid="jumlah-dibuat">{dibuat}</dd>
                        <dt>{teks(i18n, |l| td_string!(l, admin.diubah))}</dt><dd data-testid="jumlah-diubah">{diubah}</dd>
                        <dt>{teks(i18n, |l| td_string!(l, admin.tidak_berubah))}</dt><dd data-testid="jumlah-tidak-berubah">{tetap}</dd>
                        <dt>{teks(i18n, |l| td_string!(l, admin.unit_dibuat))}</dt><dd>{unit}</dd>
                        <dt>{teks(i18n, |l| td_string!(l, admin.atasan_diubah))}</dt><dd>{atasan}</dd>
                    </dl>
                    <ul>{peringatan.into_iter().map(|p| view! { <li>{if en() { p.en } else { p.id }}</li> }).collect_view()}</ul>
                </div>
                {laporan}
            }
        })}
        {move || match galat.get() {
            Some(ImportError::Laporan { pesan, laporan }) => Some(view! { <AdminLaporan pesan=pesan laporan=laporan /> }),
            _ => None,
        }}
    }
}
