//! (being built: issue 23)

use leptos::prelude::*;

#[component]
pub fn HalamanPenilai360(pegawai_id: String) -> impl IntoView {
    let _ = (pegawai_id,);
    view! { <section class="kartu"><p>"…"</p></section> }
}
