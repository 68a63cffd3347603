//! `sqlx::migrate!` embeds `migrations/` at compile time; without this, a
//! new migration file alone would not rebuild the server (stable Rust has no
//! tracked paths for proc macros).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
