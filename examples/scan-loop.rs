//! Scans the 1 MB mixed corpus in a loop, for profilers (callgrind, perf): instruction counts
//! per MB are the robust speed figure on a busy machine.
//!
//! ```text
//! cargo build --release --example scan-loop
//! valgrind --tool=callgrind target/release/examples/scan-loop 1   # warm-up + 1 scan
//! valgrind --tool=callgrind target/release/examples/scan-loop 6   # the difference / 5: per MB
//! target/release/examples/scan-loop 20 1                          # on one thread
//! ```
#[path = "../tests/support/corpus.rs"]
mod corpus;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    // Threads (default: as `scan` decides, one per core for a text this long).
    let threads: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
    let text = corpus::mixed_text(1_000_000);
    let t = std::time::Instant::now();
    let mut spans = 0;
    for _ in 0..n {
        spans += tearsheet::redact::scan_on_threads(std::hint::black_box(&text), threads).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{n} scans of {} bytes, {spans} spans, {:.1} MB/s", text.len(), (n * text.len()) as f64 / 1e6 / secs.max(1e-9));
}
