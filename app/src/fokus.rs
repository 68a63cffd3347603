//! Where the keyboard focus goes after the app changes the page: to what
//! the user has to do next, not left on a button far from it; and the
//! question asked before what was typed is thrown away.

use leptos::prelude::request_animation_frame;
use leptos::wasm_bindgen::JsCast;

fn elemen(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Focuses the element `id` once the page has drawn it (a field just added).
pub fn fokus_nanti(id: String) {
    request_animation_frame(move || {
        if let Some(el) = elemen(&id) {
            let _ = el.focus();
        }
    });
}

/// Brings the element with the test id `testid` into view, at the nearest
/// edge, once the page has drawn it: a message said where the person is
/// looking (a period created, an import applied).
pub fn tampakkan(testid: &'static str) {
    request_animation_frame(move || {
        let sel = format!("[data-testid={testid}]");
        if let Some(el) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&sel).ok().flatten())
        {
            el.scroll_into_view_with_bool(false);
        }
    });
}

/// Focuses the first saved field that has a message under it (its message
/// list is `{field id}-galat`), or scrolls to the message when it belongs
/// to no single field (such as the SKP's missing main RHK); once the page
/// has drawn the messages. A realisation's message is left out: it is
/// typed for the preview only, never what a save was refused for.
pub fn fokus_galat_pertama() {
    request_animation_frame(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let pertama = doc.query_selector(r#".galat-field:not([id$="-realisasi-galat"]) > li"#).ok().flatten();
        let Some(daftar) = pertama.and_then(|li| li.parent_element()) else {
            return;
        };
        match daftar.id().strip_suffix("-galat").and_then(elemen) {
            Some(bidang) => {
                let _ = bidang.focus();
            }
            None => daftar.scroll_into_view(),
        }
    });
}

/// Asks before something typed is thrown away; `true` when the user agrees.
pub fn yakin(pertanyaan: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(pertanyaan).ok()).unwrap_or(false)
}
