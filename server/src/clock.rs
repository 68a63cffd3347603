//! The server's one clock: unix seconds. (`domain` never reads a clock.)
//!
//! A demo or a test of the whole year may move it to another day
//! ([`pindah_ke`], `serve --tanggal`): the deadlines of a year in working
//! days cannot be waited for. Never in production: nothing but that flag
//! moves it, and the server says so at start.

use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds added to the machine's clock (0 unless moved).
static GESER: AtomicI64 = AtomicI64::new(0);

fn asli_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

pub fn now() -> i64 {
    now_ms().div_euclid(1000)
}

/// Now, in unix milliseconds (ordering within a second).
pub fn now_ms() -> i64 {
    asli_ms() + GESER.load(Ordering::Relaxed) * 1000
}

/// Moves this process's clock so that today, in WIB, is `tanggal` (the
/// time of day kept): every date and time the server reads from then on.
pub fn pindah_ke(tanggal: domain::tanggal::Tanggal) {
    let hari_asli = domain::tanggal::Tanggal::dari_detik_wib(asli_ms().div_euclid(1000));
    GESER.store((tanggal.ke_hari_ke() - hari_asli.ke_hari_ke()) * 86_400, Ordering::Relaxed);
}

/// Today's date in Indonesia's western time zone (WIB, UTC+7), where the
/// national deadlines are set.
pub fn hari_ini() -> domain::tanggal::Tanggal {
    domain::tanggal::Tanggal::dari_detik_wib(now())
}

/// The instant (unix seconds) a 360 whose last day to answer is `batas`
/// closes: the midnight in WIB that ends that day (from then
/// [`hari_ini`] is past it, and `domain::umpan_balik::ditutup` holds).
pub fn tutup_360(batas: domain::tanggal::Tanggal) -> i64 {
    batas.tambah_hari(1).awal_hari_wib()
}

/// Whether the aggregate of a 360 whose last day is `batas` may be read at
/// `sekarang` (unix seconds): only `tenggang_detik` after it closed. The
/// second guard to the check inside each write
/// (`db::umpan_balik_360::tolak_bila_ditutup`): a write that began before
/// midnight has long committed or failed when the first reader sees the
/// aggregate, so a released aggregate never changes.
pub fn rilis_360(batas: domain::tanggal::Tanggal, sekarang: i64, tenggang_detik: i64) -> bool {
    sekarang >= tutup_360(batas) + tenggang_detik.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::tanggal::Tanggal;

    /// 2026-12-31 00:00 WIB, in unix seconds (17:00 UTC the day before).
    const AWAL_31_DES_WIB: i64 = 1_798_650_000;

    #[test]
    fn a_360_closes_at_midnight_wib_after_its_last_day_and_is_released_only_after_the_grace() {
        let batas = Tanggal::new(2026, 12, 30).unwrap();
        let tutup = tutup_360(batas);
        assert_eq!(tutup, AWAL_31_DES_WIB);
        // The server's day turns exactly then: the 360 is closed from that second.
        assert_eq!(Tanggal::dari_hari_ke((tutup - 1 + 7 * 3600).div_euclid(86_400)), batas);
        assert!(domain::umpan_balik::ditutup(batas, Tanggal::dari_hari_ke((tutup + 7 * 3600).div_euclid(86_400))));
        let sepuluh_menit = 10 * 60;
        assert!(!rilis_360(batas, tutup - 1, sepuluh_menit), "still open");
        assert!(!rilis_360(batas, tutup, sepuluh_menit), "closed, but a write may still be committing");
        assert!(!rilis_360(batas, tutup + sepuluh_menit - 1, sepuluh_menit));
        assert!(rilis_360(batas, tutup + sepuluh_menit, sepuluh_menit));
        assert!(rilis_360(batas, tutup, 0), "no grace configured: at once");
        assert!(rilis_360(batas, tutup, -5), "a negative grace is none");
    }
}
