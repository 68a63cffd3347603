use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n};
use crate::teks::teks;

/// An SKP status as a labelled badge, in the user's language; `None`: no SKP yet.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Option<domain::skp::StatusSkp>>) -> impl IntoView {
    use domain::skp::StatusSkp as S;
    let i18n = use_i18n();
    let kode = move || status.get().map_or("belum_dibuat", S::kode);
    view! {
        <span class=move || format!("lencana status-{}", kode()) data-testid="status-skp" data-status=kode>
            {move || match status.get() {
                Some(S::Draf) => teks(i18n, |l| td_string!(l, umum.status_draf)).into_any(),
                Some(S::Diajukan) => teks(i18n, |l| td_string!(l, umum.status_diajukan)).into_any(),
                Some(S::Dikembalikan) => teks(i18n, |l| td_string!(l, umum.status_dikembalikan)).into_any(),
                Some(S::Ditetapkan) => teks(i18n, |l| td_string!(l, umum.status_ditetapkan)).into_any(),
                Some(S::Revisi) => teks(i18n, |l| td_string!(l, umum.status_revisi)).into_any(),
                Some(S::Dinilai) => teks(i18n, |l| td_string!(l, umum.status_dinilai)).into_any(),
                Some(S::DinilaiTahunan) => teks(i18n, |l| td_string!(l, umum.status_dinilai_tahunan)).into_any(),
                Some(S::Final) => teks(i18n, |l| td_string!(l, umum.status_final)).into_any(),
                None => teks(i18n, |l| td_string!(l, umum.status_belum_dibuat)).into_any(),
            }}
        </span>
    }
}
