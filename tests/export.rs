//! Exports as files: golden outputs for every fixture in every format, byte-for-byte stable
//! (determinism), and the CLI's export and lint-stix contract (exit codes, errors on stderr).
//!
//! Fixtures are not redacted; the golden exports use copies marked `redaction.applied` as the
//! redaction step would leave them. `UPDATE_GOLDEN=1 cargo test --test export` rewrites the
//! golden files after an intended change.

#[path = "support/cli.rs"]
mod support;
use support::{check_golden, fixtures, root, stem, tearsheet};
use std::path::Path;
use std::process::Output;

use tearsheet::export::{export, lint_stix, ExportOptions, Format, FORMATS};
use tearsheet::model::RedactionRecord;
use tearsheet::{parse_report, Profile, Report};

fn redacted(p: &Path) -> Report {
    let mut r = parse_report(&std::fs::read(p).unwrap()).unwrap().value;
    r.redaction = Some(RedactionRecord { applied: true, ..RedactionRecord::default() });
    r
}

#[test]
fn every_fixture_exports_to_its_golden_file_in_every_format() {
    let profile = Profile::default_profile();
    for f in fixtures() {
        let report = redacted(&f);
        for info in FORMATS {
            let out = export(&report, &profile, info.format, &ExportOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            // Twice, from a fresh parse: nothing may depend on the clock or on memory addresses.
            let again = export(&redacted(&f), &profile, info.format, &ExportOptions::default()).unwrap();
            assert_eq!(out, again, "{} {} is not deterministic", stem(&f), info.name);
            let ext = info.extension.trim_start_matches('.');
            check_golden(&format!("{}.export.{ext}", stem(&f)), &out.body);
        }
    }
}

#[test]
fn every_stix_export_passes_the_tlp_lint() {
    for f in fixtures() {
        let body = export(&redacted(&f), &Profile::default_profile(), Format::Stix, &ExportOptions::default()).unwrap().body;
        let findings = lint_stix(body.as_bytes()).unwrap();
        assert!(findings.is_empty(), "{}: {findings:?}", stem(&f));
    }
}

fn error_code(out: &Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|_| panic!("stderr is not JSON: {}", String::from_utf8_lossy(&out.stderr)));
    v["code"].as_str().unwrap().to_string()
}

#[test]
fn cli_export_prints_the_body_and_refuses_with_json_errors() {
    let scanning = root().join("tests/fixtures/scanning.json");
    let path = scanning.to_str().unwrap();
    let out = tearsheet(&["export", path, "--format", "stix"], None);
    assert_eq!((out.status.code(), error_code(&out).as_str()), (Some(2), "export-not-redacted"));
    assert!(out.stdout.is_empty());

    let out = tearsheet(&["export", "-", "--format", "markdown", "--allow-unredacted"], Some(&std::fs::read(&scanning).unwrap()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("**TLP:CLEAR**") && md.trim_end().ends_with("**TLP:CLEAR**") && md.contains("Not redacted"));

    for (args, code) in [
        (vec!["export", path], "invalid-argument"),
        (vec!["export", path, "--format", "pdf"], "export-unknown-format"),
        (vec!["export", path, "--format", "email", "--destination", "nowhere", "--allow-unredacted"], "destination-unknown"),
    ] {
        let out = tearsheet(&args, None);
        assert_eq!((out.status.code(), error_code(&out).as_str()), (Some(2), code), "{args:?}");
    }
    let red = br#"{"title": "x", "tlp": "TLP:RED", "redaction": {"applied": true}}"#;
    let out = tearsheet(&["export", "-", "--format", "email", "--destination", "cisa-jcdc"], Some(red));
    assert_eq!((out.status.code(), error_code(&out).as_str()), (Some(2), "destination-tlp-exceeded"));
    let amber = br#"{"title": "x", "tlp": "amber", "redaction": {"applied": true}}"#;
    let out = tearsheet(&["export", "-", "--format", "email", "--destination", "cisa-jcdc"], Some(amber));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("\r\nTo: CISA.JCDC@cisa.dhs.gov\r\n"));
}

#[test]
fn cli_lint_stix_exit_codes() {
    let bad = br#"{"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "indicator", "id": "indicator--1", "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]}]}"#;
    let out = tearsheet(&["lint-stix", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "stix-marking-missing");
    assert_eq!(v["findings"][0]["path"], "/objects/0/object_marking_refs/0");
    let out = tearsheet(&["lint-stix", "-"], Some(b"[]"));
    assert_eq!((out.status.code(), error_code(&out).as_str()), (Some(2), "stix-not-a-bundle"));
    let good = export(&redacted(&root().join("tests/fixtures/scanning.json")), &Profile::default_profile(), Format::Stix, &ExportOptions::default()).unwrap().body;
    let out = tearsheet(&["lint-stix", "-"], Some(good.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
