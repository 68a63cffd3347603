//! e-Kinerja's rules as code: every rule of ASN performance management in one
//! place, compiled natively into the server and to WASM into the browser.
//!
//! No I/O, no clock, no randomness: ids and today's date are always passed in.
//! See `GLOSSARY.md` beside this crate for the Indonesian terms.

pub mod angka_kredit;
pub mod api;
pub mod distribusi;
pub mod email;
pub mod error;
pub mod kalender;
pub mod kalkulator;
pub mod nip;
pub mod notifikasi;
pub mod objektivitas;
pub mod password;
pub mod pegawai;
pub mod periode;
pub mod rule_set;
pub mod skp;
pub mod tanggal;
pub mod teks;
pub mod umpan_balik;

pub use error::FieldErrors;
pub use nip::{JenisPegawai, Nip};
pub use pegawai::JenisJabatan;
pub use rule_set::permenpanrb_6_2022::{Predikat, PredikatOrganisasi, RatingEkspektasi, kuadran_predikat};
pub use rule_set::{JenisRhk, RuleSet};
pub use skp::{Skp, SkpInput, StatusSkp};
pub use tanggal::Tanggal;
pub use teks::{Penjelasan, Teks};
pub use umpan_balik::{KelompokPenilai, NilaiBerakhlak};

/// The version of the rules compiled into this build, shown by the app and the server.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
