//! The server's integration tests: a real server on port 0, a fresh database
//! per test, on SQLite and (when `EKINERJA_TEST_PG` is set) on PostgreSQL.

mod helpers;

mod auth;
mod health;
mod seed;
mod spa;
