use leptos::prelude::*;

use domain::Penjelasan;

use crate::components::kuadran::{LabelPredikat, LabelRating};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::editor::{HasilIndikator, Pratinjau, Ringkasan, Ukuran, angka, ringkasan};
use crate::teks::teks;

/// An explanation, folded: which rule, which source, and each step.
#[component]
pub fn Penjelasan(penjelasan: Penjelasan) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let langkah = penjelasan.langkah.clone();
    view! {
        <details class="penjelasan">
            <summary>{teks(i18n, |l| td_string!(l, pegawai.tampilkan_penjelasan))}</summary>
            <p class="sumber">{penjelasan.sumber.clone()}</p>
            <ol>{move || langkah.iter().map(|l| view! { <li>{l.dalam(if en() { "en" } else { "id" }).to_owned()}</li> }).collect_view()}</ol>
        </details>
    }
}

/// Explanations built only when the user opens them (the keystroke path
/// computes numbers only, to stay within the frame budget).
#[component]
pub fn PenjelasanMalas(jelaskan: Callback<(), Vec<Penjelasan>>) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let isi = RwSignal::new(None::<Vec<Penjelasan>>);
    let toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        isi.set(open.then(|| jelaskan.run(())));
    };
    view! {
        <details class="penjelasan" on:toggle=toggle>
            <summary>{teks(i18n, |l| td_string!(l, pegawai.tampilkan_penjelasan))}</summary>
            {move || isi.get().unwrap_or_default().into_iter().map(|p| {
                let langkah = p.langkah.clone();
                view! {
                    <p class="sumber">{p.sumber.clone()}</p>
                    <ol>{langkah.iter().map(|l| view! { <li>{l.dalam(if en() { "en" } else { "id" }).to_owned()}</li> }).collect_view()}</ol>
                }
            }).collect_view()}
        </details>
    }
}

/// The preview of one indicator, next to its realisation field.
#[component]
pub fn PratinjauIndikator(
    #[prop(into)] hasil: Signal<Option<HasilIndikator>>,
    jelaskan: Callback<(), Vec<Penjelasan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    move || {
        hasil.get().map(|h| {
            let ukuran = h.ukuran.clone();
            view! {
                <div class="pratinjau-iki" data-testid="pratinjau-iki" aria-live="polite">
                    {ukuran.into_iter().map(|u| match u {
                        Ukuran::Rating(r) => view! { <span class="ukuran"><LabelRating rating=r /></span> }.into_any(),
                        Ukuran::Capaian(c) => view! { <span class="ukuran">{teks(i18n, |l| td_string!(l, pegawai.capaian))} " " {angka(c, en())} "%"</span> }.into_any(),
                        Ukuran::Nilai(n) => view! { <span class="ukuran">{teks(i18n, |l| td_string!(l, pegawai.nilai))} " " {angka(n, en())}</span> }.into_any(),
                    }).collect_view()}
                    {h.kendala.map(|k| view! { <span class="kendala">{k.dalam(if en() { "en" } else { "id" }).to_owned()}</span> })}
                    <PenjelasanMalas jelaskan=jelaskan />
                </div>
            }
        })
    }
}

/// The summary of the whole preview: suggestion, predikat, angka kredit or the legacy scores.
#[component]
pub fn RingkasanPratinjau(
    #[prop(into)] pratinjau: Signal<Pratinjau>,
    jelaskan: Callback<(), Vec<Penjelasan>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    // The lines as a memo: a keystroke that leaves them as they were touches no DOM here.
    let baris = Memo::new(move |_| {
        pratinjau.with(|p| match p {
            Pratinjau::Siap(p) => Some(ringkasan(p)),
            Pratinjau::RencanaBelumValid => None,
        })
    });
    move || {
        match baris.get() {
        None => view! { <p class="petunjuk" data-testid="pratinjau-belum">{teks(i18n, |l| td_string!(l, pegawai.perbaiki_dulu))}</p> }.into_any(),
        Some(baris) => view! {
            <dl class="ringkas" data-testid="pratinjau-ringkasan">
                {baris.into_iter().map(|r| match r {
                    Ringkasan::SaranRating { saran, alasan, penjelasan } => view! {
                        <dt>{teks(i18n, |l| td_string!(l, pegawai.saran_rating))}</dt>
                        <dd data-testid="saran-rating" data-rating=saran.map(|s| s.kode()).unwrap_or("")>
                            {match saran {
                                Some(s) => view! { <strong><LabelRating rating=s /></strong> }.into_any(),
                                None => teks(i18n, |l| td_string!(l, pegawai.belum_ada_realisasi)).into_any(),
                            }}
                            <ul>{alasan.into_iter().map(|a| view! { <li>{a.dalam(if en() { "en" } else { "id" }).to_owned()}</li> }).collect_view()}</ul>
                            <Penjelasan penjelasan=penjelasan />
                        </dd>
                    }.into_any(),
                    Ringkasan::Predikat { predikat, penjelasan } => view! {
                        <dt>{teks(i18n, |l| td_string!(l, pegawai.predikat_pratinjau))}</dt>
                        <dd data-testid="predikat-pratinjau" data-predikat=predikat.kode()>
                            <strong class=format!("predikat {}", predikat.kode())><LabelPredikat predikat=predikat /></strong>
                            <Penjelasan penjelasan=penjelasan />
                        </dd>
                    }.into_any(),
                    Ringkasan::AngkaKredit { nilai, penjelasan } => view! {
                        <dt>{teks(i18n, |l| td_string!(l, pegawai.angka_kredit))}</dt>
                        <dd data-testid="angka-kredit">{angka(nilai, en())} <Penjelasan penjelasan=penjelasan /></dd>
                    }.into_any(),
                    Ringkasan::NilaiSkp { nilai } => view! {
                        <dt>{teks(i18n, |l| td_string!(l, pegawai.nilai_skp))}</dt>
                        <dd data-testid="nilai-skp">{angka(nilai, en())} <PenjelasanMalas jelaskan=jelaskan /></dd>
                    }.into_any(),
                    Ringkasan::CapaianSkp { nilai } => view! {
                        <dt>{teks(i18n, |l| td_string!(l, pegawai.capaian_skp))}</dt>
                        <dd data-testid="capaian-skp">{angka(nilai, en())} <PenjelasanMalas jelaskan=jelaskan /></dd>
                    }.into_any(),
                }).collect_view()}
            </dl>
        }.into_any(),
    }
    }
}
