//! (being built: issue 23)

use leptos::prelude::*;

#[component]
pub fn HalamanRealisasi(id: String) -> impl IntoView {
    let _ = (id,);
    view! { <section class="kartu"><p>"…"</p></section> }
}
