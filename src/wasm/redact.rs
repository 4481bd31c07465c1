//! JS API of redaction: `scan(text)` and `redact(report, options)`. Decode, call
//! [`crate::redact`], encode; the HMAC key comes from the page (or the page's
//! `crypto.getRandomValues`) and never leaves it.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::redact::{self as core, RedactOptions};

use super::interop::{self, bytes_option, error_to_js, json_text, profile_option, random_key, span_refs_option, to_js_via_json, action_option};

/// A detection with UTF-16 offsets too, for `String.prototype.slice` and DOM ranges.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct JsDetection {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub kind: &'static str,
}

/// Spans of personal data, secrets and indicators in a text:
/// `[{ start, end, startUtf16, endUtf16, kind }]` (byte offsets into the UTF-8 text and UTF-16
/// offsets into the JS string).
#[wasm_bindgen(js_name = scan, skip_typescript)]
///
/// Takes a `JsValue`: wasm-bindgen's `&str` glue reads out of bounds on a non-string (see
/// `interop::string_argument`). Text over [`crate::limits::MAX_SCAN_BYTES`] is refused.
pub fn scan(text: JsValue) -> Result<JsValue, JsValue> {
    let spans = scan_spans(&text)?;
    #[cfg(feature = "widget")]
    if let Some(result) = super::results::spans_to_js(&spans)? {
        return Ok(result);
    }
    to_js_via_json(&spans)
}

/// [`scan`] with the result crossing as JSON, as the edge build's does (and the browser's when
/// the compact crossing cannot take it). Not exported to JS: `tests/wasm` checks that both
/// crossings give the same result.
#[doc(hidden)]
pub fn scan_via_json(text: JsValue) -> Result<JsValue, JsValue> {
    to_js_via_json(&scan_spans(&text)?)
}

/// Decode and scan, for [`scan`].
fn scan_spans(text: &JsValue) -> Result<Vec<JsDetection>, JsValue> {
    let text = interop::string_argument(text, "text").map_err(|e| error_to_js(&e))?;
    let text = text.as_str();
    if text.len() > crate::limits::MAX_SCAN_BYTES {
        return Err(error_to_js(&crate::Error::new(
            "input-too-large",
            format!("the text is {} bytes; scan takes at most {} bytes (4 MiB)", text.len(), crate::limits::MAX_SCAN_BYTES),
        )));
    }
    let found = core::scan(text);
    let mut utf16 = crate::redact::Utf16Offsets::new(text);
    Ok(found
        .into_iter()
        .map(|d| {
            let (start_utf16, end_utf16) = (utf16.of(d.start), utf16.of(d.end));
            JsDetection { start: d.start, end: d.end, start_utf16, end_utf16, kind: d.kind }
        })
        .collect())
}

/// Redacts a report (object or JSON text). `options`: `{ profile?, key?: Uint8Array, action?:
/// "mask"|"hash"|"remove", keep?: [{path,start,end}], extra?: [{path,start,end}] }` (byte
/// offsets into the original field). Returns `{ report, redactions }`.
#[wasm_bindgen(js_name = redact, skip_typescript)]
pub fn redact(report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    #[cfg(feature = "widget")]
    {
        // The report as text and the log apart: the compact crossing. (Where `redact_text` had
        // to type the report, rare, the JSON crossing.)
        match redacted_with(&report, &options, core::redact_text)? {
            Ok(text) => redacted_text_to_js(text),
            Err(typed) => redacted_to_js(&typed),
        }
    }
    #[cfg(not(feature = "widget"))]
    redacted_to_js(&redacted_with(&report, &options, core::redact)?)
}

/// [`redact`] with the result crossing as JSON, as the edge build's does (and the browser's when
/// the compact crossing cannot take it). Not exported to JS: `tests/wasm` checks that both
/// crossings give the same result.
#[doc(hidden)]
pub fn redact_via_json(report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    redacted_to_js(&redacted_with(&report, &options, core::redact)?)
}

/// Decode, and redact with `redact` ([`core::redact`], or [`core::redact_text`]; the decoding
/// is one function, not one copy per result type).
fn redacted_with<T>(report: &JsValue, options: &JsValue, redact: fn(&crate::model::Report, &core::RedactionPolicy, &RedactOptions) -> Result<T, crate::Error>) -> Result<T, JsValue> {
    let (report, profile, opts) = decoded(report, options).map_err(|e| error_to_js(&e))?;
    redact(&report, &profile.redaction, &opts).map_err(|e| error_to_js(&e))
}

/// The arguments of `redact`: the report, the profile, the options.
fn decoded(report: &JsValue, options: &JsValue) -> Result<(crate::model::Report, crate::Profile, RedactOptions), crate::Error> {
    let profile = profile_option(options)?;
    let text = json_text(report, "report")?;
    let parsed = crate::input::parse_report(text.as_bytes())?;
    let key = match bytes_option(options, "key")? {
        Some(k) if !k.is_empty() => k,
        _ => random_key()?,
    };
    let opts = RedactOptions { key, action: action_option(options)?, keep: span_refs_option(options, "keep")?, extra: span_refs_option(options, "extra")? };
    Ok((parsed.value, profile, opts))
}

/// The compact crossing of `{ report, redactions }` (see [`super::results`]): the report's text
/// (its log left out) read by `JSON.parse` as it is, the log encoded apart; `js/results.js`
/// then sets it into the parsed report, and `redactions` to a slice of it.
#[cfg(feature = "widget")]
fn redacted_text_to_js(out: core::RedactedText) -> Result<JsValue, JsValue> {
    let compact = if out.log.is_empty() { None } else { super::results::compact_log(&out.log, out.this_run.clone()) };
    if compact.is_none() && !out.log.is_empty() {
        // (A number past `u32`: not within the input limits, but never an error.)
        return redacted_to_js(&out.typed().map_err(|e| error_to_js(&e))?);
    }
    let result = super::interop::json_text_to_js(&format!("{{\"report\":{},\"redactions\":[]}}", out.report))?;
    if let Some(compact) = compact {
        compact.place(&result)?;
    }
    Ok(result)
}

/// The JSON crossing of `{ report, redactions }`.
fn redacted_to_js(out: &core::Redacted) -> Result<JsValue, JsValue> {
    // The log of a 1 MB paste is ~15 000 entries, three times the report's own size as JSON:
    // when this run's log is the tail of the report's, it crosses once, inside the report, and
    // `redactions` is a slice of it (the same entry objects). An empty log (left out of the
    // JSON) or anything unexpected takes the plain encoding.
    if let Some(range) = out.log_in_report().filter(|r| !r.is_empty()) {
        let result = to_js_via_json(&JsRedacted { report: &out.report, redactions: &[] })?;
        if share_log_tail(&result, range).is_some() {
            return Ok(result);
        }
    }
    to_js_via_json(&JsRedacted { report: &out.report, redactions: out.log() })
}

/// Sets `result.redactions` to `result.report.redaction.log.slice(range)`; `None` (and
/// nothing set) when the log is not there as an array.
fn share_log_tail(result: &JsValue, range: std::ops::Range<usize>) -> Option<()> {
    let mut log = result.clone();
    for key in ["report", "redaction", "log"] {
        log = js_sys::Reflect::get(&log, &JsValue::from_str(key)).ok()?;
    }
    let log: js_sys::Array = log.dyn_into().ok()?;
    let (start, end) = (u32::try_from(range.start).ok()?, u32::try_from(range.end).ok()?);
    if end > log.length() {
        return None;
    }
    js_sys::Reflect::set(result, &JsValue::from_str("redactions"), &log.slice(start, end)).ok()?.then_some(())
}

/// What `redact` returns (borrowed: no copy of the report into a `serde_json::Value` first).
#[derive(Serialize)]
struct JsRedacted<'a> {
    report: &'a crate::model::Report,
    redactions: &'a [crate::model::RedactionEntry],
}

#[wasm_bindgen(typescript_custom_section)]
const TS_REDACT: &'static str = r#"
import type { RedactionEntry } from "./tearsheet-types";
/** A span found by `scan`: byte offsets into the UTF-8 text and UTF-16 offsets into the string. */
export interface ScanSpan { start: number; end: number; startUtf16: number; endUtf16: number; kind: string }
/** A field span chosen by the user (byte offsets into the original field value). */
export interface SpanRef { path: string; start: number; end: number }
/** Options of `redact`. Without `key`, a random key from `crypto.getRandomValues` is used. */
export interface RedactOptions { profile?: string | Profile; key?: Uint8Array; action?: "mask" | "hash" | "remove"; keep?: SpanRef[]; extra?: SpanRef[] }
export function scan(text: string): ScanSpan[];
export function redact(report: Report | string, options?: RedactOptions): { report: Report; redactions: RedactionEntry[] };
"#;
