//! The server's one clock: unix seconds. (`domain` never reads a clock.)

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

/// Now, in unix milliseconds (ordering within a second).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

/// Today's date in Indonesia's western time zone (WIB, UTC+7), where the
/// national deadlines are set.
pub fn hari_ini() -> domain::tanggal::Tanggal {
    domain::tanggal::Tanggal::dari_hari_ke((now() + 7 * 3600).div_euclid(86_400))
}
