//! Property tests of redaction (bounded case counts so the suite stays quick): idempotence, no
//! output span detected again, indicator fields untouched, offsets on character boundaries and
//! UTF-16 offsets consistent with the byte offsets.

#[path = "support/corpus.rs"]
mod corpus;

use proptest::prelude::*;
use tearsheet::model::{Indicator, Report};
use tearsheet::redact::{redact, scan, Action, RedactOptions, RedactionPolicy};

/// Text made of corpus fragments, planted values and arbitrary (also non-ASCII) characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        (0u64..10_000).prop_map(|seed| { let mut r = corpus::Rng::new(seed); corpus::email(&mut r) }),
        (0u64..10_000).prop_map(|seed| { let mut r = corpus::Rng::new(seed); corpus::ssn(&mut r) }),
        (0u64..10_000).prop_map(|seed| { let mut r = corpus::Rng::new(seed); corpus::card(&mut r) }),
        (0u64..10_000).prop_map(|seed| { let mut r = corpus::Rng::new(seed); corpus::phone(&mut r) }),
        (0u64..10_000).prop_map(|seed| { let mut r = corpus::Rng::new(seed); corpus::secret(&mut r).1 }),
        (0u64..500).prop_map(|seed| corpus::generate(seed, 1)[0].text.clone()),
        "[a-zA-Z0-9 .:@=/_é→\\-\n]{0,40}",
    ];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.join(" "))
}

fn report(summary: String, indicator: String) -> Report {
    let mut r = Report { summary, ..Default::default() };
    r.detection.indicators.push(Indicator { value: indicator, ..Default::default() });
    r
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![Just(Action::Mask), Just(Action::Hash), Just(Action::Remove)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn idempotent_and_nothing_left(t in text(), ind in "[a-z]{3,8}\\[\\.\\]example|198\\.51\\.100\\.[0-9]{1,2}|x@evil\\.example", a in action()) {
        let policy = RedactionPolicy::default();
        let opts = RedactOptions { key: b"prop key".to_vec(), action: Some(a), ..Default::default() };
        let once = redact(&report(t, ind.clone()), &policy, &opts).unwrap();
        let twice = redact(&once.report, &policy, &opts).unwrap();
        prop_assert_eq!(&twice.report, &once.report);
        prop_assert_eq!(&once.report.detection.indicators[0].value, &ind);
        // Nothing the policy redacts is found again in the output.
        prop_assert!(tearsheet::redact::residual(&once.report, &policy).is_empty());
        for d in scan(&once.report.summary) {
            prop_assert!(!d.kind.starts_with("secret.") && !d.kind.starts_with("pii."), "{} found again", d.kind);
        }
    }

    #[test]
    fn offsets_are_boundaries_and_utf16_agrees(t in text()) {
        for d in scan(&t) {
            prop_assert!(t.is_char_boundary(d.start) && t.is_char_boundary(d.end) && d.start < d.end);
        }
        let out = redact(&report(t.clone(), String::new()), &RedactionPolicy::default(), &RedactOptions::default()).unwrap();
        for e in out.log().iter().filter(|e| e.path == "/summary") {
            prop_assert!(t.is_char_boundary(e.start) && t.is_char_boundary(e.end));
            prop_assert_eq!(e.start_utf16, t[..e.start].encode_utf16().count());
            prop_assert_eq!(e.end_utf16, t[..e.end].encode_utf16().count());
        }
    }
}
