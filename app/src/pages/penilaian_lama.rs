//! A former rule set's sheet on the unit screen (`/nilai`): PermenPANRB
//! 8/2021's nilai kinerja and predikat, or PP 46/2011's nilai prestasi kerja
//! and sebutan, from the SKP's own number (the server's, from the stored
//! realisations) and the perilaku aspects the penilai types, recomputed by
//! the domain's rule with every keystroke and explained step by step (the
//! result as the pegawai later reads it: `components::nilai_lama`). Saved
//! through the outbox like every rating (the unit screen's `simpan`).

use domain::api::PenilaianSkp;
use domain::rule_set::RuleSet;
use domain::skp::PenilaianLama;
use domain::skp::penilaian_lama::{AspekPerilaku, nilai_perilaku_maksimal};
use leptos::prelude::*;

use crate::api;
use crate::components::nilai_lama::{NilaiLama, angka};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::pages::penilaian_unit::TombolLembar;
use crate::state::penilaian_lama::{LembarLama, label_aspek};
use crate::teks::teks;

#[component]
pub fn LembarAngka(
    p: PenilaianSkp,
    galat_server: Signal<Option<api::Error>>,
    simpan: Callback<(PenilaianSkp, LembarLama, PenilaianLama)>,
    sebelumnya: Callback<()>,
    lewati: Callback<()>,
    tutup: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lembar = RwSignal::new(LembarLama::dari(&p));
    let dicoba = RwSignal::new(false);
    let p_s = StoredValue::new(p.clone());
    // What the rules make of the sheet, with every keystroke.
    let hasil = Memo::new(move |_| lembar.with(|l| p_s.with_value(|p| l.hasil(p))));
    let en = move || i18n.get_locale() == Locale::en;
    let galat_kolom = move |kolom: String| {
        move || {
            if !dicoba.get() {
                return String::new();
            }
            hasil.with(|h| match h {
                Err(e) => e.get(&kolom).iter().map(|t| api::satu_bahasa(t, en())).collect::<Vec<_>>().join(" "),
                Ok(_) => String::new(),
            })
        }
    };
    let kirim = move |_| {
        dicoba.set(true);
        match hasil.get_untracked() {
            Ok(n) => simpan.run((p_s.get_value(), lembar.get_untracked(), n)),
            Err(_) => crate::fokus::tampakkan("galat-penilaian"),
        }
    };
    let rule_set = p.rule_set;
    let aturan = rule_set.label();
    let maks = nilai_perilaku_maksimal(rule_set);
    let dasar = p.dasar_lama.clone().unwrap_or_else(|| domain::skp::penilaian_lama::DasarLama {
        rule_set,
        nilai_kegiatan: Vec::new(),
        nilai_skp: None,
        kendala: Vec::new(),
    });
    let nama = p.pegawai.nama.clone();
    let teks_input =
        move |id: &'static str, testid: String, baca: fn(&LembarLama) -> String, tulis: fn(&mut LembarLama, String)| {
            view! {
                <input type="text" inputmode="decimal" id=id data-testid=testid
                    prop:value=move || lembar.with(baca)
                    on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| tulis(l, v)); } />
            }
        };
    let dasar_view = match rule_set {
        RuleSet::Pp46_2011 => {
            let n = dasar.nilai_kegiatan.len();
            let daftar = dasar.nilai_kegiatan.clone();
            view! {
                <p data-testid="dasar-lama">
                    {teks(i18n, |l| td_string!(l, penilaian.lama_nilai_kegiatan))} " (" {n} "): "
                    <strong>{move || daftar.iter().map(|x| angka(i18n.get_locale(), *x)).collect::<Vec<_>>().join("; ")}</strong>
                </p>
            }
            .into_any()
        }
        _ => {
            let nilai = dasar.nilai_skp;
            view! {
                <p data-testid="dasar-lama">
                    {teks(i18n, |l| td_string!(l, penilaian.lama_nilai_skp))} ": "
                    <strong>{move || nilai.map_or_else(|| "—".to_owned(), |x| angka(i18n.get_locale(), x))}</strong>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="kartu ubp-lembar" id="lembar-penilaian" data-testid="lembar-penilaian" data-skp=p.skp_id.clone() data-rule-set=rule_set.kode()>
            <h2>{t!(i18n, penilaian.lembar_judul, nama = move || nama.clone())}</h2>
            <p class="petunjuk">{p.pegawai.jabatan.clone()} " · " {p.pegawai.nip.clone()}</p>
            <p class="petunjuk">{move || aturan.dalam(i18n.get_locale().kode()).to_owned()}</p>
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, penilaian.lama_hasil_kerja))}</legend>
                {dasar_view}
                {dasar.kendala.iter().map(|k| { let k = k.pesan.clone(); view! { <p class="galat">{move || api::satu_bahasa(&k, en())}</p> } }).collect_view()}
                <span class="galat">{galat_kolom("nilai_skp".into())}</span>
                {(rule_set == RuleSet::Pp46_2011).then(|| view! {
                    <div class="baris">
                        <label for="lama-tugas">{teks(i18n, |l| td_string!(l, penilaian.lama_tugas_tambahan))}</label>
                        {teks_input("lama-tugas", "lama-tugas".into(), |l| l.tugas_tambahan.clone(), |l, v| l.tugas_tambahan = v)}
                        <span class="galat">{galat_kolom("jumlah_tugas_tambahan".into())}</span>
                    </div>
                    <div class="baris">
                        <label for="lama-kreativitas">{teks(i18n, |l| td_string!(l, penilaian.lama_kreativitas))}</label>
                        {teks_input("lama-kreativitas", "lama-kreativitas".into(), |l| l.kreativitas.clone(), |l, v| l.kreativitas = v)}
                        <span class="galat">{galat_kolom("nilai_kreativitas".into())}</span>
                    </div>
                })}
            </fieldset>
            <fieldset class="ubp-bagian">
                <legend>{teks(i18n, |l| td_string!(l, penilaian.lama_perilaku))} " (0–" {move || angka(i18n.get_locale(), maks)} ")"</legend>
                {AspekPerilaku::untuk(rule_set).iter().map(|a| {
                    let (kode, label) = (a.kode(), label_aspek(*a));
                    view! {
                        <div class="baris">
                            <label for=format!("lama-{kode}")>{move || label.dalam(i18n.get_locale().kode()).to_owned()}</label>
                            <input type="text" inputmode="decimal" id=format!("lama-{kode}") data-testid=format!("lama-{kode}")
                                prop:value=move || lembar.with(|l| l.perilaku.get(kode).cloned().unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| { l.perilaku.insert(kode, v); }); } />
                            <span class="galat">{galat_kolom(format!("perilaku.{kode}"))}</span>
                        </div>
                    }
                }).collect_view()}
                {(rule_set == RuleSet::Permenpanrb8_2021).then(|| view! {
                    <label class="baris-centang"><input type="checkbox" data-testid="lama-rekan"
                        prop:checked=move || lembar.with(|l| l.perilaku_dari_rekan)
                        on:change=move |ev| { let v = event_target_checked(&ev); lembar.update(|l| l.perilaku_dari_rekan = v); } />
                        " " {teks(i18n, |l| td_string!(l, penilaian.lama_rekan))}</label>
                    <label class="baris-centang"><input type="checkbox" data-testid="lama-inovasi"
                        prop:checked=move || lembar.with(|l| l.inovasi)
                        on:change=move |ev| { let v = event_target_checked(&ev); lembar.update(|l| l.inovasi = v); } />
                        " " {teks(i18n, |l| td_string!(l, penilaian.lama_inovasi))}</label>
                })}
            </fieldset>
            <div class="hasil" aria-live="polite" data-testid="hasil-lama"
                data-nilai=move || hasil.with(|h| h.as_ref().map(|n| domain::rule_set::angka(n.nilai()).en).unwrap_or_default())
                data-sebutan=move || hasil.with(|h| h.as_ref().map(|n| n.kode_sebutan()).unwrap_or_default())>
                <NilaiLama rule_set=rule_set nilai=Signal::derive(move || hasil.with(|h| h.as_ref().ok().cloned())) />
            </div>
            <div class="baris">
                <label for="lama-catatan">{teks(i18n, |l| td_string!(l, penilaian.catatan))}</label>
                <textarea id="lama-catatan" rows="2" data-testid="nilai-catatan"
                    prop:value=move || lembar.with(|l| l.catatan.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| l.catatan = v); }></textarea>
                <span class="galat">{galat_kolom("catatan".into())}</span>
            </div>
            <div class="baris">
                <label for="lama-rekomendasi">{teks(i18n, |l| td_string!(l, penilaian.rekomendasi))}</label>
                <textarea id="lama-rekomendasi" rows="2" data-testid="nilai-rekomendasi"
                    prop:value=move || lembar.with(|l| l.rekomendasi.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| l.rekomendasi = v); }></textarea>
                <span class="galat">{galat_kolom("rekomendasi".into())}</span>
            </div>
            <div class="galat" role="alert" id="galat-penilaian" data-testid="galat-penilaian">
                {move || (dicoba.get() && hasil.with(Result::is_err)).then(|| teks(i18n, |l| td_string!(l, penilaian.periksa_lagi)))}
                {move || galat_server.get().map(|e| view! { <p>{e.untuk_pengguna(i18n.get_locale())}</p> })}
            </div>
            <TombolLembar kirim=Callback::new(kirim) sebelumnya=sebelumnya lewati=lewati tutup=tutup />
        </section>
    }
}
