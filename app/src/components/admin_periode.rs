use leptos::prelude::*;

use crate::components::admin_aturan::{LabelAturan, LabelSiklus};
use crate::components::admin_batas_360::AdminBatas360;
use crate::components::admin_mode_distribusi::AdminModeDistribusi;
use crate::i18n::{td_string, use_i18n};
use crate::teks::{rentang_tanggal, teks};
use domain::api::PeriodeView;

/// The instansi's periods with their rule set and cycle, the latest first.
#[component]
pub fn AdminPeriode(#[prop(into)] periode: Signal<Vec<PeriodeView>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || periode.with(|p| p.is_empty())>
            <p class="petunjuk" data-testid="periode-kosong">{teks(i18n, |l| td_string!(l, admin.periode_kosong))}</p>
        </Show>
        <div class="tabel-gulir" style:overflow-x="auto">
            <table class="tabel" data-testid="daftar-periode" style:width="100%">
                <thead>
                    <tr>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.tahun))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.aturan))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.siklus))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.rentang))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, penilai.a360_judul))}</th>
                        <th scope="col">{teks(i18n, |l| td_string!(l, admin.mode_judul))}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || periode.get() key=|p| (p.id.clone(), p.version) let:p>
                        <tr data-testid="periode-item" data-rule-set=p.rule_set.kode()>
                            <td>{p.tahun}</td>
                            <td><LabelAturan aturan=p.rule_set /></td>
                            <td><LabelSiklus siklus=p.siklus /></td>
                            <td data-testid="periode-rentang">{move || rentang_tanggal(&p.mulai, &p.selesai, i18n.get_locale())}</td>
                            <td><AdminBatas360 periode_id=p.id.clone() tahun=p.tahun /></td>
                            <td><AdminModeDistribusi periode_id=p.id.clone() tahun=p.tahun /></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
