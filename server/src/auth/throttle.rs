//! Login throttling: failed attempts are counted per account (NIP) and per
//! address in a sliding window; past the limit the caller gets 429 with
//! Retry-After. Kept in memory: one server's view (documented in README).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

/// The client's address for throttling. Behind a reverse proxy every
/// request comes from the proxy, so a proxy listed in `dipercaya` (the
/// `--trusted-proxy` setting) is looked through: the address is the
/// rightmost `X-Forwarded-For` entry that is not itself a trusted proxy
/// (entries further left are the client's own claim and could be forged).
/// From anyone else the header is ignored.
pub fn alamat_klien(peer: IpAddr, headers: &HeaderMap, dipercaya: &[IpAddr]) -> IpAddr {
    // A dual-stack listener sees an IPv4 proxy as ::ffff:a.b.c.d.
    let dipercaya_ = |ip: &IpAddr| dipercaya.iter().any(|d| d.to_canonical() == ip.to_canonical());
    let peer = peer.to_canonical();
    if !dipercaya_(&peer) {
        return peer;
    }
    let mut alamat = peer;
    for v in headers.get_all("x-forwarded-for").iter().rev() {
        let Ok(v) = v.to_str() else { return alamat };
        for bagian in v.split(',').rev() {
            match bagian.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()) {
                Ok(ip) if dipercaya_(&ip) => alamat = ip,
                Ok(ip) => return ip,
                Err(_) => return alamat,
            }
        }
    }
    alamat
}

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max_failures: u32,
    pub window: Duration,
}

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    /// `Some(wait)` when `key` has used up its failures in the window.
    pub fn check(&self, key: &str, limit: Limit, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(key)?;
        list.retain(|t| now.duration_since(*t) < limit.window);
        if list.len() as u32 >= limit.max_failures {
            let oldest = list.first().copied()?;
            Some(limit.window.saturating_sub(now.duration_since(oldest)))
        } else {
            None
        }
    }

    pub fn fail(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a flood of distinct keys: forget the oldest state.
            map.clear();
        }
        map.entry(key.to_owned()).or_default().push(now);
    }

    pub fn clear(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_is_read_through_trusted_proxies_only() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = [ip("10.0.0.2"), ip("10.0.0.3")];
        let xff = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("x-forwarded-for", v.parse().unwrap());
            h
        };
        // Through one proxy: the client it saw.
        assert_eq!(alamat_klien(ip("10.0.0.2"), &xff("203.0.113.7"), &proxy), ip("203.0.113.7"));
        // Through two: the rightmost address that is not a proxy; a forged left part is ignored.
        assert_eq!(alamat_klien(ip("10.0.0.2"), &xff("1.2.3.4, 203.0.113.7, 10.0.0.3"), &proxy), ip("203.0.113.7"));
        // An IPv4 proxy seen through a dual-stack listener is still the proxy.
        assert_eq!(alamat_klien(ip("::ffff:10.0.0.2"), &xff("203.0.113.7"), &proxy), ip("203.0.113.7"));
        // Not from a trusted proxy: the header is the caller's own claim.
        assert_eq!(alamat_klien(ip("198.51.100.9"), &xff("203.0.113.7"), &proxy), ip("198.51.100.9"));
        // No usable header: the proxy itself.
        assert_eq!(alamat_klien(ip("10.0.0.2"), &HeaderMap::new(), &proxy), ip("10.0.0.2"));
        assert_eq!(alamat_klien(ip("10.0.0.2"), &xff("bukan-ip"), &proxy), ip("10.0.0.2"));
    }

    #[test]
    fn the_limit_blocks_until_the_window_passes() {
        let t = Throttle::default();
        let limit = Limit { max_failures: 3, window: Duration::from_secs(60) };
        let start = Instant::now();
        for _ in 0..3 {
            assert!(t.check("nip:1", limit, start).is_none());
            t.fail("nip:1", start);
        }
        let wait = t.check("nip:1", limit, start + Duration::from_secs(10)).unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(t.check("nip:2", limit, start).is_none(), "other accounts are not affected");
        assert!(t.check("nip:1", limit, start + Duration::from_secs(61)).is_none());
    }
}
