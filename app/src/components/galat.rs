use leptos::prelude::*;

/// The messages under one field (nothing when there are none).
#[component]
pub fn GalatField(#[prop(into)] pesan: Signal<Vec<String>>, #[prop(into)] id: String) -> impl IntoView {
    view! {
        <ul class="galat-field" id=id aria-live="polite">
            {move || pesan.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
    }
}
