//! Field-level validation errors, shared by the browser form and the server's 422.
//!
//! Every `*Input::validate()` collects *all* problems into one [`FieldErrors`]
//! so a form can show them at once. The same type carries the non-blocking
//! warnings (`peringatan`) some inputs offer.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::teks::Teks;

/// Field path → bilingual messages, serialised as
/// `{ "rhk[2].uraian": [ { "id": "…", "en": "…" } ] }`.
///
/// Paths use `.` between names and `[i]` for list items, as the form names
/// its fields. Fields are kept sorted so the JSON is stable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<Teks>>);

impl FieldErrors {
    pub fn new() -> Self {
        FieldErrors::default()
    }

    /// Adds a message to a field (builder style).
    pub fn with(mut self, field: impl Into<String>, pesan: Teks) -> Self {
        self.add(field, pesan);
        self
    }

    /// Adds a message to a field; a message the field already has is not
    /// added again (one message once, however many checks found it: the
    /// browser's and the server's, merged, say it once).
    pub fn add(&mut self, field: impl Into<String>, pesan: Teks) -> &mut Self {
        let daftar = self.0.entry(field.into()).or_default();
        if !daftar.contains(&pesan) {
            daftar.push(pesan);
        }
        self
    }

    /// Adds a message built from its Indonesian and English text.
    pub fn push(&mut self, field: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> &mut Self {
        self.add(field, Teks::new(id, en))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of fields with at least one message.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The messages of one field (empty when the field is fine).
    pub fn get(&self, field: &str) -> &[Teks] {
        self.0.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn contains(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// The field paths with messages, sorted.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Teks])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Moves `other`'s messages under `prefix`: with prefix `rhk[2]`, `uraian`
    /// becomes `rhk[2].uraian`, `[0]` becomes `rhk[2][0]` and the whole-object
    /// field `""` becomes `rhk[2]`.
    pub fn merge(&mut self, prefix: &str, other: FieldErrors) -> &mut Self {
        for (field, pesan) in other.0 {
            let field = join(prefix, &field);
            for p in pesan {
                self.add(field.clone(), p);
            }
        }
        self
    }

    /// Merges the error of a nested validation under `prefix` and returns its
    /// value when it was valid, so callers can keep collecting.
    pub fn collect<T>(&mut self, prefix: &str, hasil: Result<T, FieldErrors>) -> Option<T> {
        match hasil {
            Ok(nilai) => Some(nilai),
            Err(e) => {
                self.merge(prefix, e);
                None
            }
        }
    }

    /// `Ok(nilai)` when there is no error, `Err(self)` otherwise.
    pub fn into_result<T>(self, nilai: T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(nilai) } else { Err(self) }
    }

    /// `Ok(())` when there is no error.
    pub fn check(self) -> Result<(), FieldErrors> {
        self.into_result(())
    }
}

/// The path of item `i` of list `nama`, e.g. `rhk[2]`.
pub fn item(nama: &str, i: usize) -> String {
    format!("{nama}[{i}]")
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else if field.is_empty() {
        prefix.to_owned()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

/// Declares an id newtype: ids are generated outside the domain (client
/// UUIDs, database keys) and passed in, serialised as plain strings.
macro_rules! id_type {
    ($(#[$meta:meta])* $nama:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $nama(String);

        impl $nama {
            pub fn new(id: impl Into<String>) -> Self {
                $nama(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $nama {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $nama {
            fn from(id: &str) -> Self {
                $nama(id.to_owned())
            }
        }
    };
}
pub(crate) use id_type;

/// Checks an id typed into an input: required, at most 64 characters, no spaces.
pub(crate) fn id_wajib(errors: &mut FieldErrors, field: &str, nilai: &str) -> Option<String> {
    let nilai = nilai.trim();
    if nilai.is_empty() {
        errors.add(field, pesan::wajib_diisi());
        None
    } else if nilai.chars().count() > 64 || nilai.chars().any(char::is_whitespace) {
        errors.push(field, "Id tidak valid.", "Invalid id.");
        None
    } else {
        Some(nilai.to_owned())
    }
}

/// Trims a required text field and checks its length (in characters).
/// Records the error and returns `None` when it is empty or too long.
pub(crate) fn teks_wajib(errors: &mut FieldErrors, field: &str, nilai: &str, maks: usize) -> Option<String> {
    let nilai = nilai.trim();
    if nilai.is_empty() {
        errors.add(field, pesan::wajib_diisi());
        return None;
    }
    teks_opsional(errors, field, nilai, maks)
}

/// Trims an optional text field and checks its length (in characters).
/// An empty text is valid; `None` means the text was too long.
pub(crate) fn teks_opsional(errors: &mut FieldErrors, field: &str, nilai: &str, maks: usize) -> Option<String> {
    let nilai = nilai.trim();
    let panjang = nilai.chars().count();
    if panjang > maks {
        errors.add(field, pesan::terlalu_panjang(maks, panjang));
        return None;
    }
    Some(nilai.to_owned())
}

/// The messages every form uses.
pub mod pesan {
    use crate::teks::Teks;

    pub fn wajib_diisi() -> Teks {
        Teks::new("Wajib diisi.", "Required.")
    }

    pub fn terlalu_panjang(maks: usize, panjang: usize) -> Teks {
        Teks::new(
            format!("Terlalu panjang: {panjang} karakter, paling banyak {maks}."),
            format!("Too long: {panjang} characters, at most {maks}."),
        )
    }
}

impl fmt::Display for FieldErrors {
    /// English, for logs: `rhk[0].uraian: Required; target: Not a number`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, pesan) in &self.0 {
            for p in pesan {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{field}: {}", p.en)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = (&'a String, &'a Vec<Teks>);
    type IntoIter = std::collections::btree_map::Iter<'a, String, Vec<Teks>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Teks {
        Teks::new(s, s)
    }

    #[test]
    fn a_new_collection_is_empty_and_valid() {
        let e = FieldErrors::new();
        assert!(e.is_empty());
        assert_eq!(e.len(), 0);
        assert_eq!(e.check(), Ok(()));
    }

    #[test]
    fn messages_accumulate_per_field() {
        let e = FieldErrors::new().with("uraian", t("a")).with("uraian", t("b")).with("target", t("c"));
        assert_eq!(e.len(), 2);
        assert_eq!(e.get("uraian"), &[t("a"), t("b")]);
        assert_eq!(e.get("satuan"), &[] as &[Teks]);
        assert_eq!(e.fields().collect::<Vec<_>>(), ["target", "uraian"]);
    }

    #[test]
    fn a_field_says_each_message_once() {
        // The browser's own check and the server's answer, merged: one "Wajib diisi." under the field.
        let mut lokal = FieldErrors::new().with("rhk[0].uraian", t("Wajib diisi."));
        let server = FieldErrors::new().with("uraian", t("Wajib diisi.")).with("uraian", t("Terlalu panjang."));
        lokal.merge("rhk[0]", server);
        assert_eq!(lokal.get("rhk[0].uraian"), &[t("Wajib diisi."), t("Terlalu panjang.")]);
        let e = FieldErrors::new().with("target", t("a")).with("target", t("a"));
        assert_eq!(e.get("target"), &[t("a")]);
    }

    #[test]
    fn merging_prefixes_nested_paths() {
        let cases = [
            ("rhk[2]", "uraian", "rhk[2].uraian"),
            ("rhk[2]", "indikator[0].target", "rhk[2].indikator[0].target"),
            ("rhk[2]", "", "rhk[2]"),
            ("bukti_dukung", "[1]", "bukti_dukung[1]"),
            ("", "uraian", "uraian"),
        ];
        for (prefix, field, expected) in cases {
            let mut e = FieldErrors::new();
            e.merge(prefix, FieldErrors::new().with(field, t("x")));
            assert_eq!(e.fields().collect::<Vec<_>>(), [expected], "{prefix:?} + {field:?}");
        }
    }

    #[test]
    fn collect_keeps_the_value_or_the_errors() {
        let mut e = FieldErrors::new();
        assert_eq!(e.collect("a", Ok::<_, FieldErrors>(1)), Some(1));
        assert_eq!(e.collect::<i32>("b", Err(FieldErrors::new().with("c", t("x")))), None);
        assert_eq!(e.fields().collect::<Vec<_>>(), ["b.c"]);
        assert_eq!(e.into_result(5), Err(FieldErrors::new().with("b.c", t("x"))));
    }

    #[test]
    fn the_wire_format_is_a_map_of_bilingual_lists() {
        let e = FieldErrors::new().with("rhk[0].uraian", Teks::new("Wajib diisi.", "Required."));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json, serde_json::json!({ "rhk[0].uraian": [ { "id": "Wajib diisi.", "en": "Required." } ] }));
        let back: FieldErrors = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn display_lists_every_message_in_english() {
        let e = FieldErrors::new().with("b", Teks::new("x", "Second")).with("a", Teks::new("y", "First"));
        assert_eq!(e.to_string(), "a: First; b: Second");
    }
}
