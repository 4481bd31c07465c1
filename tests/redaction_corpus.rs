//! Redaction against the labelled corpus (tests/support/corpus.rs): per-kind precision, recall
//! and F1 (printed with `--nocapture`), and the hard guarantees — no planted secret, SSN, card
//! or e-mail survives in a narrative field, and no indicator in an indicator field changes.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{generate, score, Span};
use tearsheet::model::{Indicator, PromptExchange, Report};
use tearsheet::redact::{redact, residual, scan, Action, RedactOptions, RedactionPolicy};
use tearsheet::Profile;

fn predict(text: &str) -> Vec<Span> {
    scan(text).into_iter().map(|d| Span { start: d.start, end: d.end, kind: d.kind }).collect()
}

#[test]
fn scores_per_kind() {
    let samples = generate(4, 300);
    let table = score(&samples, predict);
    println!("\nredaction corpus, seed 4, {} texts\n{}", samples.len(), corpus::format_table(&table));
    let total = table.values().fold((0, 0, 0), |a, c| (a.0 + c.tp, a.1 + c.fp, a.2 + c.fn_));
    let precision = total.0 as f64 / (total.0 + total.1) as f64;
    let recall = total.0 as f64 / (total.0 + total.2) as f64;
    assert!(precision >= 0.95 && recall >= 0.95, "micro precision {precision:.3}, recall {recall:.3}");
}

#[test]
fn stored_sample_is_the_generator_output() {
    let stored = include_str!("data/redaction-corpus.jsonl");
    assert_eq!(stored, corpus::to_jsonl(&generate(4, 200)), "regenerate with `cargo run --example redaction-eval -- --write-corpus`");
}

/// Kinds that must never leave in a narrative.
fn must_go(kind: &str) -> bool {
    kind.starts_with("secret.") || matches!(kind, "pii.us_ssn" | "pii.credit_card" | "pii.email")
}

fn report_of(text: &str, indicators: &[String]) -> Report {
    let mut r = Report { summary: text.to_string(), ..Default::default() };
    r.technical.logs = text.to_string();
    r.technical.prompts.push(PromptExchange { prompt: text.to_string(), response: text.to_string(), succeeded: Some(true) });
    r.detection.indicators = indicators.iter().map(|v| Indicator { value: v.clone(), ..Default::default() }).collect();
    r
}

#[test]
fn nothing_sensitive_leaks_and_indicators_survive() {
    let policy = Profile::builtin("jcdc-ai").unwrap().redaction;
    let mut leaks = Vec::new();
    for (i, s) in generate(4, 120).iter().enumerate() {
        let indicators: Vec<String> = s.spans.iter().filter(|p| p.kind.starts_with("ioc.") || p.kind == "pii.email").map(|p| s.text[p.start..p.end].to_string()).collect();
        let r = report_of(&s.text, &indicators);
        for action in [Action::Mask, Action::Hash, Action::Remove] {
            let out = redact(&r, &policy, &RedactOptions { key: b"corpus key".to_vec(), action: Some(action), ..Default::default() }).unwrap();
            let red = &out.report;
            for field in [&red.summary, &red.technical.logs, &red.technical.prompts[0].prompt, &red.technical.prompts[0].response] {
                for p in s.spans.iter().filter(|p| must_go(p.kind)) {
                    let value = &s.text[p.start..p.end];
                    if field.contains(value) {
                        leaks.push(format!("sample {i} {action:?}: {} leaked", p.kind));
                    }
                }
            }
            let kept: Vec<&str> = red.detection.indicators.iter().map(|x| x.value.as_str()).collect();
            assert_eq!(kept, indicators, "sample {i} {action:?}: indicator fields changed");
            assert!(residual(red, &policy).is_empty(), "sample {i} {action:?}: {:?}", residual(red, &policy));
        }
    }
    assert!(leaks.is_empty(), "{} leaks: {:?}", leaks.len(), &leaks[..leaks.len().min(10)]);
}

#[test]
fn jcdc_ai_keeps_the_reporters_contact_and_says_so() {
    let mut r = Report::default();
    r.reporter.name = "Jane Doe".into();
    r.reporter.email = "jane.doe@acme-corp.com".into();
    r.summary = "Reach Jane Doe <jane.doe@acme-corp.com> for details.".into();
    let policy = Profile::builtin("jcdc-ai").unwrap().redaction;
    let out = redact(&r, &policy, &RedactOptions::default()).unwrap();
    assert_eq!(out.report.reporter.email, "jane.doe@acme-corp.com");
    assert!(!out.report.summary.contains("jane.doe"));
    let kept: Vec<_> = out.log().iter().filter(|e| e.action == "keep").map(|e| (e.path.as_str(), e.by.as_ref())).collect();
    assert!(kept.contains(&("/reporter/email", "policy")) && kept.contains(&("/reporter/name", "policy")), "{kept:?}");
    let open = RedactionPolicy::default();
    let out = redact(&r, &open, &RedactOptions::default()).unwrap();
    assert_eq!(out.report.reporter.email, "[REDACTED:pii.email]");
}

/// The scanner's exact output on the 1 MB mixed benchmark corpus, as a count and an FNV-1a
/// fingerprint of every span (start, end, kind). Recorded with the meta-regex engine before it
/// was replaced by the lazy DFAs used directly: an engine change must give the same spans byte
/// for byte, not just the same scores.
#[test]
fn mixed_corpus_spans_are_unchanged() {
    let text = corpus::mixed_text(1_000_000);
    let spans = scan(&text);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for d in &spans {
        for b in d.start.to_le_bytes().iter().chain(&d.end.to_le_bytes()).chain(d.kind.as_bytes()) {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    assert_eq!((spans.len(), h), (18_783, 29_836_465_997_156_812), "spans on the mixed corpus changed");
}
