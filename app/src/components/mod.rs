//! Small components that render what they are given and never fetch.

pub mod kuadran;
pub mod status_server;
