//! Issue 24's budget: one dokumen evaluasi PDF in ≤ 200 ms on one core,
//! warm. Renders the sample D.1.1 (five RHK, seven values) `N` times (200 by
//! default) after a warm-up and prints p50/p95/max; a figure, never a gate.
//! `make bench-pdf` runs it pinned to one core.

use std::time::Instant;

fn main() {
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let d = pdf::contoh::dokumen();
    let mut ukuran = 0;
    for _ in 0..5 {
        ukuran = pdf::dokumen_evaluasi(&d).expect("renders").len();
    }
    let mut ms: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            let b = pdf::dokumen_evaluasi(&d).expect("renders");
            std::hint::black_box(b);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    let p = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).saturating_sub(1).min(ms.len() - 1)];
    println!(
        "dokumen evaluasi PDF ({ukuran} bytes), {n} renders warm: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (budget ≤ 200 ms)",
        p(0.5),
        p(0.95),
        p(1.0)
    );
}
