//! Authentication: NIP + password, server-side sessions in an HttpOnly,
//! SameSite=Strict cookie, idle and absolute timeouts, CSRF on mutations,
//! and login throttling per account and per address.

pub mod session;
pub mod throttle;

pub use session::{Actor, PeranAkun, Sessions};
