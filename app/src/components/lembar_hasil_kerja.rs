//! A rating sheet's hasil kerja part, the penilai's (`/nilai`) and the
//! atasan's take-over alike: the domain's suggestion from the stored
//! realisations with its reasons, the rating chosen, and the reason a
//! departure from the suggestion needs.

use domain::rule_set::permenpanrb_6_2022::SaranRatingHasilKerja;
use domain::teks::Teks;
use leptos::prelude::*;

use crate::api;
use crate::components::kuadran::{galat_kolom, label_rating, pilih_rating};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::penilaian::LembarNilai;
use crate::teks::teks;

#[component]
pub fn BagianHasilKerja(
    lembar: RwSignal<LembarNilai>,
    saran: SaranRatingHasilKerja,
    /// The sheet's check (`LembarNilai::periksa`), once a save was tried.
    #[prop(into)]
    galat: Signal<Vec<(&'static str, Teks)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saran_s = StoredValue::new(saran.clone());
    let menyimpang = Memo::new(move |_| lembar.with(|l| saran_s.with_value(|s| l.menyimpang(s))));
    let saran_rating = saran.saran;
    view! {
        <fieldset class="ubp-bagian">
            <legend>{teks(i18n, |l| td_string!(l, umum.rating_hasil_kerja))}</legend>
            <p data-testid="saran-hasil-kerja" data-rating=saran_rating.map(|r| r.kode()).unwrap_or_default()>
                {teks(i18n, |l| td_string!(l, penilaian.saran))} ": "
                <strong>{move || saran_rating.map_or_else(|| td_string!(i18n.get_locale(), penilaian.saran_belum), |r| label_rating(i18n.get_locale(), r))}</strong>
            </p>
            <ul class="petunjuk alasan-saran">
                {saran.alasan.into_iter().map(|a| view! { <li>{move || api::satu_bahasa(&a, i18n.get_locale() == Locale::en)}</li> }).collect_view()}
            </ul>
            <div class="baris">
                <label for="nilai-hasil-kerja">{teks(i18n, |l| td_string!(l, penilaian.rating_anda))}</label>
                {pilih_rating("nilai-hasil-kerja".into(), "nilai-hasil-kerja".into(),
                    Memo::new(move |_| lembar.with(|l| l.hasil_kerja)).into(),
                    move |r| lembar.update(|l| l.hasil_kerja = r))}
                {galat_kolom(galat, "rating_hasil_kerja")}
            </div>
            // Hidden, not removed, while the rating follows the suggestion:
            // a choice then changes an attribute, not the page's tree.
            <div class="baris" hidden=move || !menyimpang.get()>
                <label for="nilai-alasan">{teks(i18n, |l| td_string!(l, penilaian.alasan_menyimpang))}</label>
                <textarea id="nilai-alasan" rows="2" data-testid="nilai-alasan"
                    prop:value=Memo::new(move |_| lembar.with(|l| l.alasan.clone()))
                    on:input=move |ev| { let v = event_target_value(&ev); lembar.update(|l| l.alasan = v); }></textarea>
                {galat_kolom(galat, "alasan")}
            </div>
        </fieldset>
    }
}
