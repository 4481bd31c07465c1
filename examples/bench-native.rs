//! The native side of bench/compare, one JSON object on stdout: cold start (first validation in
//! a fresh process, profile loaded), validation latency per fixture, scan throughput on the
//! shared 1 MB corpus, and the spans found in every labelled text (bench/compare scores them
//! the same way for every tool).
//!
//! ```text
//! bench-native --write-corpus PATH        # the 1 MB mixed corpus every tool reads
//! bench-native CORPUS LABELLED FIXTURE...
//! ```
#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::time::Instant;

/// Timed scans of the whole corpus; the median is reported (the first run also warms up).
const SCAN_RUNS: usize = 5;
/// Timed validations of each fixture; the median is reported.
const VALIDATE_RUNS: usize = 200;

fn main() {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--write-corpus") {
        let Some(path) = args.get(1) else { fail("--write-corpus needs a path") };
        // The same generator as the labelled corpus (tests/support/corpus.rs), so the text has
        // the shapes we are scored on: prompts, logs and e-mail threads.
        if let Err(e) = std::fs::write(path, corpus::mixed_text(1_000_000)) {
            fail(&format!("cannot write {path}: {e}"));
        }
        return;
    }
    let [corpus_path, labelled_path, fixtures @ ..] = args.as_slice() else {
        fail("usage: bench-native CORPUS LABELLED FIXTURE...")
    };
    let options = tearsheet::Options { now: tearsheet::Timestamp::parse("2025-08-01T00:00:00Z") };
    let inputs: Vec<Vec<u8>> = fixtures.iter().map(|f| std::fs::read(f).unwrap_or_default()).collect();
    let profile = tearsheet::Profile::default_profile();
    let first_ok = inputs.first().is_some_and(|b| tearsheet::validate_bytes(b, &profile, options).is_ok());
    let cold_ms = start.elapsed().as_secs_f64() * 1e3;

    let per_fixture: Vec<f64> = inputs
        .iter()
        .map(|bytes| {
            median((0..VALIDATE_RUNS).map(|_| {
                let t = Instant::now();
                let _ = std::hint::black_box(tearsheet::validate_bytes(std::hint::black_box(bytes), &profile, options));
                t.elapsed().as_secs_f64() * 1e6
            }))
        })
        .collect();
    let validate_median_us = per_fixture.iter().sum::<f64>() / per_fixture.len().max(1) as f64;

    let text = std::fs::read_to_string(corpus_path).unwrap_or_else(|e| fail(&format!("{corpus_path}: {e}")));
    let mut found = 0;
    let secs = median((0..SCAN_RUNS).map(|_| {
        let t = Instant::now();
        found = std::hint::black_box(tearsheet::redact::scan(std::hint::black_box(&text))).len();
        t.elapsed().as_secs_f64()
    }));
    let mb_per_s = text.len() as f64 / 1e6 / secs;

    let labelled = std::fs::read_to_string(labelled_path).unwrap_or_else(|e| fail(&format!("{labelled_path}: {e}")));
    let mut spans = Vec::new();
    for line in labelled.lines().filter(|l| !l.trim().is_empty()) {
        let sample: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| fail(&format!("{labelled_path}: {e}")));
        let text = sample["text"].as_str().unwrap_or_default();
        let got: Vec<serde_json::Value> = tearsheet::redact::scan(text)
            .into_iter()
            .map(|d| serde_json::json!({ "start": d.start, "end": d.end, "kind": d.kind }))
            .collect();
        spans.push(got);
    }
    let out = serde_json::json!({
        "cold_ms": cold_ms,
        "first_ok": first_ok,
        "validate_median_us": validate_median_us,
        "mb_per_s": mb_per_s,
        "corpus_findings": found,
        "labelled": spans,
    });
    println!("{out}");
}

fn median(xs: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = xs.collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn fail(msg: &str) -> ! {
    eprintln!("bench-native: {msg}");
    std::process::exit(2)
}
