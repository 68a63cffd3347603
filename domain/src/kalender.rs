//! The working-day calendar: every deadline of PermenPANRB 6/2022 Lampiran Bab V
//! is counted in *hari kerja* (RULES.md §3.4, §6 item 9).
//!
//! Saturdays and Sundays are never working days. Holidays are data: a
//! [`Kalender`] is built from a list of dates, so an instansi can add regional
//! holidays or a late change of the SKB. [`Kalender::nasional`] ships the
//! national *hari libur* and *cuti bersama* of 2025 and 2026.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::tanggal::{Hari, Tanggal};

/// The most holidays an instansi adds in one request (a year's SKB is about
/// 27 dates): the server's limit, and the admin's pasted list's.
pub const MAKS_HARI_LIBUR_SEKALIGUS: usize = 60;
/// The longest name of a holiday (characters).
pub const MAKS_NAMA_LIBUR: usize = 200;

/// Why a day is not worked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisLibur {
    /// Hari libur nasional (Keppres / SKB 3 Menteri).
    LiburNasional,
    /// Cuti bersama: for ASN a day off charged to annual leave, never a working day.
    CutiBersama,
    /// A holiday the instansi adds (regional holiday, a revision of the SKB, …).
    LiburInstansi,
}

/// One day off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HariLibur {
    pub tanggal: Tanggal,
    pub nama: String,
    pub jenis: JenisLibur,
    /// A lunar-calendar date fixed in advance that the government may still
    /// move (sidang isbat); the instansi should confirm it.
    #[serde(default)]
    pub perkiraan: bool,
}

/// A row of the built-in national table (const-constructible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiburTetap {
    pub tahun: i32,
    pub bulan: u8,
    pub hari: u8,
    pub nama: &'static str,
    pub jenis: JenisLibur,
    pub perkiraan: bool,
}

const fn nasional(tahun: i32, bulan: u8, hari: u8, nama: &'static str) -> LiburTetap {
    LiburTetap { tahun, bulan, hari, nama, jenis: JenisLibur::LiburNasional, perkiraan: false }
}
const fn cuti(tahun: i32, bulan: u8, hari: u8, nama: &'static str) -> LiburTetap {
    LiburTetap { tahun, bulan, hari, nama, jenis: JenisLibur::CutiBersama, perkiraan: false }
}
const fn perkiraan(l: LiburTetap) -> LiburTetap {
    LiburTetap { perkiraan: true, ..l }
}

/// National holidays and cuti bersama 2025: SKB Menteri Agama, Menteri
/// Ketenagakerjaan and MenPANRB No. 1017/2024, 2/2024, 2/2024 (17 hari libur
/// nasional, 10 hari cuti bersama). The year is past, so every lunar date here
/// is the one actually observed; none is marked as an estimate.
///
/// Not included: any holiday declared after the SKB (add it with
/// [`JenisLibur::LiburInstansi`] if your instansi observed one).
pub const LIBUR_2025: &[LiburTetap] = &[
    nasional(2025, 1, 1, "Tahun Baru 2025 Masehi"),
    nasional(2025, 1, 27, "Isra Mikraj Nabi Muhammad SAW"),
    cuti(2025, 1, 28, "Cuti bersama Tahun Baru Imlek 2576 Kongzili"),
    nasional(2025, 1, 29, "Tahun Baru Imlek 2576 Kongzili"),
    cuti(2025, 3, 28, "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)"),
    nasional(2025, 3, 29, "Hari Suci Nyepi (Tahun Baru Saka 1947)"),
    nasional(2025, 3, 31, "Idul Fitri 1446 Hijriah"),
    nasional(2025, 4, 1, "Idul Fitri 1446 Hijriah"),
    cuti(2025, 4, 2, "Cuti bersama Idul Fitri 1446 Hijriah"),
    cuti(2025, 4, 3, "Cuti bersama Idul Fitri 1446 Hijriah"),
    cuti(2025, 4, 4, "Cuti bersama Idul Fitri 1446 Hijriah"),
    cuti(2025, 4, 7, "Cuti bersama Idul Fitri 1446 Hijriah"),
    nasional(2025, 4, 18, "Wafat Yesus Kristus"),
    nasional(2025, 4, 20, "Kebangkitan Yesus Kristus (Paskah)"),
    nasional(2025, 5, 1, "Hari Buruh Internasional"),
    nasional(2025, 5, 12, "Hari Raya Waisak 2569 BE"),
    cuti(2025, 5, 13, "Cuti bersama Hari Raya Waisak 2569 BE"),
    nasional(2025, 5, 29, "Kenaikan Yesus Kristus"),
    cuti(2025, 5, 30, "Cuti bersama Kenaikan Yesus Kristus"),
    nasional(2025, 6, 1, "Hari Lahir Pancasila"),
    nasional(2025, 6, 6, "Idul Adha 1446 Hijriah"),
    cuti(2025, 6, 9, "Cuti bersama Idul Adha 1446 Hijriah"),
    nasional(2025, 6, 27, "Tahun Baru Islam 1447 Hijriah"),
    nasional(2025, 8, 17, "Hari Kemerdekaan Republik Indonesia"),
    nasional(2025, 9, 5, "Maulid Nabi Muhammad SAW"),
    nasional(2025, 12, 25, "Kelahiran Yesus Kristus (Natal)"),
    cuti(2025, 12, 26, "Cuti bersama Kelahiran Yesus Kristus"),
];

/// National holidays and cuti bersama 2026: SKB Menteri Agama, Menteri
/// Ketenagakerjaan and MenPANRB No. 1497/2025, 2/2025, 5/2025 (announced
/// 19 September 2025: 17 hari libur nasional, 8 hari cuti bersama).
///
/// Entries marked `perkiraan` are lunar-calendar dates the instansi should
/// confirm against the government's announcement (sidang isbat) when the day
/// approaches: Isra Mikraj (16 Jan), Idul Fitri 1447 H (21–22 Mar) and its cuti
/// bersama (20, 23, 24 Mar), Idul Adha 1447 H (27 May) and its cuti bersama
/// (28 May), Waisak 2570 BE (31 May), Tahun Baru Islam 1448 H (16 Jun) and
/// Maulid Nabi (25 Aug). Imlek, Nyepi and the Easter dates are fixed by their
/// calendars and are not marked.
pub const LIBUR_2026: &[LiburTetap] = &[
    nasional(2026, 1, 1, "Tahun Baru 2026 Masehi"),
    perkiraan(nasional(2026, 1, 16, "Isra Mikraj Nabi Muhammad SAW")),
    cuti(2026, 2, 16, "Cuti bersama Tahun Baru Imlek 2577 Kongzili"),
    nasional(2026, 2, 17, "Tahun Baru Imlek 2577 Kongzili"),
    cuti(2026, 3, 18, "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    nasional(2026, 3, 19, "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    perkiraan(cuti(2026, 3, 20, "Cuti bersama Idul Fitri 1447 Hijriah")),
    perkiraan(nasional(2026, 3, 21, "Idul Fitri 1447 Hijriah")),
    perkiraan(nasional(2026, 3, 22, "Idul Fitri 1447 Hijriah")),
    perkiraan(cuti(2026, 3, 23, "Cuti bersama Idul Fitri 1447 Hijriah")),
    perkiraan(cuti(2026, 3, 24, "Cuti bersama Idul Fitri 1447 Hijriah")),
    nasional(2026, 4, 3, "Wafat Yesus Kristus"),
    nasional(2026, 4, 5, "Kebangkitan Yesus Kristus (Paskah)"),
    nasional(2026, 5, 1, "Hari Buruh Internasional"),
    nasional(2026, 5, 14, "Kenaikan Yesus Kristus"),
    cuti(2026, 5, 15, "Cuti bersama Kenaikan Yesus Kristus"),
    perkiraan(nasional(2026, 5, 27, "Idul Adha 1447 Hijriah")),
    perkiraan(cuti(2026, 5, 28, "Cuti bersama Idul Adha 1447 Hijriah")),
    perkiraan(nasional(2026, 5, 31, "Hari Raya Waisak 2570 BE")),
    nasional(2026, 6, 1, "Hari Lahir Pancasila"),
    perkiraan(nasional(2026, 6, 16, "Tahun Baru Islam 1448 Hijriah")),
    nasional(2026, 8, 17, "Hari Kemerdekaan Republik Indonesia"),
    perkiraan(nasional(2026, 8, 25, "Maulid Nabi Muhammad SAW")),
    cuti(2026, 12, 24, "Cuti bersama Kelahiran Yesus Kristus"),
    nasional(2026, 12, 25, "Kelahiran Yesus Kristus (Natal)"),
];

impl LiburTetap {
    /// `None` only if the table holds an impossible date (a test guards this).
    pub fn ke_hari_libur(&self) -> Option<HariLibur> {
        Some(HariLibur {
            tanggal: Tanggal::new(self.tahun, self.bulan, self.hari)?,
            nama: self.nama.to_owned(),
            jenis: self.jenis,
            perkiraan: self.perkiraan,
        })
    }
}

/// A holiday calendar. Serialised as its list of holidays, by date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<HariLibur>", into = "Vec<HariLibur>")]
pub struct Kalender {
    libur: BTreeMap<Tanggal, HariLibur>,
}

impl From<Vec<HariLibur>> for Kalender {
    fn from(libur: Vec<HariLibur>) -> Self {
        Kalender::new(libur)
    }
}

impl From<Kalender> for Vec<HariLibur> {
    fn from(k: Kalender) -> Self {
        k.libur.into_values().collect()
    }
}

impl Kalender {
    /// A calendar from a list of holidays. When a date appears twice the
    /// later entry wins, so an instansi list can override the national one.
    pub fn new(libur: impl IntoIterator<Item = HariLibur>) -> Self {
        Kalender { libur: libur.into_iter().map(|l| (l.tanggal, l)).collect() }
    }

    /// Weekends only: no holidays at all.
    pub fn tanpa_libur() -> Self {
        Kalender::default()
    }

    /// The national holidays and cuti bersama of every year shipped
    /// ([`LIBUR_2025`], [`LIBUR_2026`]).
    pub fn nasional() -> Self {
        Kalender::new(LIBUR_2025.iter().chain(LIBUR_2026).filter_map(LiburTetap::ke_hari_libur))
    }

    /// Adds (or replaces) holidays, e.g. regional ones.
    pub fn tambah(mut self, libur: impl IntoIterator<Item = HariLibur>) -> Self {
        self.libur.extend(libur.into_iter().map(|l| (l.tanggal, l)));
        self
    }

    /// The holiday on a date, if any (weekends are not listed).
    pub fn libur(&self, tanggal: Tanggal) -> Option<&HariLibur> {
        self.libur.get(&tanggal)
    }

    /// Every holiday, by date.
    pub fn semua(&self) -> impl Iterator<Item = &HariLibur> {
        self.libur.values()
    }

    /// The years the calendar has any holiday for. Deadlines computed in
    /// other years count weekends only; the app should warn about that.
    pub fn tahun_tercakup(&self) -> Vec<i32> {
        let mut tahun: Vec<i32> = self.libur.keys().map(|t| t.tahun()).collect();
        tahun.dedup();
        tahun
    }

    pub fn adalah_hari_kerja(&self, tanggal: Tanggal) -> bool {
        !matches!(tanggal.hari_dalam_minggu(), Hari::Sabtu | Hari::Minggu) && !self.libur.contains_key(&tanggal)
    }

    /// The `n`-th working day after `mulai` (`mulai` itself is not counted):
    /// "paling lama 14 hari kerja sejak diterima" received on `mulai` ends on
    /// `tambah_hari_kerja(mulai, 14)`. With `n = 0` it is `mulai` itself.
    pub fn tambah_hari_kerja(&self, mulai: Tanggal, n: u32) -> Tanggal {
        let mut hari = mulai;
        let mut sisa = n;
        while sisa > 0 {
            hari = hari.tambah_hari(1);
            if self.adalah_hari_kerja(hari) {
                sisa -= 1;
            }
        }
        hari
    }

    /// The number of working days after `mulai` up to and including `sampai`
    /// (0 when `sampai` is not after `mulai`). The inverse of
    /// [`Kalender::tambah_hari_kerja`] on working days.
    pub fn hari_kerja_antara(&self, mulai: Tanggal, sampai: Tanggal) -> u32 {
        let mut n = 0;
        let mut hari = mulai;
        while hari < sampai {
            hari = hari.tambah_hari(1);
            if self.adalah_hari_kerja(hari) {
                n += 1;
            }
        }
        n
    }

    /// Working days from `hari_ini` to the deadline `batas`: 0 on the day,
    /// negative when late (how many working days late).
    pub fn sisa_hari_kerja(&self, hari_ini: Tanggal, batas: Tanggal) -> i64 {
        if batas >= hari_ini {
            i64::from(self.hari_kerja_antara(hari_ini, batas))
        } else {
            -i64::from(self.hari_kerja_antara(batas, hari_ini))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tgl(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    #[test]
    fn every_shipped_holiday_is_a_real_date_of_its_table_year() {
        for (tahun, tabel) in [(2025, LIBUR_2025), (2026, LIBUR_2026)] {
            for l in tabel {
                let h = l.ke_hari_libur().unwrap_or_else(|| panic!("{l:?}"));
                assert_eq!(h.tanggal.tahun(), tahun);
            }
        }
    }

    #[test]
    fn the_shipped_tables_have_the_skb_counts() {
        let hitung = |tabel: &[LiburTetap], jenis| tabel.iter().filter(|l| l.jenis == jenis).count();
        // Idul Fitri counts as two days of libur nasional in both SKBs.
        assert_eq!(hitung(LIBUR_2025, JenisLibur::LiburNasional), 17);
        assert_eq!(hitung(LIBUR_2025, JenisLibur::CutiBersama), 10);
        assert_eq!(hitung(LIBUR_2026, JenisLibur::LiburNasional), 17);
        assert_eq!(hitung(LIBUR_2026, JenisLibur::CutiBersama), 8);
    }

    #[test]
    fn the_shipped_tables_are_sorted_without_duplicates() {
        for tabel in [LIBUR_2025, LIBUR_2026] {
            let tanggal: Vec<Tanggal> = tabel.iter().filter_map(|l| l.ke_hari_libur()).map(|h| h.tanggal).collect();
            assert!(tanggal.windows(2).all(|w| w[0] < w[1]), "{tanggal:?}");
        }
    }

    #[test]
    fn cuti_bersama_days_fall_on_weekdays() {
        for l in LIBUR_2025.iter().chain(LIBUR_2026).filter(|l| l.jenis == JenisLibur::CutiBersama) {
            let h = l.ke_hari_libur().unwrap();
            assert!(!matches!(h.tanggal.hari_dalam_minggu(), Hari::Sabtu | Hari::Minggu), "{l:?}");
        }
    }

    #[test]
    fn only_2026_lunar_dates_are_marked_as_estimates() {
        assert!(LIBUR_2025.iter().all(|l| !l.perkiraan));
        let perkiraan: Vec<(u8, u8)> = LIBUR_2026.iter().filter(|l| l.perkiraan).map(|l| (l.bulan, l.hari)).collect();
        assert_eq!(
            perkiraan,
            [(1, 16), (3, 20), (3, 21), (3, 22), (3, 23), (3, 24), (5, 27), (5, 28), (5, 31), (6, 16), (8, 25)]
        );
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let k = Kalender::nasional();
        let table = [
            ("2025-03-24", true),  // Monday
            ("2025-03-22", false), // Saturday
            ("2025-03-23", false), // Sunday
            ("2025-03-31", false), // Idul Fitri
            ("2025-04-02", false), // cuti bersama
            ("2025-04-08", true),  // back to work
            ("2026-03-20", false), // cuti bersama Idul Fitri
            ("2026-03-25", true),
        ];
        for (t, kerja) in table {
            assert_eq!(k.adalah_hari_kerja(tgl(t)), kerja, "{t}");
        }
    }

    #[test]
    fn fourteen_working_days_from_a_receipt_before_idul_fitri_2025_end_on_23_april() {
        // Received Monday 24 Mar 2025. Working days: 25, 26, 27 Mar; then
        // 28 Mar (cuti Nyepi) … 7 Apr (cuti Idul Fitri) are off; 8–11, 14–17 Apr;
        // 18 Apr is Wafat Yesus Kristus; 21, 22, 23 Apr.
        let k = Kalender::nasional();
        assert_eq!(k.tambah_hari_kerja(tgl("2025-03-24"), 14), tgl("2025-04-23"));
        // Weekends only, the same deadline would be 11 Apr.
        assert_eq!(Kalender::tanpa_libur().tambah_hari_kerja(tgl("2025-03-24"), 14), tgl("2025-04-11"));
    }

    #[test]
    fn working_day_deadlines_match_a_table() {
        let k = Kalender::nasional();
        let table = [
            // (start, n, deadline)
            ("2025-12-31", 14, "2026-01-22"), // 1 Jan and 16 Jan 2026 off
            ("2025-12-31", 30, "2026-02-13"), // reporting deadline of the annual evaluation
            ("2026-03-16", 7, "2026-04-01"),  // across Nyepi and Idul Fitri 2026
            ("2025-05-09", 1, "2025-05-14"),  // Friday; Monday Waisak, Tuesday cuti
            ("2025-06-30", 0, "2025-06-30"),
            ("2026-12-23", 1, "2026-12-28"),
        ];
        for (mulai, n, batas) in table {
            assert_eq!(k.tambah_hari_kerja(tgl(mulai), n), tgl(batas), "{mulai} + {n}");
        }
    }

    #[test]
    fn counting_working_days_inverts_adding_them() {
        let k = Kalender::nasional();
        let mulai = tgl("2025-01-01");
        for n in 0..600 {
            let batas = k.tambah_hari_kerja(mulai, n);
            assert_eq!(k.hari_kerja_antara(mulai, batas), n);
        }
        assert_eq!(k.hari_kerja_antara(tgl("2025-04-10"), tgl("2025-04-01")), 0);
    }

    #[test]
    fn an_instansi_can_add_its_own_holidays() {
        let daerah = HariLibur {
            tanggal: tgl("2025-03-25"),
            nama: "Hari jadi kabupaten".into(),
            jenis: JenisLibur::LiburInstansi,
            perkiraan: false,
        };
        let k = Kalender::nasional().tambah([daerah.clone()]);
        assert!(!k.adalah_hari_kerja(tgl("2025-03-25")));
        assert_eq!(k.libur(tgl("2025-03-25")), Some(&daerah));
        assert_eq!(k.tambah_hari_kerja(tgl("2025-03-24"), 14), tgl("2025-04-24"));
    }

    #[test]
    fn a_calendar_round_trips_through_json_as_a_list() {
        let k = Kalender::new(LIBUR_2026.iter().take(2).filter_map(LiburTetap::ke_hari_libur));
        let json = serde_json::to_value(&k).unwrap();
        assert_eq!(
            json[1],
            serde_json::json!({ "tanggal": "2026-01-16", "nama": "Isra Mikraj Nabi Muhammad SAW", "jenis": "libur_nasional", "perkiraan": true })
        );
        assert_eq!(serde_json::from_value::<Kalender>(json).unwrap(), k);
        assert_eq!(k.tahun_tercakup(), [2026]);
    }
}
