//! The error for input that cannot be taken as a report (or a profile, or a bundle): as opposed
//! to a [`crate::Finding`], which is about a report we could read.

use std::fmt;

use serde::Serialize;

/// Input that could not be read. Carries a stable code, where it went wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// Every error code, with what it means.
pub const ERROR_CODES: &[(&str, &str)] = &[
    ("input-too-large", "The input is larger than the limit; split evidence out or share it separately."),
    ("input-not-utf8", "The input is not UTF-8 text."),
    ("input-not-json", "The input is not JSON."),
    ("input-truncated", "The JSON ends in the middle of a value; the input was cut short."),
    ("input-too-deep", "Arrays and objects are nested deeper than any report is."),
    ("input-not-a-report", "The JSON is not a report object."),
    ("input-wrong-type", "A field has the wrong type (e.g. a number where text is expected)."),
    ("input-too-many-items", "A list has more entries than the limit."),
    ("input-string-too-long", "One string value is longer than the per-value limit (1 MiB); attach long evidence separately."),
    ("input-too-many-values", "The input has more JSON values (members and entries) than any report needs."),
    ("profile-unknown", "No built-in profile has this name."),
    ("profile-invalid", "The profile document is not valid."),
    ("profile-unknown-point", "The profile requires a checklist point that does not exist."),
    ("invalid-argument", "An argument has a value that cannot be used."),
    ("io-error", "The input could not be read."),
    ("export-unknown-format", "No export format has this name; use json, stix, taxii, misp, email or markdown."),
    ("export-tlp-missing", "The report has no readable TLP label; an export must say how far it may travel."),
    ("export-not-redacted", "The report was not redacted; run redaction first, or pass the explicit allow-unredacted flag (recorded in the output)."),
    ("destination-unknown", "The profile lists no destination with this id."),
    ("destination-tlp-exceeded", "The report's effective TLP is above what the destination accepts (its max_tlp)."),
    ("destination-red-needs-named-recipients", "TLP:RED goes only to named individual recipients: the destination must list its recipients."),
    ("destination-amber-strict-outside-organization", "TLP:AMBER+STRICT stays inside the reporting organisation: the destination must be internal or within reporter.organization_domain."),
    ("stix-not-a-bundle", "The input is JSON but not a STIX 2.1 bundle (or TAXII envelope) with an objects list."),
];

impl Error {
    /// A new error. `code` must be one of [`ERROR_CODES`].
    pub fn new(code: &'static str, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), path: None, line: None, column: None }
    }
    /// Adds the JSON pointer of the offending value.
    pub fn at_path(mut self, path: impl Into<String>) -> Error {
        self.path = Some(path.into());
        self
    }
    /// Adds a 1-based line and column.
    pub fn at_position(mut self, line: usize, column: usize) -> Error {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    /// Stable kebab-case code.
    pub fn code(&self) -> &'static str {
        self.code
    }
    /// Human message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// JSON pointer, if known.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
    /// Line and column (1-based), if known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.line.zip(self.column)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(p) = &self.path {
            write!(f, " (at {p})")?;
        }
        if let Some((l, c)) = self.position() {
            write!(f, " (line {l}, column {c})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
