//! One file per route: a page reads its params, owns its resources and
//! actions, and composes components.

pub mod admin;
pub mod aktivasi;
pub mod akun;
pub mod ambil_alih;
pub mod banding;
pub mod beranda;
pub mod dokumen;
pub mod dokumen_evaluasi;
pub mod masuk;
pub mod notifikasi;
pub mod penilai;
pub mod penilai_360;
pub mod penilai_umpan_balik;
pub mod penilaian_lama;
pub mod penilaian_unit;
pub mod predikat_unit;
pub mod realisasi;
pub mod simulasi;
pub mod skp;
pub mod tentang;
pub mod tidak_ditemukan;
pub mod tugas_360;
pub mod umpan_balik;
