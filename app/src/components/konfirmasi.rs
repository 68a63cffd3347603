//! The question asked before an action that cannot be taken back (new
//! activation codes end the old ones; an approval sets the SKP).

use leptos::prelude::*;

use crate::fokus::fokus_nanti;
use crate::i18n::{Locale, td_string, use_i18n};
use crate::teks::teks;

/// The id (and test id) of the "yes" answer to the question `aksi`.
fn id_ya(aksi: &str) -> String {
    format!("{aksi}-ya")
}

/// Opens the question of [`Konfirmasi`] `aksi`, with the focus on its answer.
pub fn tanya(terbuka: RwSignal<bool>, aksi: &str) {
    terbuka.set(true);
    fokus_nanti(id_ya(aksi));
}

/// While `terbuka`: the question, "yes" (runs `ya`) and "Batal"; either
/// answer closes it. Ids and test ids: `konfirmasi-{nama}` for the
/// question, `{aksi}-ya` and `{aksi}-batal` for the answers.
#[component]
pub fn Konfirmasi(
    terbuka: RwSignal<bool>,
    nama: &'static str,
    aksi: &'static str,
    pertanyaan: fn(Locale) -> &'static str,
    label_ya: fn(Locale) -> &'static str,
    ya: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("konfirmasi-{nama}");
    let id_ya = id_ya(aksi);
    view! {
        <Show when=move || terbuka.get()>
            <div class="catatan" role="alertdialog" aria-labelledby=id.clone() data-testid=id.clone()>
                <p id=id.clone()>{teks(i18n, pertanyaan)}</p>
                <div class="aksi">
                    <button type="button" id=id_ya.clone() data-testid=id_ya.clone() on:click=move |_| { terbuka.set(false); ya.run(()); }>
                        {teks(i18n, label_ya)}
                    </button>
                    <button type="button" class="tombol-kedua" data-testid=format!("{aksi}-batal") on:click=move |_| terbuka.set(false)>
                        {teks(i18n, |l| td_string!(l, umum.batal))}
                    </button>
                </div>
            </div>
        </Show>
    }
}
