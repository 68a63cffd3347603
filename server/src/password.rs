//! Password hashing: Argon2id with the OWASP parameters (m=19456 KiB, t=2,
//! p=1, `Argon2::default()`), run off the async runtime with a bound on how
//! many hashes run at once, so a login storm cannot starve the server; and
//! the keyed hash of activation codes. (What a new password must be is
//! `domain::password`.)

use std::sync::{Arc, LazyLock};

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

/// At most this many hashes at once (each takes ~19 MiB and ~20 ms).
const CONCURRENT_HASHES: usize = 4;

static PERMITS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(CONCURRENT_HASHES)));

/// Hashes a password to a PHC string with a fresh random salt.
pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    Ok(Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("argon2 hash failed: {e}"))?
        .to_string())
}

/// True when `password` matches the PHC string `hash`.
pub fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// An activation code as stored: HMAC-SHA256 under the server's key, so a
/// copy of the database alone cannot be searched for the codes offline.
pub fn hash_kode(kunci: &[u8], kode: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(kunci).expect("HMAC takes a key of any length");
    mac.update(kode.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = PERMITS.clone().acquire_owned().await.context("hash permits closed")?;
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.context("hash task")?
}

pub async fn verify(password: String, hash: String) -> anyhow::Result<bool> {
    let _permit = PERMITS.clone().acquire_owned().await.context("hash permits closed")?;
    tokio::task::spawn_blocking(move || verify_blocking(&password, &hash)).await.context("verify task")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_nothing_else() {
        let h = hash_blocking("rahasia yang panjang").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking("rahasia yang panjang", &h));
        assert!(!verify_blocking("rahasia yang salah", &h));
        assert!(!verify_blocking("x", "not a phc string"));
    }
}
