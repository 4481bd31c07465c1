//! The report: one CISA JCDC Tear Sheet, as JSON.
//!
//! The nine sections mirror the playbook's Tear Sheet in its order; every checklist point is a
//! typed field here (see [`crate::checklist`] for which field answers which point). Text fields
//! default to empty and lists to empty, so a partial report — which the playbook explicitly
//! welcomes — is just a report with fewer fields filled. Vocabulary fields are [`Vocab`]s, so an
//! unknown value is a finding, never a parse failure.
//!
//! Timestamps are kept as the strings the user wrote; [`crate::time`] parses them during
//! validation so that a malformed date is a finding pointing at its field.

use serde::{Deserialize, Serialize};

use crate::vocab::*;

fn is_empty(s: &str) -> bool {
    s.is_empty()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

macro_rules! model {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        #[serde(default)]
        pub struct $name { $($body)* }
    };
}

model! {
    /// One AI cybersecurity incident or vulnerability report.
    pub struct Report {
        /// Report kind: the Tear Sheet's "incident, attempted attack, scanning or suspicious
        /// activity?" and "vulnerability?" questions, plus proactive sharing.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub kind: Option<Vocab<ReportKind>>,
        /// One-line title.
        #[serde(skip_serializing_if = "is_empty")]
        pub title: String,
        /// Short summary of what happened or what was found.
        #[serde(skip_serializing_if = "is_empty")]
        pub summary: String,
        /// Who reports, for the recipient to follow up.
        #[serde(skip_serializing_if = "Reporter::is_blank")]
        pub reporter: Reporter,
        /// When it was detected, when it occurred, when it is reported (RFC 3339).
        #[serde(skip_serializing_if = "Timestamps::is_blank")]
        pub timestamps: Timestamps,
        /// Traffic Light Protocol 2.0 label of the whole report (`TLP:AMBER`, ...).
        #[serde(skip_serializing_if = "is_empty")]
        pub tlp: String,
        /// Stricter TLP labels for parts of the report, e.g. technical data at RED.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub markings: Vec<Marking>,
        /// 1. Description of the incident or vulnerability.
        pub description: Description,
        /// 2. How the incident or vulnerability was first detected.
        pub detection: Detection,
        /// 3. System and network vulnerabilities.
        pub vulnerabilities: Vulnerabilities,
        /// 4. Affected AI artifact(s) and systems.
        pub ai_artifacts: AiArtifacts,
        /// 5. Affected users or victims.
        pub affected: Affected,
        /// 6. Broader impacts of the attack.
        pub impacts: Impacts,
        /// 7. Mitigations.
        pub mitigations: Mitigations,
        /// 8. Attribution and malicious actor profile.
        pub attribution: Attribution,
        /// 9. Technical data and analysis.
        pub technical: Technical,
        /// What redaction did to this report (set by `redact`, checked by exports).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub redaction: Option<RedactionRecord>,
    }
}

model! {
    /// The reporting person and organisation.
    pub struct Reporter {
        /// Reporting organisation.
        #[serde(skip_serializing_if = "is_empty")]
        pub organization: String,
        /// The organisation's internet domain, used to tell "inside the organisation" for
        /// TLP:AMBER+STRICT destinations.
        #[serde(skip_serializing_if = "is_empty")]
        pub organization_domain: String,
        /// Contact name.
        #[serde(skip_serializing_if = "is_empty")]
        pub name: String,
        /// Contact e-mail.
        #[serde(skip_serializing_if = "is_empty")]
        pub email: String,
        /// Contact phone.
        #[serde(skip_serializing_if = "is_empty")]
        pub phone: String,
        /// Sector of the reporting organisation.
        #[serde(skip_serializing_if = "is_empty")]
        pub sector: String,
    }
}

impl Reporter {
    fn is_blank(&self) -> bool {
        self == &Reporter::default()
    }
}

model! {
    /// Report-level timestamps (RFC 3339).
    pub struct Timestamps {
        /// When the activity or vulnerability was first detected.
        #[serde(skip_serializing_if = "is_empty")]
        pub detected: String,
        /// When the activity occurred (began), if known.
        #[serde(skip_serializing_if = "is_empty")]
        pub occurred: String,
        /// When this report was made.
        #[serde(skip_serializing_if = "is_empty")]
        pub reported: String,
    }
}

impl Timestamps {
    fn is_blank(&self) -> bool {
        self == &Timestamps::default()
    }
}

model! {
    /// A TLP label for one part of the report (a JSON pointer such as `/technical`).
    pub struct Marking {
        /// JSON pointer of the marked part (a section or a field).
        pub path: String,
        /// Its TLP label.
        pub tlp: String,
    }
}

model! {
    /// Section 1: description of the incident or vulnerability.
    pub struct Description {
        /// Narrative of what happened.
        #[serde(skip_serializing_if = "is_empty")]
        pub narrative: String,
        /// Whether the information relates to a vulnerability (CVEs go in `vulnerabilities`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub vulnerability_related: Option<bool>,
        /// Obtained directly or indirectly (via another organisation).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub provenance: Option<Vocab<Provenance>>,
        /// The other organisation, when obtained indirectly.
        #[serde(skip_serializing_if = "is_empty")]
        pub provenance_source: String,
        /// Obtained from a privileged or non-public source.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub privileged_source: Option<bool>,
        /// Confidence that the activity is malicious (confirmed) or only suspicious.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub confidence: Option<Vocab<Confidence>>,
    }
}

model! {
    /// Section 2: how the incident or vulnerability was first detected.
    pub struct Detection {
        /// Initial access vector.
        #[serde(skip_serializing_if = "is_empty")]
        pub initial_access_vector: String,
        /// Detection method (e.g. STIX indicators, EDR alert, model-output monitoring).
        #[serde(skip_serializing_if = "is_empty")]
        pub method: String,
        /// Indicators of compromise.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub indicators: Vec<Indicator>,
        /// Indicators of attack: behaviours observed, one per entry.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub indicators_of_attack: Vec<String>,
        /// Sample attack information or screenshots.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub samples: Vec<Sample>,
        /// When the activity was first observed (RFC 3339).
        #[serde(skip_serializing_if = "is_empty")]
        pub first_observed: String,
        /// When the activity was last observed (RFC 3339).
        #[serde(skip_serializing_if = "is_empty")]
        pub last_observed: String,
    }
}

model! {
    /// One indicator of compromise.
    pub struct Indicator {
        /// Type of the value.
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        pub kind: Option<Vocab<IndicatorType>>,
        /// The value, exactly as observed (defanged forms are accepted).
        pub value: String,
        /// What the adversary uses it for.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub purpose: Option<Vocab<IndicatorPurpose>>,
        /// First seen (RFC 3339).
        #[serde(skip_serializing_if = "is_empty")]
        pub first_seen: String,
        /// Last seen (RFC 3339).
        #[serde(skip_serializing_if = "is_empty")]
        pub last_seen: String,
        /// Free-text note.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
    }
}

model! {
    /// Sample attack information or a screenshot, described (the file itself travels separately).
    pub struct Sample {
        /// File name.
        #[serde(skip_serializing_if = "is_empty")]
        pub name: String,
        /// What it shows.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
        /// SHA-256 of the file.
        #[serde(skip_serializing_if = "is_empty")]
        pub sha256: String,
        /// Media type (`image/png`, `text/plain`, ...).
        #[serde(skip_serializing_if = "is_empty")]
        pub media_type: String,
    }
}

model! {
    /// Section 3: system and network vulnerabilities.
    pub struct Vulnerabilities {
        /// The vulnerabilities concerned.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub items: Vec<Vulnerability>,
        /// Publicly known proofs of concept (news, social media, open-source platforms).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub proofs_of_concept: Vec<ProofOfConcept>,
    }
}

model! {
    /// One vulnerability.
    pub struct Vulnerability {
        /// CVE id (`CVE-2025-12345`), if assigned.
        #[serde(skip_serializing_if = "is_empty")]
        pub cve: String,
        /// Affected product.
        #[serde(skip_serializing_if = "is_empty")]
        pub product: String,
        /// Vendor of the product.
        #[serde(skip_serializing_if = "is_empty")]
        pub vendor: String,
        /// Affected versions.
        #[serde(skip_serializing_if = "is_empty")]
        pub versions: String,
        /// What the flaw is.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
        /// Known and disclosed, and being maliciously exploited in the wild.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub exploited_in_wild: Option<bool>,
        /// Of critical concern from the partner's perspective, even without exploitation evidence.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub critical_concern: Option<bool>,
    }
}

model! {
    /// A proof of concept.
    pub struct ProofOfConcept {
        /// Where it is published.
        #[serde(skip_serializing_if = "is_empty")]
        pub url: String,
        /// What it shows.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
        /// Publicly known. A non-public or lesser-known PoC belongs in CISA's coordinated
        /// vulnerability disclosure process, not in this report.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub public: Option<bool>,
    }
}

model! {
    /// Section 4: affected AI artifact(s) and systems.
    pub struct AiArtifacts {
        /// Known model information.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub models: Vec<Model>,
        /// The AI model developer.
        #[serde(skip_serializing_if = "is_empty")]
        pub developer: String,
        /// Agentic, copilot or third-party platforms in use.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub platforms: Vec<String>,
        /// APIs and libraries involved.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub apis_and_libraries: Vec<String>,
        /// Software/hardware configuration and access specific to the model.
        #[serde(skip_serializing_if = "is_empty")]
        pub configuration: String,
        /// Software underpinning the affected systems.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub software: Vec<String>,
        /// AI application information (author, what the application can access).
        #[serde(skip_serializing_if = "is_empty")]
        pub application: String,
    }
}

model! {
    /// An affected model.
    pub struct Model {
        /// Model name.
        #[serde(skip_serializing_if = "is_empty")]
        pub name: String,
        /// Model version.
        #[serde(skip_serializing_if = "is_empty")]
        pub version: String,
        /// Model task (chat completion, classification, ...).
        #[serde(skip_serializing_if = "is_empty")]
        pub task: String,
        /// Architecture (decoder-only transformer, ...).
        #[serde(skip_serializing_if = "is_empty")]
        pub architecture: String,
        /// Source: author or location (hub repository, vendor).
        #[serde(skip_serializing_if = "is_empty")]
        pub source: String,
        /// Known information about the training dataset.
        #[serde(skip_serializing_if = "is_empty")]
        pub training_data: String,
        /// Lifecycle phase.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub lifecycle_phase: Option<Vocab<LifecyclePhase>>,
    }
}

model! {
    /// Section 5: affected users or victims.
    pub struct Affected {
        /// Specific victims or victim types targeted.
        #[serde(skip_serializing_if = "is_empty")]
        pub victims: String,
        /// Sectors of the victims.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub sectors: Vec<String>,
        /// Geographic location of affected users.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub locations: Vec<String>,
        /// Types and scope of information lost or exploited.
        #[serde(skip_serializing_if = "is_empty")]
        pub information_lost: String,
        /// Category and severity of harm.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub harms: Vec<Harm>,
        /// Systems or products whose users might be impacted.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub products: Vec<String>,
        /// Estimated number of directly impacted users.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub users_impacted: Option<u64>,
        /// External systems the AI model possibly had direct access to.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub external_systems: Vec<String>,
    }
}

model! {
    /// One harm: category and severity.
    pub struct Harm {
        /// Category of harm.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub category: Option<Vocab<HarmCategory>>,
        /// Severity of harm.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub severity: Option<Vocab<HarmSeverity>>,
        /// Detail.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
    }
}

model! {
    /// Section 6: broader impacts of the attack.
    pub struct Impacts {
        /// Lateral movement identified and its impact.
        #[serde(skip_serializing_if = "is_empty")]
        pub lateral_movement: String,
        /// Suspected exploitation vector.
        #[serde(skip_serializing_if = "is_empty")]
        pub exploitation_vector: String,
        /// Exfiltration impact.
        #[serde(skip_serializing_if = "is_empty")]
        pub exfiltration: String,
        /// Impact to business operations.
        #[serde(skip_serializing_if = "is_empty")]
        pub business_operations: String,
        /// Supply chain impacts (trusted vendors, third parties, data provenance).
        #[serde(skip_serializing_if = "is_empty")]
        pub supply_chain: String,
        /// Known or suspected impact to critical infrastructure sectors or the U.S. federal government.
        #[serde(skip_serializing_if = "is_empty")]
        pub critical_infrastructure: String,
        /// Impact of the vulnerability found.
        #[serde(skip_serializing_if = "is_empty")]
        pub vulnerability_impact: String,
        /// Level of access required to exploit.
        #[serde(skip_serializing_if = "is_empty")]
        pub access_required: String,
        /// When a ransom was paid, if one was (RFC 3339); starts a reporting clock in some regimes.
        #[serde(skip_serializing_if = "is_empty")]
        pub ransom_paid_at: String,
    }
}

model! {
    /// Section 7: mitigations.
    pub struct Mitigations {
        /// Mitigation status.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub status: Option<Vocab<MitigationStatus>>,
        /// Category of implemented mitigation.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub category: Option<Vocab<MitigationCategory>>,
        /// Remediation technique (rollback, updating components or models, ...).
        #[serde(skip_serializing_if = "is_empty")]
        pub remediation: String,
        /// MITRE ATLAS mitigations applied (`AML.M0015`).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub atlas_mitigations: Vec<String>,
    }
}

model! {
    /// Section 8: attribution and malicious actor profile.
    pub struct Attribution {
        /// Attacker identity, if known.
        #[serde(skip_serializing_if = "is_empty")]
        pub actor: String,
        /// Similarities observed with a known threat actor (IOCs, TTPs).
        #[serde(skip_serializing_if = "is_empty")]
        pub similarities: String,
        /// Whether the specific threat actor is known or suspected.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub actor_status: Option<Vocab<ActorStatus>>,
        /// Level of confidence in the attribution.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub confidence: Option<Vocab<Confidence>>,
        /// Techniques demonstrated: MITRE ATT&CK (`T1566.001`) and ATLAS (`AML.T0051.000`) ids.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub techniques: Vec<TechniqueRef>,
        /// Cyber defence controls targeted, subverted or evaded.
        #[serde(skip_serializing_if = "is_empty")]
        pub controls_evaded: String,
        /// Patterns or themes the attacker relied on.
        #[serde(skip_serializing_if = "is_empty")]
        pub patterns: String,
        /// Control and access obtained by the actor.
        #[serde(skip_serializing_if = "is_empty")]
        pub access_obtained: String,
        /// Types of adversarial AI attack.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub attack_types: Vec<Vocab<AdversarialAttack>>,
        /// The attack procedure.
        #[serde(skip_serializing_if = "is_empty")]
        pub attack_procedure: String,
        /// Underlying system component attacked.
        #[serde(skip_serializing_if = "is_empty")]
        pub component: String,
        /// Adversary tooling used.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub tooling: Vec<String>,
        /// Anti-forensics or clean-up witnessed.
        #[serde(skip_serializing_if = "is_empty")]
        pub anti_forensics: String,
    }
}

model! {
    /// A technique reference.
    pub struct TechniqueRef {
        /// ATT&CK or ATLAS id.
        pub id: String,
        /// How it was used.
        #[serde(skip_serializing_if = "is_empty")]
        pub description: String,
    }
}

model! {
    /// Section 9: technical data and analysis.
    pub struct Technical {
        /// How the actor uses the TTPs or IOCs.
        #[serde(skip_serializing_if = "is_empty")]
        pub ttp_usage: String,
        /// Adversarial prompts with the response content that shows the attack's success.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub prompts: Vec<PromptExchange>,
        /// Novel, or previously observed / publicly reported.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub novelty: Option<Vocab<Novelty>>,
        /// Where it was observed or reported before.
        #[serde(skip_serializing_if = "is_empty")]
        pub novelty_references: String,
        /// "Abnormal" registry behaviour and activity.
        #[serde(skip_serializing_if = "is_empty")]
        pub registry_activity: String,
        /// Code overlap with known or historical malware or attack samples.
        #[serde(skip_serializing_if = "is_empty")]
        pub code_overlap: String,
        /// Overlap with historical attacks on C2 infrastructure, APIs or third parties.
        #[serde(skip_serializing_if = "is_empty")]
        pub infrastructure_overlap: String,
        /// File extension modification.
        #[serde(skip_serializing_if = "is_empty")]
        pub file_extension_changes: String,
        /// Campaign artifacts (recycle bin, file removal, app modification).
        #[serde(skip_serializing_if = "is_empty")]
        pub campaign_artifacts: String,
        /// Pasted logs.
        #[serde(skip_serializing_if = "is_empty")]
        pub logs: String,
    }
}

model! {
    /// One adversarial prompt and the model's response.
    pub struct PromptExchange {
        /// The adversarial prompt as sent.
        #[serde(skip_serializing_if = "is_empty")]
        pub prompt: String,
        /// The response content that shows the attack's success.
        #[serde(skip_serializing_if = "is_empty")]
        pub response: String,
        /// Whether the attack succeeded.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub succeeded: Option<bool>,
    }
}

model! {
    /// What redaction did: written by [`crate::redact`], read by exports and the edge validator.
    pub struct RedactionRecord {
        /// Redaction ran over the whole report.
        pub applied: bool,
        /// Every span found, never with its original value.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub log: Vec<RedactionEntry>,
        /// The caller explicitly exported without redaction; recorded so recipients know.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        pub unredacted_export: bool,
    }
}

model! {
    /// One redacted (or deliberately kept) span.
    pub struct RedactionEntry {
        /// JSON pointer of the field.
        pub path: String,
        /// Byte offsets in the original field value.
        pub start: usize,
        /// End byte offset (exclusive).
        pub end: usize,
        /// UTF-16 offsets, for the browser.
        pub start_utf16: usize,
        /// End UTF-16 offset (exclusive).
        pub end_utf16: usize,
        /// Detector kind (`pii.email`, `secret.github_token`, ...).
        pub kind: String,
        /// `mask`, `hash`, `remove` or `keep` (the user chose to keep it).
        pub action: String,
        /// What replaced the span (empty for `remove` and `keep`).
        #[serde(skip_serializing_if = "is_empty")]
        pub replacement: String,
        /// Who decided: `detector` (the field's default), `policy` (a profile rule) or `user`.
        #[serde(skip_serializing_if = "is_empty")]
        pub by: String,
        /// Byte offsets of the replacement (or of the kept text) in the redacted value, so a
        /// re-scan can tell a recorded keep from a leak.
        #[serde(skip_serializing_if = "is_zero")]
        pub out_start: usize,
        /// End byte offset in the redacted value (exclusive).
        #[serde(skip_serializing_if = "is_zero")]
        pub out_end: usize,
    }
}

/// The nine Tear Sheet sections in the playbook's order: (key in the report, title).
pub const SECTIONS: &[(&str, &str)] = &[
    ("description", "Description of the incident or vulnerability"),
    ("detection", "How the incident or vulnerability was first detected"),
    ("vulnerabilities", "System and network vulnerabilities"),
    ("ai_artifacts", "Affected AI artifact(s) and systems"),
    ("affected", "Affected users or victims"),
    ("impacts", "Broader impacts of the attack"),
    ("mitigations", "Mitigations"),
    ("attribution", "Attribution and malicious actor profile"),
    ("technical", "Technical data and analysis"),
];
