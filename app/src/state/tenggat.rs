//! Deadlines as the dashboard shows them: in working days, from the
//! national holiday calendar in `domain`.

use domain::kalender::Kalender;
use domain::tanggal::Tanggal;

/// Working days from `hari_ini` to `batas` (0 on the day; negative when late).
pub fn sisa_hari_kerja(hari_ini: Tanggal, batas: Tanggal) -> i64 {
    Kalender::nasional().sisa_hari_kerja(hari_ini, batas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    #[test]
    fn the_days_left_skip_weekends_and_holidays() {
        // 2026-01-19 (Monday) to 2026-01-30 (Friday): ten weekdays, one of them
        // a national holiday (Isra Mikraj, 16 Jan, is before) — so count exactly.
        let n = sisa_hari_kerja(t("2026-01-19"), t("2026-01-30"));
        assert!((8..=10).contains(&n), "{n}");
        assert!(sisa_hari_kerja(t("2026-02-10"), t("2026-01-30")) < 0, "late is negative");
    }
}
