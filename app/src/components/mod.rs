//! Small components that render what they are given and never fetch
//! (the frame and the session overlay are the app's shell).

pub mod admin_aktivasi;
pub mod admin_atasan;
pub mod admin_aturan;
pub mod admin_batas_360;
pub mod admin_error;
pub mod admin_form_atasan;
pub mod admin_form_periode;
pub mod admin_impor;
pub mod admin_laporan;
pub mod admin_mode_distribusi;
pub mod admin_periode;
pub mod admin_pilih_pegawai;
pub mod admin_unduh;
pub mod admin_unit;
pub mod cari_rekan;
pub mod dokumen_skp;
pub mod field_errors;
pub mod form_login;
pub mod kerangka;
pub mod konfirmasi;
pub mod kuadran;
pub mod lampiran;
pub mod lonceng;
pub mod muat;
pub mod nilai_lama;
pub mod penilaian_lama_saya;
pub mod perlu_masuk;
pub mod perubahan;
pub mod predikat_organisasi;
pub mod preview;
pub mod rhk_form;
pub mod sandi_baru;
pub mod session_ended;
pub mod status;
pub mod sync_bar;
