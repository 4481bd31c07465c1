//! The JS API: thin functions over the core, each "decode, call, encode" (see [`interop`]).
//! Only this module and `widget` know about wasm-bindgen.

pub mod edge;
pub mod export;
pub mod interop;
pub mod panic;
pub mod redact;
/// The compact crossing of `scan`'s and `redact`'s results through `js/results.js`: browser
/// build only, as a JS snippet is a module workerd would have to list (see the module's doc).
#[cfg(feature = "widget")]
mod results;

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::{checklist, validate as core};
use interop::{error_to_js, json_text, now_option, profile_option, to_js};

fn js<T>(r: Result<T, Error>) -> Result<T, JsValue> {
    r.map_err(|e| error_to_js(&e))
}

/// Validates a report (object or JSON text). `options`: `{ profile?: string | object, now?: string }`.
/// Returns `{ valid, completeness, checklist, findings, tlp, deadlines, techniques }`; throws a
/// `TearsheetError` with a `code` when the input is not a report.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate(report: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let profile = js(profile_option(&options))?;
    let now = js(now_option(&options))?;
    let text = js(json_text(&report, "report"))?;
    let v = js(core::validate_bytes(text.as_bytes(), &profile, core::Options { now }))?;
    to_js(&v)
}

/// The checklist points for a profile (name, object, or absent for the default), each with
/// `required`.
#[wasm_bindgen(js_name = checklist, skip_typescript)]
pub fn checklist(profile: JsValue) -> Result<JsValue, JsValue> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"profile".into(), &profile);
    let profile = js(profile_option(&options.into()))?;
    let points: Vec<serde_json::Value> = checklist::POINTS
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or_default();
            v["required"] = profile.requires(p.id).into();
            v
        })
        .collect();
    to_js(&points)
}

/// The names of the built-in profiles.
#[wasm_bindgen(js_name = builtinProfiles)]
pub fn builtin_profiles() -> Vec<String> {
    crate::profile::builtin_names().into_iter().map(String::from).collect()
}

/// Looks up an ATT&CK or ATLAS technique: `{ id, name, status, tactics, framework }` or `null`.
///
/// Takes a `JsValue`, not `&str`: wasm-bindgen's glue for `&str` trusts the caller and reads
/// out of bounds (a trap) when given a non-string such as `true` (found by
/// `tests/js/hostile.test.mjs`). A non-string is now an `invalid-argument` error.
#[wasm_bindgen(js_name = technique, skip_typescript)]
pub fn technique(id: JsValue) -> Result<JsValue, JsValue> {
    let id = js(interop::string_argument(&id, "id"))?;
    match crate::catalogue::technique(id.trim()) {
        Some(t) => to_js(t),
        None => Ok(JsValue::NULL),
    }
}

/// The crate version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &'static str = r#"
import type { Report, Profile, Validation, ChecklistPoint, Technique } from "./tearsheet-types";
export type { Report, Profile, Validation, ChecklistPoint, Technique };
/** Options of `validate`. */
export interface ValidateOptions { profile?: string | Profile; now?: string }
/** Thrown for input that is not a report: `code` is stable, `path` a JSON pointer. */
export interface TearsheetError extends Error { name: "TearsheetError"; code: string; path?: string; line?: number; column?: number }
export function validate(report: Report | string, options?: ValidateOptions): Validation;
export function checklist(profile?: string | Profile): ChecklistPoint[];
export function technique(id: string): Technique | null;
"#;
