//! Native throughput of `scan` and `redact` on a 1 MB mixed corpus (prompts, logs, e-mail
//! threads from tests/support/corpus.rs). `cargo bench --bench redact`; criterion prints MB/s
//! as `thrpt`. `scan` uses a thread per core on a text this long; `scan 1MB, one thread` is
//! the scanner's own speed.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tearsheet::redact::{redact, scan, scan_on_threads, RedactOptions, RedactionPolicy};
use tearsheet::model::PromptExchange;
use tearsheet::Report;

fn bench(c: &mut Criterion) {
    let text = corpus::mixed_text(1_000_000);
    let mut report = Report::default();
    // The bench's 1 MB as 64 KB prompt pastes, as the node benchmark gives it to the wasm.
    report.technical.prompts = corpus::pastes(&text, 64 * 1024).into_iter().map(|p| PromptExchange { prompt: p.to_string(), ..Default::default() }).collect();
    let policy = RedactionPolicy::default();
    let options = RedactOptions { key: b"bench key".to_vec(), ..Default::default() };
    let mut g = c.benchmark_group("redaction");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    // `scan` takes a core per 256 KiB part of a long text; the plain scan is one thread's.
    g.bench_function("scan 1MB", |b| b.iter(|| scan(std::hint::black_box(&text)).len()));
    g.bench_function("scan 1MB, one thread", |b| b.iter(|| scan_on_threads(std::hint::black_box(&text), 1).len()));
    // Fails loudly rather than timing an error path.
    assert!(redact(&report, &policy, &options).is_ok(), "the bench report must redact");
    g.bench_function("redact 1MB", |b| b.iter(|| redact(std::hint::black_box(&report), &policy, &options).map(|r| r.log().len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
