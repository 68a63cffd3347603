//! The e-Kinerja server: the JSON API, the host of the built SPA, and the
//! authority that re-validates and recomputes everything with `domain`.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
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
