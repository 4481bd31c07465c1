//! JS API of the exports ([`crate::export`]): decode, call the core, encode.

use wasm_bindgen::prelude::*;

use super::interop::{json_text, option_bool, option_string, profile_option, to_js};
use super::js;
use crate::error::Error;
use crate::export as core;

fn report_arg(report: &JsValue) -> Result<crate::Report, Error> {
    let text = json_text(report, "report")?;
    Ok(crate::parse_report(text.as_bytes())?.value)
}

/// Exports a report. `options`: `{ format, profile?, destination?, allowUnredacted? }`.
/// Returns `{ format, mediaType, fileName, body, mailto? }`; throws a `TearsheetError`
/// (`export-not-redacted`, `destination-tlp-exceeded`, ...) when the export is refused.
#[wasm_bindgen(js_name = exportReport, skip_typescript)]
pub fn export_report(report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let format = js(option_string(&options, "format")
        .ok_or_else(|| Error::new("invalid-argument", format!("options.format is required: one of {}", core::Format::names().join(", "))))
        .and_then(|f| f.parse::<core::Format>()))?;
    let profile = js(profile_option(&options))?;
    let report = js(report_arg(&report))?;
    let opts = core::ExportOptions { destination: option_string(&options, "destination"), allow_unredacted: option_bool(&options, "allowUnredacted") };
    to_js(&js(core::export(&report, &profile, format, &opts))?)
}

/// Lints the TLP markings of a STIX 2.1 bundle (object or JSON text): `{ valid, findings }`.
#[wasm_bindgen(js_name = lintStix, skip_typescript)]
pub fn lint_stix(bundle: JsValue) -> Result<JsValue, JsValue> {
    let text = js(json_text(&bundle, "STIX bundle"))?;
    let findings = js(core::lint_stix(text.as_bytes()))?;
    let valid = !findings.iter().any(|f| f.severity == crate::Severity::Error);
    to_js(&serde_json::json!({ "valid": valid, "findings": findings }))
}

/// Checks that a report may go to a destination of the profile: `options` is
/// `{ profile?, destination }`. Returns the destination; throws the refusal otherwise.
#[wasm_bindgen(js_name = checkDestination, skip_typescript)]
pub fn check_destination(report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let profile = js(profile_option(&options))?;
    let id = js(option_string(&options, "destination").ok_or_else(|| Error::new("invalid-argument", "options.destination is required")))?;
    let report = js(report_arg(&report))?;
    to_js(js(core::check_destination(&report, &profile, &id))?)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_EXPORT: &'static str = r#"
import type { Exported, Destination, Finding } from "./tearsheet-types";
export type { Exported, Destination, Finding };
/** Options of `exportReport`. */
export interface ExportReportOptions { format: "json" | "stix" | "taxii" | "misp" | "email" | "markdown"; profile?: string | Profile; destination?: string; allowUnredacted?: boolean }
export function exportReport(report: Report | string, options: ExportReportOptions): Exported;
export function lintStix(bundle: object | string): { valid: boolean; findings: Finding[] };
export function checkDestination(report: Report | string, options: { profile?: string | Profile; destination: string }): Destination;
"#;
