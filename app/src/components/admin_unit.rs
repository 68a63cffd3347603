use leptos::prelude::*;

use crate::i18n::{t, td_string, use_i18n};
use crate::state::admin::UnitBaris;
use crate::teks::teks;

/// The unit tree of the instansi, indented, with the pegawai placed in each.
#[component]
pub fn AdminUnit(#[prop(into)] unit: Signal<Vec<UnitBaris>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || unit.with(|u| u.is_empty())>
            <p class="petunjuk">{teks(i18n, |l| td_string!(l, admin.unit_kosong))}</p>
        </Show>
        <ul class="pohon-unit" data-testid="pohon-unit" style:list-style="none" style:padding-left="0">
            <For each=move || unit.get() key=|u| u.id.clone() let:u>
                <li data-testid="unit-item" style:padding-left=format!("{}rem", u.kedalaman as f32 * 1.5)>
                    <span class="nama">{u.nama.clone()}</span>
                    " · "
                    <span class="petunjuk">{
                        let n = u.jumlah_pegawai;
                        t!(i18n, admin.jumlah_pegawai, n = move || n)
                    }</span>
                </li>
            </For>
        </ul>
    }
}
