//! The validation rules. Each is small and independent; [`super::RULES`] lists them.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{Context, DeadlineStatus, Output, TechniqueName};
use crate::catalogue::{self, Status};
use crate::checklist;
use crate::finding::Finding;
use crate::indicator;
use crate::model::{Indicator, Node, Report};
use crate::pointer::{self, Tree};
use crate::time::Timestamp;
use crate::tlp::{Tlp, TlpCorrection};
use crate::vocab::*;

pub(super) fn unknown_fields(ctx: &Context<'_>, out: &mut Output) {
    for path in ctx.unknown_fields {
        out.findings.push(Finding::new("unknown-field", path.clone(), format!("`{path}` is not a field of the report and will be dropped; check its spelling against `tearsheet schema`")));
    }
}

/// A vocabulary field of the model: its pointer, its vocabulary, and where the typed report
/// keeps its values.
struct VocabField {
    pointer: &'static str,
    name: &'static str,
    codes: fn() -> Vec<&'static str>,
    /// The field's values its vocabulary does not have.
    unknown: FieldValues,
}

/// How a table of fields reads values from the typed report: it calls its argument with the
/// index (for a pointer with `*`) and the text of each value, in the order a walk of the
/// field's pointer would find them.
type FieldValues = fn(&Report, &mut dyn FnMut(Option<usize>, &str));

const fn field<T: Vocabulary>(pointer: &'static str, unknown: FieldValues) -> VocabField {
    VocabField { pointer, name: T::NAME, codes: T::codes, unknown }
}

/// The text of a value its vocabulary does not have.
fn unknown_text<T>(v: &Vocab<T>) -> Option<&str> {
    match v {
        Vocab::Unknown(s) => Some(s),
        Vocab::Known(_) => None,
    }
}

/// [`FieldValues`] of a vocabulary field holding one value: its unknown value, if any.
fn one<T>(v: &Option<Vocab<T>>, f: &mut dyn FnMut(Option<usize>, &str)) {
    if let Some(s) = v.as_ref().and_then(unknown_text) {
        f(None, s);
    }
}

/// [`FieldValues`] of a field of every element of a list (those `text` gives a value for).
fn each<E>(items: &[E], text: impl Fn(&E) -> Option<&str>, f: &mut dyn FnMut(Option<usize>, &str)) {
    for (i, item) in items.iter().enumerate() {
        if let Some(s) = text(item) {
            f(Some(i), s);
        }
    }
}

/// Every vocabulary field of the model. Reading a report already sorted each value into
/// [`Vocab::Known`] or [`Vocab::Unknown`] (a known value reads as its own code, which its
/// vocabulary has), so the rule asks the typed report rather than walking each pointer and
/// looking every code up again. `tests::every_vocabulary_field_reports_an_unknown_value_and_accepts_a_known_one`
/// checks each reader against its pointer.
const VOCAB_FIELDS: &[VocabField] = &[
    field::<ReportKind>("/kind", |r, f| one(&r.kind, f)),
    field::<Provenance>("/description/provenance", |r, f| one(&r.description.provenance, f)),
    field::<Confidence>("/description/confidence", |r, f| one(&r.description.confidence, f)),
    field::<IndicatorType>("/detection/indicators/*/type", |r, f| each(&r.detection.indicators, |i| i.kind.as_ref().and_then(unknown_text), f)),
    field::<IndicatorPurpose>("/detection/indicators/*/purpose", |r, f| each(&r.detection.indicators, |i| i.purpose.as_ref().and_then(unknown_text), f)),
    field::<LifecyclePhase>("/ai_artifacts/models/*/lifecycle_phase", |r, f| each(&r.ai_artifacts.models, |m| m.lifecycle_phase.as_ref().and_then(unknown_text), f)),
    field::<HarmCategory>("/affected/harms/*/category", |r, f| each(&r.affected.harms, |h| h.category.as_ref().and_then(unknown_text), f)),
    field::<HarmSeverity>("/affected/harms/*/severity", |r, f| each(&r.affected.harms, |h| h.severity.as_ref().and_then(unknown_text), f)),
    field::<MitigationStatus>("/mitigations/status", |r, f| one(&r.mitigations.status, f)),
    field::<MitigationCategory>("/mitigations/category", |r, f| one(&r.mitigations.category, f)),
    field::<ActorStatus>("/attribution/actor_status", |r, f| one(&r.attribution.actor_status, f)),
    field::<Confidence>("/attribution/confidence", |r, f| one(&r.attribution.confidence, f)),
    field::<AdversarialAttack>("/attribution/attack_types/*", |r, f| each(&r.attribution.attack_types, unknown_text, f)),
    field::<Novelty>("/technical/novelty", |r, f| one(&r.technical.novelty, f)),
];

/// The concrete pointer of a field's value: `*` replaced by the element's index, if any.
fn concrete(pattern: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => pattern.replacen('*', &i.to_string(), 1),
        None => pattern.to_string(),
    }
}

pub(super) fn vocabularies(ctx: &Context<'_>, out: &mut Output) {
    for v in VOCAB_FIELDS {
        (v.unknown)(ctx.report, &mut |index, s| {
            out.findings.push(Finding::new("unknown-vocabulary", concrete(v.pointer, index), format!("`{s}` is not a {}; use one of: {}", v.name, (v.codes)().join(", "))));
        });
    }
}

pub(super) fn required_points(ctx: &Context<'_>, out: &mut Output) {
    for id in &ctx.profile.required {
        let Some(p) = checklist::point(id) else { continue };
        if !p.is_met(ctx.json) {
            let path = p.fields.first().map_or("", |a| a.path).split("/*").next().unwrap_or("").to_string();
            out.findings.push(
                Finding::new("missing-required-point", path, format!("profile `{}` requires this point: {}", ctx.profile.name, p.question))
                    .with_point(p.id),
            );
        }
    }
}

pub(super) fn field_rules(ctx: &Context<'_>, out: &mut Output) {
    for rule in &ctx.profile.field_rules {
        let needs_values = rule.max_length.is_some() || rule.min_items.is_some() || !rule.one_of.is_empty();
        let hits = if needs_values { pointer::select(ctx.json, &rule.path) } else { Vec::new() };
        let custom = |default: String| if rule.message.is_empty() { default } else { rule.message.clone() };
        if rule.required && !pointer::any_match(ctx.json, &rule.path, &mut |v| pointer::answered(v)) {
            out.findings.push(Finding::new("field-required", rule.path.clone(), custom(format!("profile `{}` requires `{}`", ctx.profile.name, rule.path))));
        }
        for (path, v) in &hits {
            if let (Some(max), Some(s)) = (rule.max_length, v.as_str()) {
                let n = s.chars().count();
                if n > max {
                    out.findings.push(Finding::new("field-too-long", path.clone(), custom(format!("{n} characters; profile `{}` allows at most {max}", ctx.profile.name))));
                }
            }
            if let (Some(min), Some(len)) = (rule.min_items, v.array_len()) {
                if len < min {
                    out.findings.push(Finding::new("field-too-few-items", path.clone(), custom(format!("{len} entries; profile `{}` asks for at least {min}", ctx.profile.name))));
                }
            }
            if !rule.one_of.is_empty() {
                if let Some(s) = v.as_str().filter(|s| !s.is_empty()) {
                    if !rule.one_of.iter().any(|o| o == s) {
                        out.findings.push(Finding::new("field-not-allowed-value", path.clone(), custom(format!("`{s}` is not allowed here; profile `{}` allows: {}", ctx.profile.name, rule.one_of.join(", ")))));
                    }
                }
            }
        }
    }
}

pub(super) fn kind(ctx: &Context<'_>, out: &mut Output) {
    if ctx.report.kind.is_none() {
        out.findings.push(
            Finding::new("kind-missing", "/kind", "say what this report is: incident, attempted_attack, scanning, suspicious_activity, vulnerability or proactive")
                .with_point("description.activity_type"),
        );
    }
}

/// Reads a TLP label, adding findings for what was corrected.
/// `path` is called only for a finding: most labels are written correctly.
fn read_tlp(raw: &str, path: impl Fn() -> String, out: &mut Output) -> Option<Tlp> {
    match Tlp::parse_lenient(raw) {
        Some((t, None)) => Some(t),
        Some((t, Some(TlpCorrection::Normalized))) => {
            out.findings.push(Finding::new("tlp-normalized", path(), format!("`{raw}` read as {t}")));
            Some(t)
        }
        Some((t, Some(TlpCorrection::Tlp1))) => {
            out.findings.push(Finding::new("tlp-1-0-label", path(), format!("`{raw}` is a TLP 1.0 label; TLP 2.0 calls it {t}")));
            Some(t)
        }
        None => {
            out.findings.push(Finding::new("tlp-invalid", path(), format!("`{raw}` is not a TLP 2.0 label; use TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED")));
            None
        }
    }
}

pub(super) fn tlp(ctx: &Context<'_>, out: &mut Output) {
    let report_tlp = if ctx.report.tlp.trim().is_empty() {
        out.findings.push(Finding::new("tlp-missing", "/tlp", "no TLP label; choose one so recipients know how far the report may travel"));
        None
    } else {
        read_tlp(&ctx.report.tlp, || "/tlp".to_string(), out)
    };
    let mut effective = report_tlp;
    let mut strictest: Option<(Tlp, &str)> = None;
    for (i, m) in ctx.report.markings.iter().enumerate() {
        let top = m.path.split('/').nth(1).unwrap_or("");
        if !m.path.starts_with('/') || ctx.json.member(top).is_none() && !crate::model::SECTIONS.iter().any(|(k, _)| *k == top) {
            out.findings.push(Finding::new("marking-path-unknown", format!("/markings/{i}/path"), format!("`{}` is not a part of the report; mark a section such as /technical", m.path)));
        }
        if let Some(t) = read_tlp(&m.tlp, || format!("/markings/{i}/tlp"), out) {
            effective = Some(effective.map_or(t, |e| e.max(t)));
            if strictest.as_ref().is_none_or(|(s, _)| t > *s) {
                strictest = Some((t, &m.path));
            }
        }
    }
    if let (Some(r), Some((s, path))) = (report_tlp, &strictest) {
        if *s > r {
            out.findings.push(Finding::new("tlp-below-markings", "/tlp", format!("the report is {r} but {path} is marked {s}; the report's label must be at least {s}")));
        }
    }
    if let (Some(max), Some(e)) = (ctx.profile.max_tlp, effective) {
        if e > max {
            out.findings.push(Finding::new("tlp-above-profile", "/tlp", format!("profile `{}` accepts reports up to {max}; this one is {e}", ctx.profile.name)));
        }
    }
    out.tlp.label = report_tlp.map(Tlp::label);
    out.tlp.effective = effective.map(Tlp::label);
}

/// Every timestamp field of the model: its pointer and where the typed report keeps it, read
/// directly rather than by walking the pointer through the report's view (eight walks were
/// most of the rule's cost). `tests::timestamp_fields_read_what_their_pointers_name` checks
/// each against its pointer.
const TIMESTAMP_FIELDS: &[(&str, FieldValues)] = &[
    ("/timestamps/occurred", |r, f| f(None, &r.timestamps.occurred)),
    ("/timestamps/detected", |r, f| f(None, &r.timestamps.detected)),
    ("/timestamps/reported", |r, f| f(None, &r.timestamps.reported)),
    ("/detection/first_observed", |r, f| f(None, &r.detection.first_observed)),
    ("/detection/last_observed", |r, f| f(None, &r.detection.last_observed)),
    ("/detection/indicators/*/first_seen", |r, f| each(&r.detection.indicators, |i: &Indicator| Some(i.first_seen.as_str()), f)),
    ("/detection/indicators/*/last_seen", |r, f| each(&r.detection.indicators, |i: &Indicator| Some(i.last_seen.as_str()), f)),
    ("/impacts/ransom_paid_at", |r, f| f(None, &r.impacts.ransom_paid_at)),
];

/// Pairs that must be in order: (earlier, later, what the pair means).
const TIMESTAMP_ORDER: &[(&str, &str, &str)] = &[
    ("/timestamps/occurred", "/timestamps/detected", "it was detected before it occurred"),
    ("/timestamps/detected", "/timestamps/reported", "it was reported before it was detected"),
    ("/timestamps/occurred", "/timestamps/reported", "it was reported before it occurred"),
    ("/detection/first_observed", "/detection/last_observed", "last observed before first observed"),
];

fn timestamp_at(json: Node<'_>, path: &str) -> Option<Timestamp> {
    pointer::get(json, path).and_then(Tree::as_str).and_then(Timestamp::parse)
}

pub(super) fn timestamps(ctx: &Context<'_>, out: &mut Output) {
    // What each field of the table read as (the last match of a `*` pattern), so that the
    // order checks below do not find and parse the same fields again.
    let mut read = [None; TIMESTAMP_FIELDS.len()];
    for (field, (pattern, values)) in read.iter_mut().zip(TIMESTAMP_FIELDS) {
        values(ctx.report, &mut |index, s| {
            if s.trim().is_empty() {
                return;
            }
            // Built only for a finding: most fields have none.
            let path = || concrete(pattern, index);
            match Timestamp::parse(s) {
                None => out.findings.push(Finding::new("invalid-timestamp", path(), format!("`{s}` is not an RFC 3339 timestamp; write it like 2025-01-14T09:30:00Z"))),
                Some(t) => {
                    *field = Some(t);
                    if let Some(now) = ctx.options.now.filter(|now| t > now.plus_seconds(300)) {
                        out.findings.push(Finding::new("timestamp-in-future", path(), format!("{s} is later than now ({})", now.to_rfc3339())));
                    }
                }
            }
        });
    }
    // A blank or malformed field reads as `None` either way, as through `timestamp_at`.
    // The order table names plain fields of TIMESTAMP_FIELDS only (`tests::the_order_table_names_plain_timestamp_fields`).
    let at = |p: &str| TIMESTAMP_FIELDS.iter().position(|(f, _)| *f == p).and_then(|k| read[k]);
    let mut order = |a: &str, b: &str, what: &str| {
        if let (Some(x), Some(y)) = (at(a), at(b)) {
            if x > y {
                out.findings.push(Finding::new("timestamp-order", b.to_string(), format!("{what} ({a} is after {b})")));
            }
        }
    };
    for (a, b, what) in TIMESTAMP_ORDER {
        order(a, b, what);
    }
    for (i, ind) in ctx.report.detection.indicators.iter().enumerate() {
        if let (Some(x), Some(y)) = (Timestamp::parse(&ind.first_seen), Timestamp::parse(&ind.last_seen)) {
            if x > y {
                out.findings.push(Finding::new("timestamp-order", format!("/detection/indicators/{i}/last_seen"), format!("last seen ({}) is before first seen ({})", ind.last_seen, ind.first_seen)));
            }
        }
    }
}

pub(super) fn indicators(ctx: &Context<'_>, out: &mut Output) {
    let mut seen = HashSet::with_capacity(ctx.report.detection.indicators.len());
    for (i, ind) in ctx.report.detection.indicators.iter().enumerate() {
        // Paths are built only for findings: most indicators have none.
        let path = || format!("/detection/indicators/{i}/value");
        let value = ind.value.trim();
        if value.is_empty() {
            continue;
        }
        let refanged = indicator::refang(value);
        if refanged != value {
            out.findings.push(Finding::new("indicator-defanged", path(), format!("defanged `{value}` read as `{refanged}`")));
        }
        // Compared case-folded; most values are already lower case and are not copied.
        let folded: Cow<'_, str> = if refanged.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            Cow::Owned(refanged.to_lowercase())
        } else {
            refanged.clone()
        };
        if !seen.insert(folded) {
            out.findings.push(Finding::new("duplicate-indicator", path(), format!("`{refanged}` is listed more than once")));
        }
        let Some(kind) = ind.kind.as_ref().and_then(Vocab::known) else {
            if ind.kind.is_none() {
                out.findings.push(Finding::new("indicator-type-missing", format!("/detection/indicators/{i}/type"), format!("give `{value}` a type (ipv4, domain, url, sha256, ...)")));
            }
            continue;
        };
        if let Err(why) = indicator::check_refanged(kind, &refanged) {
            out.findings.push(Finding::new("invalid-indicator", path(), format!("`{value}` is declared {}: {why}", kind.code())).with_point("detection.indicators"));
        } else if indicator::is_private_refanged(kind, &refanged) {
            out.findings.push(Finding::new("private-indicator", path(), format!("`{value}` is in private, loopback or link-local address space: probably not an indicator others can use")));
        }
    }
}

pub(super) fn cves(ctx: &Context<'_>, out: &mut Output) {
    for (i, v) in ctx.report.vulnerabilities.items.iter().enumerate() {
        let cve = v.cve.trim();
        if !cve.is_empty() && !indicator::is_cve(cve) {
            out.findings.push(Finding::new("invalid-cve", format!("/vulnerabilities/items/{i}/cve"), format!("`{cve}` is not a CVE id; write it as CVE-YYYY-NNNN (four or more digits)")).with_point("description.vulnerability"));
        }
    }
}

pub(super) fn techniques(ctx: &Context<'_>, out: &mut Output) {
    for (i, t) in ctx.report.attribution.techniques.iter().enumerate() {
        let path = format!("/attribution/techniques/{i}/id");
        let id = t.id.trim();
        if id.is_empty() {
            continue;
        }
        if catalogue::technique_framework(id).is_none() {
            out.findings.push(Finding::new("invalid-technique", path, format!("`{id}` is not an ATT&CK (T1566, T1566.001) or ATLAS (AML.T0051, AML.T0051.000) technique id")).with_point("attribution.techniques"));
            continue;
        }
        match catalogue::technique(id) {
            None => out.findings.push(Finding::new("unknown-technique", path, format!("`{id}` is not in the bundled catalogue (ATT&CK 18.1, ATLAS 5.6.0)")).with_point("attribution.techniques")),
            Some(tech) => {
                if tech.status != Status::Active {
                    out.findings.push(Finding::new("deprecated-technique", path.clone(), format!("{id} ({}) is {} in ATT&CK; cite the technique that replaced it", tech.name, if tech.status == Status::Revoked { "revoked" } else { "deprecated" })));
                }
                out.techniques.push(TechniqueName { path, id: id.to_string(), name: tech.name, framework: tech.framework });
            }
        }
    }
}

pub(super) fn atlas_mitigations(ctx: &Context<'_>, out: &mut Output) {
    for (i, id) in ctx.report.mitigations.atlas_mitigations.iter().enumerate() {
        if catalogue::atlas_mitigation(id.trim()).is_none() {
            out.findings.push(Finding::new("invalid-mitigation-id", format!("/mitigations/atlas_mitigations/{i}"), format!("`{id}` is not an ATLAS mitigation id (AML.M0000-AML.M0034)")));
        }
    }
}

pub(super) fn contacts_and_urls(ctx: &Context<'_>, out: &mut Output) {
    let email = ctx.report.reporter.email.trim();
    if !email.is_empty() && !indicator::is_email(email) {
        out.findings.push(Finding::new("invalid-email", "/reporter/email", format!("`{email}` is not an e-mail address")));
    }
    for (i, poc) in ctx.report.vulnerabilities.proofs_of_concept.iter().enumerate() {
        let url = poc.url.trim();
        if !url.is_empty() && !indicator::is_url(&indicator::refang(url)) {
            out.findings.push(Finding::new("invalid-url", format!("/vulnerabilities/proofs_of_concept/{i}/url"), format!("`{url}` is not an absolute URL")));
        }
    }
}

pub(super) fn nonpublic_poc(ctx: &Context<'_>, out: &mut Output) {
    for (i, poc) in ctx.report.vulnerabilities.proofs_of_concept.iter().enumerate() {
        if poc.public == Some(false) {
            out.findings.push(Finding::new(
                "nonpublic-poc-use-cvd",
                format!("/vulnerabilities/proofs_of_concept/{i}"),
                "the playbook asks that non-public or lesser-known proofs of concept go to CISA through \"Report a Vulnerability\" on the Coordinated Vulnerability Disclosure Process page (https://www.cisa.gov/coordinated-vulnerability-disclosure-process), not through this channel; remove it here and reference the CVD submission instead",
            ).with_point("vulnerabilities.public_poc"));
        }
    }
}

pub(super) fn scope(ctx: &Context<'_>, out: &mut Output) {
    for (i, h) in ctx.report.affected.harms.iter().enumerate() {
        let path = || format!("/affected/harms/{i}/category");
        match h.category.as_ref().and_then(Vocab::known) {
            Some(HarmCategory::Safety) => out.findings.push(Finding::new("out-of-scope-safety", path(), "risks to human life, health, property or the environment are outside the playbook's scope: address them promptly through your own process as well")),
            Some(HarmCategory::FairnessEthics) => out.findings.push(Finding::new("out-of-scope-fairness", path(), "AI fairness and ethics issues are outside the playbook's scope")),
            _ => {}
        }
    }
}

pub(super) fn attribution_confidence(ctx: &Context<'_>, out: &mut Output) {
    let a = &ctx.report.attribution;
    let attributes = !a.actor.trim().is_empty() || !a.similarities.trim().is_empty()
        || matches!(a.actor_status.as_ref().and_then(Vocab::known), Some(ActorStatus::Known | ActorStatus::Suspected));
    if attributes && a.confidence.is_none() {
        out.findings.push(Finding::new("attribution-without-confidence", "/attribution/confidence", "attribution is given without a confidence level: say whether it is unverified, speculative or confirmed").with_point("attribution.confidence"));
    }
}

pub(super) fn privileged_source(ctx: &Context<'_>, out: &mut Output) {
    if ctx.report.description.privileged_source != Some(true) {
        return;
    }
    if let Some((t, _)) = Tlp::parse_lenient(&ctx.report.tlp) {
        if t < Tlp::Amber {
            out.findings.push(Finding::new("privileged-source-low-tlp", "/tlp", format!("the information comes from a privileged or non-public source but is marked {t}; consider TLP:AMBER or stricter")).with_point("description.privileged_source"));
        }
    }
}

pub(super) fn vulnerability_identity(ctx: &Context<'_>, out: &mut Output) {
    if ctx.report.kind.as_ref().and_then(Vocab::known) != Some(ReportKind::Vulnerability) {
        return;
    }
    let identified = ctx.report.vulnerabilities.items.iter().any(|v| !v.cve.trim().is_empty() || !v.product.trim().is_empty())
        || !ctx.report.affected.products.is_empty();
    if !identified {
        out.findings.push(Finding::new("vulnerability-without-cve-or-product", "/vulnerabilities/items", "a vulnerability report should name a CVE or at least the affected product").with_point("description.vulnerability"));
    }
}

pub(super) fn incident_time(ctx: &Context<'_>, out: &mut Output) {
    if ctx.report.kind.as_ref().and_then(Vocab::known) != Some(ReportKind::Incident) {
        return;
    }
    let d = &ctx.report.detection;
    let has_time = !ctx.report.timestamps.detected.trim().is_empty()
        || !d.first_observed.trim().is_empty()
        || d.indicators.iter().any(|i| !i.first_seen.trim().is_empty());
    if !has_time {
        out.findings.push(Finding::new("incident-without-detection-time", "/timestamps/detected", "an incident report needs at least the time it was detected (timestamps.detected)").with_point("detection.timestamps"));
    }
}

pub(super) fn harm_severity(ctx: &Context<'_>, out: &mut Output) {
    for (i, h) in ctx.report.affected.harms.iter().enumerate() {
        if h.category.is_some() && h.severity.is_none() {
            out.findings.push(Finding::new("harm-without-severity", format!("/affected/harms/{i}/severity"), "give the harm's severity: negligible, minor, moderate or severe").with_point("affected.harm"));
        }
    }
}

pub(super) fn deadlines(ctx: &Context<'_>, out: &mut Output) {
    let kind = ctx.report.kind.as_ref().and_then(Vocab::known);
    let reported = timestamp_at(ctx.json, "/timestamps/reported");
    for d in &ctx.profile.deadlines {
        if !d.applies_to.is_empty() && !d.applies_to.iter().any(|k| k.known().is_some() && k.known() == kind) {
            continue;
        }
        let Some(start) = timestamp_at(ctx.json, &d.from) else { continue };
        let due = start.plus_seconds(i64::from(d.hours) * 3600);
        let (status, seconds_left) = match (reported, ctx.options.now) {
            (Some(r), _) => (if r <= due { "met" } else { "late" }, None),
            (None, Some(now)) => {
                let left = due.seconds - now.seconds;
                (if left >= 0 { "open" } else { "overdue" }, Some(left))
            }
            (None, None) => ("open", None),
        };
        let hours = |s: i64| format!("{}h{:02}m", s.abs() / 3600, s.abs() % 3600 / 60);
        let message = match (status, seconds_left) {
            ("open", Some(s)) => Some(("deadline-open", format!("{}: due {} ({} left)", d.label, due.to_rfc3339(), hours(s)))),
            ("open", None) => Some(("deadline-open", format!("{}: due {}", d.label, due.to_rfc3339()))),
            ("overdue", Some(s)) => Some(("deadline-overdue", format!("{}: was due {} ({} ago)", d.label, due.to_rfc3339(), hours(s)))),
            ("late", _) => Some(("deadline-overdue", format!("{}: was due {}, reported after it", d.label, due.to_rfc3339()))),
            _ => None,
        };
        if let Some((code, msg)) = message {
            out.findings.push(Finding::new(code, d.from.clone(), msg));
        }
        out.deadlines.push(DeadlineStatus { id: d.id.clone(), label: d.label.clone(), due: due.to_rfc3339(), status, seconds_left });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ToNode;
    use serde_json::{json, Value};

    /// A report holding `leaf` at the concrete form of `pattern` (`*` as the first element).
    fn report_with(pattern: &str, leaf: Value) -> Vec<u8> {
        fn build(tokens: &[&str], leaf: Value) -> Value {
            match tokens.split_first() {
                None => leaf,
                Some((&"*", rest)) => Value::Array(vec![build(rest, leaf)]),
                Some((key, rest)) => json!({ *key: build(rest, leaf) }),
            }
        }
        let tokens: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
        serde_json::to_vec(&build(&tokens, leaf)).unwrap()
    }

    fn unknown_vocabulary_paths(bytes: &[u8]) -> Vec<String> {
        let parsed = crate::input::parse_report(bytes).unwrap();
        let v = crate::validate::validate(&parsed, &crate::Profile::default_profile(), crate::Options::default());
        v.findings.into_iter().filter(|f| f.code == "unknown-vocabulary").map(|f| f.path).collect()
    }

    /// An empty report under a profile that requires the activity type gets one finding at
    /// `/kind` (the profile's error), not the error and the `kind-missing` warning; without
    /// that requirement the warning is there.
    #[test]
    fn a_required_point_error_supersedes_the_warning_about_it() {
        let parsed = crate::input::parse_report(b"{}").unwrap();
        let at_kind = |profile: &crate::Profile| -> Vec<String> {
            let v = crate::validate::validate(&parsed, profile, crate::Options::default());
            v.findings.into_iter().filter(|f| f.path == "/kind").map(|f| f.code).collect()
        };
        let jcdc = crate::Profile::builtin("jcdc-ai").unwrap();
        assert!(jcdc.requires("description.activity_type"));
        assert_eq!(at_kind(&jcdc), ["missing-required-point"]);
        let lax = crate::Profile::from_json(br#"{"name": "lax", "required": []}"#).unwrap();
        assert_eq!(at_kind(&lax), ["kind-missing"]);
    }

    /// Each timestamp field's typed reader gives exactly what a walk of its pointer over the
    /// report's view finds (blank values are passed over by the rule either way).
    #[test]
    fn timestamp_fields_read_what_their_pointers_name() {
        for fixture in ["prompt-injection-copilot", "model-supply-chain-cve", "proactive-trend", "scanning", "broken"] {
            let bytes = std::fs::read(format!("{}/tests/fixtures/{fixture}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let report = crate::input::parse_report(&bytes).unwrap().value;
            // Every field filled, with text of its own, so that a reader of the wrong field shows.
            let mut filled = report.clone();
            filled.detection.indicators.extend([Default::default(), Default::default()]);
            filled.timestamps.occurred = "t-occurred".into();
            filled.timestamps.detected = "t-detected".into();
            filled.timestamps.reported = "t-reported".into();
            filled.detection.first_observed = "t-first_observed".into();
            filled.detection.last_observed = "t-last_observed".into();
            filled.impacts.ransom_paid_at = "t-ransom".into();
            for (i, ind) in filled.detection.indicators.iter_mut().enumerate() {
                ind.first_seen = format!("t-first_seen-{i}");
                ind.last_seen = format!("t-last_seen-{i}");
            }
            for r in [&report, &filled] {
                for (pattern, values) in TIMESTAMP_FIELDS {
                    let mut typed = Vec::new();
                    values(r, &mut |index, s| {
                        if !s.is_empty() {
                            typed.push((concrete(pattern, index), s.to_string()));
                        }
                    });
                    let walked: Vec<(String, String)> = pointer::select(r.node(), pattern).into_iter().map(|(p, v)| (p, v.as_str().unwrap().to_string())).collect();
                    assert_eq!(typed, walked, "{fixture}: {pattern}");
                }
            }
        }
    }

    #[test]
    fn the_order_table_names_plain_timestamp_fields() {
        for (a, b, _) in TIMESTAMP_ORDER {
            for p in [a, b] {
                assert!(TIMESTAMP_FIELDS.iter().any(|(f, _)| f == p && !f.contains('*')), "{p}");
            }
        }
    }

    /// Each vocabulary field's typed reader finds what its pointer names: an unknown value at
    /// the pointer is reported there, and a known one (written leniently) is not.
    #[test]
    fn every_vocabulary_field_reports_an_unknown_value_and_accepts_a_known_one() {
        for v in VOCAB_FIELDS {
            let pattern = v.pointer;
            assert_eq!(unknown_vocabulary_paths(&report_with(pattern, json!("no-such-code"))), [pattern.replace('*', "0")], "{pattern}");
            let code = (v.codes)()[0].to_uppercase();
            assert!(unknown_vocabulary_paths(&report_with(pattern, json!(code))).is_empty(), "{pattern}");
        }
    }
}
