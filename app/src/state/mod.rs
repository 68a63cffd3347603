//! UI logic as plain types, tested natively.

pub mod admin;
pub mod antrian;
pub mod auth;
pub mod banding;
pub mod berkas;
pub mod draf;
pub mod editor;
pub mod form;
pub mod kuadran;
pub mod outbox;
pub mod pengaturan;
pub mod penilaian;
pub mod penilaian_lama;
pub mod penilaian_lama_saya;
pub mod realisasi;
pub mod skp;
pub mod tempel_libur;
pub mod tenggat;
pub mod umpan_balik;
pub mod umpan_balik_penilai;
