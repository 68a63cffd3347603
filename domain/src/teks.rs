//! Bilingual text and the explanation every result carries.

use serde::{Deserialize, Serialize};

/// A user-facing sentence in Bahasa Indonesia (`id`, shown first) and English (`en`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Teks {
    pub id: String,
    pub en: String,
}

impl Teks {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Teks { id: id.into(), en: en.into() }
    }

    /// The text in the given language code (`"en"` for English, Indonesian otherwise).
    pub fn dalam(&self, bahasa: &str) -> &str {
        if bahasa == "en" { &self.en } else { &self.id }
    }
}

/// How a result was reached: which rule, from which source, with which
/// inputs and intermediate numbers, one step per sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penjelasan {
    /// A stable rule id, e.g. `permenpanrb_6_2022.kuadran`.
    pub aturan: String,
    /// The legal source, e.g. `PermenPANRB 6/2022 Lampiran Bab IV.B.3`.
    pub sumber: String,
    pub langkah: Vec<Teks>,
}

impl Penjelasan {
    pub fn new(aturan: impl Into<String>, sumber: impl Into<String>) -> Self {
        Penjelasan { aturan: aturan.into(), sumber: sumber.into(), langkah: Vec::new() }
    }

    pub fn langkah(mut self, id: impl Into<String>, en: impl Into<String>) -> Self {
        self.langkah.push(Teks::new(id, en));
        self
    }
}
