//! The review step: the one place where the draft becomes the payload that leaves the page.
//!
//! `prepare` is where the core's redaction (`crate::redact`) and export (`crate::export`)
//! helpers plug in: the widget itself never redacts or formats anything.

use serde_json::Value;

use super::app::Widget;
use crate::error::Error;

/// Extra downloads offered next to "Download JSON": (format, button label).
pub const DOWNLOADS: &[(&str, &str)] = &[];

/// The exact bytes Send will POST.
pub struct Prepared {
    /// Request body.
    pub body: String,
    /// Its media type.
    pub media_type: String,
    /// The redaction log (what was masked or kept), reported in `tearsheet:sent`.
    pub log: Value,
}

/// Builds the payload from the draft: refused when the profile's destination may not receive
/// the report's TLP (the export helper's rule and message).
pub fn prepare(w: &Widget) -> Result<Prepared, Error> {
    let payload = w.state.payload();
    if let Some(destination) = &w.opts.destination {
        let report = crate::parse_report(&serde_json::to_vec(&payload).unwrap_or_default())?.value;
        crate::export::check_destination(&report, &w.opts.profile, destination)?;
    }
    let body = serde_json::to_string_pretty(&payload).map_err(|e| Error::new("invalid-argument", e.to_string()))?;
    Ok(Prepared { body, media_type: "application/json".into(), log: Value::Array(Vec::new()) })
}

/// A download in another format: (body, media type, file name).
pub fn export(_w: &Widget, format: &str) -> Result<(String, String, String), Error> {
    Err(Error::new("export-unavailable", format!("no `{format}` export in this build")))
}

/// The redacted value of every text field of a plain form enhanced by `enhance`, to write back
/// before the submit goes on: (pointer, new value), only for fields that changed.
pub fn redact_fields(_state: &crate::form::FormState, _opts: &super::options::Options, _key: &[u8]) -> Result<Vec<(String, String)>, Error> {
    Ok(Vec::new())
}
