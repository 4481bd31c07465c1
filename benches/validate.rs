//! Validation speed: parse + validate a complete report (the prompt-injection fixture answers
//! 58 of 59 points, with indicators, techniques and timestamps), and validate an already
//! parsed one. `cargo bench --bench validate --bench validate-mimalloc` prints the figures:
//! with the system's allocator here, with mimalloc (the CLI's) in `validate-mimalloc.rs`.
//!
//! On a shared machine, count instructions instead (load-independent): build
//! `cargo build --profile bench --example validate-loop`, run
//! `valgrind --tool=callgrind target/release/examples/validate-loop N` for N = 100 and 1100,
//! and divide the difference of the two totals by 1000.

#[path = "support/validate.rs"]
mod validate;

fn bench(c: &mut criterion::Criterion) {
    validate::bench(c, "system allocator");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
