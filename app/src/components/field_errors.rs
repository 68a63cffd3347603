use leptos::prelude::*;

/// The messages under one field (nothing when there are none). The field is
/// the control whose id is this list's without `-galat` (`{id}-uraian` for
/// `{id}-uraian-galat`): while there are messages it is marked
/// `aria-invalid="true"` (read out, and drawn with a red border) and
/// described by them. `testid`: the list's test id, when a test needs one.
#[component]
pub fn FieldErrorList(
    #[prop(into)] pesan: Signal<Vec<String>>,
    #[prop(into)] id: String,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    // Read once per change of what the field depends on; the list and the
    // mark below follow only a change of the messages themselves.
    let pesan = Memo::new(move |_| pesan.get());
    if let Some(kontrol) = id.strip_suffix("-galat").map(str::to_owned) {
        let daftar = id.clone();
        // Written only when the field turns valid or invalid, not per keystroke.
        Effect::new(move |sebelumnya: Option<bool>| {
            let salah = pesan.with(|p| !p.is_empty());
            if sebelumnya != Some(salah)
                && let Some(el) = document().get_element_by_id(&kontrol)
            {
                if salah {
                    let _ = el.set_attribute("aria-invalid", "true");
                    if !el.has_attribute("aria-describedby") {
                        let _ = el.set_attribute("aria-describedby", &daftar);
                    }
                } else {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
            salah
        });
    }
    view! {
        <ul class="galat-field" id=id aria-live="polite" data-testid=testid>
            {move || pesan.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
    }
}
