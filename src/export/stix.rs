//! STIX 2.1 bundle: the report as a `report` object referring to everything else —
//! `identity` (reporter), `indicator`s with STIX patterns and the `observed-data` + SCOs behind
//! them, `vulnerability`s with CVE references, `attack-pattern`s for ATT&CK and ATLAS
//! techniques, a `threat-actor`, `course-of-action`s, a `note` per Tear Sheet section and the
//! `relationship`s between them — each object marked with the official OASIS TLP 2.0 marking
//! definition of its own level (included in the bundle).
//!
//! Ids are UUIDv5: SCOs in the STIX namespace over their id-contributing properties (as the
//! spec asks), everything else in tearsheet's namespace over its content, so the same report
//! always gives the same bundle.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

use super::{render, uuid5, Context, Written};
use crate::catalogue::{self, technique_framework, Framework};
use crate::error::Error;
use crate::indicator::{self, refang};
use crate::model::Report;
use crate::time::Timestamp;
use crate::tlp::{Tlp, TLP_LEVELS};
use crate::vocab::{IndicatorType, ReportKind, Vocabulary};

/// The OASIS TLP 2.0 extension definition every TLP 2.0 marking definition uses.
pub const TLP2_EXTENSION_ID: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
/// When OASIS created the TLP 2.0 marking definitions.
pub const TLP2_CREATED: &str = "2022-10-01T00:00:00.000Z";

/// The STIX 2.1 namespace for deterministic SCO ids.
const SCO_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x00ab_edb4_aa42_466c_9c01_fed2_3315_a9b7);

/// The official marking-definition object of a TLP 2.0 level, exactly as OASIS publishes it.
pub fn marking_definition(tlp: Tlp) -> Value {
    let d = tlp.definition();
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": d.stix_id,
        "created": TLP2_CREATED,
        "name": d.label,
        "extensions": { TLP2_EXTENSION_ID: { "extension_type": "property-extension", "tlp_2_0": d.code } }
    })
}

/// A STIX timestamp (UTC, milliseconds).
pub(crate) fn stix_time(t: Timestamp) -> String {
    let base = t.to_rfc3339();
    let millis = t.nanos / 1_000_000;
    format!("{}.{millis:03}Z", base.trim_end_matches('Z'))
}

/// The report's own time: reported, else detected, else occurred, else the first observation;
/// the Unix epoch when the report gives none (never the wall clock: exports are reproducible).
pub(crate) fn report_time(r: &Report) -> Timestamp {
    [&r.timestamps.reported, &r.timestamps.detected, &r.timestamps.occurred, &r.detection.first_observed]
        .iter()
        .find_map(|s| Timestamp::parse(s))
        .unwrap_or(Timestamp { seconds: 0, nanos: 0 })
}

/// How an indicator type reads in STIX: the SCO type and the pattern's object path.
/// `None` for the SCO type means no standalone observable (user agents, raw patterns).
const PATTERNS: &[(IndicatorType, Option<&str>, &str)] = &[
    (IndicatorType::Ipv4, Some("ipv4-addr"), "ipv4-addr:value"),
    (IndicatorType::Ipv6, Some("ipv6-addr"), "ipv6-addr:value"),
    (IndicatorType::Domain, Some("domain-name"), "domain-name:value"),
    (IndicatorType::Url, Some("url"), "url:value"),
    (IndicatorType::Email, Some("email-addr"), "email-addr:value"),
    (IndicatorType::Md5, Some("file"), "file:hashes.MD5"),
    (IndicatorType::Sha1, Some("file"), "file:hashes.'SHA-1'"),
    (IndicatorType::Sha256, Some("file"), "file:hashes.'SHA-256'"),
    (IndicatorType::Sha512, Some("file"), "file:hashes.'SHA-512'"),
    (IndicatorType::FileName, Some("file"), "file:name"),
    (IndicatorType::MacAddress, Some("mac-addr"), "mac-addr:value"),
    (IndicatorType::Asn, Some("autonomous-system"), "autonomous-system:number"),
    (IndicatorType::UserAgent, None, "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'"),
];

/// A STIX pattern string literal.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// An indicator, read for STIX: (pattern, SCO), or `None` when the value does not fit its
/// type (validation reports it; no pattern is better than a wrong one).
pub(crate) fn indicator_pattern(kind: IndicatorType, raw: &str) -> Option<(String, Option<Value>)> {
    indicator::check(kind, raw).ok()?;
    let value = refang(raw.trim()).into_owned();
    if kind == IndicatorType::StixPattern {
        return Some((value, None));
    }
    let (sco_type, path, value) = match kind {
        IndicatorType::Cidr => {
            let v4 = value.split('/').next().and_then(indicator::parse_ipv4).is_some();
            (Some(if v4 { "ipv4-addr" } else { "ipv6-addr" }), if v4 { "ipv4-addr:value" } else { "ipv6-addr:value" }, value)
        }
        // STIX wants an RFC 3986 URI: percent-encode what a URI cannot hold (`\\`, spaces,
        // non-ASCII), in the pattern and the SCO alike so that they agree.
        IndicatorType::Url => (Some("url"), "url:value", uri_escape(&value)),
        IndicatorType::MacAddress => {
            let (t, p) = PATTERNS.iter().find(|(k, _, _)| *k == kind).map(|(_, t, p)| (*t, *p))?;
            (t, p, value.to_ascii_lowercase().replace('-', ":"))
        }
        _ => {
            let (t, p) = PATTERNS.iter().find(|(k, _, _)| *k == kind).map(|(_, t, p)| (*t, *p))?;
            (t, p, value)
        }
    };
    if kind == IndicatorType::Asn {
        let n: u32 = value.trim_start_matches(['A', 'S', 'a', 's']).parse().ok()?;
        let sco = json!({ "type": "autonomous-system", "number": n });
        return Some((format!("[{path} = {n}]"), Some(sco)));
    }
    let pattern = format!("[{path} = {}]", quote(&value));
    // An address outside the common subset (`o'brien@`, IDN domains) is valid RFC 5322 but is
    // refused by the OASIS validator's e-mail check: keep it in the pattern, skip the SCO.
    let sco_type = sco_type.filter(|_| kind != IndicatorType::Email || conservative_email(&value));
    let sco = sco_type.map(|t| {
        let prop = path.split_once(':').map_or("value", |(_, p)| p);
        match prop.strip_prefix("hashes.") {
            Some(alg) => json!({ "type": t, "hashes": { alg.trim_matches('\''): value } }),
            None => {
                let mut m = Map::new();
                m.insert("type".into(), t.into());
                m.insert(prop.into(), value.clone().into());
                Value::Object(m)
            }
        }
    });
    Some((pattern, sco))
}

/// Percent-encodes the bytes an RFC 3986 URI cannot hold as they are.
fn uri_escape(s: &str) -> String {
    const KEEP: &str = "-._~:/?#[]@!$&'()*+,;=%";
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || KEEP.as_bytes().contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// An address in the subset every STIX tool accepts: `[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+`.
fn conservative_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.+-".contains(&b))
            && domain.contains('.')
            && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
    })
}

/// Gives an SCO its deterministic id (UUIDv5 over its id-contributing properties).
fn sco_with_id(mut sco: Value, tlp: Tlp) -> Option<Value> {
    let t = sco.get("type")?.as_str()?.to_string();
    let mut contributing = sco.as_object()?.clone();
    contributing.remove("type");
    let canonical = crate::ser::to_string(&Value::Object(contributing)).ok()?;
    let id = format!("{t}--{}", uuid::Uuid::new_v5(&SCO_NAMESPACE, canonical.as_bytes()));
    let obj = sco.as_object_mut()?;
    obj.insert("id".into(), id.into());
    obj.insert("spec_version".into(), "2.1".into());
    obj.insert("object_marking_refs".into(), json!([tlp.definition().stix_id]));
    Some(sco)
}

/// The bundle under construction: objects in order, without duplicates.
struct Bundle {
    objects: Vec<Value>,
    seen: HashSet<String>,
    created: String,
    author: Option<String>,
}

impl Bundle {
    /// The common properties of an SDO or SRO; `key` makes its id.
    fn sdo(&self, kind: &str, key: &str, tlp: Tlp) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("type".into(), kind.into());
        m.insert("spec_version".into(), "2.1".into());
        m.insert("id".into(), format!("{kind}--{}", uuid5(&format!("{kind}|{key}"))).into());
        m.insert("created".into(), self.created.clone().into());
        m.insert("modified".into(), self.created.clone().into());
        if let Some(a) = &self.author {
            m.insert("created_by_ref".into(), a.clone().into());
        }
        m.insert("object_marking_refs".into(), json!([tlp.definition().stix_id]));
        m
    }

    /// Adds an object unless one with its id is there; returns its id.
    fn add(&mut self, obj: Map<String, Value>) -> String {
        let id = obj.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        if self.seen.insert(id.clone()) {
            self.objects.push(Value::Object(obj));
        }
        id
    }

    fn relate(&mut self, source: &(String, Tlp), kind: &str, target: &(String, Tlp)) {
        let mut r = self.sdo("relationship", &format!("{}|{kind}|{}", source.0, target.0), source.1.max(target.1));
        r.insert("relationship_type".into(), kind.into());
        r.insert("source_ref".into(), source.0.clone().into());
        r.insert("target_ref".into(), target.0.clone().into());
        self.add(r);
    }
}

fn text_of(lines: &[(&str, String)]) -> String {
    lines.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")
}

/// The bundle as a JSON value.
pub(crate) fn bundle(ctx: &Context<'_>) -> Value {
    let r = ctx.report;
    let labels = ctx.labels;
    let created = stix_time(report_time(r));
    let mut b = Bundle { objects: Vec::new(), seen: HashSet::new(), created: created.clone(), author: None };
    let report_key = format!("{}|{}|{}", r.title, created, r.reporter.organization);
    let report_id = format!("report--{}", uuid5(&format!("report|{report_key}")));

    // Reporter.
    let rep = &r.reporter;
    if !rep.organization.is_empty() || !rep.name.is_empty() {
        let tlp = labels.within("/reporter");
        let mut id = b.sdo("identity", &format!("{}|{}", rep.organization, rep.name), tlp);
        id.remove("created_by_ref");
        id.insert("name".into(), if rep.organization.is_empty() { rep.name.clone() } else { rep.organization.clone() }.into());
        id.insert("identity_class".into(), if rep.organization.is_empty() { "individual" } else { "organization" }.into());
        let contact = text_of(&[("Name", rep.name.clone()), ("E-mail", rep.email.clone()), ("Phone", rep.phone.clone()), ("Domain", rep.organization_domain.clone())]);
        if !contact.is_empty() {
            id.insert("contact_information".into(), contact.into());
        }
        if !rep.sector.is_empty() {
            id.insert("description".into(), format!("Sector: {}", rep.sector).into());
        }
        b.author = Some(b.add(id));
    }

    // Detection data: indicators, their observables, samples.
    let confidence = r.description.confidence.as_ref().and_then(|c| c.known()).map(|c| c.stix_confidence());
    let mut indicators: Vec<(String, Tlp)> = Vec::new();
    let mut scos: Vec<(String, Tlp)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let report_ts = report_time(r);
    for (i, ind) in r.detection.indicators.iter().enumerate() {
        let path = format!("/detection/indicators/{i}");
        let Some(kind) = ind.kind.as_ref().and_then(|k| k.known()) else {
            skipped.push(format!("{path} (no known type)"));
            continue;
        };
        let Some((pattern, sco)) = indicator_pattern(kind, &ind.value) else {
            skipped.push(format!("{path} (value does not fit type {})", kind.code()));
            continue;
        };
        let tlp = labels.within(&path);
        let mut o = b.sdo("indicator", &pattern, tlp);
        o.insert("name".into(), format!("{}: {}", kind.label(), refang(ind.value.trim())).into());
        let desc = text_of(&[
            ("Purpose", ind.purpose.as_ref().map(|p| p.label().to_string()).unwrap_or_default()),
            ("Note", ind.description.clone()),
            ("Last seen", ind.last_seen.clone()),
        ]);
        if !desc.is_empty() {
            o.insert("description".into(), desc.into());
        }
        o.insert("pattern".into(), pattern.into());
        o.insert("pattern_type".into(), "stix".into());
        let valid_from = Timestamp::parse(&ind.first_seen).unwrap_or(report_ts);
        o.insert("valid_from".into(), stix_time(valid_from).into());
        if let Some(c) = confidence {
            o.insert("confidence".into(), c.into());
        }
        let id = b.add(o);
        if let Some(sco) = sco.and_then(|s| sco_with_id(s, tlp)) {
            let sco_id = sco.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            if let Value::Object(m) = sco {
                b.add(m);
            }
            scos.push((sco_id, tlp));
        }
        indicators.push((id, tlp));
    }
    for (i, s) in r.detection.samples.iter().enumerate() {
        if s.sha256.len() != 64 || !s.sha256.bytes().all(|c| c.is_ascii_hexdigit()) {
            continue;
        }
        let tlp = labels.within(&format!("/detection/samples/{i}"));
        let mut sco = json!({ "type": "file", "hashes": { "SHA-256": s.sha256 } });
        if !s.name.is_empty() {
            sco["name"] = s.name.clone().into();
        }
        if let Some(sco) = sco_with_id(sco, tlp) {
            let sco_id = sco.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            if let Value::Object(m) = sco {
                b.add(m);
            }
            scos.push((sco_id, tlp));
        }
    }
    let mut observed: Option<(String, Tlp)> = None;
    if !scos.is_empty() {
        let tlp = scos.iter().map(|(_, t)| *t).max().unwrap_or(labels.declared);
        let first = Timestamp::parse(&r.detection.first_observed)
            .or_else(|| r.detection.indicators.iter().filter_map(|i| Timestamp::parse(&i.first_seen)).min())
            .unwrap_or(report_ts);
        let last = Timestamp::parse(&r.detection.last_observed).filter(|l| *l >= first).unwrap_or(first);
        let refs: Vec<&str> = scos.iter().map(|(id, _)| id.as_str()).collect();
        let mut o = b.sdo("observed-data", &refs.join(","), tlp);
        o.insert("first_observed".into(), stix_time(first).into());
        o.insert("last_observed".into(), stix_time(last).into());
        o.insert("number_observed".into(), 1.into());
        o.insert("object_refs".into(), json!(refs));
        observed = Some((b.add(o), tlp));
    }
    if let Some(obs) = &observed {
        for ind in &indicators {
            b.relate(ind, "based-on", obs);
        }
    }

    // Vulnerabilities.
    let mut vulns: Vec<(String, Tlp)> = Vec::new();
    for (i, v) in r.vulnerabilities.items.iter().enumerate() {
        let tlp = labels.within(&format!("/vulnerabilities/items/{i}"));
        let cve = indicator::is_cve(v.cve.trim()).then(|| v.cve.trim().to_string());
        let name = match (&cve, v.product.is_empty()) {
            (Some(c), _) => c.clone(),
            (None, false) => format!("Vulnerability in {}", v.product),
            (None, true) => format!("Vulnerability {}", i + 1),
        };
        let mut o = b.sdo("vulnerability", &format!("{name}|{}|{}", v.product, v.versions), tlp);
        o.insert("name".into(), name.into());
        let yes_no = |b: Option<bool>| b.map(|b| if b { "yes" } else { "no" }.to_string()).unwrap_or_default();
        let desc = text_of(&[
            ("Product", v.product.clone()),
            ("Vendor", v.vendor.clone()),
            ("Versions", v.versions.clone()),
            ("Description", v.description.clone()),
            ("Exploited in the wild", yes_no(v.exploited_in_wild)),
            ("Of critical concern", yes_no(v.critical_concern)),
        ]);
        if !desc.is_empty() {
            o.insert("description".into(), desc.into());
        }
        if let Some(c) = cve {
            o.insert("external_references".into(), json!([{ "source_name": "cve", "external_id": c, "url": format!("https://www.cve.org/CVERecord?id={c}") }]));
        }
        vulns.push((b.add(o), tlp));
    }

    // Techniques.
    let mut patterns: Vec<(String, Tlp, Framework)> = Vec::new();
    for (i, t) in r.attribution.techniques.iter().enumerate() {
        let id = t.id.trim();
        let Some(framework) = technique_framework(id) else { continue };
        let tlp = labels.within(&format!("/attribution/techniques/{i}"));
        let name = catalogue::technique(id).map_or(id, |c| c.name);
        let mut o = b.sdo("attack-pattern", &format!("{}|{id}", framework.source_name()), tlp);
        o.insert("name".into(), name.into());
        if !t.description.is_empty() {
            o.insert("description".into(), t.description.clone().into());
        }
        o.insert("external_references".into(), json!([{ "source_name": framework.source_name(), "external_id": id, "url": framework.url(id) }]));
        let oid = b.add(o);
        if !patterns.iter().any(|(p, _, _)| *p == oid) {
            patterns.push((oid, tlp, framework));
        }
    }
    for ind in &indicators {
        for (p, tlp, _) in &patterns {
            b.relate(ind, "indicates", &(p.clone(), *tlp));
        }
    }
    for (p, tlp, _) in &patterns {
        for v in &vulns {
            b.relate(&(p.clone(), *tlp), "targets", v);
        }
    }

    // Attribution.
    let actor = r.attribution.actor.trim();
    if !actor.is_empty() && !matches!(actor.to_ascii_lowercase().as_str(), "unknown" | "none" | "n/a" | "unattributed") {
        let tlp = labels.within("/attribution/actor").max(labels.at("/attribution"));
        let mut o = b.sdo("threat-actor", actor, tlp);
        o.insert("name".into(), actor.into());
        let desc = text_of(&[
            ("Status", r.attribution.actor_status.as_ref().map(|s| s.label().to_string()).unwrap_or_default()),
            ("Similarities", r.attribution.similarities.clone()),
        ]);
        if !desc.is_empty() {
            o.insert("description".into(), desc.into());
        }
        if let Some(c) = r.attribution.confidence.as_ref().and_then(|c| c.known()) {
            o.insert("confidence".into(), c.stix_confidence().into());
        }
        let ta = (b.add(o), tlp);
        for (p, ptlp, _) in &patterns {
            b.relate(&ta, "uses", &(p.clone(), *ptlp));
        }
        for ind in &indicators {
            b.relate(ind, "indicates", &ta);
        }
    }

    // Mitigations.
    let m = &r.mitigations;
    let mut coas: Vec<(String, Tlp)> = Vec::new();
    if !m.remediation.is_empty() || m.status.is_some() || m.category.is_some() {
        let tlp = labels.within("/mitigations/remediation").max(labels.at("/mitigations"));
        let mut o = b.sdo("course-of-action", &format!("remediation|{}", m.remediation), tlp);
        o.insert("name".into(), "Remediation".into());
        let desc = text_of(&[
            ("Remediation", m.remediation.clone()),
            ("Status", m.status.as_ref().map(|s| s.label().to_string()).unwrap_or_default()),
            ("Category", m.category.as_ref().map(|s| s.label().to_string()).unwrap_or_default()),
        ]);
        o.insert("description".into(), desc.into());
        coas.push((b.add(o), tlp));
    }
    for (i, id) in m.atlas_mitigations.iter().enumerate() {
        let id = id.trim();
        let Some(name) = catalogue::atlas_mitigation(id) else { continue };
        let tlp = labels.within(&format!("/mitigations/atlas_mitigations/{i}"));
        let mut o = b.sdo("course-of-action", &format!("mitre-atlas|{id}"), tlp);
        o.insert("name".into(), name.into());
        o.insert("external_references".into(), json!([{ "source_name": "mitre-atlas", "external_id": id, "url": format!("https://atlas.mitre.org/mitigations/{id}") }]));
        coas.push((b.add(o), tlp));
    }
    for coa in &coas {
        for v in &vulns {
            b.relate(coa, "mitigates", v);
        }
        for (p, tlp, _) in &patterns {
            b.relate(coa, "mitigates", &(p.clone(), *tlp));
        }
    }

    // Narrative: one note per answered section, at the section's level.
    for s in render::sections(r, labels) {
        let mut o = b.sdo("note", &format!("{report_id}|{}", s.key), s.tlp);
        o.insert("abstract".into(), format!("{}. {}", s.number, s.title).into());
        o.insert("content".into(), render::section_plain(&s).into());
        o.insert("object_refs".into(), json!([report_id]));
        b.add(o);
    }
    if !skipped.is_empty() {
        let mut o = b.sdo("note", &format!("{report_id}|skipped-indicators"), labels.within("/detection/indicators"));
        o.insert("abstract".into(), "Indicators not exported as STIX patterns".into());
        o.insert("content".into(), format!("These indicators did not fit their declared type and were left out of the indicator objects (see the detection note for the values as written):\n{}", skipped.join("\n")).into());
        o.insert("object_refs".into(), json!([report_id]));
        b.add(o);
    }
    if ctx.unredacted {
        let mut o = b.sdo("note", &format!("{report_id}|unredacted"), labels.effective());
        o.insert("abstract".into(), "Exported without redaction".into());
        o.insert("content".into(), "The sender explicitly exported this report without running redaction over it: it may contain personal data or secrets. Handle it accordingly.".into());
        o.insert("labels".into(), json!(["unredacted-export"]));
        o.insert("object_refs".into(), json!([report_id]));
        b.add(o);
    }

    // The report itself, first in the bundle.
    let tlp = labels.effective();
    let mut o = b.sdo("report", &report_key, tlp);
    o.insert("name".into(), if r.title.trim().is_empty() { "Untitled report".to_string() } else { r.title.clone() }.into());
    if !r.summary.is_empty() {
        o.insert("description".into(), r.summary.clone().into());
    }
    let report_type = match r.kind.as_ref().and_then(|k| k.known()) {
        Some(ReportKind::Vulnerability) => "vulnerability",
        _ => "threat-report",
    };
    o.insert("report_types".into(), json!([report_type]));
    o.insert("published".into(), created.clone().into());
    if let Some(c) = confidence {
        o.insert("confidence".into(), c.into());
    }
    if ctx.unredacted {
        o.insert("labels".into(), json!(["unredacted-export"]));
    }
    let refs: Vec<Value> = b
        .objects
        .iter()
        .filter_map(|v| v.get("id").and_then(Value::as_str))
        .filter(|id| !id.starts_with("identity--"))
        .map(|id| Value::from(id.to_string()))
        .collect();
    let refs = if refs.is_empty() { b.author.iter().map(|a| Value::from(a.clone())).collect() } else { refs };
    o.insert("object_refs".into(), Value::Array(refs));
    let report = Value::Object(o);

    // Marking definitions of every level used, then the report, then the rest.
    let mut used: Vec<&str> = b.objects.iter().chain(std::iter::once(&report)).filter_map(|o| o.pointer("/object_marking_refs/0").and_then(Value::as_str)).collect();
    crate::sort::sort(&mut used);
    used.dedup();
    let mut objects: Vec<Value> = TLP_LEVELS.iter().filter(|d| used.contains(&d.stix_id)).map(|d| marking_definition(d.tlp)).collect();
    if objects.is_empty() {
        objects.push(marking_definition(tlp));
    }
    objects.push(report);
    objects.append(&mut b.objects);
    let ids: Vec<&str> = objects.iter().filter_map(|o| o.get("id").and_then(Value::as_str)).collect();
    let bundle_id = format!("bundle--{}", uuid5(&format!("bundle|{}", ids.join(","))));
    json!({ "type": "bundle", "id": bundle_id, "objects": objects })
}

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    let v = bundle(ctx);
    crate::ser::to_string_pretty(&v)
        .map(|s| Written::from(s + "\n"))
        .map_err(|e| Error::new("invalid-argument", format!("cannot write the bundle: {e}")))
}
