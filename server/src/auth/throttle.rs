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

/// The network a client address is counted as: an IPv4 address on its own,
/// an IPv6 address by its /64 (one subscriber's prefix: a client changes the
/// rest at will), an IPv4 address mapped into IPv6 as the IPv4 address.
pub fn jaringan(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max_failures: u32,
    pub window: Duration,
}

/// What an attempt is counted under. Sign-in and activation keep apart
/// (failed sign-ins in an office never hold up activation there), and
/// neither ever locks an account as such: the account is counted per
/// address it is tried from (OWASP's account-and-address throttle), so
/// someone who knows a colleague's NIP and hammers it from elsewhere holds
/// up only themselves; each address (network) also has a limit of its own
/// across accounts, against one place trying many NIPs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jenis {
    Login,
    Aktivasi,
}

impl Jenis {
    fn kode(self) -> &'static str {
        match self {
            Jenis::Login => "login",
            Jenis::Aktivasi => "aktivasi",
        }
    }

    /// The two counters of one attempt: the account from this network, and the network.
    pub fn kunci(self, nip: &str, alamat: IpAddr) -> [String; 2] {
        let net = jaringan(alamat);
        [format!("{}:{nip}@{net}", self.kode()), format!("{}@{net}", self.kode())]
    }
}

/// Failed attempts per key in a sliding window, in memory (one server's
/// view). Bounded: past its capacity, keys whose failures expired go first,
/// then a tenth of the keys, those with the fewest failures (the oldest among
/// equals); the state is never cleared at once (that would let a flood of new
/// keys lift every limit).
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    capacity: usize,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::with_capacity(100_000)
    }
}

impl Throttle {
    pub fn with_capacity(capacity: usize) -> Self {
        Throttle { failures: Mutex::new(HashMap::new()), capacity: capacity.max(10) }
    }

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

    /// Counts a failure of `key`; `window` is how long failures count.
    pub fn fail(&self, key: &str, now: Instant, window: Duration) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(key) && map.len() >= self.capacity {
            map.retain(|_, list| list.last().is_some_and(|t| now.duration_since(*t) < window));
            if map.len() >= self.capacity {
                // Still full of live keys: the tenth with the fewest failures
                // goes, the oldest first among equals. A key at its limit
                // (a lock) outlasts a flood of keys that failed once each.
                let mut urutan: Vec<(usize, Instant)> =
                    map.values().filter_map(|l| Some((l.len(), *l.last()?))).collect();
                let n = (self.capacity / 10).max(1).min(urutan.len() - 1);
                let (_, batas, _) = urutan.select_nth_unstable(n);
                let batas = *batas;
                map.retain(|_, list| list.last().is_some_and(|t| (list.len(), *t) > batas));
            }
        }
        let list = map.entry(key.to_owned()).or_default();
        list.push(now);
        // A key never holds more than its window can use.
        if list.len() > 1000 {
            list.drain(..list.len() - 1000);
        }
    }

    pub fn clear(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }

    pub fn len(&self) -> usize {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        let window = Duration::from_secs(60);
        let limit = Limit { max_failures: 3, window };
        let start = Instant::now();
        for _ in 0..3 {
            assert!(t.check("nip:1", limit, start).is_none());
            t.fail("nip:1", start, window);
        }
        let wait = t.check("nip:1", limit, start + Duration::from_secs(10)).unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(t.check("nip:2", limit, start).is_none(), "other accounts are not affected");
        assert!(t.check("nip:1", limit, start + Duration::from_secs(61)).is_none());
    }

    #[test]
    fn an_account_is_counted_per_network_and_ipv6_per_slash_64() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let [akun, alamat] = Jenis::Login.kunci("1988", ip("2001:db8:1:2:aaaa::1"));
        assert_eq!(akun, "login:1988@2001:db8:1:2::/64");
        assert_eq!(alamat, "login@2001:db8:1:2::/64");
        // Another address in the same /64 is the same client; the next /64 is not.
        assert_eq!(Jenis::Login.kunci("1988", ip("2001:db8:1:2:ffff:1:2:3"))[0], akun);
        assert_ne!(Jenis::Login.kunci("1988", ip("2001:db8:1:3::1"))[0], akun);
        // IPv4, also when seen mapped into IPv6.
        assert_eq!(Jenis::Login.kunci("1988", ip("::ffff:203.0.113.7"))[0], "login:1988@203.0.113.7");
        // Activation never shares a counter with sign-in.
        let aktivasi = Jenis::Aktivasi.kunci("1988", ip("203.0.113.7"));
        assert!(!Jenis::Login.kunci("1988", ip("203.0.113.7")).iter().any(|k| aktivasi.contains(k)));
    }

    #[test]
    fn the_owner_signs_in_from_their_own_address_while_another_is_throttled() {
        let t = Throttle::default();
        let window = Duration::from_secs(900);
        let limit = Limit { max_failures: 5, window };
        let now = Instant::now();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let [penyerang, _] = Jenis::Login.kunci("1988", ip("198.51.100.9"));
        for _ in 0..50 {
            t.fail(&penyerang, now, window);
        }
        assert!(t.check(&penyerang, limit, now).is_some());
        let [pemilik, kantor] = Jenis::Login.kunci("1988", ip("203.0.113.7"));
        assert!(t.check(&pemilik, limit, now).is_none());
        assert!(t.check(&kantor, limit, now).is_none());
    }

    #[test]
    fn a_flood_of_new_keys_never_lifts_every_limit() {
        let t = Throttle::with_capacity(1000);
        let window = Duration::from_secs(900);
        let limit = Limit { max_failures: 5, window };
        let start = Instant::now();
        for _ in 0..5 {
            t.fail("login:korban@203.0.113.7", start, window);
        }
        // 10,000 keys that failed once each, all after the lock was set.
        for i in 0..10_000u32 {
            t.fail(&format!("login:{i}@198.51.100.9"), start + Duration::from_millis(u64::from(i) + 1), window);
        }
        assert!(t.len() <= 1000, "bounded: {}", t.len());
        assert!(t.len() >= 800, "only a tenth at a time goes: {}", t.len());
        assert!(
            t.check("login:korban@203.0.113.7", limit, start + Duration::from_secs(11)).is_some(),
            "the lock stays"
        );
        // Expired keys go first.
        let t = Throttle::with_capacity(10);
        for i in 0..10 {
            t.fail(&format!("lama{i}"), start, window);
        }
        t.fail("baru", start + window + Duration::from_secs(1), window);
        assert_eq!(t.len(), 1);
    }
}
