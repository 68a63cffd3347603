use leptos::prelude::*;

use domain::RuleSet;

use crate::api;
use crate::components::admin_aturan::LabelAturan;
use crate::components::admin_error::AdminError;
use crate::components::field_errors::FieldErrorList;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::state::admin::{FormPeriode, field_messages};
use crate::teks::teks;
use domain::api::BuatPeriode;

/// A new period: year, rule set (PermenPANRB 6/2022 unless chosen), cycle
/// and optional dates; checked in the browser by the domain's own rules,
/// with the server's answer under the same fields.
#[component]
pub fn AdminFormPeriode(
    tahun_awal: i32,
    simpan: Callback<BuatPeriode>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] galat: Signal<Option<api::Error>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let en = Signal::derive(move || i18n.get_locale() == Locale::en);
    let tahun = RwSignal::new(tahun_awal.to_string());
    let siklus = RwSignal::new("triwulanan".to_owned());
    let rule_set = RwSignal::new(RuleSet::Permenpanrb6_2022.kode().to_owned());
    let mulai = RwSignal::new(String::new());
    let selesai = RwSignal::new(String::new());
    let dicoba = RwSignal::new(false);
    let form = Memo::new(move |_| FormPeriode {
        tahun: tahun.get(),
        siklus: siklus.get(),
        rule_set: rule_set.get(),
        mulai: mulai.get(),
        selesai: selesai.get(),
    });
    let lokal = Memo::new(move |_| if dicoba.get() { form.with(FormPeriode::validate) } else { Default::default() });
    // The server's answer is about the form as it was sent: once the form
    // changes, the answer gives way (to the local checks of the new one).
    let dikirim = RwSignal::new(None::<FormPeriode>);
    let galat = Signal::derive(move || {
        let sama = dikirim.with(|d| form.with(|f| d.as_ref() == Some(f)));
        if sama { galat.get() } else { None }
    });
    let pesan = move |field: &'static str| {
        Signal::derive(move || {
            let server = galat.with(|g| g.as_ref().and_then(|g| g.fields().cloned()));
            lokal.with(|l| field_messages(l, server.as_ref(), field, en.get()))
        })
    };
    let kirim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        dicoba.set(true);
        if form.with_untracked(|f| f.validate().is_empty()) {
            dikirim.set(Some(form.get_untracked()));
            simpan.run(form.with_untracked(FormPeriode::body));
        }
    };
    view! {
        <form class="form-periode" data-testid="form-periode" on:submit=kirim novalidate>
            <h3>{teks(i18n, |l| td_string!(l, admin.buat_periode))}</h3>
            <div class="baris">
                <label for="periode-tahun">{teks(i18n, |l| td_string!(l, admin.tahun))}</label>
                <input id="periode-tahun" data-testid="periode-tahun" inputmode="numeric" bind:value=tahun />
                <FieldErrorList id="periode-tahun-galat" pesan=pesan("tahun") />
            </div>
            <div class="baris">
                <label for="periode-aturan">{teks(i18n, |l| td_string!(l, admin.aturan))}</label>
                <select id="periode-aturan" data-testid="periode-aturan" bind:value=rule_set>
                    {RuleSet::ALL.into_iter().map(|r| view! {
                        <option value=r.kode() selected={r == RuleSet::Permenpanrb6_2022}><LabelAturan aturan=r /></option>
                    }).collect_view()}
                </select>
                <FieldErrorList id="periode-aturan-galat" pesan=pesan("rule_set") />
            </div>
            <div class="baris">
                <label for="periode-siklus">{teks(i18n, |l| td_string!(l, admin.siklus))}</label>
                <select id="periode-siklus" data-testid="periode-siklus" bind:value=siklus>
                    <option value="triwulanan" selected=true>{teks(i18n, |l| td_string!(l, admin.siklus_triwulanan))}</option>
                    <option value="bulanan">{teks(i18n, |l| td_string!(l, admin.siklus_bulanan))}</option>
                </select>
                <FieldErrorList id="periode-siklus-galat" pesan=pesan("siklus") />
            </div>
            <div class="baris">
                <label for="periode-mulai">{teks(i18n, |l| td_string!(l, admin.mulai))}</label>
                <input id="periode-mulai" type="date" data-testid="periode-mulai" bind:value=mulai />
                <FieldErrorList id="periode-mulai-galat" pesan=pesan("mulai") />
            </div>
            <div class="baris">
                <label for="periode-selesai">{teks(i18n, |l| td_string!(l, admin.selesai))}</label>
                <input id="periode-selesai" type="date" data-testid="periode-selesai" bind:value=selesai />
                <FieldErrorList id="periode-selesai-galat" pesan=pesan("selesai") />
            </div>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.petunjuk_tanggal_periode))}</p>
            <AdminError galat=galat testid="galat-periode" />
            <button type="submit" data-testid="simpan-periode" disabled=move || pending.get()>
                {teks(i18n, |l| td_string!(l, admin.simpan_periode))}
            </button>
        </form>
    }
}
