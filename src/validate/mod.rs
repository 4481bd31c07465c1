//! Validation: the checklist's status for one report, the playbook's own rules, checks of every
//! value (timestamps, indicators, CVEs, techniques, TLP) and the profile's rules and clocks.
//!
//! Every rule is a function in [`RULES`] that reads a [`Context`] and pushes [`Finding`]s;
//! none stops at the first problem, so the user sees everything at once. The clock is passed
//! in ([`Options::now`]), never read here, so results are reproducible.

mod rules;

use serde::Serialize;

use crate::checklist::{PointStatus, POINTS};
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::input::{parse_report, Parsed};
use crate::model::{Node, Report, ToNode, SECTIONS};
use crate::profile::Profile;
use crate::time::Timestamp;

/// What validation needs besides the report and the profile.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The time to measure reporting clocks and "in the future" against; `None` skips both.
    pub now: Option<Timestamp>,
}

/// The outcome of validating one report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Validation {
    /// No error-severity finding.
    pub valid: bool,
    /// The profile used.
    pub profile: String,
    /// How much of the checklist is answered.
    pub completeness: Completeness,
    /// Status of every checklist point.
    pub checklist: Vec<PointResult>,
    /// Everything found, errors first.
    pub findings: Vec<Finding>,
    /// The report's TLP as read, and the effective level after markings.
    pub tlp: TlpSummary,
    /// Reporting clocks declared by the profile.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<DeadlineStatus>,
    /// Techniques cited, with the catalogue's names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<TechniqueName>,
}

/// Answered points over applicable points.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Ratio {
    /// Points answered.
    pub met: usize,
    /// Points that apply (answered ones always count as applying).
    pub applicable: usize,
    /// `met / applicable`, 1.0 when nothing applies.
    pub ratio: f64,
}

impl Ratio {
    fn new(met: usize, applicable: usize) -> Ratio {
        let ratio = if applicable == 0 { 1.0 } else { (met as f64 / applicable as f64 * 1000.0).round() / 1000.0 };
        Ratio { met, applicable, ratio }
    }
}

/// Completeness overall and per section (in the playbook's order).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Completeness {
    /// All sections.
    pub overall: Ratio,
    /// Per section key.
    pub sections: Vec<SectionRatio>,
}

/// One section's completeness.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SectionRatio {
    /// Section key.
    pub section: &'static str,
    /// Its completeness.
    #[serde(flatten)]
    pub ratio: Ratio,
}

/// One point's status.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PointResult {
    /// Point id.
    pub id: &'static str,
    /// Met, missing, or not applicable.
    pub status: PointStatus,
    /// Required by the profile.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// The TLP as validation read it.
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TlpSummary {
    /// The report-level label, canonical, if it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    /// The most restrictive of the report label and all markings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<&'static str>,
}

/// Where a reporting clock stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DeadlineStatus {
    /// Deadline id from the profile.
    pub id: String,
    /// Its label.
    pub label: String,
    /// When it is due (RFC 3339, UTC).
    pub due: String,
    /// `open`, `overdue`, `met` (reported in time) or `late` (reported after it was due).
    pub status: &'static str,
    /// Seconds left until due (negative when overdue), when a clock was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds_left: Option<i64>,
}

/// A cited technique and its catalogue name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TechniqueName {
    /// Where it is cited.
    pub path: String,
    /// The id.
    pub id: String,
    /// Catalogue name.
    pub name: &'static str,
    /// `mitre-attack` or `mitre-atlas`.
    pub framework: crate::catalogue::Framework,
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// The report.
    pub report: &'a Report,
    /// The report as JSON (a borrowed view, no copy), for pointer-driven rules.
    pub json: Node<'a>,
    /// The profile.
    pub profile: &'a Profile,
    /// Options (the clock).
    pub options: Options,
    /// Pointers of fields the parser ignored.
    pub unknown_fields: &'a [String],
}

/// What rules produce besides findings.
#[derive(Default)]
pub struct Output {
    /// Findings.
    pub findings: Vec<Finding>,
    /// TLP summary.
    pub tlp: TlpSummary,
    /// Clocks.
    pub deadlines: Vec<DeadlineStatus>,
    /// Technique names.
    pub techniques: Vec<TechniqueName>,
}

/// A validation rule: reads the context, adds to the output.
pub type Rule = fn(&Context<'_>, &mut Output);

/// Every rule, in the order their findings are listed.
pub const RULES: &[(&str, Rule)] = &[
    ("unknown-fields", rules::unknown_fields),
    ("vocabularies", rules::vocabularies),
    ("required-points", rules::required_points),
    ("field-rules", rules::field_rules),
    ("kind", rules::kind),
    ("tlp", rules::tlp),
    ("timestamps", rules::timestamps),
    ("indicators", rules::indicators),
    ("cves", rules::cves),
    ("techniques", rules::techniques),
    ("atlas-mitigations", rules::atlas_mitigations),
    ("contacts-and-urls", rules::contacts_and_urls),
    ("playbook-nonpublic-poc", rules::nonpublic_poc),
    ("playbook-scope", rules::scope),
    ("playbook-attribution-confidence", rules::attribution_confidence),
    ("playbook-privileged-source", rules::privileged_source),
    ("playbook-vulnerability-identity", rules::vulnerability_identity),
    ("playbook-incident-time", rules::incident_time),
    ("harm-severity", rules::harm_severity),
    ("deadlines", rules::deadlines),
];

/// Validates a parsed report.
pub fn validate(parsed: &Parsed, profile: &Profile, options: Options) -> Validation {
    let report = &parsed.value;
    let json = report.node();
    let ctx = Context { report, json, profile, options, unknown_fields: &parsed.unknown_fields };
    let mut out = Output::default();
    for (_, rule) in RULES {
        rule(&ctx, &mut out);
    }
    drop_superseded(&mut out.findings);

    let kind = report.kind.as_ref();
    let mut first = crate::pointer::FirstStep::default();
    let checklist: Vec<PointResult> = POINTS
        .iter()
        .map(|p| PointResult { id: p.id, status: p.status_from(kind, json, &mut first), required: profile.requires(p.id) })
        .collect();
    let completeness = completeness(&checklist);

    crate::sort::sort_by(&mut out.findings, |a, b| b.severity.cmp(&a.severity));
    let valid = !out.findings.iter().any(|f| f.severity == Severity::Error);
    truncate_findings(&mut out.findings);
    Validation {
        valid,
        profile: profile.name.clone(),
        completeness,
        checklist,
        findings: out.findings,
        tlp: out.tlp,
        deadlines: out.deadlines,
        techniques: out.techniques,
    }
}

/// Completeness overall and per section from the checklist's statuses, in one pass: each
/// applicable point counts towards the overall ratio and its section's (a pass per section
/// compared every point's section key ten times over).
fn completeness(checklist: &[PointResult]) -> Completeness {
    let mut overall = (0, 0);
    let mut sections = [(0, 0); SECTIONS.len()];
    let mut at: Option<usize> = None;
    for (p, r) in POINTS.iter().zip(checklist).filter(|(_, r)| r.status != PointStatus::NotApplicable) {
        // Points are listed section by section: the previous point's section is tried first.
        if at.and_then(|k| SECTIONS.get(k)).is_none_or(|(s, _)| *s != p.section) {
            at = SECTIONS.iter().position(|(s, _)| *s == p.section);
        }
        let met = usize::from(r.status == PointStatus::Met);
        for tally in std::iter::once(&mut overall).chain(at.and_then(|k| sections.get_mut(k))) {
            tally.0 += met;
            tally.1 += 1;
        }
    }
    Completeness {
        overall: Ratio::new(overall.0, overall.1),
        sections: SECTIONS.iter().zip(sections).map(|((s, _), (met, applicable))| SectionRatio { section: s, ratio: Ratio::new(met, applicable) }).collect(),
    }
}

/// A profile's `missing-required-point` error says all that a rule's warning about the same
/// point at the same field would (`kind-missing` beside a required activity type): the lesser
/// finding goes, so a field shows one message rather than two about one omission.
fn drop_superseded(findings: &mut Vec<Finding>) {
    let required: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.code == "missing-required-point")
        .filter_map(|f| Some((f.path.clone(), f.point.clone()?)))
        .collect();
    if required.is_empty() {
        return;
    }
    findings.retain(|f| {
        f.severity == Severity::Error || !f.point.as_ref().is_some_and(|p| required.iter().any(|(path, point)| *path == f.path && point == p))
    });
}

/// Cuts a severity-sorted list to [`MAX_FINDINGS`](crate::limits::MAX_FINDINGS) entries (the limit includes the finding that
/// says how many were left out), so the answer stays proportionate to what a person can read.
fn truncate_findings(findings: &mut Vec<Finding>) {
    use crate::limits::MAX_FINDINGS;
    if findings.len() > MAX_FINDINGS {
        let dropped = findings.len() - (MAX_FINDINGS - 1);
        findings.truncate(MAX_FINDINGS - 1);
        findings.push(Finding::new(
            "findings-truncated",
            "",
            format!("{dropped} more findings were left out (the limit is {MAX_FINDINGS}); the most severe are listed first"),
        ));
    }
}

/// Parses and validates JSON bytes.
pub fn validate_bytes(bytes: &[u8], profile: &Profile, options: Options) -> Result<Validation, Error> {
    Ok(validate(&parse_report(bytes)?, profile, options))
}
