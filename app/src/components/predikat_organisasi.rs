//! A unit's organisation predikat per evaluation, as the instansi admin or
//! the unit's leader one level above sets it: the evaluation, what is
//! recorded for it, the new predikat. Render only: the page loads and saves.

use domain::api::PredikatOrganisasiView;
use domain::rule_set::permenpanrb_6_2022::PredikatOrganisasi;
use domain::teks::Teks;
use leptos::prelude::*;

use crate::api;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::pengaturan::predikat_tercatat;
use crate::teks::teks;

/// What the form sends: the evaluation's code, the predikat, the version it was read on.
#[derive(Clone, Debug, PartialEq)]
pub struct PilihanPredikat {
    pub evaluasi: String,
    pub predikat: PredikatOrganisasi,
    pub version: i64,
}

#[component]
pub fn FormPredikatOrganisasi(
    /// Makes the controls' ids unique on a page with several units.
    awalan: String,
    evaluasi: Vec<(String, Teks)>,
    #[prop(into)] tercatat: Signal<Vec<PredikatOrganisasiView>>,
    simpan: Callback<PilihanPredikat>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] galat: Signal<Option<api::Error>>,
    #[prop(into)] tersimpan: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let bahasa = move || i18n.get_locale().kode();
    let ev = RwSignal::new(evaluasi.last().map(|(k, _)| k.clone()).unwrap_or_default());
    let dipilih = RwSignal::new(PredikatOrganisasi::Baik);
    let sekarang = Memo::new(move |_| tercatat.with(|t| predikat_tercatat(t, &ev.get())));
    // The select starts at what is recorded for the chosen evaluation.
    Effect::new(move |_| {
        if let (Some(p), _) = sekarang.get() {
            dipilih.set(p);
        }
    });
    let (id_ev, id_po) = (format!("{awalan}-evaluasi"), format!("{awalan}-predikat"));
    view! {
        <div class="baris">
            <label for=id_ev.clone()>{teks(i18n, |l| td_string!(l, admin.po_evaluasi))}</label>
            <select id=id_ev data-testid="po-evaluasi" prop:value=move || ev.get()
                on:change=move |e| ev.set(event_target_value(&e))>
                {evaluasi.into_iter().map(|(k, label)| view! {
                    <option value=k.clone()>{move || label.dalam(bahasa()).to_owned()}</option>
                }).collect_view()}
            </select>
        </div>
        <p data-testid="po-sekarang" data-predikat=move || sekarang.get().0.map(|p| p.kode()).unwrap_or_default()>
            {teks(i18n, |l| td_string!(l, penilaian.predikat_organisasi))} ": "
            <strong>{move || match sekarang.get().0 {
                Some(p) => api::satu_bahasa(&p.label(), en()),
                None => td_string!(i18n.get_locale(), penilaian.po_belum).to_owned(),
            }}</strong>
        </p>
        <div class="baris">
            <label for=id_po.clone()>{teks(i18n, |l| td_string!(l, admin.po_baru))}</label>
            <select id=id_po data-testid="po-pilih" prop:value=move || dipilih.get().kode()
                on:change=move |e| { if let Some(p) = PredikatOrganisasi::from_kode(&event_target_value(&e)) { dipilih.set(p); } }>
                {PredikatOrganisasi::ALL.into_iter().map(|p| view! {
                    <option value=p.kode()>{move || api::satu_bahasa(&p.label(), en())}</option>
                }).collect_view()}
            </select>
            <button type="button" data-testid="po-simpan" disabled=move || pending.get()
                on:click=move |_| simpan.run(PilihanPredikat { evaluasi: ev.get_untracked(), predikat: dipilih.get_untracked(), version: sekarang.get_untracked().1 })>
                {teks(i18n, |l| td_string!(l, admin.po_simpan))}
            </button>
        </div>
        <Show when=move || tersimpan.get()><p class="berhasil" role="status" data-testid="po-tersimpan">{teks(i18n, |l| td_string!(l, admin.tersimpan))}</p></Show>
        <p class="galat" role="alert" data-testid="po-galat">{move || galat.with(|e| e.as_ref().map(|e| e.untuk_pengguna(i18n.get_locale())))}</p>
    }
}
