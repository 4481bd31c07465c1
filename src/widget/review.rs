//! The review step: the one place where the draft becomes the payload that leaves the page.
//!
//! The widget never redacts or formats anything itself: the core's redaction helper
//! (`crate::redact::redact`, with the profile's policy, the per-page key and the user's kept
//! and extra spans) and export helper (`crate::export::export`, which also checks the
//! destination's TLP rules and refuses an unredacted report) do, here.

use serde_json::Value;

use super::app::Widget;
use super::options::Options;
use crate::error::Error;
use crate::export::{self, ExportOptions, Format};
use crate::form::FormState;
use crate::model::{RedactionEntry, Report};
use crate::redact::{self, RedactOptions, SpanRef};

/// Extra downloads offered next to "Save the draft": (format, button label).
pub const DOWNLOADS: &[(&str, &str)] = &[("email", "Download e-mail (.eml)"), ("stix", "Download STIX 2.1")];

/// The `Accept` header Send puts on a request in a given format, when the destination's
/// protocol requires one: a TAXII 2.1 server refuses (406) a request that does not accept its
/// media type (TAXII 2.1 §1.6.8.1), so an envelope POSTed without it never arrives. A host's
/// `headers` option may still override it.
pub const ACCEPT: &[(&str, &str)] = &[("taxii", "application/taxii+json;version=2.1")];

/// The exact bytes Send will POST, and what redaction did to get them.
pub struct Prepared {
    /// Request body.
    pub body: String,
    /// Its media type.
    pub media_type: String,
    /// The `Accept` header the format's protocol requires, if any (see [`ACCEPT`]).
    pub accept: Option<&'static str>,
    /// Every span redacted or kept, with byte and UTF-16 offsets into the original fields.
    pub log: Vec<RedactionEntry>,
}

fn redacted(state: &FormState, opts: &Options, key: &[u8], keep: &[SpanRef], extra: &[SpanRef]) -> Result<(Report, Vec<RedactionEntry>), Error> {
    let bytes = crate::ser::to_vec(&state.payload()).map_err(|e| Error::new("invalid-argument", e.to_string()))?;
    let report = crate::parse_report(&bytes)?.value;
    let options = RedactOptions { key: key.to_vec(), action: None, keep: keep.to_vec(), extra: extra.to_vec() };
    let r = redact::redact(&report, &opts.profile().redaction, &options)?;
    let log = r.log().to_vec();
    Ok((r.report, log))
}

/// Redacts the draft and exports it in the configured format for the configured destination.
pub fn prepare(w: &Widget) -> Result<Prepared, Error> {
    let (report, log) = redacted(&w.state, &w.opts, w.key(), &w.keep, &w.extra)?;
    let format: Format = w.opts.format.parse()?;
    let e = export::export(&report, w.opts.profile(), format, &ExportOptions { destination: w.opts.destination.clone(), allow_unredacted: false })?;
    let accept = ACCEPT.iter().find(|(f, _)| *f == w.opts.format).map(|(_, a)| *a);
    Ok(Prepared { body: e.body, media_type: e.media_type.to_string(), accept, log })
}

/// A download in another format (redacted the same way): (body, media type, file name).
pub fn export(w: &Widget, format: &str) -> Result<(String, String, String), Error> {
    let (report, _) = redacted(&w.state, &w.opts, w.key(), &w.keep, &w.extra)?;
    let format: Format = format.parse()?;
    let e = export::export(&report, w.opts.profile(), format, &ExportOptions::default())?;
    Ok((e.body, e.media_type.to_string(), e.file_name))
}

/// The redacted value of every text field of a plain form enhanced by `enhance`, to write back
/// before the submit goes on: (pointer, new value), only for fields that changed.
pub fn redact_fields(state: &FormState, opts: &Options, key: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let (report, log) = redacted(state, opts, key, &[], &[])?;
    let after = crate::ser::to_value(&report).map_err(|e| Error::new("invalid-argument", e.to_string()))?;
    let mut out: Vec<(String, String)> = Vec::new();
    for e in log.iter().filter(|e| e.action != "keep") {
        if out.iter().any(|(p, _)| *p == e.path) {
            continue;
        }
        let value = after.pointer(&e.path).and_then(Value::as_str).unwrap_or("").to_string();
        out.push((e.path.clone(), value));
    }
    Ok(out)
}
