//! Small components that render what they are given and never fetch
//! (the frame and the session overlay are the app's shell).

pub mod form_login;
pub mod galat;
pub mod kerangka;
pub mod kuadran;
pub mod muat;
pub mod perlu_masuk;
pub mod pratinjau;
pub mod rhk_form;
pub mod sesi_berakhir;
pub mod status;
