//! Findings: what validation says about a report, each with a stable code.
//!
//! Codes are kebab-case and never change meaning once released: portals match on them. The
//! table [`CODES`] is the one list of them, with the default severity and what to do about it;
//! `tearsheet codes` prints it.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Information, e.g. a checklist point still open or a normalisation applied.
    Info,
    /// Worth fixing before sharing; the report is still valid.
    Warning,
    /// The report is not valid under the profile.
    Error,
}

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable kebab-case code from [`CODES`].
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// JSON pointer of the field concerned (`""` for the whole report).
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The checklist point concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(code: &str, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            code: code.to_string(),
            severity: severity_of(code),
            path: path.into(),
            message: message.into(),
            point: None,
        }
    }

    /// Names the checklist point this finding is about.
    pub fn with_point(mut self, point: &str) -> Finding {
        self.point = Some(point.to_string());
        self
    }

    /// Overrides the severity (profiles may raise or lower some rules).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

/// A finding code: its id, default severity and what it means.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Code {
    /// Kebab-case id.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it means and what to do.
    pub summary: &'static str,
}

use Severity::*;

/// Every finding code.
pub const CODES: &[Code] = &[
    Code { code: "unknown-field", severity: Warning, summary: "A field the report model does not have; it is ignored. Check its spelling against `tearsheet schema`." },
    Code { code: "unknown-vocabulary", severity: Warning, summary: "A value outside the field's controlled vocabulary; use one of the listed values." },
    Code { code: "missing-required-point", severity: Error, summary: "The profile requires this checklist point; fill one of its fields." },
    Code { code: "field-required", severity: Error, summary: "A profile field rule requires this field." },
    Code { code: "field-too-long", severity: Error, summary: "A profile field rule limits this field's length." },
    Code { code: "field-not-allowed-value", severity: Error, summary: "A profile field rule allows only some values here." },
    Code { code: "field-too-few-items", severity: Error, summary: "A profile field rule asks for more entries in this list." },
    Code { code: "invalid-timestamp", severity: Error, summary: "Not an RFC 3339 timestamp; write it like 2025-01-14T09:30:00Z." },
    Code { code: "timestamp-order", severity: Warning, summary: "Timestamps out of order (e.g. detected before it occurred, last seen before first seen)." },
    Code { code: "timestamp-in-future", severity: Warning, summary: "A timestamp later than the validation clock." },
    Code { code: "invalid-cve", severity: Error, summary: "Not a CVE id; write it as CVE-YYYY-NNNN (four or more digits)." },
    Code { code: "invalid-indicator", severity: Error, summary: "The indicator value does not fit its declared type." },
    Code { code: "indicator-type-missing", severity: Warning, summary: "An indicator without a type cannot be exported as a STIX pattern or MISP attribute." },
    Code { code: "indicator-defanged", severity: Info, summary: "A defanged indicator (hxxp://, [.]) was recognised; exports use the normalised value." },
    Code { code: "private-indicator", severity: Warning, summary: "An address from private, loopback or link-local space is probably not a shareable indicator." },
    Code { code: "duplicate-indicator", severity: Info, summary: "The same indicator is listed more than once." },
    Code { code: "findings-truncated", severity: Warning, summary: "More findings than the limit (MAX_FINDINGS); the least severe were left out. Fix the listed ones and validate again." },
    Code { code: "invalid-technique", severity: Error, summary: "Not an ATT&CK (T1234, T1234.001) or ATLAS (AML.T0051, AML.T0051.000) technique id." },
    Code { code: "unknown-technique", severity: Warning, summary: "A well-formed technique id that is not in the bundled ATT&CK/ATLAS catalogue." },
    Code { code: "deprecated-technique", severity: Warning, summary: "The technique is deprecated or revoked in ATT&CK; cite its replacement." },
    Code { code: "invalid-mitigation-id", severity: Warning, summary: "Not a known ATLAS mitigation id (AML.M0000)." },
    Code { code: "invalid-email", severity: Error, summary: "Not an e-mail address." },
    Code { code: "invalid-url", severity: Error, summary: "Not an absolute URL." },
    Code { code: "nonpublic-poc-use-cvd", severity: Warning, summary: "Non-public or lesser-known proofs of concept go to CISA through the Coordinated Vulnerability Disclosure process ('Report a Vulnerability'), not this channel." },
    Code { code: "out-of-scope-safety", severity: Info, summary: "AI safety (risk to life, health, property, environment) is outside the playbook's scope; use your own process for it too." },
    Code { code: "out-of-scope-fairness", severity: Info, summary: "AI fairness and ethics are outside the playbook's scope." },
    Code { code: "attribution-without-confidence", severity: Warning, summary: "Attribution is given without a confidence level (unverified, speculative, confirmed)." },
    Code { code: "privileged-source-low-tlp", severity: Warning, summary: "Information from a privileged or non-public source is marked below TLP:AMBER." },
    Code { code: "vulnerability-without-cve-or-product", severity: Warning, summary: "A vulnerability report names neither a CVE nor an affected product." },
    Code { code: "incident-without-detection-time", severity: Warning, summary: "An incident report without any detection timestamp; the recipient cannot place it in time." },
    Code { code: "kind-missing", severity: Warning, summary: "The report does not say what it is (incident, attempted attack, scanning, suspicious activity, vulnerability, proactive)." },
    Code { code: "tlp-missing", severity: Warning, summary: "No TLP label; recipients will not know how far it may travel." },
    Code { code: "tlp-invalid", severity: Error, summary: "Not a TLP 2.0 label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)." },
    Code { code: "tlp-normalized", severity: Info, summary: "The TLP label was written loosely and has been read as the canonical label." },
    Code { code: "tlp-1-0-label", severity: Info, summary: "A TLP 1.0 label; TLP:WHITE is TLP:CLEAR in TLP 2.0." },
    Code { code: "tlp-below-markings", severity: Error, summary: "The report's TLP is lower than a part marked more restrictively; raise the report label." },
    Code { code: "tlp-above-profile", severity: Error, summary: "The profile does not allow reports above this TLP level." },
    Code { code: "marking-path-unknown", severity: Warning, summary: "A marking points at a part of the report that does not exist." },
    Code { code: "deadline-open", severity: Info, summary: "A reporting clock declared by the profile is running." },
    Code { code: "deadline-overdue", severity: Warning, summary: "A reporting clock declared by the profile has run out." },
    Code { code: "stix-tlp-id-mismatch", severity: Error, summary: "An official TLP marking-definition id carries the name or level of another TLP label (e.g. TLP:CLEAR on the TLP 1.0 WHITE id); recipients will read the id." },
    Code { code: "stix-tlp-unofficial-id", severity: Error, summary: "A marking definition claims a TLP level under an id that is not the OASIS one (a vendor's own id); use the official TLP 2.0 marking-definition id." },
    Code { code: "stix-tlp-multiple-levels", severity: Error, summary: "One STIX object carries more than one TLP level in object_marking_refs; keep only the most restrictive." },
    Code { code: "stix-marking-missing", severity: Error, summary: "A referenced marking definition is not in the bundle; include it so recipients can read the marking." },
    Code { code: "stix-tlp-1-0", severity: Warning, summary: "A TLP 1.0 marking definition; TLP 2.0 has its own official ids (WHITE became CLEAR)." },
    Code { code: "stix-object-unmarked", severity: Info, summary: "A STIX object without any TLP marking; it falls back to whatever the recipient assumes." },
    Code { code: "redaction-residual", severity: Error, summary: "Personal data, a secret, a private address or an internal host the redaction policy removes is still in the report (the finding names the field and kind, never the value); redact before sharing." },
    Code { code: "harm-without-severity", severity: Info, summary: "A harm category without its severity (negligible, minor, moderate, severe)." },
];

/// The default severity of a code (warning for a code not in the table, which tests forbid).
pub fn severity_of(code: &str) -> Severity {
    CODES.iter().find(|c| c.code == code).map_or(Warning, |c| c.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        for (i, c) in CODES.iter().enumerate() {
            assert!(c.code.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'), "{}", c.code);
            assert!(CODES[i + 1..].iter().all(|d| d.code != c.code), "duplicate {}", c.code);
        }
    }
}
