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

/// A date as people read it, in a language: `31 Januari 2026`, `31 January 2026`.
pub fn tanggal(t: domain::tanggal::Tanggal, l: Locale) -> String {
    use crate::i18n::td_string;
    let bulan = match t.bulan() {
        1 => td_string!(l, umum.bulan_januari),
        2 => td_string!(l, umum.bulan_februari),
        3 => td_string!(l, umum.bulan_maret),
        4 => td_string!(l, umum.bulan_april),
        5 => td_string!(l, umum.bulan_mei),
        6 => td_string!(l, umum.bulan_juni),
        7 => td_string!(l, umum.bulan_juli),
        8 => td_string!(l, umum.bulan_agustus),
        9 => td_string!(l, umum.bulan_september),
        10 => td_string!(l, umum.bulan_oktober),
        11 => td_string!(l, umum.bulan_november),
        _ => td_string!(l, umum.bulan_desember),
    };
    format!("{} {bulan} {}", t.hari(), t.tahun())
}

/// A moment sent as unix seconds, as the day it is in WIB, where the
/// server dates everything (`31 Januari 2026`), whatever the device's own
/// time zone.
pub fn tanggal_detik(detik: i64, l: Locale) -> String {
    tanggal(domain::tanggal::Tanggal::dari_detik_wib(detik), l)
}

/// A date sent as `YYYY-MM-DD`, as people read it (`1 Januari 2026`); any
/// other text is shown as written.
pub fn tanggal_iso(s: &str, l: Locale) -> String {
    domain::tanggal::Tanggal::parse_iso(s).map_or_else(|| s.to_owned(), |t| tanggal(t, l))
}

/// A period's dates as people read them: `1 Januari 2026 – 31 Desember 2026`.
pub fn rentang_tanggal(mulai: &str, selesai: &str, l: Locale) -> String {
    format!("{} – {}", tanggal_iso(mulai, l), tanggal_iso(selesai, l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::tanggal::Tanggal;

    #[test]
    fn a_period_reads_as_two_dates_in_the_language() {
        assert_eq!(rentang_tanggal("2026-01-01", "2026-12-31", Locale::id), "1 Januari 2026 – 31 Desember 2026");
        assert_eq!(rentang_tanggal("2026-01-01", "2026-06-30", Locale::en), "1 January 2026 – 30 June 2026");
        assert_eq!(rentang_tanggal("2026-01-01", "akhir", Locale::id), "1 Januari 2026 – akhir");
    }

    #[test]
    fn a_date_reads_with_the_month_named_in_the_language() {
        let t = |y, m, d| Tanggal::new(y, m, d).unwrap();
        assert_eq!(tanggal(t(2026, 1, 31), Locale::id), "31 Januari 2026");
        assert_eq!(tanggal(t(2026, 1, 31), Locale::en), "31 January 2026");
        assert_eq!(tanggal(t(2027, 8, 5), Locale::id), "5 Agustus 2027");
        let semua: std::collections::HashSet<String> = (1..=12).map(|m| tanggal(t(2026, m, 1), Locale::id)).collect();
        assert_eq!(semua.len(), 12, "every month has its own name");
    }
}
