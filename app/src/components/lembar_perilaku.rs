//! A rating sheet's perilaku kerja part, the penilai's (`/nilai`) and the
//! atasan's take-over alike: each BerAKHLAK value rated with the 360's lean
//! beside it as advice, then the whole: chosen by the penilai (the 360's
//! advice beside it), or on a take-over the one the seven give
//! (`domain::skp::perilaku`), shown as it follows them.

use domain::teks::Teks;
use domain::umpan_balik::{NilaiBerakhlak, UmpanBalikUntukPenilai};
use leptos::prelude::*;

use crate::components::kuadran::{galat_kolom, label_rating, pilih_rating};
use crate::i18n::{td_string, use_i18n};
use crate::state::penilaian::{LembarNilai, ada_saran_360};
use crate::teks::teks;

#[component]
pub fn BagianPerilaku(
    lembar: RwSignal<LembarNilai>,
    /// The 360's aggregate, once it closed.
    umpan_balik_360: Option<UmpanBalikUntukPenilai>,
    /// The sheet's check (`LembarNilai::periksa`), once a save was tried.
    #[prop(into)]
    galat: Signal<Vec<(&'static str, Teks)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dihitung = lembar.with_untracked(|l| l.per_nilai_wajib);
    let saran_360 = umpan_balik_360.as_ref().and_then(|u| u.saran.rating);
    let petunjuk = if ada_saran_360(umpan_balik_360.as_ref()) {
        view! { <p class="petunjuk" data-testid="ada-360">{teks(i18n, |l| td_string!(l, penilaian.petunjuk_360))}</p> }
            .into_any()
    } else {
        view! { <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.tanpa_360))}</p> }.into_any()
    };
    let nilai = NilaiBerakhlak::ALL.into_iter().enumerate().map(|(i, nilai)| {
        let kode = nilai.kode();
        let lean = umpan_balik_360.as_ref().and_then(|u| u.kecenderungan.get(i).copied().flatten());
        let label = nilai.label();
        view! {
            <div class="baris" data-testid="baris-nilai" data-nilai=kode>
                <label for=format!("nilai-{kode}")>{move || label.dalam(i18n.get_locale().kode()).to_owned()}</label>
                {pilih_rating(format!("nilai-{kode}"), format!("nilai-perilaku-{kode}"),
                    Memo::new(move |_| lembar.with(|l| l.per_nilai.get(kode).copied())).into(),
                    move |r| lembar.update(|l| l.pilih_nilai(nilai, r)))}
                {lean.map(|r| view! {
                    <span class="petunjuk" data-testid=format!("saran-360-{kode}") data-rating=r.kode()>"360: " {move || label_rating(i18n.get_locale(), r)}</span>
                })}
                {galat_kolom(galat, kode)}
            </div>
        }
    }).collect_view();
    let saran_360 = move || {
        saran_360.map(|r| view! {
        <span class="petunjuk" data-testid="saran-360">"360: " {move || label_rating(i18n.get_locale(), r)}</span>
    })
    };
    let keseluruhan = if dihitung {
        let r = Memo::new(move |_| lembar.with(LembarNilai::rating_perilaku));
        view! {
            <div class="baris">
                <span class="label">{teks(i18n, |l| td_string!(l, penilaian.perilaku_keseluruhan))}</span>
                <strong data-testid="perilaku-dihitung" data-rating=move || r.get().map(|r| r.kode()).unwrap_or_default()>
                    {move || r.get().map_or_else(|| td_string!(i18n.get_locale(), penilaian.perilaku_belum_lengkap), |r| label_rating(i18n.get_locale(), r))}
                </strong>
                {saran_360()}
                <p class="petunjuk">{teks(i18n, |l| td_string!(l, penilaian.perilaku_dari_nilai))}</p>
            </div>
        }.into_any()
    } else {
        view! {
            <div class="baris">
                <label for="nilai-perilaku">{teks(i18n, |l| td_string!(l, penilaian.perilaku_keseluruhan))}</label>
                {pilih_rating("nilai-perilaku".into(), "nilai-perilaku".into(),
                    Memo::new(move |_| lembar.with(|l| l.perilaku)).into(),
                    move |r| lembar.update(|l| l.perilaku = r))}
                {saran_360()}
                {galat_kolom(galat, "rating_perilaku")}
            </div>
        }
        .into_any()
    };
    view! {
        <fieldset class="ubp-bagian">
            <legend>{teks(i18n, |l| td_string!(l, umum.rating_perilaku_kerja))}</legend>
            {petunjuk}
            {nilai}
            {keseluruhan}
        </fieldset>
    }
}
