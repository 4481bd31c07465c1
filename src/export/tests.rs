//! Destination rules, refusals and determinism, on the fixtures.

use super::*;
use crate::model::RedactionRecord;
use crate::profile::DestinationKind;

fn fixture(name: &str) -> Report {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    crate::input::parse_report(&std::fs::read(path).unwrap()).unwrap().value
}

fn redacted(mut r: Report) -> Report {
    r.redaction = Some(RedactionRecord { applied: true, ..RedactionRecord::default() });
    r
}

fn at(mut r: Report, tlp: &str) -> Report {
    r.tlp = tlp.into();
    r.markings.clear();
    r
}

fn profile() -> Profile {
    Profile::from_json(
        br#"{"name": "portal", "extends": "jcdc-ai", "destinations": [
        {"id": "isac", "kind": "endpoint", "url": "https://isac.example/api/reports", "max_tlp": "TLP:GREEN"},
        {"id": "partners", "kind": "taxii", "url": "https://taxii.partner.example/api/", "collection": "c1", "max_tlp": "TLP:RED"},
        {"id": "ciso", "kind": "email", "recipients": ["ciso@partner.example"], "max_tlp": "TLP:RED"},
        {"id": "soc", "kind": "email", "recipients": ["soc@corp.example", "ir@eu.corp.example"], "max_tlp": "TLP:RED"},
        {"id": "intranet", "kind": "endpoint", "url": "https://reports.internal/api", "max_tlp": "TLP:AMBER+STRICT", "internal": true},
        {"id": "lookalike", "kind": "email", "recipients": ["soc@corp.example.evil"], "max_tlp": "TLP:RED"}
    ]}"#,
    )
    .unwrap()
}

fn code(r: &Report, dest: &str) -> &'static str {
    check_destination(r, &profile(), dest).map_or_else(|e| e.code(), |_| "ok")
}

#[test]
fn destinations_refuse_above_their_max_tlp() {
    let r = fixture("prompt-injection-copilot");
    assert_eq!(code(&at(r.clone(), "TLP:GREEN"), "isac"), "ok");
    assert_eq!(code(&at(r.clone(), "TLP:AMBER"), "isac"), "destination-tlp-exceeded");
    let red = at(r.clone(), "TLP:RED");
    let e = check_destination(&red, &profile(), "isac").unwrap_err();
    assert_eq!(e.code(), "destination-tlp-exceeded");
    assert!(e.message().contains("TLP:RED") && e.message().contains("TLP:GREEN") && e.message().contains("destination-tlp-exceeded"), "{e}");
    // A RED marking on one section raises the whole report.
    let mut marked = at(r, "TLP:GREEN");
    marked.markings.push(crate::model::Marking { path: "/technical".into(), tlp: "RED".into() });
    assert_eq!(code(&marked, "isac"), "destination-tlp-exceeded");
}

#[test]
fn red_goes_only_to_named_recipients() {
    let red = at(fixture("scanning"), "TLP:RED");
    assert_eq!(code(&red, "partners"), "destination-red-needs-named-recipients");
    assert_eq!(code(&red, "intranet"), "destination-tlp-exceeded");
    assert_eq!(code(&red, "ciso"), "ok");
}

#[test]
fn amber_strict_stays_inside_the_organization() {
    let strict = at(fixture("prompt-injection-copilot"), "TLP:AMBER+STRICT"); // organization_domain corp.example
    assert_eq!(code(&strict, "ciso"), "destination-amber-strict-outside-organization");
    assert_eq!(code(&strict, "partners"), "destination-amber-strict-outside-organization");
    assert_eq!(code(&strict, "lookalike"), "destination-amber-strict-outside-organization", "a suffix is not a subdomain");
    assert_eq!(code(&strict, "soc"), "ok", "recipients in the organisation's domain and subdomains");
    assert_eq!(code(&strict, "intranet"), "ok", "marked internal");
    let mut no_domain = strict.clone();
    no_domain.reporter.organization_domain.clear();
    assert_eq!(code(&no_domain, "soc"), "destination-amber-strict-outside-organization");
    assert_eq!(code(&at(strict, "TLP:AMBER"), "ciso"), "ok");
}

#[test]
fn unknown_destinations_and_labels_are_errors() {
    let r = fixture("scanning");
    let e = check_destination(&r, &profile(), "nowhere").unwrap_err();
    assert_eq!(e.code(), "destination-unknown");
    assert!(e.message().contains("isac"), "{e}");
    assert_eq!(code(&at(r, ""), "isac"), "export-tlp-missing");
    let jcdc = Profile::default_profile();
    let d = check_destination(&fixture("scanning"), &jcdc, "cisa-jcdc").unwrap();
    assert_eq!((d.kind, d.recipients.as_slice()), (DestinationKind::Email, ["CISA.JCDC@cisa.dhs.gov".to_string()].as_slice()));
}

#[test]
fn unredacted_reports_are_refused_unless_allowed_and_then_recorded() {
    let r = fixture("prompt-injection-copilot");
    let p = Profile::default_profile();
    for info in FORMATS {
        let e = export(&r, &p, info.format, &ExportOptions::default()).unwrap_err();
        assert_eq!((e.code(), e.path()), ("export-not-redacted", Some("/redaction")), "{}", info.name);
    }
    let mut not_applied = r.clone();
    not_applied.redaction = Some(RedactionRecord::default());
    assert_eq!(export(&not_applied, &p, Format::Json, &ExportOptions::default()).unwrap_err().code(), "export-not-redacted");

    let allow = ExportOptions { allow_unredacted: true, ..ExportOptions::default() };
    let json: serde_json::Value = serde_json::from_str(&export(&r, &p, Format::Json, &allow).unwrap().body).unwrap();
    assert_eq!(json["redaction"]["unredacted_export"], true);
    let stix = export(&r, &p, Format::Stix, &allow).unwrap().body;
    assert!(stix.contains("\"unredacted-export\"") && stix.contains("Exported without redaction"));
    assert!(export(&r, &p, Format::Misp, &allow).unwrap().body.contains("tearsheet:redaction=\\\"unredacted-export\\\""));
    assert!(export(&r, &p, Format::Email, &allow).unwrap().body.contains("\r\nX-Tearsheet-Redaction: unredacted-export"));
    assert!(export(&r, &p, Format::Markdown, &allow).unwrap().body.contains("**Not redacted.**"));

    // A redacted report carries none of it, flag or not.
    let clean = export(&redacted(r), &p, Format::Stix, &allow).unwrap().body;
    assert!(!clean.contains("unredacted"));
}

#[test]
fn exports_are_deterministic_and_carry_the_effective_label() {
    let p = Profile::default_profile();
    let mut r = redacted(fixture("prompt-injection-copilot"));
    r.markings.push(crate::model::Marking { path: "/detection/indicators/2".into(), tlp: "amber+strict".into() });
    for info in FORMATS {
        let a = export(&r, &p, info.format, &ExportOptions::default()).unwrap();
        let b = export(&r.clone(), &p, info.format, &ExportOptions::default()).unwrap();
        assert_eq!(a, b, "{} differs between two exports", info.name);
        assert!(a.body.contains("AMBER+STRICT") || a.body.contains("amber+strict"), "{} lost the stricter label", info.name);
        assert_eq!(a.media_type, info.media_type);
        assert!(a.file_name.starts_with("indirect-prompt-injection") && a.file_name.ends_with(info.extension), "{}", a.file_name);
    }
}

#[test]
fn format_names_round_trip() {
    for info in FORMATS {
        assert_eq!(info.name.parse::<Format>().unwrap(), info.format);
        assert_eq!(info.format.as_str(), info.name);
        assert_eq!(serde_json::to_value(info.format).unwrap(), info.name);
    }
    assert_eq!(FORMATS.len(), 6);
    assert_eq!("EML".parse::<Format>().unwrap(), Format::Email);
    assert_eq!("pdf".parse::<Format>().unwrap_err().code(), "export-unknown-format");
}

#[test]
fn stix_uses_official_markings_per_object_and_passes_the_lint() {
    let mut r = redacted(fixture("prompt-injection-copilot"));
    r.markings = vec![crate::model::Marking { path: "/technical".into(), tlp: "TLP:RED".into() }];
    let body = export(&r, &Profile::default_profile(), Format::Stix, &ExportOptions::default()).unwrap().body;
    let b: serde_json::Value = serde_json::from_str(&body).unwrap();
    let objects = b["objects"].as_array().unwrap();
    let marking = |o: &serde_json::Value| o["object_marking_refs"][0].as_str().unwrap_or("").to_string();
    let report = objects.iter().find(|o| o["type"] == "report").unwrap();
    assert_eq!(marking(report), Tlp::Red.definition().stix_id, "the report is at its effective level");
    let technical = objects.iter().find(|o| o["type"] == "note" && o["abstract"].as_str().unwrap().contains("Technical")).unwrap();
    assert_eq!(marking(technical), Tlp::Red.definition().stix_id);
    let indicator = objects.iter().find(|o| o["type"] == "indicator").unwrap();
    assert_eq!(marking(indicator), Tlp::Amber.definition().stix_id, "parts outside the RED section keep their own level");
    for t in [Tlp::Amber, Tlp::Red] {
        let def = objects.iter().find(|o| o["id"] == t.definition().stix_id).unwrap();
        assert_eq!(def, &stix::marking_definition(t));
    }
    assert!(!objects.iter().any(|o| o["id"] == Tlp::Green.definition().stix_id), "only the levels used");
    let errors: Vec<_> = lint_stix(body.as_bytes()).unwrap().into_iter().filter(|f| f.severity >= crate::Severity::Warning).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Refanged patterns, names from the catalogue, CVE references.
    assert!(body.contains("[domain-name:value = 'img-cdn-stats.example']"));
    assert!(body.contains("\"external_id\": \"AML.T0051.001\"") && body.contains("\"source_name\": \"mitre-atlas\""));
    let cve = export(&redacted(fixture("model-supply-chain-cve")), &Profile::default_profile(), Format::Stix, &ExportOptions::default()).unwrap().body;
    assert!(cve.contains("\"source_name\": \"cve\"") && cve.contains("\"external_id\": \"CVE-2025-31337\""));
}

#[test]
fn email_has_a_mailto_link_only_when_it_fits() {
    let p = Profile::default_profile();
    let short = redacted(Report { title: "Scanning from 192.0.2.44".into(), tlp: "TLP:GREEN".into(), ..Report::default() });
    let out = export(&short, &p, Format::Email, &ExportOptions::default()).unwrap();
    let link = out.mailto.unwrap();
    assert!(link.starts_with("mailto:CISA.JCDC%40cisa.dhs.gov?subject=%5BTLP%3AGREEN%5D%20Scanning") && link.len() <= email::MAILTO_MAX, "{link}");
    assert!(link.contains("body=TLP%3AGREEN%0D%0A"));
    let long = export(&redacted(fixture("prompt-injection-copilot")), &p, Format::Email, &ExportOptions::default()).unwrap();
    assert_eq!(long.mailto, None, "a long report does not fit a mailto: link");
    assert_eq!(export(&short, &p, Format::Stix, &ExportOptions::default()).unwrap().mailto, None);
}

#[test]
fn every_code_the_exports_emit_is_in_the_tables() {
    let dir = format!("{}/src/export", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (marker, is_error) in [("Error::new(\"", true), ("Finding::new(\"", false)] {
            for chunk in text.split(marker).skip(1) {
                let code = chunk.split('"').next().unwrap();
                let known = if is_error {
                    crate::error::ERROR_CODES.iter().any(|(c, _)| *c == code)
                } else {
                    crate::finding::CODES.iter().any(|c| c.code == code)
                };
                assert!(known, "`{code}` is not in {}", if is_error { "ERROR_CODES" } else { "finding::CODES" });
                seen += 1;
            }
        }
    }
    for (code, _) in DESTINATION_RULES {
        assert!(crate::error::ERROR_CODES.iter().any(|(c, _)| c == code), "{code}");
    }
    assert!(seen > 10, "the scan found the calls");
}

#[test]
fn hostile_reports_export_without_panicking() {
    let p = Profile::default_profile();
    let long = "ÿ€😀 ".repeat(3000);
    let docs = [
        r#"{"tlp": "red"}"#.to_string(),
        r#"{"tlp": "clear", "markings": [{"path": "", "tlp": "green"}, {"path": "/", "tlp": "amber"}, {"path": "technical", "tlp": "red"}, {"path": "/detection/indicators/999", "tlp": "amber+strict"}]}"#.to_string(),
        r#"{"tlp": "green", "timestamps": {"reported": "0001-01-01T00:00:00Z", "detected": "9999-12-31T23:59:60-23:59"}, "detection": {"first_observed": "9999-12-31T23:59:59Z", "last_observed": "0001-01-01T00:00:00Z"}}"#.to_string(),
        serde_json::json!({
            "tlp": "amber", "title": long, "summary": long,
            "reporter": {"name": long, "email": "not an email", "organization_domain": "."},
            "detection": {"indicators": [
                {"type": "stix_pattern", "value": "[x:y = 'a'] AND ]["}, {"type": "asn", "value": "AS99999999999"},
                {"type": "url", "value": "hxxp://[::1]:80/\u{0}"}, {"type": "email", "value": "@"}, {"value": ""},
                {"type": "cidr", "value": "::/0"}, {"type": "file_name", "value": "'\\'\\\\"}],
                "samples": [{"sha256": "zz"}, {"sha256": "ÿ".repeat(32)}]},
            "vulnerabilities": {"items": [{}, {"cve": "CVE-2025-0000000000000000000"}], "proofs_of_concept": [{"url": "javascript:alert(1)"}]},
            "attribution": {"actor": "\"quoted\" actor", "techniques": [{"id": ""}, {"id": "T9999.999"}, {"id": "AML.T0051"}, {"id": "AML.T0051"}]},
            "mitigations": {"atlas_mitigations": ["", "AML.M9999"]},
            "technical": {"logs": "\r\n.\r\nFrom: spoof@evil.example\r\n"}
        })
        .to_string(),
    ];
    for doc in &docs {
        let r = redacted(crate::input::parse_report(doc.as_bytes()).unwrap().value);
        for info in FORMATS {
            let out = export(&r, &p, info.format, &ExportOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", info.name));
            assert!(!out.body.is_empty());
            if info.format == Format::Email {
                let (head, body) = out.body.split_once("\r\n\r\n").unwrap();
                assert!(head.lines().all(|l| l.len() <= 998) && body.split("\r\n").all(|l| l.len() <= 76), "e-mail line limits");
                assert!(!head.contains("spoof@"), "report text never reaches the headers");
            }
            if info.format == Format::Stix {
                let errors: Vec<_> = lint_stix(out.body.as_bytes()).unwrap().into_iter().filter(|f| f.severity == crate::Severity::Error).collect();
                assert!(errors.is_empty(), "{errors:?}");
            }
        }
    }
}
