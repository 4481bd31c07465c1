//! Redacts a report holding the 1 MB mixed corpus in a loop, for profilers: what `redact` costs
//! beyond `scan` (policy, replacements, the log with its UTF-16 offsets).
//!
//! ```text
//! cargo build --profile bench --example redact-loop
//! valgrind --tool=callgrind target/release/examples/redact-loop 1   # warm-up + 1 redaction
//! valgrind --tool=callgrind target/release/examples/redact-loop 4   # the difference / 3: per MB
//! ```
#[path = "../tests/support/corpus.rs"]
mod corpus;

use tearsheet::redact::{redact, RedactOptions, RedactionPolicy};
use tearsheet::model::PromptExchange;
use tearsheet::Report;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let text = corpus::mixed_text(1_000_000);
    let mut report = Report::default();
    // The bench's 1 MB as 64 KB prompt pastes, as the node benchmark gives it to the wasm.
    report.technical.prompts = corpus::pastes(&text, 64 * 1024).into_iter().map(|p| PromptExchange { prompt: p.to_string(), ..Default::default() }).collect();
    let policy = RedactionPolicy::default();
    let options = RedactOptions { key: b"loop key".to_vec(), ..Default::default() };
    let t = std::time::Instant::now();
    let mut logged = 0;
    for _ in 0..n {
        logged += match redact(std::hint::black_box(&report), &policy, &options) {
            Ok(r) => r.log().len(),
            Err(e) => panic!("{}", e.message()),
        };
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{n} redactions of {} bytes, {logged} log entries, {:.1} MB/s", text.len(), (n * text.len()) as f64 / 1e6 / secs.max(1e-9));
}
