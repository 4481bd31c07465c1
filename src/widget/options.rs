//! The widget's options, decoded once from the JS object the host page passes.

use std::cell::OnceCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::profile::Profile;
use crate::wasm::interop::{option_string, profile_option};

/// UI strings a host page may translate (`options.strings`): key and English default.
pub const STRINGS: &[(&str, &str)] = &[
    ("title", "AI cybersecurity incident or vulnerability report"),
    ("intro", "The CISA JCDC Tear Sheet. Partial reports are welcome: answer what you know."),
    ("overall", "Checklist answered"),
    ("add_row", "Add"),
    ("remove_row", "Remove"),
    ("section_tlp", "Stricter TLP for this section"),
    ("same_as_report", "Same as the report"),
    ("not_answered", "Not answered"),
    ("yes", "Yes"),
    ("no", "No"),
    ("review", "Review and send"),
    ("send", "Send"),
    ("sending", "Sending…"),
    ("back", "Back to the form"),
    ("sent", "Sent. The backend answered"),
    ("send_failed", "Not sent — your report is kept; retry when the backend is reachable."),
    ("no_endpoint", "No endpoint is configured for sending; download the report instead."),
    ("invalid", "Fix the errors listed below before sending."),
    ("valid", "Ready to send."),
    ("findings", "To check"),
    ("no_findings", "Nothing to check."),
    ("import", "Import a JSON file"),
    ("paste", "Paste JSON"),
    ("load", "Load"),
    ("download_json", "Save the draft (JSON file)"),
    ("clear", "Start over"),
    ("preview", "Exactly what will be sent"),
    ("draft_restored", "Your saved draft was restored."),
    ("not_in_catalogue", "not in the ATT&CK/ATLAS catalogue"),
    ("clock", "Reporting clock"),
    ("tlp_none", "No TLP label yet"),
    ("redactions", "Redactions — check each one before sending"),
    ("nothing_redacted", "Nothing was found to redact."),
    ("kept", "kept (recorded in the redaction log)"),
    ("keep", "Keep"),
    ("redact_again", "Redact again"),
    ("redact_selection", "Redact the selected text"),
    ("select_first", "Select text in one of the fields above first."),
];

/// Decoded options.
pub struct Options {
    /// The validation profile, parsed on first use (see [`Options::profile`]).
    profile: OnceCell<Profile>,
    /// The built-in profile to parse then, when the host named one (or none).
    builtin: &'static str,
    /// Where Send POSTs the payload.
    pub endpoint: Option<String>,
    /// Extra request headers (a CSRF token, ...).
    pub headers: Vec<(String, String)>,
    /// Named destination (checked against the profile's destinations by the export helper).
    pub destination: Option<String>,
    /// Output format: `json` (default), `stix` or `taxii`.
    pub format: String,
    /// localStorage key of the draft.
    pub storage_key: String,
    /// `memory` (default) or `session`: where the per-page redaction key is kept.
    pub key_source: String,
    /// Debounce of live validation, in milliseconds.
    pub debounce_ms: u32,
    /// Translated UI strings.
    strings: Vec<(String, String)>,
}

impl Options {
    /// Decodes the JS options object (anything else means all defaults).
    pub fn from_js(options: &JsValue, default_key: String) -> Result<Options, Error> {
        // A built-in profile (named, or the default) is parsed when first used, not here: mount()
        // renders nothing that depends on it, and parsing it was a quarter of a cold mount()'s
        // main-thread time (serde code run, and compiled by the browser, for the first time),
        // now spent in the first validation after the first frame. A built-in name cannot fail
        // later (the documents are tested to parse); any other value is decoded now, so a bad
        // profile still makes mount() / enhance() throw.
        let named = match get(options, "profile") {
            None => Some(crate::profile::builtin_names().first().copied().unwrap_or("jcdc-ai")),
            Some(v) => v.as_string().and_then(|name| crate::profile::builtin_names().into_iter().find(|b| *b == name)),
        };
        let (profile, builtin) = match named {
            Some(name) => (OnceCell::new(), name),
            None => (OnceCell::from(profile_option(options)?), ""),
        };
        let mut headers = Vec::new();
        let mut strings = Vec::new();
        for (key, out) in [("headers", &mut headers), ("strings", &mut strings)] {
            if let Some(obj) = get(options, key).and_then(|v| v.dyn_into::<Object>().ok()) {
                for entry in Object::entries(&obj).iter() {
                    let pair: js_sys::Array = entry.unchecked_into();
                    if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                        out.push((k, v));
                    }
                }
            }
        }
        let format = option_string(options, "format").unwrap_or_else(|| "json".into());
        if !["json", "stix", "taxii"].contains(&format.as_str()) {
            return Err(Error::new("invalid-argument", format!("options.format `{format}`: use json, stix or taxii")));
        }
        Ok(Options {
            profile,
            builtin,
            endpoint: option_string(options, "endpoint").filter(|s| !s.is_empty()),
            headers,
            destination: option_string(options, "destination").filter(|s| !s.is_empty()),
            format,
            storage_key: option_string(options, "storageKey").unwrap_or(default_key),
            key_source: option_string(options, "keySource").unwrap_or_else(|| "memory".into()),
            debounce_ms: get(options, "debounceMs").and_then(|v| v.as_f64()).map_or(120, |n| n.clamp(0.0, 5000.0) as u32),
            strings,
        })
    }

    /// The validation profile (a built-in one is parsed on the first call).
    pub fn profile(&self) -> &Profile {
        self.profile.get_or_init(|| Profile::builtin(self.builtin).unwrap_or_default())
    }

    /// A UI string, translated if the host gave one.
    pub fn t(&self, key: &str) -> String {
        self.strings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| STRINGS.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()))
            .unwrap_or_else(|| key.to_string())
    }
}

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}
