//! The three rule sets a period can name.

pub mod permenpanrb_6_2022;
