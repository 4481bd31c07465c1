//! Scores the scanner on the labelled corpus and prints per-kind precision, recall and F1.
//!
//! ```text
//! cargo run --release --example redaction-eval                  # the table (seed 4, 300 texts)
//! cargo run --release --example redaction-eval -- --write-corpus  # rewrite tests/data/redaction-corpus.jsonl
//! cargo run --release --example redaction-eval -- --mixed 1000000 > target/mixed.txt  # bench corpus
//! ```

#[path = "../tests/support/corpus.rs"]
mod corpus;

use corpus::{generate, score, Span};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--write-corpus") => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/redaction-corpus.jsonl");
            if let Err(e) = std::fs::write(path, corpus::to_jsonl(&generate(4, 200))) {
                eprintln!("cannot write {path}: {e}");
                std::process::exit(2);
            }
            println!("wrote {path}");
        }
        Some("--errors") => {
            // Every false positive and false negative, with a little context, for tuning.
            for s in generate(4, 300) {
                let got: Vec<Span> = tearsheet::redact::scan(&s.text).into_iter().map(|d| Span { start: d.start, end: d.end, kind: d.kind }).collect();
                let around = |p: &Span| s.text.get(p.start.saturating_sub(30)..(p.end + 10).min(s.text.len())).unwrap_or("").replace('\n', " ");
                for g in got.iter().filter(|g| !s.spans.contains(g)) {
                    println!("FP {:<22} {:?}", g.kind, around(g));
                }
                for l in s.spans.iter().filter(|l| !got.contains(l)) {
                    println!("FN {:<22} {:?}", l.kind, around(l));
                }
            }
        }
        Some("--time") => {
            // A quick native figure without criterion: best of 5 scans of a 1 MB corpus, after
            // one that warms the lazy DFAs up (as criterion's warm-up does).
            let text = corpus::mixed_text(1_000_000);
            let t = std::time::Instant::now();
            tearsheet::redact::scan(&text);
            println!("first scan: {:.1} MB/s", text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
            let best = (0..5).map(|_| {
                let t = std::time::Instant::now();
                let n = tearsheet::redact::scan(&text).len();
                (t.elapsed().as_secs_f64(), n)
            }).fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a });
            println!("scan: {:.1} MB/s ({} spans)", text.len() as f64 / 1e6 / best.0, best.1);
        }
        Some("--mixed") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
            print!("{}", corpus::mixed_text(n));
        }
        _ => {
            let samples = generate(4, 300);
            let table = score(&samples, |t| {
                tearsheet::redact::scan(t).into_iter().map(|d| Span { start: d.start, end: d.end, kind: d.kind }).collect()
            });
            println!("redaction corpus: seed 4, {} texts, exact span + kind matches\n", samples.len());
            print!("{}", corpus::format_table(&table));
        }
    }
}
