//! (being built: issue 23)

use leptos::prelude::*;

#[component]
pub fn HalamanTugas360() -> impl IntoView {
    let _ = ();
    view! { <section class="kartu"><p>"…"</p></section> }
}
