// The fuzz entry points, shared by the cargo-fuzz targets (fuzz/fuzz_targets/*.rs) and by the
// stable regression test (tests/fuzz_regressions.rs), which feeds every file of
// fuzz/corpus/<target>/ and fuzz/regressions/<target>/ to the same function. A target fails by
// panicking: on its own (the library must not panic on any input) or through an assertion of
// a property that must hold for every input it accepts.

use tearsheet::{validate_bytes, Options, Profile, Timestamp, Tlp};

fn clock() -> Options {
    Options { now: Timestamp::parse("2025-08-01T00:00:00Z") }
}

/// Report parsing and validation under every built-in profile. Properties: the answer
/// serializes as JSON; `valid` agrees with the findings; the findings stay within MAX_FINDINGS;
/// an error carries a documented code.
pub fn validate(data: &[u8]) {
    for name in tearsheet::profile::builtin_names() {
        let Ok(profile) = Profile::builtin(name) else { panic!("built-in profile {name} does not load") };
        match validate_bytes(data, &profile, clock()) {
            Ok(v) => {
                let has_error = v.findings.iter().any(|f| f.severity == tearsheet::Severity::Error);
                assert!(v.findings.len() <= tearsheet::limits::MAX_FINDINGS);
                if v.findings.iter().all(|f| f.code != "findings-truncated") {
                    assert_eq!(v.valid, !has_error, "valid disagrees with the findings");
                }
                assert!(serde_json::to_vec(&v).is_ok());
            }
            Err(e) => assert!(
                tearsheet::error::ERROR_CODES.iter().any(|(c, _)| *c == e.code()),
                "undocumented error code {}",
                e.code()
            ),
        }
    }
}

/// TLP labels read leniently. Properties: whatever is accepted, its canonical label and code
/// read back as the same level with no correction.
pub fn tlp(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some((level, _)) = Tlp::parse_lenient(text) {
        assert_eq!(Tlp::parse_lenient(level.label()).map(|(t, c)| (t, c.is_none())), Some((level, true)));
        assert_eq!(Tlp::from_canonical(level.code()), Some(level));
    }
}

/// Portal profiles from JSON. Properties: a profile that loads can validate a report.
pub fn profile(data: &[u8]) {
    if let Ok(p) = Profile::from_json(data) {
        let _ = validate_bytes(br#"{"kind": "incident", "title": "t", "tlp": "TLP:GREEN"}"#, &p, clock());
    }
}

/// Every export format of a report that parses. Properties: every JSON-based body is JSON; a
/// STIX export can be linted (the linter reads it as a bundle, whatever it finds).
pub fn export(data: &[u8]) {
    use tearsheet::export::{export, ExportOptions, Format, FORMATS};
    let Ok(parsed) = tearsheet::parse_report(data) else { return };
    let profile = Profile::default_profile();
    for info in FORMATS {
        let options = ExportOptions { destination: None, allow_unredacted: true };
        if let Ok(out) = export(&parsed.value, &profile, info.format, &options) {
            if matches!(info.format, Format::Json | Format::Stix | Format::Taxii | Format::Misp) {
                assert!(serde_json::from_str::<serde_json::Value>(&out.body).is_ok(), "{} export is not JSON", info.name);
            }
            if info.format == Format::Stix {
                assert!(tearsheet::export::lint_stix(out.body.as_bytes()).is_ok(), "our STIX export is not a bundle");
            }
        }
    }
}

/// The STIX TLP linter on arbitrary bytes (it reads other tools' bundles).
pub fn lint_stix(data: &[u8]) {
    let _ = tearsheet::export::lint_stix(data);
}

/// The scanner on arbitrary text. Properties: spans are in order, non-overlapping, on char
/// boundaries and inside the text.
pub fn scan(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for d in tearsheet::redact::scan(&text) {
        assert!(d.start >= last && d.start < d.end && d.end <= text.len(), "bad span {d:?}");
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        last = d.end;
    }
}

/// Redaction of a report that parses, under the default profile's policy. Property: running
/// it again on its output changes nothing (the module promises idempotence).
pub fn redact(data: &[u8]) {
    use tearsheet::redact::{redact, RedactOptions};
    let Ok(parsed) = tearsheet::parse_report(data) else { return };
    let profile = Profile::default_profile();
    let options = RedactOptions { key: b"fuzz-key".to_vec(), ..RedactOptions::default() };
    if let Ok(once) = redact(&parsed.value, &profile.redaction, &options) {
        if let Ok(twice) = redact(&once.report, &profile.redaction, &options) {
            assert_eq!(serde_json::to_value(&once.report).ok(), serde_json::to_value(&twice.report).ok(), "redaction is not idempotent");
        }
    }
}

/// The edge gate on arbitrary bodies, as JSON and as STIX. Property: it answers (never panics).
pub fn gate(data: &[u8]) {
    use tearsheet::gate::{check, GateConfig, GateRequest};
    let config = GateConfig::default();
    for (path, content_type) in [("/reports", "application/json"), ("/taxii2/api/collections/c/objects/", "application/taxii+json;version=2.1")] {
        let _ = check(GateRequest { path, content_type, body: data, now: Timestamp::parse("2025-08-01T00:00:00Z") }, &config);
    }
}

/// A fuzz target: any bytes, never a panic.
pub type Target = fn(&[u8]);

/// Every target by name: the directory names under fuzz/corpus and fuzz/regressions.
pub const TARGETS: &[(&str, Target)] = &[
    ("validate", validate),
    ("tlp", tlp),
    ("profile", profile),
    ("export", export),
    ("lint_stix", lint_stix),
    ("scan", scan),
    ("redact", redact),
    ("gate", gate),
];
