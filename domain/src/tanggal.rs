//! A calendar date with no clock: `today` is always passed in.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian date, serialised as ISO `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tanggal {
    tahun: i32,
    bulan: u8,
    hari: u8,
}

/// Monday first, as Indonesian calendars are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hari {
    Senin,
    Selasa,
    Rabu,
    Kamis,
    Jumat,
    Sabtu,
    Minggu,
}

/// WIB's offset from UTC, in seconds.
pub const ZONA_WIB_DETIK: i64 = 7 * 3600;

impl Tanggal {
    /// `None` when the day does not exist (e.g. 30 February).
    pub fn new(tahun: i32, bulan: u8, hari: u8) -> Option<Self> {
        if !(1..=12).contains(&bulan) || hari == 0 || hari > jumlah_hari(tahun, bulan) {
            return None;
        }
        Some(Tanggal { tahun, bulan, hari })
    }

    pub fn tahun(self) -> i32 {
        self.tahun
    }
    pub fn bulan(self) -> u8 {
        self.bulan
    }
    pub fn hari(self) -> u8 {
        self.hari
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let tahun = s[0..4].parse().ok()?;
        let bulan = s[5..7].parse().ok()?;
        let hari = s[8..10].parse().ok()?;
        Tanggal::new(tahun, bulan, hari)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn ke_hari_ke(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.tahun) - i64::from(self.bulan <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.bulan);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.hari) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Tanggal::ke_hari_ke`].
    pub fn dari_hari_ke(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let hari = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let bulan = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let tahun = (yoe + era * 400 + i64::from(bulan <= 2)) as i32;
        Tanggal { tahun, bulan, hari }
    }

    /// The day an instant (unix seconds) falls on in WIB (UTC+7), where the
    /// national deadlines are set: the server's "today" and every date the
    /// app shows of a moment, whatever the device's own time zone.
    pub fn dari_detik_wib(detik: i64) -> Self {
        Tanggal::dari_hari_ke((detik + ZONA_WIB_DETIK).div_euclid(86_400))
    }

    /// The first instant (unix seconds) of this day in WIB.
    pub fn awal_hari_wib(self) -> i64 {
        self.ke_hari_ke() * 86_400 - ZONA_WIB_DETIK
    }

    pub fn tambah_hari(self, n: i64) -> Self {
        Tanggal::dari_hari_ke(self.ke_hari_ke() + n)
    }

    pub fn hari_dalam_minggu(self) -> Hari {
        // 1970-01-01 was a Thursday.
        match (self.ke_hari_ke() + 3).rem_euclid(7) {
            0 => Hari::Senin,
            1 => Hari::Selasa,
            2 => Hari::Rabu,
            3 => Hari::Kamis,
            4 => Hari::Jumat,
            5 => Hari::Sabtu,
            _ => Hari::Minggu,
        }
    }

    /// The last day of this date's month.
    pub fn akhir_bulan(self) -> Self {
        Tanggal { hari: jumlah_hari(self.tahun, self.bulan), ..self }
    }
}

fn kabisat(tahun: i32) -> bool {
    (tahun % 4 == 0 && tahun % 100 != 0) || tahun % 400 == 0
}

/// The number of days in a month.
pub fn jumlah_hari(tahun: i32, bulan: u8) -> u8 {
    match bulan {
        2 if kabisat(tahun) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Tanggal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.tahun, self.bulan, self.hari)
    }
}

impl Serialize for Tanggal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Tanggal::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}, expected YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_dated_in_wib_whatever_the_device_says() {
        // 2026-12-31 17:00 UTC is already 1 January 2027, 00:00 WIB.
        let t = Tanggal::new(2027, 1, 1).unwrap();
        let detik = t.awal_hari_wib();
        assert_eq!(detik, 1_798_736_400);
        assert_eq!(Tanggal::dari_detik_wib(detik), t);
        assert_eq!(Tanggal::dari_detik_wib(detik - 1), Tanggal::new(2026, 12, 31).unwrap());
        assert_eq!(Tanggal::dari_detik_wib(detik + 86_399), t);
        // Before 1970 too.
        let lama = Tanggal::new(1969, 12, 31).unwrap();
        assert_eq!(Tanggal::dari_detik_wib(lama.awal_hari_wib() + 3600), lama);
    }

    #[test]
    fn day_numbers_round_trip_across_four_centuries() {
        for z in (-200_000..200_000).step_by(7) {
            assert_eq!(Tanggal::dari_hari_ke(z).ke_hari_ke(), z);
        }
    }

    #[test]
    fn known_weekdays_are_right() {
        assert_eq!(Tanggal::new(1945, 8, 17).unwrap().hari_dalam_minggu(), Hari::Jumat);
        assert_eq!(Tanggal::new(2026, 11, 28).unwrap().hari_dalam_minggu(), Hari::Sabtu);
        assert_eq!(Tanggal::new(2024, 2, 29).unwrap().hari_dalam_minggu(), Hari::Kamis);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Tanggal::new(2023, 2, 29).is_none());
        assert!(Tanggal::new(2024, 13, 1).is_none());
        assert!(Tanggal::parse_iso("2024-02-30").is_none());
        assert_eq!(Tanggal::parse_iso("2024-02-29").unwrap().to_string(), "2024-02-29");
    }
}
