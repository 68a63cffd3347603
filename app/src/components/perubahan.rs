//! A plan submitted again after a return, as the penilai reads it first:
//! the note and the comments per RHK of that return, and what changed in the
//! plan since, per RHK (`domain::skp::beda`), each field's old and new value.

use leptos::prelude::*;

use domain::api::{RhkAtasanItem, SejakDikembalikan};
use domain::skp::beda::{BedaBidang, JenisBeda, NilaiBeda};

use crate::components::field_errors::label_bidang;
use crate::components::rhk_form::{label_aspek, label_jenis_rhk, label_perspektif, label_polaritas};
use crate::i18n::kata::{pegawai as kp, penilai as k};
use crate::i18n::{Locale, use_i18n};
use crate::state::editor::target_teks;
use crate::teks::tanggal;

/// A value as the screen writes it; the atasan's RHK by its description.
fn nilai_teks(l: Locale, n: &NilaiBeda, atasan: &[RhkAtasanItem]) -> String {
    match n {
        NilaiBeda::Teks(t) => t.clone(),
        NilaiBeda::JenisRhk(j) => label_jenis_rhk(l, *j).to_owned(),
        NilaiBeda::Aspek(a) => label_aspek(l, *a).to_owned(),
        NilaiBeda::Arah(p) => label_polaritas(l, *p).to_owned(),
        NilaiBeda::Perspektif(p) => label_perspektif(l, *p).to_owned(),
        NilaiBeda::Target { min, max, satuan } => {
            let t = domain::skp::Target::rentang(*min, *max);
            let angka = t.map(|t| target_teks(t, l == Locale::en)).unwrap_or_default();
            format!("{angka} {satuan}")
        }
        NilaiBeda::Ekspektasi { nilai, teks } => format!("{}: {teks}", nilai.label().dalam(l.kode())),
        NilaiBeda::RhkAtasan(id) => {
            atasan.iter().find(|a| a.id == *id).map(|a| a.uraian.clone()).unwrap_or_else(|| id.clone())
        }
    }
}

/// "Indikator 2 · Target: 12 dokumen → 10–12 dokumen".
fn baris_bidang(l: Locale, b: &BedaBidang, atasan: &[RhkAtasanItem]) -> String {
    let mut nama = Vec::new();
    if let Some(n) = b.iki {
        nama.push(kp::indikator_ke(l, kp::indikator_ke::Isi { n: &n }));
    }
    match b.bidang.as_str() {
        "indikator" => nama.push(k::indikator_utuh(l).to_owned()),
        // Its value holds both bounds and the unit.
        "target" => nama.push(kp::dok_target(l).to_owned()),
        "ekspektasi_khusus" => nama.push(kp::dok_ekspektasi(l).to_owned()),
        lain => nama.push(label_bidang(l, lain, b.iki.is_some()).unwrap_or(lain).to_owned()),
    }
    let kosong = || k::kosong_beda(l).to_owned();
    let sisi = |n: &Option<NilaiBeda>| n.as_ref().map(|n| nilai_teks(l, n, atasan)).unwrap_or_else(kosong);
    format!("{}: {} → {}", nama.join(" · "), sisi(&b.lama), sisi(&b.baru))
}

#[component]
pub fn SejakDikembalikanView(data: SejakDikembalikan, atasan: Vec<RhkAtasanItem>) -> impl IntoView {
    let i18n = use_i18n();
    let data = StoredValue::new(data);
    let atasan = StoredValue::new(atasan);
    move || {
        let l = i18n.get_locale();
        data.with_value(|d| {
            let hari = tanggal(d.tanggal, l);
            let catatan = d.catatan.clone().map(|c| {
                view! { <p data-testid="catatan-sebelumnya"><strong>{k::catatan_sebelumnya(l)} " "</strong>{c}</p> }
            });
            let komentar = (!d.komentar_rhk.is_empty()).then(|| {
                view! {
                    <ul class="komentar-sebelumnya">
                        {d.komentar_rhk.iter().map(|c| view! {
                            <li data-testid="komentar-sebelumnya">
                                <strong>{kp::rhk_ke(l, kp::rhk_ke::Isi { n: &c.nomor })} " · " {c.uraian.clone()} ": "</strong>
                                {c.komentar.clone()}
                            </li>
                        }).collect_view()}
                    </ul>
                }
            });
            let p = &d.perubahan;
            let perubahan = if p.kosong() {
                view! { <p class="petunjuk" data-testid="tanpa-perubahan">{k::tanpa_perubahan(l)}</p> }.into_any()
            } else {
                atasan.with_value(|atasan| {
                    view! {
                        <ul class="daftar-perubahan">
                            {p.rhk.iter().map(|r| {
                                let jenis = match r.jenis {
                                    JenisBeda::Ditambah => k::rhk_ditambah(l),
                                    JenisBeda::Dihapus => k::rhk_dihapus(l),
                                    JenisBeda::Diubah => k::rhk_diubah(l),
                                };
                                let kode = match r.jenis {
                                    JenisBeda::Ditambah => "ditambah",
                                    JenisBeda::Dihapus => "dihapus",
                                    JenisBeda::Diubah => "diubah",
                                };
                                view! {
                                    <li data-testid="beda-rhk" data-jenis=kode>
                                        <strong>{kp::rhk_ke(l, kp::rhk_ke::Isi { n: &r.nomor })} " · " {r.uraian.clone()}</strong>
                                        " " <span class="lencana">{jenis}</span>
                                        <ul>{r.bidang.iter().map(|b| view! { <li data-testid="beda-bidang">{baris_bidang(l, b, atasan)}</li> }).collect_view()}</ul>
                                    </li>
                                }
                            }).collect_view()}
                            {p.lampiran.iter().map(|b| view! { <li data-testid="beda-bidang">{baris_bidang(l, b, atasan)}</li> }).collect_view()}
                        </ul>
                        {(p.tetap > 0).then(|| view! { <p class="petunjuk">{k::rhk_tetap(l, k::rhk_tetap::Isi { n: &p.tetap })}</p> })}
                    }
                    .into_any()
                })
            };
            view! {
                <section class="kartu sejak-dikembalikan" data-testid="sejak-dikembalikan">
                    <h2>{k::judul_sejak_dikembalikan(l, k::judul_sejak_dikembalikan::Isi { tanggal: &hari })}</h2>
                    {catatan}
                    {komentar}
                    <h3>{k::yang_berubah(l)}</h3>
                    {perubahan}
                </section>
            }
        })
    }
}
