//! Each limit in `src/limits.rs` is enforced with its own error code or finding, through the
//! public entry points a portal, the edge and the CLI use.

use tearsheet::limits::*;
use tearsheet::{validate_bytes, Options, Profile};

fn validate(json: &str) -> Result<tearsheet::Validation, tearsheet::Error> {
    validate_bytes(json.as_bytes(), &Profile::default_profile(), Options::default())
}

fn indicators(n: usize, value: &str) -> String {
    let one = format!(r#"{{"type": "ipv4", "value": "{value}"}}"#);
    format!(r#"{{"detection": {{"indicators": [{}]}}}}"#, vec![one; n].join(","))
}

#[test]
fn findings_are_cut_at_the_limit_keeping_errors_and_saying_so() {
    let v = validate(&indicators(MAX_FINDINGS + 500, "not-an-address")).unwrap();
    assert!(!v.valid, "the cut must not hide that the report is invalid");
    assert_eq!(v.findings.len(), MAX_FINDINGS);
    let last = v.findings.last().unwrap();
    assert_eq!(last.code, "findings-truncated");
    assert!(last.message.contains("left out"), "{}", last.message);
    // Everything kept before the note is an error: the least severe went first.
    assert!(v.findings[..MAX_FINDINGS - 1].iter().all(|f| f.severity == tearsheet::Severity::Error));
}

#[test]
fn a_report_under_the_findings_limit_is_not_cut() {
    let v = validate(&indicators(10, "not-an-address")).unwrap();
    assert!(v.findings.iter().all(|f| f.code != "findings-truncated"));
}

#[test]
fn too_many_indicators_is_a_coded_error_with_a_path() {
    let e = validate(&indicators(MAX_INDICATORS + 1, "192.0.2.1")).unwrap_err();
    assert_eq!(e.code(), "input-too-many-items");
    assert_eq!(e.path(), Some("/detection/indicators"));
    assert!(validate(&indicators(MAX_INDICATORS, "192.0.2.1")).is_ok());
}

#[test]
fn too_many_list_items_is_a_coded_error_with_a_path() {
    let one = r#"{"id": "T1059"}"#;
    let json = format!(r#"{{"attribution": {{"techniques": [{}]}}}}"#, vec![one; MAX_LIST_ITEMS + 1].join(","));
    let e = validate(&json).unwrap_err();
    assert_eq!(e.code(), "input-too-many-items");
    assert_eq!(e.path(), Some("/attribution/techniques"));
}

#[test]
fn size_depth_string_and_value_limits_each_have_their_code() {
    let cases: [(String, &str); 4] = [
        (" ".repeat(MAX_INPUT_BYTES + 1), "input-too-large"),
        (format!("{{\"a\":{}{}}}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1)), "input-too-deep"),
        (format!("{{\"title\":\"{}\"}}", "x".repeat(MAX_STRING_BYTES + 1)), "input-string-too-long"),
        (format!("{{\"a\":[{}0]}}", "0,".repeat(MAX_JSON_VALUES)), "input-too-many-values"),
    ];
    for (input, want) in cases {
        assert_eq!(validate(&input).unwrap_err().code(), want);
    }
}

#[test]
fn every_limit_is_listed_and_every_error_code_is_documented() {
    let names: Vec<&str> = LIMITS.iter().map(|(n, _)| *n).collect();
    for n in ["MAX_INPUT_BYTES", "MAX_DEPTH", "MAX_INDICATORS", "MAX_LIST_ITEMS", "MAX_STRING_BYTES", "MAX_JSON_VALUES", "MAX_FINDINGS", "MAX_SCAN_BYTES"] {
        assert!(names.contains(&n), "{n} missing from LIMITS");
    }
    for code in ["input-string-too-long", "input-too-many-values"] {
        assert!(tearsheet::error::ERROR_CODES.iter().any(|(c, _)| *c == code), "{code}");
    }
    let readme = include_str!("../README.md");
    for n in names {
        assert!(readme.contains(n), "README does not document {n}");
    }
}
