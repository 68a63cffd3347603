//! Criterion benchmarks (never timed tests). Filled in by the domain work.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
#[cfg(target_arch = "wasm32")]
fn main() {}
