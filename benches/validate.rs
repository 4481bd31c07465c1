//! Validation speed: parse + validate a complete report (the prompt-injection fixture answers
//! 58 of 59 points, with indicators, techniques and timestamps), and validate an already
//! parsed one. `cargo bench --bench validate` prints the figures.
//!
//! On a shared machine, count instructions instead (load-independent): build
//! `cargo build --profile bench --example validate-loop`, run
//! `valgrind --tool=callgrind target/release/examples/validate-loop N` for N = 100 and 1100,
//! and divide the difference of the two totals by 1000.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use tearsheet::{parse_report, validate, validate_bytes, Options, Profile, Timestamp};

fn bench(c: &mut Criterion) {
    let bytes = include_bytes!("../tests/fixtures/prompt-injection-copilot.json");
    let options = Options { now: Timestamp::parse("2025-03-03T00:00:00Z") };
    let profiles = [("jcdc-ai", Profile::builtin("jcdc-ai").unwrap()), ("circia", Profile::builtin("circia").unwrap())];
    let mut g = c.benchmark_group("validate");
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

criterion_group!(benches, bench);
criterion_main!(benches);
