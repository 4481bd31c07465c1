//! Native tests of the gate: every status, every malformed body, forward modes and config.

use super::*;

const SCANNING: &[u8] = include_bytes!("../../tests/fixtures/scanning.json");
const COPILOT: &[u8] = include_bytes!("../../tests/fixtures/prompt-injection-copilot.json");
const BROKEN: &[u8] = include_bytes!("../../tests/fixtures/broken.json");
const JSON: &str = "application/json";

fn req<'a>(body: &'a [u8], ct: &'a str) -> GateRequest<'a> {
    GateRequest { path: "/api/reports", content_type: ct, body, now: None }
}

fn env(pairs: &[(&str, &str)]) -> GateConfig {
    let map: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    GateConfig::from_env(|k| map.get(k).cloned()).unwrap_or_else(|e| panic!("config: {e}"))
}

/// The official TLP 2.0 marking definition with this id (as OASIS publishes it).
fn marking_definition(id: &str) -> Value {
    let d = TLP_LEVELS.iter().find(|d| d.stix_id == id);
    json!({
        "type": "marking-definition", "spec_version": "2.1", "id": id, "created": "2022-10-01T00:00:00.000Z",
        "name": d.map_or("TLP:AMBER", |d| d.label),
        "extensions": { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": { "extension_type": "property-extension", "tlp_2_0": d.map_or("amber", |d| d.code) } }
    })
}

fn bundle(marking: &str, text: &str) -> Vec<u8> {
    let mut b = bare_bundle(marking, text);
    if TLP_LEVELS.iter().any(|d| d.stix_id == marking) {
        b["objects"].as_array_mut().unwrap().push(marking_definition(marking));
    }
    b.to_string().into_bytes()
}

fn bare_bundle(marking: &str, text: &str) -> Value {
    json!({
        "type": "bundle",
        "id": "bundle--6f2b5f4e-1c9a-4d55-9c4e-0d6b8f2f0a11",
        "objects": [
            { "type": "report", "spec_version": "2.1", "id": "report--0b3f6f5a-2a7e-4f3c-8d5b-6a1e2c3d4e5f",
              "created": "2025-06-03T04:00:00.000Z", "modified": "2025-06-03T04:00:00.000Z", "name": "Scanning", "description": text,
              "published": "2025-06-03T04:00:00.000Z", "object_refs": ["indicator--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"],
              "object_marking_refs": [marking] },
            { "type": "indicator", "spec_version": "2.1", "id": "indicator--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
              "created": "2025-06-03T04:00:00.000Z", "modified": "2025-06-03T04:00:00.000Z", "pattern": "[ipv4-addr:value = '192.0.2.44']",
              "pattern_type": "stix", "valid_from": "2025-06-01T00:12:00Z", "object_marking_refs": [marking] }
        ]
    })
}

const GREEN: &str = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const RED: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const AMBER_TLP1: &str = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

#[test]
fn a_clean_report_passes_and_is_forwarded_unchanged() {
    let d = check(req(SCANNING, JSON), &GateConfig::default());
    assert_eq!(d.status, 200, "{}", d.json_body);
    assert_eq!(d.forward.as_deref(), Some(SCANNING));
    assert!(d.forward_headers.is_empty());
    let body: Value = serde_json::from_str(&d.json_body).unwrap();
    assert_eq!(body["kind"], "report");
    assert_eq!(body["tlp"], "TLP:CLEAR");
    assert_eq!(d.code(), None);
}

#[test]
fn content_types_are_a_table() {
    let cfg = GateConfig::default();
    for (ct, status) in [
        ("application/json", 200),
        ("Application/JSON; charset=UTF-8", 200),
        ("application/json;charset=\"utf-8\"", 200),
        ("application/json; charset=latin1", 415),
        ("text/plain", 415),
        ("", 415),
        ("multipart/form-data; boundary=x", 415),
        ("application/stix+json;version=2.1", 415), // a report is not a STIX bundle
    ] {
        let d = check(req(SCANNING, ct), &cfg);
        assert_eq!(d.status, status, "{ct}: {}", d.json_body);
        assert!(d.status == 200 || d.forward.is_none());
    }
    let b = bundle(GREEN, "Scanning of model endpoints");
    for (ct, status) in [
        ("application/stix+json;version=2.1", 200),
        ("application/stix+json; version=2.0", 415),
        ("application/taxii+json;version=2.1", 200),
        ("application/json", 200),
    ] {
        assert_eq!(check(req(&b, ct), &cfg).status, status, "{ct}");
    }
}

#[test]
fn body_cap_is_enforced_before_parsing() {
    let cfg = env(&[("TEARSHEET_MAX_BODY", "1000")]);
    let d = check(req(COPILOT, JSON), &cfg);
    assert_eq!((d.status, d.code().as_deref()), (413, Some("body-too-large")));
    assert!(d.forward.is_none());
    // Exactly at the cap still parses.
    let small = br#"{"kind":"scanning","title":"t","tlp":"TLP:CLEAR","description":{"activity_type":"x"}}"#;
    let cfg = env(&[("TEARSHEET_MAX_BODY", &small.len().to_string()), ("TEARSHEET_PROFILE", "open")]);
    assert_eq!(check(req(small, JSON), &cfg).status, 200);
}

#[test]
fn malformed_bodies_are_400_with_the_parser_cause_and_never_forwarded() {
    let cfg = GateConfig::default();
    let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_bundle = format!("{{\"type\":\"bundle\",\"objects\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"not json".to_vec(), "input-not-json"),
        (b"{\"title\": \"cut".to_vec(), "input-truncated"),
        (b"{\"type\":\"bundle\",\"objects\":[".to_vec(), "input-truncated"),
        (deep.into_bytes(), "input-too-deep"),
        (deep_bundle.into_bytes(), "input-too-deep"),
        (b"{\"title\": \"\xff\xfe\"}".to_vec(), "input-not-utf8"),
        (b"[]".to_vec(), "input-not-a-report"),
        (b"".to_vec(), "input-not-a-report"),
        (b"{\"title\": 5}".to_vec(), "input-wrong-type"),
        (b"{\"type\":\"indicator\",\"id\":\"indicator--x\",\"spec_version\":\"2.1\"}".to_vec(), "input-not-a-report"),
    ];
    for (body, cause) in cases {
        let d = check(req(&body, JSON), &cfg);
        let v: Value = serde_json::from_str(&d.json_body).unwrap();
        assert_eq!(d.status, 400, "{cause}: {}", d.json_body);
        assert_eq!(v["error"]["code"], "bad-request");
        assert_eq!(v["error"]["cause"], cause, "{}", d.json_body);
        assert!(d.forward.is_none());
    }
}

#[test]
fn stix_objects_must_be_objects_with_ids() {
    let d = check(req(br#"{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"report--1"}]}"#, JSON), &GateConfig::default());
    assert_eq!((d.status, d.code().as_deref()), (400, Some("stix-invalid")));
    assert!(d.json_body.contains("/objects/0"));
    let d = check(req(br#"{"objects":[1]}"#, "application/taxii+json;version=2.1"), &GateConfig::default());
    assert_eq!(d.code().as_deref(), Some("stix-invalid"));
}

#[test]
fn route_tlp_ceiling_is_403_with_the_rule() {
    let cfg = env(&[("TEARSHEET_ROUTES", r#"{"/api/": "TLP:GREEN", "/api/internal/": "TLP:RED"}"#)]);
    // prompt-injection-copilot is TLP:AMBER: above /api/, within /api/internal/.
    let d = check(req(COPILOT, JSON), &cfg);
    assert_eq!((d.status, d.code().as_deref()), (403, Some("tlp-above-route")));
    let v: Value = serde_json::from_str(&d.json_body).unwrap();
    assert_eq!(v["error"]["rule"], json!({ "route": "/api/", "max_tlp": "TLP:GREEN", "tlp": "TLP:AMBER" }));
    let inside = GateRequest { path: "/api/internal/x", ..req(SCANNING, JSON) };
    assert_eq!(check(inside, &cfg).status, 200);
    let elsewhere = GateRequest { path: "/other", ..req(SCANNING, JSON) };
    assert_eq!(check(elsewhere, &cfg).code().as_deref(), Some("route-not-configured"));
    // A marking stricter than the label counts.
    let marked = br#"{"kind":"scanning","title":"t","tlp":"TLP:CLEAR","markings":[{"path":"/technical","tlp":"TLP:AMBER"}]}"#;
    assert_eq!(check(req(marked, JSON), &cfg).code().as_deref(), Some("tlp-above-route"));
    // No label at all cannot be shown to be within the ceiling.
    assert_eq!(check(req(br#"{"kind":"scanning","title":"t"}"#, JSON), &cfg).code().as_deref(), Some("tlp-missing"));
}

#[test]
fn bundle_tlp_is_the_strictest_marking_referenced() {
    let cfg = env(&[("TEARSHEET_MAX_TLP", "amber")]);
    let ct = "application/stix+json;version=2.1";
    assert_eq!(check(req(&bundle(GREEN, "x"), ct), &cfg).status, 200);
    let d = check(req(&bundle(RED, "x"), ct), &cfg);
    assert_eq!(d.code().as_deref(), Some("tlp-above-route"));
    assert!(d.json_body.contains("TLP:RED"));
    assert_eq!(check(req(&bundle(AMBER_TLP1, "x"), ct), &cfg).status, 200, "TLP 1.0 AMBER id reads as AMBER");
    let unmarked = bare_bundle("marking-definition--00000000-0000-4000-8000-000000000000", "x").to_string();
    assert_eq!(check(req(unmarked.as_bytes(), ct), &cfg).code().as_deref(), Some("tlp-missing"));
}

#[test]
fn bundles_go_through_the_stix_tlp_lint() {
    let cfg = GateConfig::default();
    // A TLP:GREEN reference whose marking definition is missing from the bundle.
    let missing = bare_bundle(GREEN, "x").to_string();
    let d = check(req(missing.as_bytes(), JSON), &cfg);
    assert_eq!((d.status, d.code().as_deref()), (422, Some("report-invalid")));
    assert!(d.json_body.contains("stix-marking-missing"), "{}", d.json_body);
    // The official AMBER id written with the name of another level.
    let mut lying = bare_bundle(GREEN, "x");
    let mut def = marking_definition(GREEN);
    def["name"] = "TLP:CLEAR".into();
    lying["objects"].as_array_mut().unwrap().push(def);
    let d = check(req(lying.to_string().as_bytes(), JSON), &cfg);
    assert!(d.json_body.contains("stix-tlp-id-mismatch"), "{}", d.json_body);
}

#[test]
fn profile_errors_are_422_with_findings() {
    let d = check(req(BROKEN, JSON), &GateConfig::default());
    assert_eq!((d.status, d.code().as_deref()), (422, Some("report-invalid")));
    let v: Value = serde_json::from_str(&d.json_body).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert!(findings.iter().any(|f| f["code"] == "invalid-cve"));
    assert!(d.forward.is_none());
    // The profile's own TLP ceiling is a validation error, for bundles too.
    let cfg = env(&[("TEARSHEET_PROFILE", r#"{"name":"green-only","extends":"jcdc-ai","max_tlp":"TLP:GREEN"}"#)]);
    assert_eq!(check(req(COPILOT, JSON), &cfg).code().as_deref(), Some("report-invalid"));
    assert_eq!(check(req(&bundle(RED, "x"), JSON), &cfg).code().as_deref(), Some("report-invalid"));
}

#[test]
fn normalized_forwarding_labels_and_canonicalises() {
    let cfg = env(&[("TEARSHEET_FORWARD", "normalized")]);
    let loose = br#"{"kind":"scanning","title":"Scan","tlp":"tlp: green","description":{"activity_type":"scanning"},"extra":1}"#;
    let d = check(req(loose, JSON), &cfg);
    assert_eq!(d.status, 200, "{}", d.json_body);
    let fwd: Value = serde_json::from_slice(d.forward.as_deref().unwrap()).unwrap();
    assert_eq!(fwd["tlp"], "TLP:GREEN");
    assert!(fwd.get("extra").is_none());
    assert!(d.forward_headers.contains(&("x-tearsheet-tlp".into(), "TLP:GREEN".into())));
    assert!(d.forward_headers.contains(&("x-tearsheet-kind".into(), "report".into())));
}

#[test]
fn bad_configuration_names_the_binding() {
    for (k, v) in [
        ("TEARSHEET_PROFILE", "nope"),
        ("TEARSHEET_MAX_TLP", "purple"),
        ("TEARSHEET_ROUTES", "[1]"),
        ("TEARSHEET_ROUTES", r#"{"api": "TLP:GREEN"}"#),
        ("TEARSHEET_MAX_BODY", "99999999999"),
        ("TEARSHEET_FORWARD", "sideways"),
    ] {
        let e = GateConfig::from_env(|key| (key == k).then(|| v.to_string())).unwrap_err();
        assert!(e.message().starts_with(k), "{e}");
    }
    // Empty bindings take the defaults.
    let c = GateConfig::from_env(|_| Some(String::new())).unwrap();
    assert_eq!(c.profile.name, "jcdc-ai");
}

#[test]
fn every_refusal_code_is_in_the_table_and_statuses_match() {
    for (code, status, _) in GATE_ERRORS {
        assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        let d = GateDecision::refuse(code, "m", json!({}));
        assert_eq!(d.status, *status);
    }
    let binding_names: Vec<&str> = ENV_BINDINGS.iter().map(|(k, _)| *k).collect();
    assert!(binding_names.contains(&"TEARSHEET_UPSTREAM"));
}

/// Bytes that are no JSON at all, cut at every length, never panic and never pass.
#[test]
fn every_prefix_of_a_report_is_refused_or_passes_whole() {
    let cfg = GateConfig::default();
    for n in (0..SCANNING.len()).step_by(7) {
        let d = check(req(&SCANNING[..n], JSON), &cfg);
        assert_ne!(d.status, 200, "a truncated report at {n} bytes passed");
        assert!(d.forward.is_none());
    }
}
