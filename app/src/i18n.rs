//! The user's language, and every user-facing string in it: the texts live
//! in `locales/` and `build.rs` turns each key into a function of the
//! language (`kata`), so the code cannot name a text that is not there.
//!
//! In views: `t!(i18n, ns.key)` (a text that follows the language),
//! `t!(i18n, ns.key, n = move || n)` (with values), `td_string!(l, ns.key)`
//! (the text for a language `l`), `t_string!(i18n, ns.key)` (for now's language).

use leptos::prelude::*;

/// Bahasa Indonesia first, English second.
#[allow(non_camel_case_types)] // the locale codes as written in `locales/`
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    id,
    en,
}

impl Locale {
    /// The language code (`lang` of the page, the `Teks` language).
    pub fn kode(self) -> &'static str {
        match self {
            Locale::id => "id",
            Locale::en => "en",
        }
    }
}

/// The texts, by namespace and key (generated).
#[allow(dead_code)] // a key the code no longer names stays in the files
pub mod kata {
    use super::Locale;
    include!(concat!(env!("OUT_DIR"), "/kata.rs"));
}

/// The language of this page, shared by every component.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    pub fn get_locale(&self) -> Locale {
        self.0.get()
    }

    pub fn set_locale(&self, locale: Locale) {
        self.0.set(locale);
    }
}

/// Provides the language, starting with `awal`; the page's `lang` follows it.
pub fn provide_i18n(awal: Locale) -> I18n {
    let i18n = I18n(RwSignal::new(awal));
    provide_context(i18n);
    Effect::new(move |_| {
        let kode = i18n.get_locale().kode();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", kode);
        }
    });
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The text of `ns.key` in the language `l`.
macro_rules! td_string {
    ($l:expr, $ns:ident . $key:ident) => {
        $crate::i18n::kata::$ns::$key($l)
    };
}

/// The text of `ns.key` in the current language (read once).
macro_rules! t_string {
    ($i18n:expr, $ns:ident . $key:ident) => {
        $crate::i18n::kata::$ns::$key($i18n.get_locale())
    };
}

/// A text that follows the language, with values when it names some.
macro_rules! t {
    ($i18n:expr, $ns:ident . $key:ident) => {
        $crate::teks::teks($i18n, |l| $crate::i18n::kata::$ns::$key(l))
    };
    ($i18n:expr, $ns:ident . $key:ident, $($var:ident = $val:expr),+ $(,)?) => {{
        let i18n = $i18n;
        $(let $var = $val;)+
        move || $crate::i18n::kata::$ns::$key(i18n.get_locale(), $crate::i18n::kata::$ns::$key::Isi { $($var: &$var()),+ })
    }};
}

pub(crate) use {t, t_string, td_string};

#[cfg(test)]
mod tests {
    use super::Locale;
    use super::kata::{admin, luring, pegawai};

    #[test]
    fn english_says_one_apart_from_many_and_indonesian_needs_not() {
        let segmen = |l, n: i64| admin::segmen_sebelumnya(l, admin::segmen_sebelumnya::Isi { n: &n });
        assert_eq!(segmen(Locale::en, 1), "1 earlier mapping");
        assert_eq!(segmen(Locale::en, 2), "2 earlier mappings");
        assert_eq!(segmen(Locale::en, 0), "0 earlier mappings");
        assert_eq!(segmen(Locale::id, 1), "1 susunan sebelumnya");
        assert_eq!(segmen(Locale::id, 3), "3 susunan sebelumnya");
        let kode = admin::kode_berlaku(Locale::en, admin::kode_berlaku::Isi { n: &1, tanggal: &"31 Mei 2026" });
        assert_eq!(kode, "1 code, valid until 31 Mei 2026.");
        assert_eq!(luring::menunggu(Locale::en, luring::menunggu::Isi { n: &1 }), "1 change waiting to be sent");
        assert_eq!(
            pegawai::terlambat_hari_kerja(Locale::en, pegawai::terlambat_hari_kerja::Isi { n: &1 }),
            "Late by 1 working day"
        );
        assert_eq!(
            pegawai::sisa_hari_kerja(Locale::en, pegawai::sisa_hari_kerja::Isi { n: &5 }),
            "5 working days left"
        );
    }
}
