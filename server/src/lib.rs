//! The e-Kinerja server: the JSON API, the host of the built SPA, and the
//! authority that re-validates and recomputes everything with `domain`.

pub mod auth;
pub mod berkas;
pub mod cek_halaman;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod email;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod import;
pub mod openapi;
pub mod password;
pub mod routes;
pub mod seed;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;

pub use startup::{Application, app};

/// Every binary that links the server (the CLI, the tests, the benchmark)
/// allocates with mimalloc: under load glibc's malloc was about a sixth of
/// the CPU on the write path (arena locks, consolidation, and large buffers
/// returned to the kernel and zeroed again on the next request).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
