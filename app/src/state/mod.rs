//! UI logic as plain types, tested natively.

pub mod kuadran;
