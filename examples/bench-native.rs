//! The native side of bench/compare: cold start (first validation in a fresh process, with the
//! profile loaded) and validation latency per fixture, printed as one JSON object.
//! `cargo run --release --example bench-native -- FIXTURE...`
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let files: Vec<String> = std::env::args().skip(1).collect();
    let options = tearsheet::Options { now: tearsheet::Timestamp::parse("2025-08-01T00:00:00Z") };
    let inputs: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap_or_default()).collect();
    let profile = tearsheet::Profile::default_profile();
    let first = inputs.first().map(|b| tearsheet::validate_bytes(b, &profile, options).is_ok());
    let cold_ms = start.elapsed().as_secs_f64() * 1e3;
    let mut per_call = Vec::new();
    for bytes in &inputs {
        let runs = 200;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            let _ = std::hint::black_box(tearsheet::validate_bytes(std::hint::black_box(bytes), &profile, options));
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        per_call.push(times[runs / 2]);
    }
    let median_us = if per_call.is_empty() { 0.0 } else { per_call.iter().sum::<f64>() / per_call.len() as f64 };
    println!("{{\"cold_ms\": {cold_ms:.3}, \"validate_median_us\": {median_us:.2}, \"first_ok\": {}}}", first.unwrap_or(false));
}
