//! (being built: issue 23)

use leptos::prelude::*;

#[component]
pub fn HalamanUmpanBalik() -> impl IntoView {
    let _ = ();
    view! { <section class="kartu"><p>"…"</p></section> }
}
