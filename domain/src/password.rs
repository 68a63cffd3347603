//! The password policy: what a new password must be, checked the same way
//! by the server (activation, a password change, `ekinerja create-admin`)
//! and, as the user types, by the app.

use crate::teks::Teks;

/// The shortest password accepted, in characters.
pub const MIN_CHARS: usize = 10;
/// The longest password accepted, in characters.
pub const MAX_CHARS: usize = 128;

/// Checks a new password for the account with this NIP: 10 to 128
/// characters, and not containing the NIP. The refusal says why, in both
/// languages; the caller reports it under its own form field.
pub fn check_new_password(nip: &str, baru: &str) -> Result<(), Teks> {
    let n = baru.chars().count();
    if n < MIN_CHARS {
        return Err(Teks::new("Kata sandi minimal 10 karakter.", "At least 10 characters."));
    }
    if n > MAX_CHARS {
        return Err(Teks::new("Kata sandi maksimal 128 karakter.", "At most 128 characters."));
    }
    if baru.contains(nip) {
        return Err(Teks::new("Kata sandi tidak boleh memuat NIP.", "The password must not contain the NIP."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIP: &str = "199001012020011001";

    #[test]
    fn a_new_password_is_ten_to_a_hundred_twenty_eight_characters_without_the_nip() {
        let table: [(String, Option<&str>, &str); 7] = [
            ("kata-sandi".into(), None, "ten characters is enough"),
            ("pendek".into(), Some("Kata sandi minimal 10 karakter."), "too short"),
            ("ééééééééé".into(), Some("Kata sandi minimal 10 karakter."), "counted in characters, not bytes"),
            ("é".repeat(128), None, "128 characters, more bytes, is allowed"),
            ("a".repeat(129), Some("Kata sandi maksimal 128 karakter."), "too long"),
            (format!("x{NIP}x"), Some("Kata sandi tidak boleh memuat NIP."), "holds the NIP"),
            ("1990010120".into(), None, "a part of the NIP is allowed"),
        ];
        for (baru, expected, why) in table {
            let got = check_new_password(NIP, &baru).err();
            assert_eq!(got.as_ref().map(|t| t.id.as_str()), expected, "{why}");
        }
    }

    #[test]
    fn every_refusal_is_in_both_languages() {
        for baru in ["pendek", &"a".repeat(129), &format!("{NIP}abc")] {
            let t = check_new_password(NIP, baru).unwrap_err();
            assert!(!t.id.is_empty() && !t.en.is_empty() && t.id != t.en, "{t:?}");
        }
    }
}
