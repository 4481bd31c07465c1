//! The CLI as a pipeline sees it: golden outputs for every fixture, exit codes, and hostile
//! input that must give exit 2 with a JSON error — never a panic.
//!
//! `UPDATE_GOLDEN=1 cargo test --test cli` rewrites the golden files after an intended change.

#[path = "support/cli.rs"]
mod support;
#[path = "support/corpus.rs"]
mod corpus;
use support::{check_golden, fixtures, root, stem, tearsheet};

const NOW: &str = "2025-08-01T00:00:00Z";

#[test]
fn validate_matches_golden_output_for_every_fixture() {
    for f in fixtures() {
        for profile in ["jcdc-ai", "circia"] {
            let out = tearsheet(&["validate", f.to_str().unwrap(), "--profile", profile, "--now", NOW, "--pretty"], None);
            let stdout = String::from_utf8(out.stdout).unwrap();
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let expected_code = if v["valid"] == true { 0 } else { 1 };
            assert_eq!(out.status.code(), Some(expected_code), "{}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
            check_golden(&format!("{}.{profile}.validate.json", stem(&f)), &stdout);
        }
    }
}

#[test]
fn good_fixtures_are_valid_and_the_broken_one_is_not() {
    for f in fixtures() {
        let out = tearsheet(&["validate", f.to_str().unwrap(), "--now", NOW], None);
        let broken = stem(&f) == "broken";
        assert_eq!(out.status.code(), Some(if broken { 1 } else { 0 }), "{}", f.display());
    }
}

#[test]
fn stdin_and_file_give_the_same_answer() {
    let f = root().join("tests/fixtures/scanning.json");
    let a = tearsheet(&["validate", f.to_str().unwrap(), "--now", NOW], None);
    let b = tearsheet(&["validate", "-", "--now", NOW], Some(&std::fs::read(&f).unwrap()));
    assert_eq!(a.stdout, b.stdout);
}

fn assert_input_error(input: &[u8], code: &str) {
    let out = tearsheet(&["validate", "-", "--now", NOW], Some(input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "expected exit 2 for {code}, stderr: {stderr}");
    let err: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap_or_else(|_| panic!("stderr is not a JSON error: {stderr}"));
    assert_eq!(err["code"], code, "{stderr}");
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(out.stdout.is_empty());
}

#[test]
fn hostile_input_is_exit_2_with_a_json_error() {
    assert_input_error(b"not json at all", "input-not-json");
    assert_input_error(b"", "input-not-a-report");
    assert_input_error(b"[1, 2, 3]", "input-not-a-report");
    assert_input_error(b"{\"kind\": \"incident\", \"title\": \"cut", "input-truncated");
    assert_input_error(b"{\"title\": [1]}", "input-wrong-type");
    assert_input_error(b"{\"detection\": {\"indicators\": {\"value\": 1}}}", "input-wrong-type");
    assert_input_error(b"{\"title\": \"caf\xe9\"}", "input-not-utf8");
    assert_input_error(b"\xff\xfe{\x00}", "input-not-utf8");
    let deep = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_input_error(deep.as_bytes(), "input-too-deep");
    let deep_arrays = format!("{{\"title\":{}{}}}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    assert_input_error(deep_arrays.as_bytes(), "input-too-deep");
    // 50 MB: refused after reading at most the limit plus one byte.
    let big = vec![b' '; 50 * 1024 * 1024];
    assert_input_error(&big, "input-too-large");
}

#[test]
fn wrong_types_name_their_path_and_position() {
    let out = tearsheet(&["validate", "-"], Some(b"{\n  \"detection\": {\"indicators\": [{\"value\": \"a\"}, {\"value\": false}]}\n}"));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["path"], "/detection/indicators/1/value");
    assert_eq!(err["line"], 2);
}

#[test]
fn random_bytes_never_panic() {
    // A cheap deterministic fuzz: mutate a fixture many ways; every run must end in 0, 1 or 2
    // (a panic would be 101). The real fuzzing lives in fuzz/.
    let base = std::fs::read(root().join("tests/fixtures/prompt-injection-copilot.json")).unwrap();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..40 {
        let mut bytes = base.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % bytes.len();
            bytes[i] = (seed >> 32) as u8;
        }
        let out = tearsheet(&["validate", "-", "--now", NOW], Some(&bytes));
        assert!(matches!(out.status.code(), Some(0..=2)), "status {:?}", out.status);
    }
}

#[test]
fn checklist_schema_and_errors() {
    let out = tearsheet(&["checklist", "--profile", "circia"], None);
    assert_eq!(out.status.code(), Some(0));
    let points: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(points.as_array().unwrap().len(), 59);
    assert!(points.as_array().unwrap().iter().any(|p| p["id"] == "detection.method" && p["required"] == true));

    let out = tearsheet(&["schema"], None);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");

    let out = tearsheet(&["validate", "-", "--profile", "nope"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("profile-unknown"));
    let out = tearsheet(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deadlines_follow_the_clock_passed_in() {
    let report = br#"{"kind":"incident","title":"t","timestamps":{"detected":"2025-03-01T00:00:00Z"}}"#;
    let run = |now: &str| {
        let out = tearsheet(&["validate", "-", "--profile", "circia", "--now", now], Some(report));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["deadlines"][0].clone()
    };
    let open = run("2025-03-02T00:00:00Z");
    assert_eq!(open["status"], "open");
    assert_eq!(open["seconds_left"], 48 * 3600);
    assert_eq!(open["due"], "2025-03-04T00:00:00Z");
    let overdue = run("2025-03-05T00:00:00Z");
    assert_eq!(overdue["status"], "overdue");
    assert_eq!(overdue["seconds_left"], -24 * 3600);
}

/// `--threads N` caps the scanner's threads and nothing else: a 600 KB text (scanned in parts
/// on a machine of two cores or more) and a report holding it give the same output with one
/// thread, two, and the default; 0 and non-numbers are refused with exit 2.
#[test]
fn threads_change_nothing_but_the_threads() {
    let text = corpus::mixed_text(600_000);
    let report = serde_json::json!({ "title": "threads", "summary": text }).to_string();
    let key = "00112233445566778899aabbccddeeff";
    for (command, input) in [("scan", text.as_bytes()), ("redact", report.as_bytes())] {
        let run = |extra: &[&str]| {
            let mut args = vec![command, "-", "--key", key, "--action", "hash"];
            if command == "scan" {
                args.truncate(2);
            }
            args.extend_from_slice(extra);
            let out = tearsheet(&args, Some(input));
            assert_eq!(out.status.code(), Some(0), "{command} {extra:?}: {}", String::from_utf8_lossy(&out.stderr));
            out.stdout
        };
        let default = run(&[]);
        assert!(default.len() > 10_000, "{command}");
        assert_eq!(run(&["--threads", "1"]), default, "{command} --threads 1");
        assert_eq!(run(&["--threads=2"]), default, "{command} --threads=2");
    }
    for bad in ["0", "-1", "two", ""] {
        let out = tearsheet(&["scan", "-", "--threads", bad], Some(b"x"));
        assert_eq!(out.status.code(), Some(2), "--threads {bad:?}");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], "invalid-argument");
    }
}
