//! MISP event: indicators as `Attribute`s of the matching MISP type and category, TLP as tags
//! of MISP's `tlp` taxonomy (the event at the report's effective level, an attribute at its
//! own level when that differs), ATT&CK and ATLAS techniques as galaxy tags, the Tear Sheet
//! as an event report in Markdown.

use serde_json::{json, Value};

use super::stix::{report_time, stix_time};
use super::{markdown, uuid5, Context, Written};
use crate::catalogue::{self, technique_framework, Framework};
use crate::error::Error;
use crate::indicator::{self, refang};
use crate::time::Timestamp;
use crate::tlp::Tlp;
use crate::vocab::{IndicatorPurpose, IndicatorType, MitigationStatus};

/// MISP attribute type, category and whether it is fit for detection (`to_ids`), per type.
const ATTRIBUTES: &[(IndicatorType, &str, &str, bool)] = &[
    (IndicatorType::Ipv4, "ip-dst", "Network activity", true),
    (IndicatorType::Ipv6, "ip-dst", "Network activity", true),
    (IndicatorType::Cidr, "ip-dst", "Network activity", true),
    (IndicatorType::Domain, "domain", "Network activity", true),
    (IndicatorType::Url, "url", "Network activity", true),
    (IndicatorType::Email, "email-src", "Payload delivery", true),
    (IndicatorType::Md5, "md5", "Payload delivery", true),
    (IndicatorType::Sha1, "sha1", "Payload delivery", true),
    (IndicatorType::Sha256, "sha256", "Payload delivery", true),
    (IndicatorType::Sha512, "sha512", "Payload delivery", true),
    (IndicatorType::FileName, "filename", "Payload delivery", true),
    (IndicatorType::MacAddress, "mac-address", "Network activity", false),
    (IndicatorType::Asn, "AS", "Network activity", false),
    (IndicatorType::UserAgent, "user-agent", "Network activity", true),
    (IndicatorType::StixPattern, "stix2-pattern", "Network activity", false),
];

/// Purposes for which an address is the adversary's source rather than its destination.
const SOURCE_PURPOSES: &[IndicatorPurpose] = &[IndicatorPurpose::Reconnaissance, IndicatorPurpose::InitialAccess];

/// MISP distribution per TLP level: how far MISP itself may synchronise the event
/// (0 your organisation, 1 this community, 2 connected communities, 3 all).
const DISTRIBUTION: &[(Tlp, &str)] = &[(Tlp::Clear, "3"), (Tlp::Green, "1"), (Tlp::Amber, "0"), (Tlp::AmberStrict, "0"), (Tlp::Red, "0")];

/// The MISP galaxy a technique's framework lives in.
fn galaxy(f: Framework) -> &'static str {
    match f {
        Framework::MitreAttack => "mitre-attack-pattern",
        Framework::MitreAtlas => "mitre-atlas-attack-pattern",
    }
}

fn tag(name: impl Into<String>) -> Value {
    json!({ "name": name.into() })
}

fn tlp_tag(t: Tlp) -> Value {
    tag(format!("tlp:{}", t.code()))
}

/// The MISP event as a JSON value.
pub(crate) fn event(ctx: &Context<'_>) -> Value {
    let r = ctx.report;
    let labels = ctx.labels;
    let level = labels.effective();
    let when = report_time(r);
    let event_uuid = uuid5(&format!("misp-event|{}|{}|{}", r.title, stix_time(when), r.reporter.organization));
    let mut attributes: Vec<Value> = Vec::new();
    let mut attribute = |kind: &str, category: &str, value: String, to_ids: bool, comment: String, tlp: Tlp, seen: (Option<Timestamp>, Option<Timestamp>)| {
        let mut a = json!({
            "uuid": uuid5(&format!("misp-attribute|{event_uuid}|{kind}|{value}")),
            "type": kind,
            "category": category,
            "value": value,
            "to_ids": to_ids,
            "comment": comment,
            "disable_correlation": false,
        });
        if let (Some(first), Some(obj)) = (seen.0, a.as_object_mut()) {
            obj.insert("first_seen".into(), stix_time(first).into());
            if let Some(last) = seen.1.filter(|l| *l >= first) {
                obj.insert("last_seen".into(), stix_time(last).into());
            }
        }
        if tlp != level {
            a["Tag"] = json!([tlp_tag(tlp)]);
        }
        attributes.push(a);
    };
    for (i, ind) in r.detection.indicators.iter().enumerate() {
        let tlp = labels.within(&format!("/detection/indicators/{i}"));
        let value = refang(ind.value.trim()).into_owned();
        let purpose = ind.purpose.as_ref().map(|p| p.label().to_string()).unwrap_or_default();
        let comment = [purpose.as_str(), ind.description.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" - ");
        let seen = (Timestamp::parse(&ind.first_seen), Timestamp::parse(&ind.last_seen));
        let known = ind.kind.as_ref().and_then(|k| k.known());
        match known.filter(|k| indicator::check(*k, &ind.value).is_ok()).and_then(|k| ATTRIBUTES.iter().find(|a| a.0 == k).map(|a| (k, a))) {
            Some((k, (_, t, cat, ids))) => {
                let source = matches!(k, IndicatorType::Ipv4 | IndicatorType::Ipv6 | IndicatorType::Cidr)
                    && ind.purpose.as_ref().and_then(|p| p.known()).is_some_and(|p| SOURCE_PURPOSES.contains(&p));
                let value = if k == IndicatorType::MacAddress { value.to_ascii_lowercase().replace('-', ":") } else { value };
                attribute(if source { "ip-src" } else { t }, cat, value, *ids, comment, tlp, seen);
            }
            // Kept, but as text nobody will feed to a detector: it did not pass the checks.
            None => attribute("text", "Other", value, false, format!("unchecked indicator ({}) {comment}", ind.kind.as_ref().map_or("no type", |k| k.as_str())).trim().to_string(), tlp, seen),
        }
    }
    for (i, s) in r.detection.samples.iter().enumerate() {
        if s.sha256.len() == 64 && s.sha256.bytes().all(|c| c.is_ascii_hexdigit()) {
            let tlp = labels.within(&format!("/detection/samples/{i}"));
            let comment = [s.name.as_str(), s.description.as_str()].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(" - ");
            attribute("sha256", "Artifacts dropped", s.sha256.to_ascii_lowercase(), false, comment, tlp, (None, None));
        }
    }
    for (i, v) in r.vulnerabilities.items.iter().enumerate() {
        if indicator::is_cve(v.cve.trim()) {
            let tlp = labels.within(&format!("/vulnerabilities/items/{i}"));
            attribute("vulnerability", "External analysis", v.cve.trim().to_string(), false, v.product.clone(), tlp, (None, None));
        }
    }
    for (i, p) in r.vulnerabilities.proofs_of_concept.iter().enumerate() {
        if indicator::is_url(p.url.trim()) {
            let tlp = labels.within(&format!("/vulnerabilities/proofs_of_concept/{i}"));
            attribute("link", "External analysis", p.url.trim().to_string(), false, p.description.clone(), tlp, (None, None));
        }
    }

    let mut tags = vec![tlp_tag(level)];
    for t in &r.attribution.techniques {
        let id = t.id.trim();
        if let Some(f) = technique_framework(id) {
            let name = catalogue::technique(id).map_or(id, |c| c.name);
            let g = tag(format!("misp-galaxy:{}=\"{name} - {id}\"", galaxy(f)));
            if !tags.contains(&g) {
                tags.push(g);
            }
        }
    }
    let actor = r.attribution.actor.trim();
    if !actor.is_empty() && !matches!(actor.to_ascii_lowercase().as_str(), "unknown" | "none" | "n/a" | "unattributed") {
        tags.push(tag(format!("misp-galaxy:threat-actor=\"{}\"", actor.replace('"', "'"))));
    }
    if ctx.unredacted {
        tags.push(tag("tearsheet:redaction=\"unredacted-export\""));
    }
    let analysis = match r.mitigations.status.as_ref().and_then(|s| s.known()) {
        Some(MitigationStatus::Complete) => "2",
        Some(_) => "1",
        None => "0",
    };
    let distribution = DISTRIBUTION.iter().find(|(t, _)| *t == level).map_or("0", |(_, d)| d);
    let date = stix_time(when).get(0..10).unwrap_or("1970-01-01").to_string();
    let report_md = markdown::document(r, labels, ctx.unredacted);
    let mut ev = json!({
        "uuid": event_uuid,
        "info": if r.title.trim().is_empty() { "Untitled report" } else { r.title.as_str() },
        "date": date,
        "timestamp": when.seconds.max(0).to_string(),
        "threat_level_id": "2",
        "analysis": analysis,
        "distribution": distribution,
        "published": false,
        "Tag": tags,
        "Attribute": attributes,
        "EventReport": [{
            "uuid": uuid5(&format!("misp-event-report|{event_uuid}")),
            "name": format!("Tear Sheet ({})", level),
            "content": report_md,
            "distribution": "5",
            "timestamp": when.seconds.max(0).to_string(),
        }],
    });
    if !r.reporter.organization.is_empty() {
        ev["Orgc"] = json!({ "name": r.reporter.organization });
    }
    json!({ "Event": ev })
}

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    crate::ser::to_string_pretty(&event(ctx))
        .map(|s| Written::from(s + "\n"))
        .map_err(|e| Error::new("invalid-argument", format!("cannot write the event: {e}")))
}
