//! Exports: one report, labelled with TLP 2.0, in the formats its recipients read — the
//! canonical JSON, a STIX 2.1 bundle, a TAXII 2.1 envelope, a MISP event, an RFC 5322 e-mail
//! and Markdown — plus the destination rules that decide where a report may go, and a TLP lint
//! for STIX bundles written by any tool.
//!
//! Every export is a pure function of the report: identifiers are UUIDv5 of content and
//! timestamps come from the report, never from the clock, so exporting twice gives the same
//! bytes (golden files in `tests/golden/` hold them).
//!
//! # TLP
//! The label an export carries is the report's *effective* level: the declared `tlp` raised to
//! its most restrictive `markings` entry ([`Labels`]). Parts are labelled at their own level
//! (never lower than the report's declared label): STIX objects get per-object markings, MISP
//! attributes their own `tlp:` tag, text sections a `[TLP:…]` mark.
//!
//! # Refusals
//! - a report that was not redacted (`redaction.applied` false or absent) is refused with
//!   `export-not-redacted` unless the caller passes `allow_unredacted`, which is then written
//!   into the output (`redaction.unredacted_export`, a STIX note and label, a MISP tag, an
//!   e-mail header);
//! - with a destination, the rules of [`DESTINATION_RULES`] apply (see [`check_destination`]).
//!
//! # What it does not do
//! It sends nothing: the widget and the edge layer do, with these bodies.

mod email;
mod json;
mod labels;
mod lint;
mod markdown;
mod misp;
mod render;
mod stix;
mod taxii;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::indicator::{is_under_domain, url_host};
use crate::model::Report;
use crate::profile::{Destination, Profile};
use crate::tlp::Tlp;

pub use labels::Labels;
pub use lint::{lint_stix, TLP1_MARKINGS};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The canonical labelled report (TLP normalised).
    Json,
    /// A STIX 2.1 bundle.
    Stix,
    /// A TAXII 2.1 envelope for `POST …/collections/{id}/objects/`.
    Taxii,
    /// A MISP event.
    Misp,
    /// An RFC 5322 e-mail message (`.eml`).
    Email,
    /// Markdown for human review.
    Markdown,
}

/// What one format is: name, media type, file extension and the function that writes it.
pub struct FormatInfo {
    /// The format.
    pub format: Format,
    /// Name on the command line and in JS (`stix`).
    pub name: &'static str,
    /// Media type of the body.
    pub media_type: &'static str,
    /// File name extension, with its dot.
    pub extension: &'static str,
    write: fn(&Context<'_>) -> Result<Written, Error>,
}

/// Every format, in the order help texts list them.
pub const FORMATS: &[FormatInfo] = &[
    FormatInfo { format: Format::Json, name: "json", media_type: "application/json", extension: ".json", write: json::write },
    FormatInfo { format: Format::Stix, name: "stix", media_type: "application/stix+json;version=2.1", extension: ".stix.json", write: stix::write },
    FormatInfo { format: Format::Taxii, name: "taxii", media_type: "application/taxii+json;version=2.1", extension: ".taxii.json", write: taxii::write },
    FormatInfo { format: Format::Misp, name: "misp", media_type: "application/json", extension: ".misp.json", write: misp::write },
    FormatInfo { format: Format::Email, name: "email", media_type: "message/rfc822", extension: ".eml", write: email::write },
    FormatInfo { format: Format::Markdown, name: "markdown", media_type: "text/markdown; charset=utf-8", extension: ".md", write: markdown::write },
];

impl Format {
    /// This format's entry in [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        // FORMATS has one entry per variant (tested); JSON is a harmless fallback.
        FORMATS.iter().find(|f| f.format == self).unwrap_or(&FORMATS[0])
    }
    /// Name as on the command line (`stix`).
    pub fn as_str(self) -> &'static str {
        self.info().name
    }
    /// Every format name.
    pub fn names() -> Vec<&'static str> {
        FORMATS.iter().map(|f| f.name).collect()
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format, Error> {
        let norm = s.trim().to_ascii_lowercase();
        let alias = match norm.as_str() {
            "eml" | "e-mail" | "mail" => "email",
            "md" => "markdown",
            "stix2" | "stix21" => "stix",
            other => other,
        };
        FORMATS.iter().find(|f| f.name == alias).map(|f| f.format).ok_or_else(|| {
            Error::new("export-unknown-format", format!("`{s}` is not an export format; use one of: {}", Format::names().join(", ")))
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the caller asks of an export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
pub struct ExportOptions {
    /// Id of a destination of the profile; its TLP rules are checked first.
    pub destination: Option<String>,
    /// Export even though the report was not redacted; recorded in the output.
    pub allow_unredacted: bool,
}

/// An exported report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The format.
    pub format: Format,
    /// Media type of `body`.
    pub media_type: &'static str,
    /// A file name for downloads (`<title-slug>.stix.json`).
    pub file_name: String,
    /// The exported text.
    pub body: String,
    /// For e-mail: a `mailto:` link carrying the same message, when it fits the 2000
    /// characters mail clients and browsers reliably accept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailto: Option<String>,
}

/// What a format writer gets.
pub(crate) struct Context<'a> {
    /// The report, with `redaction.unredacted_export` set when the caller allowed it.
    pub report: &'a Report,
    /// Its TLP labels.
    pub labels: &'a Labels,
    /// The destination, when the caller named one.
    pub destination: Option<&'a Destination>,
    /// Exported without redaction, by explicit request.
    pub unredacted: bool,
}

/// What a format writer returns.
pub(crate) struct Written {
    body: String,
    mailto: Option<String>,
}

impl From<String> for Written {
    fn from(body: String) -> Written {
        Written { body, mailto: None }
    }
}

/// A destination rule: its error code, and the check that returns why a report at `level`
/// may not go to `destination` (or `None` when it may).
pub type DestinationRule = fn(level: Tlp, destination: &Destination, report: &Report) -> Option<String>;

/// The TLP rules every destination is checked against, in order; the first that fails refuses.
pub const DESTINATION_RULES: &[(&str, DestinationRule)] = &[
    ("destination-tlp-exceeded", |level, d, _| {
        (level > d.max_tlp).then(|| format!("the report is {level} (effective label); destination `{}` accepts up to {}", d.id, d.max_tlp))
    }),
    ("destination-red-needs-named-recipients", |level, d, _| {
        (level == Tlp::Red && d.recipients.iter().all(|r| r.trim().is_empty())).then(|| {
            format!("the report is TLP:RED, which goes only to named individual recipients; destination `{}` names none (add `recipients`)", d.id)
        })
    }),
    ("destination-amber-strict-outside-organization", |level, d, report| {
        (level == Tlp::AmberStrict && !inside_organization(d, report)).then(|| {
            let domain = &report.reporter.organization_domain;
            format!(
                "the report is TLP:AMBER+STRICT, which stays inside the reporting organisation; destination `{}` is not marked internal and its recipients/host are not all within {}",
                d.id,
                if domain.is_empty() { "reporter.organization_domain (not given)".to_string() } else { format!("`{domain}`") }
            )
        })
    }),
];

/// Inside the reporting organisation: marked `internal`, or every recipient and the URL's host
/// are in `reporter.organization_domain` (and there is at least one of them).
fn inside_organization(d: &Destination, report: &Report) -> bool {
    if d.internal {
        return true;
    }
    let domain = &report.reporter.organization_domain;
    let recipients: Vec<&str> = d.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
    let url = d.url.trim();
    if recipients.is_empty() && url.is_empty() {
        return false;
    }
    recipients.iter().all(|r| r.rsplit_once('@').is_some_and(|(_, host)| is_under_domain(host, domain)))
        && (url.is_empty() || url_host(url).is_some_and(|u| is_under_domain(u.host, domain)))
}

/// Checks that the report may go to the profile's destination `destination`: it exists, and
/// the report's effective TLP passes every rule of [`DESTINATION_RULES`].
pub fn check_destination<'p>(report: &Report, profile: &'p Profile, destination: &str) -> Result<&'p Destination, Error> {
    let d = profile.destinations.iter().find(|d| d.id == destination).ok_or_else(|| {
        let known: Vec<&str> = profile.destinations.iter().map(|d| d.id.as_str()).collect();
        Error::new(
            "destination-unknown",
            format!(
                "profile `{}` has no destination `{destination}`; {}",
                profile.name,
                if known.is_empty() { "it lists none (add `destinations` to the profile)".to_string() } else { format!("it lists: {}", known.join(", ")) }
            ),
        )
    })?;
    let level = Labels::of(report)?.effective();
    for (code, rule) in DESTINATION_RULES {
        if let Some(why) = rule(level, d, report) {
            return Err(Error::new(code, format!("{why} (rule {code})")).at_path("/tlp"));
        }
    }
    Ok(d)
}

/// A file-name stem from the title: lower-case ASCII letters, digits and dashes, at most 60.
fn file_stem(report: &Report) -> String {
    let mut out = String::new();
    for c in report.title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "report".to_string() } else { out.to_string() }
}

/// Exports a report in one format.
///
/// Checks, in order: the report's TLP labels are readable (`export-tlp-missing`); the
/// destination, when named, accepts it ([`check_destination`]); it was redacted or the caller
/// explicitly allowed an unredacted export (`export-not-redacted`).
pub fn export(report: &Report, profile: &Profile, format: Format, options: &ExportOptions) -> Result<Exported, Error> {
    let labels = Labels::of(report)?;
    let destination = match options.destination.as_deref() {
        Some(id) => Some(check_destination(report, profile, id)?),
        None => None,
    };
    let redacted = report.redaction.as_ref().is_some_and(|r| r.applied);
    if !redacted && !options.allow_unredacted {
        return Err(Error::new(
            "export-not-redacted",
            "the report was not redacted (no `redaction` record with `applied: true`); redact it first, or export with the explicit allow-unredacted flag, which is recorded in the output",
        )
        .at_path("/redaction"));
    }
    let mut owned;
    let report = if redacted {
        report
    } else {
        owned = report.clone();
        owned.redaction.get_or_insert_with(Default::default).unredacted_export = true;
        &owned
    };
    let info = format.info();
    let ctx = Context { report, labels: &labels, destination, unredacted: !redacted };
    let written = (info.write)(&ctx)?;
    Ok(Exported {
        format,
        media_type: info.media_type,
        file_name: format!("{}{}", file_stem(report), info.extension),
        body: written.body,
        mailto: written.mailto,
    })
}

/// UUIDv5 of `name` in tearsheet's namespace (itself UUIDv5 of a URL), as text.
pub(crate) fn uuid5(name: &str) -> String {
    let ns = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:tearsheet:export");
    uuid::Uuid::new_v5(&ns, name.as_bytes()).to_string()
}

#[cfg(test)]
mod tests;
