//! Translated text in views, through one render type.
//!
//! `t!(i18n, key)` expands to a new closure at each call site, and Leptos
//! instantiates its reactive rendering code once per closure type: with
//! some 250 texts that was a large share of the wasm. A plain text is
//! written `teks(i18n, |l| td_string!(l, key))` instead: every one renders
//! through the single closure type defined here, and only the small
//! look-up function is per site. Texts with values (`{{ n }}`) keep `t!`.

use crate::i18n::{I18n, Locale};
use leptos::prelude::*;

/// The text `pilih` gives for the current language, following it when it changes.
pub fn teks(i18n: I18n, pilih: fn(Locale) -> &'static str) -> impl IntoView + Copy + 'static {
    move || pilih(i18n.get_locale())
}
