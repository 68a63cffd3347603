//! When the app itself fails (a panic): the reason is logged to the
//! browser's console, and the user gets a plain message over the page, in
//! their language, with a link that reloads it. A panic ends the WASM
//! instance, so the message is built with plain DOM calls, not by Leptos,
//! and what was saved on the server is safe.

use crate::i18n::{Locale, td_string};

/// Installs the panic hook (once, before mounting).
pub fn pasang() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        tampilkan();
    }));
}

/// The message over the page (only once, however many panics follow).
fn tampilkan() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id("galat-aplikasi").is_some() {
        return;
    }
    let l = match doc.document_element().and_then(|e| e.get_attribute("lang")).as_deref() {
        Some("en") => Locale::en,
        _ => Locale::id,
    };
    let buat = |tag: &str, kelas: &str, isi: &str| {
        let e = doc.create_element(tag).ok()?;
        if !kelas.is_empty() {
            e.set_class_name(kelas);
        }
        e.set_text_content(Some(isi).filter(|s| !s.is_empty()));
        Some(e)
    };
    let susun = || -> Option<()> {
        let tirai = buat("div", "tirai", "")?;
        tirai.set_id("galat-aplikasi");
        let kotak = buat("section", "kartu dialog", "")?;
        kotak.set_attribute("role", "alertdialog").ok()?;
        kotak.set_attribute("aria-modal", "true").ok()?;
        kotak.set_attribute("data-testid", "galat-aplikasi").ok()?;
        let pesan = buat("p", "galat", td_string!(l, umum.galat_tak_terduga))?;
        // A link to this same address: a reload that needs no script.
        let ulang = buat("a", "tombol", td_string!(l, umum.muat_ulang))?;
        let alamat = web_sys::window()?.location().href().ok()?;
        ulang.set_attribute("href", &alamat).ok()?;
        kotak.append_child(&pesan).ok()?;
        kotak.append_child(&ulang).ok()?;
        tirai.append_child(&kotak).ok()?;
        doc.body()?.append_child(&tirai).ok()?;
        Some(())
    };
    let _ = susun();
}

/// A panic on purpose, for the browser test that checks what the user then
/// sees (called from the page as `window.wasmBindings.uji_panik()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn uji_panik() {
    panic!("uji_panik: a panic on purpose (browser test)");
}
