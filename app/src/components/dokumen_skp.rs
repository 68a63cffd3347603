//! A submitted or set SKP as a document: laid out as the regulation's SKP
//! format (PermenPANRB 6/2022, formats A.1.6/A.1.7 and the Lampiran SKP
//! A.1.8) — who is rated, the hasil kerja by kind with the atasan's RHK each
//! intervenes in, the perilaku kerja with the pimpinan's expectations, the
//! lampiran, and where it was signed — and printable (`@media print` in the
//! stylesheet). The PDF comes with the evaluation stage.

use leptos::prelude::*;

use domain::api::{PeriodeView, RhkAtasanItem, SkpBaca};
use domain::rule_set::JenisRhk;
use domain::skp::{AksiSkp, Rhk};
use domain::tanggal::Tanggal;
use domain::umpan_balik::NilaiBerakhlak;

use crate::components::rhk_form::{label_aspek, label_polaritas};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::editor::target_teks;
use crate::teks::{tanggal, teks};

/// The document of `skp` in `periode` (its dates); `atasan`: the RHK of the penilai's SKP, to name
/// the one each RHK intervenes in (without it the column says not linked).
#[component]
pub fn DokumenSkp(
    skp: SkpBaca,
    periode: Option<PeriodeView>,
    #[prop(optional)] atasan: Vec<RhkAtasanItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rencana = skp.skp.rencana().clone();
    let lampiran = rencana.lampiran().clone();
    let ekspektasi = rencana.ekspektasi_khusus().clone();
    let pegawai = skp.pegawai.clone();
    let hari = |s: &str| Tanggal::parse_iso(s);
    let masa = periode.as_ref().and_then(|p| Some((hari(&p.mulai)?, hari(&p.selesai)?)));
    // The day the plan was set (the penilai's approval), the last one when revised.
    let ditetapkan = skp.skp.riwayat().iter().rev().find(|r| r.aksi == AksiSkp::Approve).map(|r| r.tanggal);
    let atasan = StoredValue::new(atasan);
    let baris = move |jenis: JenisRhk| {
        let rhk: Vec<Rhk> = rencana.rhk().iter().filter(|r| r.jenis() == jenis).cloned().collect();
        let kosong = rhk.is_empty();
        let judul = move |l: Locale| match jenis {
            JenisRhk::Utama => td_string!(l, pegawai.dok_utama),
            JenisRhk::Tambahan => td_string!(l, pegawai.dok_tambahan),
        };
        view! {
            <tr class="bagian"><th colspan="6" scope="colgroup">{move || judul(i18n.get_locale())}</th></tr>
            {kosong.then(|| view! { <tr><td colspan="6"><em>"—"</em></td></tr> })}
            {rhk.into_iter().enumerate().map(|(n, r)| {
                let rentang = r.indikator().len().max(1).to_string();
                let diintervensi = r.rhk_atasan().and_then(|id| {
                    atasan.with_value(|a| a.iter().find(|a| a.id == id.as_str()).map(|a| a.uraian.clone()))
                });
                let (no, uraian) = (n + 1, r.uraian().to_owned());
                r.indikator().iter().enumerate().map(|(k, i)| {
                    let pertama = k == 0;
                    let (aspek, arah, target, satuan) = (i.aspek(), i.polaritas(), i.target(), i.satuan().to_owned());
                    let iki = i.uraian().to_owned();
                    let diintervensi = diintervensi.clone();
                    let uraian = uraian.clone();
                    let rentang = rentang.clone();
                    view! {
                        <tr data-testid=pertama.then_some("dok-rhk")>
                            {pertama.then(|| view! {
                                <td rowspan=rentang.clone()>{no}</td>
                                <td rowspan=rentang.clone()>{match diintervensi {
                                    Some(u) => u.into_any(),
                                    None => view! { <em>{teks(i18n, |l| td_string!(l, penilai.belum_ditautkan))}</em> }.into_any(),
                                }}</td>
                                <td rowspan=rentang data-testid="dok-uraian">{uraian}</td>
                            })}
                            <td data-testid="dok-aspek">{move || { let l = i18n.get_locale(); format!("{} · {}", label_aspek(l, aspek), label_polaritas(l, arah)) }}</td>
                            <td>{iki}</td>
                            <td class="angka">{move || target_teks(target, i18n.get_locale() == Locale::en)} " " {satuan.clone()}</td>
                        </tr>
                    }
                }).collect_view()
            }).collect_view()}
        }
    };
    let daftar = |isi: Vec<String>| {
        if isi.is_empty() {
            view! { <em>"—"</em> }.into_any()
        } else {
            view! { <ol>{isi.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol> }.into_any()
        }
    };
    let cetak = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <article class="kartu dokumen-skp" data-testid="dokumen-skp">
            <div class="aksi jangan-cetak">
                <button type="button" class="tombol-kedua" data-testid="cetak" on:click=cetak>{teks(i18n, |l| td_string!(l, pegawai.dok_cetak))}</button>
            </div>
            <header class="kepala-dokumen">
                <h2>{teks(i18n, |l| td_string!(l, pegawai.dok_judul))}</h2>
                {masa.map(|(mulai, selesai)| view! {
                    <p>{move || { let l = i18n.get_locale(); format!("{}: {} – {}", td_string!(l, pegawai.dok_periode), tanggal(mulai, l), tanggal(selesai, l)) }}</p>
                })}
            </header>
            <table class="tabel-dokumen identitas">
                <tbody>
                    <tr><th scope="row" colspan="2">{teks(i18n, |l| td_string!(l, pegawai.dok_pegawai_dinilai))}</th></tr>
                    <tr><th scope="row">{teks(i18n, |l| td_string!(l, pegawai.dok_nama))}</th><td data-testid="dok-nama">{pegawai.nama.clone()}</td></tr>
                    <tr><th scope="row">{teks(i18n, |l| td_string!(l, umum.nip))}</th><td>{pegawai.nip.clone()}</td></tr>
                    <tr><th scope="row">{teks(i18n, |l| td_string!(l, pegawai.dok_jabatan))}</th><td>{pegawai.jabatan.clone()}</td></tr>
                </tbody>
            </table>
            <h3>{teks(i18n, |l| td_string!(l, pegawai.dok_hasil_kerja))}</h3>
            <table class="tabel-dokumen">
                <thead>
                    <tr>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_no))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_rhk_atasan))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_rhk))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_aspek))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_iki))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_target))}</th>
                    </tr>
                </thead>
                <tbody>{baris(JenisRhk::Utama)}{baris(JenisRhk::Tambahan)}</tbody>
            </table>
            <h3>{teks(i18n, |l| td_string!(l, pegawai.dok_perilaku))}</h3>
            <table class="tabel-dokumen">
                <thead>
                    <tr>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_no))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_perilaku))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, pegawai.dok_ekspektasi))}</th>
                    </tr>
                </thead>
                <tbody>
                    {NilaiBerakhlak::ALL.into_iter().enumerate().map(|(n, nilai)| {
                        let khusus = ekspektasi.get(&nilai).cloned();
                        view! {
                            <tr data-testid="dok-perilaku">
                                <td>{n + 1}</td>
                                <td><strong>{move || nilai.label().dalam(i18n.get_locale().kode()).to_owned()}</strong></td>
                                <td>{khusus.unwrap_or_else(|| "—".to_owned())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{teks(i18n, |l| td_string!(l, pegawai.lampiran))}</h3>
            <dl class="ringkas" data-testid="dok-lampiran">
                <dt>{teks(i18n, |l| td_string!(l, pegawai.dukungan_sumber_daya))}</dt><dd>{daftar(lampiran.dukungan_sumber_daya)}</dd>
                <dt>{teks(i18n, |l| td_string!(l, pegawai.skema_pertanggungjawaban))}</dt><dd>{daftar(lampiran.skema_pertanggungjawaban)}</dd>
                <dt>{teks(i18n, |l| td_string!(l, pegawai.konsekuensi))}</dt><dd>{daftar(lampiran.konsekuensi)}</dd>
            </dl>
            <div class="tanda-tangan">
                <div>
                    <p>{teks(i18n, |l| td_string!(l, pegawai.dok_pegawai_dinilai))}</p>
                    <p class="nama-ttd">{pegawai.nama} <br /> {teks(i18n, |l| td_string!(l, umum.nip))} " " {pegawai.nip}</p>
                </div>
                <div>
                    <p>{teks(i18n, |l| td_string!(l, pegawai.dok_pejabat_penilai))}</p>
                    <p class="nama-ttd" data-testid="dok-ditetapkan">{move || {
                        let l = i18n.get_locale();
                        match ditetapkan {
                            Some(d) => format!("{} {}", td_string!(l, pegawai.dok_ditetapkan), tanggal(d, l)),
                            None => td_string!(l, pegawai.dok_belum_ditetapkan).to_owned(),
                        }
                    }}</p>
                </div>
            </div>
        </article>
    }
}
