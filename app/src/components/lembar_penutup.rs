//! The end of a rating sheet, the penilai's (`/nilai`) and the atasan's
//! take-over alike: the kuadran's predikat of what is typed, live, then the
//! notes and the recommendation.

use domain::Predikat;
use domain::teks::Teks;
use leptos::prelude::*;

use crate::components::kuadran::{galat_kolom, label_predikat};
use crate::i18n::{td_string, use_i18n};
use crate::state::penilaian::LembarNilai;
use crate::teks::teks;

#[component]
pub fn PenutupLembar(
    lembar: RwSignal<LembarNilai>,
    /// `LembarNilai::predikat`, as typed.
    #[prop(into)]
    predikat: Signal<Option<Predikat>>,
    /// The sheet's check (`LembarNilai::periksa`), once a save was tried.
    #[prop(into)]
    galat: Signal<Vec<(&'static str, Teks)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kode = move || predikat.get().map(|p| p.kode()).unwrap_or_default();
    view! {
        <p class="hasil" aria-live="polite">
            {teks(i18n, |l| td_string!(l, umum.predikat))} ": "
            <strong data-testid="nilai-predikat" data-predikat=kode class=move || format!("predikat {}", kode())>
                {move || predikat.get().map_or("—", |p| label_predikat(i18n.get_locale(), p))}
            </strong>
        </p>
        <div class="baris">
            <label for="nilai-catatan">{teks(i18n, |l| td_string!(l, penilaian.catatan))}</label>
            <textarea id="nilai-catatan" rows="2" data-testid="nilai-catatan"
                prop:value=Memo::new(move |_| lembar.with(|l| l.catatan.clone()))
                on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| l.catatan = v); }></textarea>
            {galat_kolom(galat, "catatan")}
        </div>
        <div class="baris">
            <label for="nilai-rekomendasi">{teks(i18n, |l| td_string!(l, penilaian.rekomendasi))}</label>
            <textarea id="nilai-rekomendasi" rows="2" data-testid="nilai-rekomendasi"
                prop:value=Memo::new(move |_| lembar.with(|l| l.rekomendasi.clone()))
                on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| l.rekomendasi = v); }></textarea>
            {galat_kolom(galat, "rekomendasi")}
        </div>
    }
}
