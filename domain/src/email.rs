//! An e-mail address, as a person sets it on their account page: checked
//! once here, for the browser and the server alike.
//!
//! Deliberately plainer than RFC 5322: `local@domain` with a dot-atom local
//! part (letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, no leading, trailing
//! or double dot) and a domain of at least two ASCII labels (letters, digits,
//! inner hyphens). Every address this accepts, an SMTP library accepts too;
//! quoted local parts, IP literals and non-ASCII domains are refused.

use crate::teks::Teks;

/// A checked address. The only way to get one is [`Email::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

/// At most this many characters in all (RFC 5321's path limit less `<>`).
pub const PANJANG_MAKS: usize = 254;

impl Email {
    /// The address `masukan` without surrounding spaces, or the bilingual
    /// reason it is not one.
    pub fn parse(masukan: &str) -> Result<Email, Teks> {
        let s = masukan.trim();
        let salah = || {
            Teks::new(
                "Alamat e-mail tidak valid; contoh: nama@instansi.go.id.",
                "Not a valid e-mail address; for example: nama@instansi.go.id.",
            )
        };
        if s.chars().count() > PANJANG_MAKS {
            return Err(Teks::new(
                format!("Alamat e-mail paling panjang {PANJANG_MAKS} karakter."),
                format!("An e-mail address is at most {PANJANG_MAKS} characters."),
            ));
        }
        let (lokal, domain) = s.rsplit_once('@').ok_or_else(salah)?;
        if lokal_sah(lokal) && domain_sah(domain) { Ok(Email(s.to_owned())) } else { Err(salah()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn lokal_sah(s: &str) -> bool {
    const TANDA: &str = "!#$%&'*+/=?^_`{|}~-";
    !s.is_empty()
        && s.len() <= 64
        && s.split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(|c| c.is_ascii_alphanumeric() || TANDA.contains(c)))
}

fn domain_sah(s: &str) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    s.len() <= 253 && s.split('.').count() >= 2 && s.split('.').all(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_address_is_kept_as_typed_without_surrounding_spaces() {
        for (masukan, disimpan) in [
            ("nama@instansi.go.id", "nama@instansi.go.id"),
            ("  Siti.Rahma+skp@bkn.go.id ", "Siti.Rahma+skp@bkn.go.id"),
            ("a_b-c@sub-domain.example.co.id", "a_b-c@sub-domain.example.co.id"),
            ("x@y.z", "x@y.z"),
        ] {
            assert_eq!(Email::parse(masukan).map(|e| e.to_string()), Ok(disimpan.to_owned()), "{masukan:?}");
        }
    }

    #[test]
    fn what_is_not_a_plain_address_is_refused_with_a_bilingual_reason() {
        for (masukan, why) in [
            ("", "empty"),
            ("   ", "blank"),
            ("nama", "no @"),
            ("@instansi.go.id", "no local part"),
            ("nama@", "no domain"),
            ("nama@localhost", "a domain of one label"),
            ("nama@instansi..go.id", "an empty label"),
            ("nama@-instansi.go.id", "a label starting with a hyphen"),
            ("nama@instansi.go.id.", "a trailing dot"),
            (".nama@instansi.go.id", "a leading dot"),
            ("na..ma@instansi.go.id", "a double dot"),
            ("na ma@instansi.go.id", "a space inside"),
            ("nama@instansi.go.id\nBcc: x@y.z", "a header injection"),
            ("a@b@instansi.go.id", "two @"),
            ("\"na ma\"@instansi.go.id", "a quoted local part"),
            ("nama@[127.0.0.1]", "an IP literal"),
            ("nama@instansí.go.id", "a non-ASCII domain"),
            ("<nama@instansi.go.id>", "angle brackets"),
        ] {
            let t = Email::parse(masukan).expect_err(why);
            assert!(t.id.contains("e-mail") && t.en.contains("e-mail"), "{why}: {t:?}");
        }
        let panjang = format!("{}@instansi.go.id", "a".repeat(250));
        assert!(Email::parse(&panjang).unwrap_err().en.contains("254"));
        let lokal_65 = format!("{}@instansi.go.id", "a".repeat(65));
        assert!(Email::parse(&lokal_65).is_err(), "a local part over 64 characters");
    }
}
