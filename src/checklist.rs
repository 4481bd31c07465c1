//! The Tear Sheet checklist as data: every point of the playbook's "Checklist for Voluntary
//! Information Sharing", in the playbook's order, with the fields that answer it.
//!
//! Adding a point is adding one [`Point`] to [`POINTS`] (and a field to the model if none
//! answers it yet); `tests/checklist.rs` counts the points per section against the playbook.

use serde::Serialize;
use crate::pointer::{self, FirstStep, Tree};
use crate::vocab::{ReportKind, ReportKind::*, Vocab};

/// A field that answers a point: a JSON pointer (with `*` wildcards) and, optionally, the only
/// values that count as an answer.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Answer {
    /// JSON pointer into the report.
    pub path: &'static str,
    /// When not empty, only these values count.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub values: &'static [&'static str],
}

const fn f(path: &'static str) -> Answer {
    Answer { path, values: &[] }
}

/// One checklist point.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Point {
    /// Stable dotted id, `section.point`.
    pub id: &'static str,
    /// Section key (see [`crate::model::SECTIONS`]).
    pub section: &'static str,
    /// The playbook's question, in our words.
    pub question: &'static str,
    /// Report kinds the point applies to.
    #[serde(serialize_with = "ser_kinds")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<String>"))]
    pub applies_to: &'static [ReportKind],
    /// Fields that answer it; any one answered is enough.
    pub fields: &'static [Answer],
}

fn ser_kinds<S: serde::Serializer>(kinds: &&'static [ReportKind], s: S) -> Result<S::Ok, S::Error> {
    use crate::vocab::Vocabulary;
    s.collect_seq(kinds.iter().map(|k| k.code()))
}

const ALL: &[ReportKind] = &[Incident, AttemptedAttack, Scanning, SuspiciousActivity, Vulnerability, Proactive];
const EVENTS: &[ReportKind] = &[Incident, AttemptedAttack, Scanning, SuspiciousActivity];
const EVENTS_VULN: &[ReportKind] = &[Incident, AttemptedAttack, Scanning, SuspiciousActivity, Vulnerability];
const EVENTS_PROACTIVE: &[ReportKind] = &[Incident, AttemptedAttack, Scanning, SuspiciousActivity, Proactive];
const ATTACKS: &[ReportKind] = &[Incident, AttemptedAttack];
const ATTACKS_VULN: &[ReportKind] = &[Incident, AttemptedAttack, Vulnerability];
const INCIDENT: &[ReportKind] = &[Incident];
const INCIDENT_VULN: &[ReportKind] = &[Incident, Vulnerability];
const NOT_SCANNING: &[ReportKind] = &[Incident, AttemptedAttack, SuspiciousActivity, Vulnerability, Proactive];

const INDICATOR_NETWORK_TYPES: &[&str] = &["ipv4", "ipv6", "cidr", "domain", "url", "md5", "sha1", "sha256", "sha512"];

macro_rules! points {
    ($($id:literal in $section:literal for $kinds:expr => $q:literal [$($field:expr),+ $(,)?];)+) => {
        /// Every point of the Tear Sheet, in the playbook's order.
        pub const POINTS: &[Point] = &[$(Point { id: $id, section: $section, question: $q, applies_to: $kinds, fields: &[$($field),+] }),+];
    };
}

points! {
    // 1. Description of the incident or vulnerability
    "description.activity_type" in "description" for ALL =>
        "Is this information related to an incident, an attempted attack, scanning activity or suspicious activity?" [f("/kind")];
    "description.vulnerability" in "description" for ALL =>
        "Is this information related to a vulnerability? Give the CVE assignment if there is one."
        [f("/description/vulnerability_related"), f("/vulnerabilities/items/*/cve"), Answer { path: "/kind", values: &["vulnerability"] }];
    "description.provenance" in "description" for ALL =>
        "Was the information obtained directly, or indirectly via another organisation?" [f("/description/provenance")];
    "description.privileged_source" in "description" for ALL =>
        "Was the information obtained from a privileged or non-public source?" [f("/description/privileged_source")];
    "description.confidence" in "description" for ALL =>
        "How confident are you? Is it confirmed to be related to malicious activity, or unconfirmed (suspicious)?" [f("/description/confidence")];

    // 2. How the incident or vulnerability was first detected
    "detection.initial_access_vector" in "detection" for EVENTS =>
        "What was the initial access vector?" [f("/detection/initial_access_vector")];
    "detection.method" in "detection" for EVENTS_VULN =>
        "How was it detected (e.g. STIX indicators, monitoring of model output)?" [f("/detection/method")];
    "detection.indicators" in "detection" for EVENTS =>
        "Which indicators of compromise (IOCs) were seen?" [f("/detection/indicators/*/value")];
    "detection.indicators_of_attack" in "detection" for EVENTS =>
        "Which indicators of attack (behaviours) were seen?" [f("/detection/indicators_of_attack")];
    "detection.samples" in "detection" for EVENTS =>
        "Is there sample attack information or a screenshot?" [f("/detection/samples")];
    "detection.network_indicators" in "detection" for EVENTS =>
        "Which IP addresses, domains and hashes were involved?" [Answer { path: "/detection/indicators/*/type", values: INDICATOR_NETWORK_TYPES }];
    "detection.timestamps" in "detection" for EVENTS =>
        "When was the activity active or observed (dates and times)?"
        [f("/detection/first_observed"), f("/detection/last_observed"), f("/detection/indicators/*/first_seen"), f("/detection/indicators/*/last_seen")];
    "detection.indicator_purpose" in "detection" for EVENTS =>
        "What are the IOCs used for (e.g. initial access, command and control infrastructure)?" [f("/detection/indicators/*/purpose")];

    // 3. System and network vulnerabilities
    "vulnerabilities.exploited_in_wild" in "vulnerabilities" for ATTACKS_VULN =>
        "Are known, previously disclosed vulnerabilities being maliciously exploited in the wild?" [f("/vulnerabilities/items/*/exploited_in_wild")];
    "vulnerabilities.critical_concern" in "vulnerabilities" for ATTACKS_VULN =>
        "Are there vulnerabilities of critical concern to you, even without evidence of exploitation yet?" [f("/vulnerabilities/items/*/critical_concern")];
    "vulnerabilities.public_poc" in "vulnerabilities" for ATTACKS_VULN =>
        "Are there publicly known proofs of concept (news reporting, social media, open-source platforms)?" [f("/vulnerabilities/proofs_of_concept")];

    // 4. Affected AI artifact(s) and systems
    "ai_artifacts.model" in "ai_artifacts" for NOT_SCANNING =>
        "What is known of the model: name, version, task, architecture, source, lifecycle phase, training dataset?" [f("/ai_artifacts/models")];
    "ai_artifacts.developer" in "ai_artifacts" for NOT_SCANNING =>
        "What is known about the AI model's developer?" [f("/ai_artifacts/developer")];
    "ai_artifacts.platforms" in "ai_artifacts" for NOT_SCANNING =>
        "Which agentic, copilot or third-party platforms are in use?" [f("/ai_artifacts/platforms")];
    "ai_artifacts.apis_and_libraries" in "ai_artifacts" for NOT_SCANNING =>
        "What is known about the APIs and libraries involved?" [f("/ai_artifacts/apis_and_libraries")];
    "ai_artifacts.configuration" in "ai_artifacts" for NOT_SCANNING =>
        "What software/hardware configuration and access is specific to the AI model?" [f("/ai_artifacts/configuration")];
    "ai_artifacts.software" in "ai_artifacts" for NOT_SCANNING =>
        "What software underpins the affected systems?" [f("/ai_artifacts/software")];
    "ai_artifacts.application" in "ai_artifacts" for NOT_SCANNING =>
        "What is known of the AI application (author, what it can access)?" [f("/ai_artifacts/application")];

    // 5. Affected users or victims
    "affected.victims" in "affected" for EVENTS =>
        "Which victims, or which types (sectors) of victims, were targeted?" [f("/affected/victims"), f("/affected/sectors")];
    "affected.locations" in "affected" for EVENTS =>
        "Where are the affected users, if relevant?" [f("/affected/locations")];
    "affected.information_lost" in "affected" for ATTACKS =>
        "What types and scope of information were lost or exploited?" [f("/affected/information_lost")];
    "affected.harm" in "affected" for ATTACKS_VULN =>
        "What category (e.g. financial, reputational) and severity (negligible, minor, moderate, severe) of harm?" [f("/affected/harms")];
    "affected.products" in "affected" for ATTACKS_VULN =>
        "Which systems or products have users who might be impacted?" [f("/affected/products")];
    "affected.users_impacted" in "affected" for ATTACKS =>
        "About how many users were directly impacted?" [f("/affected/users_impacted")];
    "affected.external_systems" in "affected" for ATTACKS_VULN =>
        "Which external systems could the AI model possibly access directly?" [f("/affected/external_systems")];

    // 6. Broader impacts of the attack
    "impacts.lateral_movement" in "impacts" for INCIDENT =>
        "Was lateral movement identified, and with what impact?" [f("/impacts/lateral_movement")];
    "impacts.exploitation_vector" in "impacts" for ATTACKS_VULN =>
        "What is the suspected exploitation vector?" [f("/impacts/exploitation_vector")];
    "impacts.exfiltration" in "impacts" for INCIDENT =>
        "What was the exfiltration impact?" [f("/impacts/exfiltration")];
    "impacts.business_operations" in "impacts" for INCIDENT =>
        "What was the impact on business operations?" [f("/impacts/business_operations")];
    "impacts.supply_chain" in "impacts" for INCIDENT_VULN =>
        "What are the supply chain impacts (trusted vendors, third parties, data provenance)?" [f("/impacts/supply_chain")];
    "impacts.critical_infrastructure" in "impacts" for ATTACKS_VULN =>
        "Is there known or suspected impact on critical infrastructure sectors or the U.S. federal government?" [f("/impacts/critical_infrastructure")];
    "impacts.vulnerability_impact" in "impacts" for INCIDENT_VULN =>
        "What is the impact of the vulnerability, and what level of access does exploiting it require?"
        [f("/impacts/vulnerability_impact"), f("/impacts/access_required")];

    // 7. Mitigations
    "mitigations.status" in "mitigations" for ATTACKS_VULN =>
        "What is the mitigation status?" [f("/mitigations/status")];
    "mitigations.category" in "mitigations" for ATTACKS_VULN =>
        "Which category of mitigation was implemented (risk acceptance, avoidance, transfer)?" [f("/mitigations/category")];
    "mitigations.remediation" in "mitigations" for ATTACKS_VULN =>
        "Which remediation technique (e.g. rollback or update of components, including models)?"
        [f("/mitigations/remediation"), f("/mitigations/atlas_mitigations")];

    // 8. Attribution and malicious actor profile
    "attribution.actor" in "attribution" for EVENTS =>
        "Who is the attacker, if known, or which known threat actor do the IOCs and TTPs resemble?"
        [f("/attribution/actor"), f("/attribution/similarities")];
    "attribution.confidence" in "attribution" for EVENTS =>
        "What is the level of confidence (unverified, speculative, confirmed)?" [f("/attribution/confidence")];
    "attribution.techniques" in "attribution" for EVENTS_PROACTIVE =>
        "Which techniques were demonstrated, citing MITRE ATT&CK and MITRE ATLAS?" [f("/attribution/techniques/*/id")];
    "attribution.controls_evaded" in "attribution" for EVENTS =>
        "Which cyber defence controls were targeted, subverted or evaded, and how?" [f("/attribution/controls_evaded")];
    "attribution.patterns" in "attribution" for EVENTS_PROACTIVE =>
        "Which patterns or themes did the attacker rely on?" [f("/attribution/patterns")];
    "attribution.access_obtained" in "attribution" for ATTACKS =>
        "What control and access did the actor obtain?" [f("/attribution/access_obtained")];
    "attribution.attack_type" in "attribution" for EVENTS_PROACTIVE =>
        "Which type of adversarial AI attack, and which attack procedure, was used?"
        [f("/attribution/attack_types"), f("/attribution/attack_procedure")];
    "attribution.component" in "attribution" for EVENTS =>
        "Which underlying system component was attacked?" [f("/attribution/component")];
    "attribution.tooling" in "attribution" for EVENTS_PROACTIVE =>
        "Which adversary tooling was used?" [f("/attribution/tooling")];
    "attribution.anti_forensics" in "attribution" for ATTACKS =>
        "Were anti-forensics or actor clean-up efforts witnessed?" [f("/attribution/anti_forensics")];
    "attribution.actor_status" in "attribution" for EVENTS =>
        "Is the specific threat actor known or suspected?" [f("/attribution/actor_status")];

    // 9. Technical data and analysis
    "technical.ttp_usage" in "technical" for EVENTS_PROACTIVE =>
        "How does the threat actor use these TTPs or IOCs?" [f("/technical/ttp_usage")];
    "technical.adversarial_prompts" in "technical" for NOT_SCANNING =>
        "What was the adversarial prompt, and which response content shows the attack's success and structure?"
        [f("/technical/prompts")];
    "technical.novelty" in "technical" for ALL =>
        "Is the information novel, or has it been observed or publicly reported before?"
        [f("/technical/novelty"), f("/technical/novelty_references")];
    "technical.registry_activity" in "technical" for ATTACKS =>
        "Was there \"abnormal\" registry behaviour and activity?" [f("/technical/registry_activity")];
    "technical.code_overlap" in "technical" for EVENTS =>
        "Does code overlap with known or historical malware or attack samples?" [f("/technical/code_overlap")];
    "technical.infrastructure_overlap" in "technical" for EVENTS =>
        "Is there known overlap with historical attacks on C2 infrastructure, APIs or third parties?" [f("/technical/infrastructure_overlap")];
    "technical.file_extension_changes" in "technical" for ATTACKS =>
        "Were file extensions modified?" [f("/technical/file_extension_changes")];
    "technical.campaign_artifacts" in "technical" for ATTACKS =>
        "Which campaign artifacts were seen (recycle bin or other file removal, app modification)?" [f("/technical/campaign_artifacts")];
}

/// Looks a point up by id.
pub fn point(id: &str) -> Option<&'static Point> {
    POINTS.iter().find(|p| p.id == id)
}

/// Where a point stands for one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointStatus {
    /// At least one of its fields is answered.
    Met,
    /// Applies to this kind of report and is not answered.
    Missing,
    /// Does not apply to this kind of report.
    NotApplicable,
}

impl Point {
    /// Whether the point applies to a report of this kind (all points apply while the kind is
    /// missing or unknown: better to ask too much than to hide a question).
    pub fn applies(&self, kind: Option<&Vocab<ReportKind>>) -> bool {
        match kind.and_then(Vocab::known) {
            Some(k) => self.applies_to.contains(&k),
            None => true,
        }
    }

    /// Whether the report (as JSON: a `&Value`, or the view [`crate::model::Node`]) answers
    /// this point.
    pub fn is_met<'v, T: Tree<'v>>(&self, report: T) -> bool {
        self.is_met_from(report, &mut FirstStep::default())
    }

    /// [`Point::is_met`], sharing the first step of its walks with the points asked before it
    /// (see [`FirstStep`]; `first` must only be used with this `report`).
    pub fn is_met_from<'v, T: Tree<'v>>(&self, report: T, first: &mut FirstStep<'static, T>) -> bool {
        self.fields.iter().any(|a| {
            pointer::any_match_from(report, a.path, first, &mut |v| {
                if a.values.is_empty() {
                    pointer::answered(v)
                } else {
                    v.as_str().is_some_and(|s| a.values.contains(&s))
                }
            })
        })
    }

    /// The point's status for a report.
    pub fn status<'v, T: Tree<'v>>(&self, kind: Option<&Vocab<ReportKind>>, report: T) -> PointStatus {
        self.status_from(kind, report, &mut FirstStep::default())
    }

    /// [`Point::status`], sharing first steps as [`Point::is_met_from`] does.
    pub fn status_from<'v, T: Tree<'v>>(&self, kind: Option<&Vocab<ReportKind>>, report: T, first: &mut FirstStep<'static, T>) -> PointStatus {
        if self.is_met_from(report, first) {
            PointStatus::Met
        } else if self.applies(kind) {
            PointStatus::Missing
        } else {
            PointStatus::NotApplicable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_prefixed_by_their_section() {
        for (i, p) in POINTS.iter().enumerate() {
            assert!(p.id.starts_with(&format!("{}.", p.section)), "{}", p.id);
            assert!(POINTS[i + 1..].iter().all(|q| q.id != p.id), "duplicate {}", p.id);
            assert!(crate::model::SECTIONS.iter().any(|(k, _)| *k == p.section));
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_field_exists_in_the_model() {
        // A typo in the table would silently never match: check each path against the schema.
        let schema = crate::schema::report_schema();
        for p in POINTS {
            for a in p.fields {
                assert!(crate::schema::path_exists(&schema, a.path), "{}: {} not in the model", p.id, a.path);
            }
        }
    }
}
