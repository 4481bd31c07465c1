//! Every conversion between JS values and the core lives here, so exported functions stay
//! "decode, call the core, encode".
//!
//! Reports and profiles arrive as plain JS objects (or JSON text). Objects are turned into JSON
//! text with the engine's own `JSON.stringify` and read by the same parser as the CLI's: one
//! code path for every caller, with the same limits, JSON-pointer paths and line/column errors,
//! and cyclic objects or BigInts become a clean `input-not-json` error instead of a stack
//! overflow in a recursive converter.

use js_sys::{Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::profile::Profile;
use crate::time::Timestamp;

/// Encodes a core value as a plain JS object (maps as objects, not `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error_to_js(&Error::new("invalid-argument", format!("cannot encode the result: {e}"))))
}

/// A JS `Error` whose `name` is `TearsheetError` and which carries `code`, `path`, `line` and
/// `column` like the CLI's error object.
pub fn error_to_js(e: &Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name("TearsheetError");
    let obj: &Object = err.as_ref();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(obj, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code()));
    if let Some(p) = e.path() {
        set("path", JsValue::from_str(p));
    }
    if let Some((l, c)) = e.position() {
        set("line", JsValue::from(l as u32));
        set("column", JsValue::from(c as u32));
    }
    err.into()
}

#[wasm_bindgen]
extern "C" {
    /// The engine's `TextEncoder`, bound here for `encodeInto` with a JS string as its source
    /// (web-sys's binding takes a Rust `&str`, which would cross as the copy it is meant to save).
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsValue, destination: &js_sys::Uint8Array) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
}

thread_local! {
    static ENCODER: Option<TextEncoder> = TextEncoder::new().ok();
}

/// Strings shorter than this (UTF-16 units) cross the usual way.
const ENCODE_INTO_FROM: u32 = 4096;

/// A JS string's text (`None` if `value` is not a string). Long strings are written into wasm
/// memory by the engine's own `TextEncoder.encodeInto`, where wasm-bindgen's `as_string` copies
/// them in a JavaScript loop, one UTF-16 unit at a time, up to the first non-ASCII one: 10 % of
/// redacting a 1 MB paste (node CPU profile, 2026-11-26). Lone surrogates become U+FFFD either way.
pub fn js_string(value: &JsValue) -> Option<String> {
    let units = value.dyn_ref::<js_sys::JsString>()?.length();
    if units < ENCODE_INTO_FROM {
        return value.as_string();
    }
    encoded(value).or_else(|| value.as_string())
}

/// [`js_string`]'s `encodeInto` path alone (`None` if it cannot be taken): public for the wasm
/// tests, which compare it with `as_string`.
#[doc(hidden)]
pub fn encoded(value: &JsValue) -> Option<String> {
    let units = value.dyn_ref::<js_sys::JsString>()?.length();
    ENCODER.with(|encoder| {
        let encoder = encoder.as_ref()?;
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        let mut buf = vec![0u8; usize::try_from(units).ok()?.checked_mul(3)?];
        // (The view is made after the allocation, which may have grown the memory.)
        let memory = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().ok()?;
        let at = u32::try_from(buf.as_mut_ptr() as usize).ok()?;
        let view = js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), at, u32::try_from(buf.len()).ok()?);
        let result = encoder.encode_into(value, &view);
        if result.read() != f64::from(units) {
            return None;
        }
        buf.truncate(result.written() as usize);
        String::from_utf8(buf).ok()
    })
}

/// JSON text of a JS value: strings are taken as JSON text, objects are stringified.
pub fn json_text(value: &JsValue, what: &str) -> Result<String, Error> {
    if let Some(s) = js_string(value) {
        return Ok(s);
    }
    if value.is_undefined() || value.is_null() {
        return Err(Error::new("input-not-a-report", format!("expected a {what} object, got {}", if value.is_null() { "null" } else { "undefined" })));
    }
    if !value.is_object() {
        return Err(Error::new("input-not-a-report", format!("expected a {what} object, got a {}", value.js_typeof().as_string().unwrap_or_default())));
    }
    match JSON::stringify(value) {
        Ok(s) => js_string(&s).ok_or_else(|| Error::new("input-not-json", format!("the {what} cannot be written as JSON"))),
        Err(e) => {
            let why = Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_default();
            Err(Error::new("input-not-json", format!("the {what} cannot be written as JSON ({why}); cyclic objects and BigInts are not reports")))
        }
    }
}

/// A string argument, or an `invalid-argument` error naming it: exported functions take
/// `JsValue` and call this rather than declaring `&str`, whose generated glue does not check
/// the type.
pub fn string_argument(value: &JsValue, name: &str) -> Result<String, Error> {
    js_string(value).ok_or_else(|| {
        let got = if value.is_null() { "null".to_string() } else { value.js_typeof().as_string().unwrap_or_default() };
        Error::new("invalid-argument", format!("`{name}` must be a string, got {got}"))
    })
}

/// Reads a string property of an options object, if present.
pub fn option_string(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
}

/// The `profile` option: a built-in name, a profile object, or absent (the default profile).
pub fn profile_option(options: &JsValue) -> Result<Profile, Error> {
    if !options.is_object() {
        return Ok(Profile::default_profile());
    }
    let p = Reflect::get(options, &JsValue::from_str("profile")).unwrap_or(JsValue::UNDEFINED);
    if p.is_undefined() || p.is_null() {
        Ok(Profile::default_profile())
    } else if let Some(name) = p.as_string() {
        Profile::from_name_or_json(&name)
    } else {
        Profile::from_json(json_text(&p, "profile")?.as_bytes())
    }
}

/// The `now` option (RFC 3339), absent means no clock.
pub fn now_option(options: &JsValue) -> Result<Option<Timestamp>, Error> {
    match option_string(options, "now") {
        None => Ok(None),
        Some(s) => Timestamp::parse(&s)
            .map(Some)
            .ok_or_else(|| Error::new("invalid-argument", format!("options.now `{s}` is not an RFC 3339 timestamp"))),
    }
}

/// Reads a boolean property of an options object; absent or not a boolean reads as `false`,
/// so a flag is only ever on when the caller set it to `true`.
pub fn option_bool(options: &JsValue, key: &str) -> bool {
    options.is_object() && Reflect::get(options, &JsValue::from_str(key)).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// A byte-array option (`Uint8Array` or array of numbers), if present.
pub fn bytes_option(options: &JsValue, key: &str) -> Result<Option<Vec<u8>>, Error> {
    if !options.is_object() {
        return Ok(None);
    }
    let v = Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if v.is_instance_of::<js_sys::Uint8Array>() || js_sys::Array::is_array(&v) {
        return Ok(Some(js_sys::Uint8Array::new(&v).to_vec()));
    }
    Err(Error::new("invalid-argument", format!("options.{key} must be a Uint8Array")))
}

/// The `action` option (`mask`, `hash` or `remove`), if present.
pub fn action_option(options: &JsValue) -> Result<Option<crate::redact::Action>, Error> {
    use crate::redact::Action;
    match option_string(options, "action") {
        None => Ok(None),
        Some(a) => match Action::parse(&a) {
            Some(Action::Keep) | None => Err(Error::new("invalid-argument", format!("options.action `{a}`: use mask, hash or remove"))),
            some => Ok(some),
        },
    }
}

/// A list of `{ path, start, end }` spans, if present.
pub fn span_refs_option(options: &JsValue, key: &str) -> Result<Vec<crate::redact::SpanRef>, Error> {
    if !options.is_object() {
        return Ok(Vec::new());
    }
    let v = Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    let text = json_text(&v, key)?;
    serde_json::from_str(&text).map_err(|e| Error::new("invalid-argument", format!("options.{key} must be a list of {{path, start, end}}: {e}")))
}

/// 32 random bytes from the page's `crypto.getRandomValues` (Web Crypto, also in node and
/// workerd): the default key of the `hash` action, which never leaves the page.
pub fn random_key() -> Result<Vec<u8>, Error> {
    let no = || Error::new("invalid-argument", "no crypto.getRandomValues here: pass options.key");
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).map_err(|_| no())?;
    let get = Reflect::get(&crypto, &JsValue::from_str("getRandomValues")).map_err(|_| no())?;
    let get: js_sys::Function = get.dyn_into().map_err(|_| no())?;
    let buf = js_sys::Uint8Array::new_with_length(32);
    get.call1(&crypto, &buf).map_err(|_| no())?;
    Ok(buf.to_vec())
}

/// [`to_js`] for large results (every span of a scan, a redacted report and its log): the value
/// crosses as one JSON string read by the engine's own `JSON.parse`, instead of one JS call per
/// field. Same shape: `to_js` is JSON-compatible (maps as objects, `None` as `null`).
pub fn to_js_via_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::ser::to_string(value).map_err(|e| encode_error(e.to_string()))?;
    json_text_to_js(&text)
}

/// JSON text written by the crate, read by the engine's `JSON.parse`.
pub fn json_text_to_js(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text).map_err(|_| encode_error("the engine did not read it back".to_string()))
}

fn encode_error(why: String) -> JsValue {
    error_to_js(&Error::new("invalid-argument", format!("cannot encode the result: {why}")))
}
