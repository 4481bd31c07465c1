//! The validation benchmark, shared by `benches/validate.rs` (the system's allocator, what a
//! library user gets by default) and `benches/validate-mimalloc.rs` (the allocator the CLI
//! ships with): one body, two binaries, since a global allocator is chosen per binary.

use criterion::{Criterion, Throughput};
use std::hint::black_box;
use tearsheet::{parse_report, validate, validate_bytes, Options, Profile, Timestamp};

/// The benchmarks, in a group named after the allocator.
pub fn bench(c: &mut Criterion, allocator: &str) {
    let bytes = include_bytes!("../../tests/fixtures/prompt-injection-copilot.json");
    let options = Options { now: Timestamp::parse("2025-03-03T00:00:00Z") };
    let profiles = [("jcdc-ai", Profile::builtin("jcdc-ai").unwrap()), ("circia", Profile::builtin("circia").unwrap())];
    let mut g = c.benchmark_group(format!("validate ({allocator})"));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    for (name, profile) in &profiles {
        g.bench_function(format!("parse+validate complete report ({name})"), |b| {
            b.iter(|| validate_bytes(black_box(bytes), profile, options).unwrap())
        });
    }
    let parsed = parse_report(bytes).unwrap();
    g.bench_function("validate parsed report (jcdc-ai)", |b| b.iter(|| validate(black_box(&parsed), &profiles[0].1, options)));
    g.bench_function("parse only", |b| b.iter(|| parse_report(black_box(bytes)).unwrap()));
    g.finish();
}

