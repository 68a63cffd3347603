//! The server's integration tests: a real server on port 0, a fresh database
//! per test, on SQLite and (when `EKINERJA_TEST_PG` is set) on PostgreSQL.

// Shared by every test file; not every test uses every helper.
#[allow(dead_code)]
mod helpers;

mod auth;
mod bad_input;
mod balapan;
mod db;
mod email;
mod health;
mod import;
mod keamanan;
mod matrix;
mod notifikasi;
mod openapi;
mod org;
mod pdf;
mod penilaian;
mod preview;
mod realisasi;
mod seed;
mod skp;
mod spa;
mod sync;
mod tulis;
mod umpan_balik;
