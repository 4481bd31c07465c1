// The JS API as JS sees it. Included by wasm_node.rs and wasm_browser.rs so that the same tests
// run in node and in headless Chromium.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn obj(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn options(profile: &str, now: &str) -> JsValue {
    obj(&format!(r#"{{"profile": "{profile}", "now": "{now}"}}"#))
}

const COPILOT: &str = include_str!("../fixtures/prompt-injection-copilot.json");
const BROKEN: &str = include_str!("../fixtures/broken.json");

#[wasm_bindgen_test]
fn validate_takes_a_plain_object_and_returns_one() {
    let v = tearsheet::wasm::validate(obj(COPILOT), options("jcdc-ai", "2025-08-01T00:00:00Z")).unwrap();
    assert_eq!(get(&v, "valid"), JsValue::TRUE);
    let overall = get(&get(&v, "completeness"), "overall");
    assert_eq!(get(&overall, "applicable").as_f64(), Some(59.0));
    let checklist: Array = get(&v, "checklist").into();
    assert_eq!(checklist.length(), 59);
    let techniques: Array = get(&v, "techniques").into();
    assert!(techniques.length() >= 3);
    // Plain objects, not Maps.
    assert!(get(&v, "tlp").is_instance_of::<Object>());
    assert_eq!(get(&get(&v, "tlp"), "label").as_string().as_deref(), Some("TLP:AMBER"));
}

#[wasm_bindgen_test]
fn validate_accepts_json_text_and_reports_findings() {
    let v = tearsheet::wasm::validate(JsValue::from_str(BROKEN), options("jcdc-ai", "2025-08-01T00:00:00Z")).unwrap();
    assert_eq!(get(&v, "valid"), JsValue::FALSE);
    let findings: Array = get(&v, "findings").into();
    let codes: Vec<String> = findings.iter().map(|f| get(&f, "code").as_string().unwrap()).collect();
    for expected in ["invalid-cve", "unknown-vocabulary", "private-indicator", "tlp-below-markings", "invalid-technique"] {
        assert!(codes.iter().any(|c| c == expected), "{expected} missing from {codes:?}");
    }
}

fn error_code(result: Result<JsValue, JsValue>) -> (String, JsValue) {
    let err = result.expect_err("expected a TearsheetError");
    assert!(err.is_instance_of::<js_sys::Error>(), "a real Error object");
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("TearsheetError"));
    (get(&err, "code").as_string().unwrap(), err)
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_with_codes() {
    let o = JsValue::UNDEFINED;
    assert_eq!(error_code(tearsheet::wasm::validate(JsValue::UNDEFINED, o.clone())).0, "input-not-a-report");
    assert_eq!(error_code(tearsheet::wasm::validate(JsValue::NULL, o.clone())).0, "input-not-a-report");
    assert_eq!(error_code(tearsheet::wasm::validate(JsValue::from(42), o.clone())).0, "input-not-a-report");
    assert_eq!(error_code(tearsheet::wasm::validate(JsValue::from_str("{\"title\": "), o.clone())).0, "input-truncated");
    let (code, err) = error_code(tearsheet::wasm::validate(obj(r#"{"detection": {"indicators": [{"value": 5}]}}"#), o.clone()));
    assert_eq!(code, "input-wrong-type");
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("/detection/indicators/0/value"));
    // A cyclic object is refused cleanly, not with a stack overflow.
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_eq!(error_code(tearsheet::wasm::validate(cyclic.into(), o.clone())).0, "input-not-json");
    // A huge string is refused by the size limit.
    let huge = format!("{{\"title\": \"{}\"}}", "a".repeat(5 * 1024 * 1024));
    assert_eq!(error_code(tearsheet::wasm::validate(JsValue::from_str(&huge), o.clone())).0, "input-too-large");
    // Bad options.
    assert_eq!(error_code(tearsheet::wasm::validate(obj("{}"), obj(r#"{"profile": "nope"}"#))).0, "profile-unknown");
    assert_eq!(error_code(tearsheet::wasm::validate(obj("{}"), obj(r#"{"now": "soon"}"#))).0, "invalid-argument");
}

#[wasm_bindgen_test]
fn checklist_and_profiles() {
    let points: Array = tearsheet::wasm::checklist(JsValue::from_str("circia")).unwrap().into();
    assert_eq!(points.length(), 59);
    let required = points.iter().filter(|p| get(p, "required") == JsValue::TRUE).count();
    assert!(required >= 5);
    let custom = obj(r#"{"name": "portal", "required": ["detection.indicators"]}"#);
    let points: Array = tearsheet::wasm::checklist(custom).unwrap().into();
    assert_eq!(points.iter().filter(|p| get(p, "required") == JsValue::TRUE).count(), 1);
    assert!(tearsheet::wasm::builtin_profiles().contains(&"jcdc-ai".to_string()));
    let t = tearsheet::wasm::technique(JsValue::from_str("AML.T0051")).unwrap();
    assert!(get(&t, "name").as_string().unwrap().contains("Prompt Injection"));
    assert!(tearsheet::wasm::technique(JsValue::from_str("T0000")).unwrap().is_null());
    // A non-string id is an error, not an out-of-bounds read in the glue (tests/js/hostile.test.mjs).
    for bad in [JsValue::TRUE, JsValue::NULL, JsValue::UNDEFINED, JsValue::from(7), Object::new().into()] {
        assert_eq!(error_code(tearsheet::wasm::technique(bad)).0, "invalid-argument");
    }
}

// --- exports (src/wasm/export.rs) ---

fn redacted_copilot() -> JsValue {
    let r = obj(COPILOT);
    Reflect::set(&r, &"redaction".into(), &obj(r#"{"applied": true}"#)).unwrap();
    r
}

#[wasm_bindgen_test]
fn export_report_returns_body_media_type_and_file_name() {
    let out = tearsheet::wasm::export::export_report(redacted_copilot(), obj(r#"{"format": "stix"}"#)).unwrap();
    assert_eq!(get(&out, "format").as_string().as_deref(), Some("stix"));
    assert_eq!(get(&out, "mediaType").as_string().as_deref(), Some("application/stix+json;version=2.1"));
    assert!(get(&out, "fileName").as_string().unwrap().ends_with(".stix.json"));
    let body = get(&out, "body").as_string().unwrap();
    let lint = tearsheet::wasm::export::lint_stix(JsValue::from_str(&body)).unwrap();
    assert_eq!(get(&lint, "valid"), JsValue::TRUE);
    let email = tearsheet::wasm::export::export_report(redacted_copilot(), obj(r#"{"format": "email", "profile": "jcdc-ai", "destination": "cisa-jcdc"}"#)).unwrap();
    assert!(get(&email, "body").as_string().unwrap().contains("Subject: [TLP:AMBER]"));
}

#[wasm_bindgen_test]
fn export_refusals_are_tearsheet_errors() {
    let ex = tearsheet::wasm::export::export_report;
    assert_eq!(error_code(ex(obj(COPILOT), obj(r#"{"format": "misp"}"#))).0, "export-not-redacted");
    let allowed = ex(obj(COPILOT), obj(r#"{"format": "misp", "allowUnredacted": true}"#)).unwrap();
    assert!(get(&allowed, "body").as_string().unwrap().contains("unredacted-export"));
    // Only `true` turns the flag on.
    assert_eq!(error_code(ex(obj(COPILOT), obj(r#"{"format": "misp", "allowUnredacted": "yes"}"#))).0, "export-not-redacted");
    assert_eq!(error_code(ex(redacted_copilot(), obj(r#"{"format": "pdf"}"#))).0, "export-unknown-format");
    assert_eq!(error_code(ex(redacted_copilot(), JsValue::UNDEFINED)).0, "invalid-argument");
    let red = obj(r#"{"title": "x", "tlp": "TLP:RED", "redaction": {"applied": true}}"#);
    let check = tearsheet::wasm::export::check_destination;
    assert_eq!(error_code(check(red, obj(r#"{"destination": "cisa-jcdc"}"#))).0, "destination-tlp-exceeded");
    let ok = check(redacted_copilot(), obj(r#"{"destination": "cisa-jcdc"}"#)).unwrap();
    assert_eq!(get(&ok, "max_tlp").as_string().as_deref(), Some("TLP:AMBER"));
    assert_eq!(error_code(tearsheet::wasm::export::lint_stix(JsValue::from_str("[]"))).0, "stix-not-a-bundle");
}

#[wasm_bindgen_test]
fn scan_gives_byte_and_utf16_offsets() {
    let text = "é → mail jane.doe@acme-corp.com from 198.51.100[.]7";
    let spans: Array = tearsheet::wasm::redact::scan(JsValue::from_str(text)).unwrap().into();
    let first = spans.get(0);
    assert_eq!(get(&first, "kind").as_string().as_deref(), Some("pii.email"));
    let (s, e) = (get(&first, "start").as_f64().unwrap() as usize, get(&first, "end").as_f64().unwrap() as usize);
    assert_eq!(&text[s..e], "jane.doe@acme-corp.com");
    let (s16, e16) = (get(&first, "startUtf16").as_f64().unwrap() as u32, get(&first, "endUtf16").as_f64().unwrap() as u32);
    let js = js_sys::JsString::from(text);
    assert_eq!(js.slice(s16, e16).as_string().as_deref(), Some("jane.doe@acme-corp.com"));
    assert_eq!(get(&spans.get(1), "kind").as_string().as_deref(), Some("ioc.ipv4"));
}

#[wasm_bindgen_test]
fn redact_masks_hashes_and_logs() {
    let report = obj(r#"{"title": "t", "summary": "ask jane.doe@acme-corp.com, key AKIAIOSFODNN7EXAMPLE",
        "detection": {"indicators": [{"type": "email", "value": "phish@evil.example"}]}}"#);
    let out = tearsheet::wasm::redact::redact(report.clone(), JsValue::UNDEFINED).unwrap();
    let summary = get(&get(&out, "report"), "summary").as_string().unwrap();
    assert_eq!(summary, "ask [REDACTED:pii.email], key [REDACTED:secret.aws_access_key]");
    let indicators: Array = get(&get(&get(&out, "report"), "detection"), "indicators").into();
    assert_eq!(get(&indicators.get(0), "value").as_string().as_deref(), Some("phish@evil.example"));
    let log: Array = get(&out, "redactions").into();
    assert_eq!(log.length(), 2);
    let in_report = get(&get(&get(&out, "report"), "redaction"), "log");
    assert_eq!(JSON::stringify(&log).unwrap(), JSON::stringify(&in_report).unwrap());
    // A second run over the output: its own (empty) log, the first run's kept in the report.
    let again = tearsheet::wasm::redact::redact(get(&out, "report"), JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&again, "redactions")).length(), 0);
    // Nothing to redact: an empty list, not a missing one.
    let clean = tearsheet::wasm::redact::redact(obj(r#"{"title": "nothing personal"}"#), JsValue::UNDEFINED).unwrap();
    assert!(Array::is_array(&get(&clean, "redactions")));
    assert_eq!(Array::from(&get(&clean, "redactions")).length(), 0);
    assert_eq!(Array::from(&get(&get(&get(&again, "report"), "redaction"), "log")).length(), 2);
    assert!(!JSON::stringify(&out).unwrap().as_string().unwrap().contains("jane.doe"));
    // Keyed hash: same key, same token; the key is not in the output.
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"action".into(), &"hash".into()).unwrap();
    Reflect::set(&opts, &"key".into(), &js_sys::Uint8Array::from(&[7u8; 32][..])).unwrap();
    let a = tearsheet::wasm::redact::redact(report.clone(), opts.clone().into()).unwrap();
    let b = tearsheet::wasm::redact::redact(report.clone(), opts.into()).unwrap();
    let sa = get(&get(&a, "report"), "summary").as_string().unwrap();
    assert!(sa.starts_with("ask [pii.email:"), "{sa}");
    assert_eq!(sa, get(&get(&b, "report"), "summary").as_string().unwrap());
    // Without a key, a random one from crypto.getRandomValues.
    let c = tearsheet::wasm::redact::redact(report, obj(r#"{"action": "hash"}"#)).unwrap();
    assert_ne!(sa, get(&get(&c, "report"), "summary").as_string().unwrap());
    assert_eq!(error_code(tearsheet::wasm::redact::redact(obj("{}"), obj(r#"{"action": "shred"}"#))).0, "invalid-argument");
}

/// `JSON.stringify` of a result: equal text means the same values, keys in the same order and
/// the same keys left out.
fn json(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

/// The browser build hands `scan`'s spans and `redact`'s log to JS in a compact form rebuilt by
/// `src/wasm/js/results.js` (src/wasm/results.rs); the JSON crossing (the edge build's) is the
/// reference. Text with two- three- and four-byte characters, so UTF-8 and UTF-16 offsets differ.
#[wasm_bindgen_test]
fn compact_and_json_crossings_give_the_same_results() {
    use tearsheet::wasm::redact::{redact, redact_via_json, scan, scan_via_json};
    let text = "é → jane.doe@acme-corp.com 😀 from 198.51.100[.]7, call 415-555-2671; ключ AKIAIOSFODNN7EXAMPLE ok";
    for t in [text, "", "nothing here"] {
        let (fast, slow) = (scan(JsValue::from_str(t)).unwrap(), scan_via_json(JsValue::from_str(t)).unwrap());
        assert_eq!(json(&fast), json(&slow), "{t}");
    }
    assert!(Array::from(&scan(JsValue::from_str(text)).unwrap()).length() >= 4);

    // A log already in the report (an entry with `replacement`, `by` and `out_*` blank) and
    // `unredacted_export`, which serde writes after the log; a span at offset 0 (`out_start` 0
    // but not `out_end`); one span kept by the user (action `keep`, no replacement).
    let report = format!(
        r#"{{"title": "jane@acme-corp.com", "summary": {summary:?},
        "detection": {{"indicators": [{{"type": "email", "value": "phish@evil.example"}}]}},
        "redaction": {{"applied": false, "unredacted_export": true, "log": [
            {{"path": "/summary", "start": 0, "end": 2, "start_utf16": 0, "end_utf16": 1, "kind": "pii.name", "action": "remove"}}]}}}}"#,
        summary = text
    );
    let at = text.find("jane.doe").unwrap();
    let keep = format!(r#"{{"path": "/summary", "start": {at}, "end": {}}}"#, at + "jane.doe@acme-corp.com".len());
    for options in [
        format!(r#"{{"keep": [{keep}]}}"#),
        format!(r#"{{"action": "hash", "keep": [{keep}]}}"#),
        r#"{"action": "remove"}"#.to_string(),
    ] {
        let with_key = |json: &str| {
            let o = obj(json);
            Reflect::set(&o, &"key".into(), &js_sys::Uint8Array::from(&[7u8; 32][..])).unwrap();
            o
        };
        let fast = redact(obj(&report), with_key(&options)).unwrap();
        let slow = redact_via_json(obj(&report), with_key(&options)).unwrap();
        assert_eq!(json(&fast), json(&slow), "{options}");
        let log: Array = get(&get(&get(&fast, "report"), "redaction"), "log").into();
        let this_run: Array = get(&fast, "redactions").into();
        assert!(this_run.length() >= 3 && log.length() == this_run.length() + 1, "{options}");
        // `redactions` is the tail of the log: the same objects, not copies.
        assert!(this_run.get(0) == log.get(1));
    }
    let first = json(&redact(obj(&report), obj(&format!(r#"{{"keep": [{keep}]}}"#))).unwrap());
    assert!(first.contains(r#""action":"keep""#) && first.contains(r#""by":"user""#) && first.contains(r#""unredacted_export":true}"#), "{first}");
    // Nothing redacted: no log at all, and an empty `redactions`.
    let clean = obj(r#"{"title": "nothing personal"}"#);
    assert_eq!(json(&redact(clean.clone(), JsValue::UNDEFINED).unwrap()), json(&redact_via_json(clean, JsValue::UNDEFINED).unwrap()));
}

/// Long strings cross through `TextEncoder.encodeInto` (`interop::js_string`), short ones
/// through wasm-bindgen's `as_string`: both give the same text, around the threshold, with
/// non-ASCII text anywhere and with lone surrogates (U+FFFD either way).
#[wasm_bindgen_test]
fn long_and_short_strings_cross_alike() {
    use js_sys::JsString;
    use tearsheet::wasm::interop::{encoded, js_string};
    // (Lone surrogates cannot be written in Rust text: built from their code units in JS.)
    let tails: Vec<JsString> = vec![
        JsString::from(""),
        JsString::from("é"),
        JsString::from("€🙂 x"),
        JsString::from("\u{1}\"\\"),
        JsString::from("lone ").concat(&JsString::from_char_code1(0xd800)).concat(&JsString::from(" surrogate")),
        JsString::from_char_code1(0xdc00),
    ];
    for n in [0, 10, 4090, 4095, 4096, 5000, 70_000] {
        for tail in &tails {
            let s: JsValue = JsString::from("a").repeat(n).concat(tail).into();
            assert_eq!(js_string(&s), s.as_string(), "{n} + {:?}", tail.as_string());
            assert_eq!(encoded(&s), s.as_string(), "{n} + {:?}", tail.as_string());
        }
    }
    assert_eq!(js_string(&JsValue::from(5)), None);
    assert_eq!(js_string(&JsValue::NULL), None);
}
