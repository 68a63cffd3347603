//! Login throttling: failed attempts are counted per account (NIP) and per
//! address in a sliding window; past the limit the caller gets 429 with
//! Retry-After. Kept in memory: one server's view (documented in README).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
