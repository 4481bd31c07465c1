//! Controlled vocabularies of the Tear Sheet: each one a table of (variant, wire code, label).
//!
//! A report written by a person or another tool will sooner or later carry a value we do not
//! know (`"kind": "breach"`). Rejecting the whole report for that would lose the analyst's work,
//! so every vocabulary field is a [`Vocab`]: either a known value or the raw string, which
//! validation turns into an `unknown-vocabulary` finding naming the allowed values.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A closed vocabulary: its table of values, each with a wire code and a human label.
pub trait Vocabulary: Copy + Eq + 'static {
    /// Name of the vocabulary, as used in messages and the schema (`"report kind"`).
    const NAME: &'static str;
    /// Every value with its wire code (snake_case, as in JSON) and a label for people.
    const TABLE: &'static [(Self, &'static str, &'static str)];

    /// The wire code of this value.
    fn code(self) -> &'static str {
        Self::TABLE.iter().find(|(v, _, _)| *v == self).map_or("", |(_, c, _)| c)
    }
    /// The label of this value, for forms and human-readable exports.
    fn label(self) -> &'static str {
        Self::TABLE.iter().find(|(v, _, _)| *v == self).map_or("", |(_, _, l)| l)
    }
    /// Looks a wire code up, accepting case and `-`/space for `_` differences.
    fn from_code(s: &str) -> Option<Self> {
        // Compared byte by byte, normalising on the fly, so that reading a report does not
        // allocate per vocabulary value; codes are ASCII, so a multi-byte character never matches.
        let s = s.trim().as_bytes();
        let norm = |b: u8| if b == b'-' || b == b' ' { b'_' } else { b.to_ascii_lowercase() };
        Self::TABLE
            .iter()
            .find(|(_, c, _)| c.len() == s.len() && c.bytes().zip(s).all(|(c, &b)| c == norm(b)))
            .map(|(v, _, _)| *v)
    }
    /// All wire codes, in table order.
    fn codes() -> Vec<&'static str> {
        Self::TABLE.iter().map(|(_, c, _)| *c).collect()
    }
}

/// Declares a vocabulary enum and its table in one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $human:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* #[doc = $label] $variant),+ }
        impl Vocabulary for $name {
            const NAME: &'static str = $human;
            const TABLE: &'static [(Self, &'static str, &'static str)] = &[$(($name::$variant, $code, $label)),+];
        }
    };
}

/// A vocabulary value as found in a report: known, or kept verbatim for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vocab<T> {
    /// A value from the vocabulary's table.
    Known(T),
    /// A value the vocabulary does not have, kept as written.
    Unknown(String),
}

impl<T: Vocabulary> Vocab<T> {
    /// The known value, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Vocab::Known(v) => Some(*v),
            Vocab::Unknown(_) => None,
        }
    }
    /// The value as written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Vocab::Known(v) => v.code(),
            Vocab::Unknown(s) => s,
        }
    }
    /// Label for people; an unknown value is shown as written.
    pub fn label(&self) -> &str {
        match self {
            Vocab::Known(v) => v.label(),
            Vocab::Unknown(s) => s,
        }
    }
}

impl<T: Vocabulary> From<T> for Vocab<T> {
    fn from(v: T) -> Self {
        Vocab::Known(v)
    }
}

impl<T: Vocabulary> fmt::Display for Vocab<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<T: Vocabulary> Serialize for Vocab<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Reads a string borrowed from the input when the deserializer can lend it (no escapes), else
/// owned. One visitor for every vocabulary (a visitor per vocabulary would cost wasm size for
/// each), so that a known value is looked up without allocating: only an unknown one is kept.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `String`'s visitor says it, so type errors read as before.
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

impl<'de, T: Vocabulary> Deserialize<'de> for Vocab<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = d.deserialize_str(TextVisitor)?;
        Ok(match T::from_code(&raw) {
            Some(v) => Vocab::Known(v),
            None => Vocab::Unknown(raw.into_owned()),
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Vocabulary> schemars::JsonSchema for Vocab<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        let name: String = T::NAME
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(cs).collect::<String>()
            })
            .collect();
        name.into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let values: Vec<serde_json::Value> = T::TABLE.iter().map(|(_, c, _)| (*c).into()).collect();
        let labels: Vec<String> = T::TABLE.iter().map(|(_, c, l)| format!("{c}: {l}")).collect();
        schemars::json_schema!({
            "type": "string",
            "enum": values,
            "description": format!("{} ({}). Unknown values are accepted and reported as a finding.", T::NAME, labels.join("; ")),
        })
    }
}

vocabulary! {
    /// What the report is about: the Tear Sheet's first two questions plus the playbook's
    /// proactive sharing (trends, pre-release publications, assessments).
    ReportKind, "report kind" {
        Incident = "incident": "Incident",
        AttemptedAttack = "attempted_attack": "Attempted attack",
        Scanning = "scanning": "Scanning activity",
        SuspiciousActivity = "suspicious_activity": "Suspicious activity",
        Vulnerability = "vulnerability": "Vulnerability",
        Proactive = "proactive": "Proactive sharing (trend, pre-release publication, assessment)",
    }
}

impl ReportKind {
    /// Kinds that describe observed malicious or suspicious activity.
    pub const EVENTS: &'static [ReportKind] = &[
        ReportKind::Incident,
        ReportKind::AttemptedAttack,
        ReportKind::Scanning,
        ReportKind::SuspiciousActivity,
    ];
}

vocabulary! {
    /// Whether the reporter observed it directly or learned it from another organisation.
    Provenance, "provenance" {
        Direct = "direct": "Obtained directly",
        Indirect = "indirect": "Obtained indirectly (via another organisation)",
    }
}

vocabulary! {
    /// The playbook's confidence scale (used for the information and for attribution).
    Confidence, "confidence" {
        Unverified = "unverified": "Unverified",
        Speculative = "speculative": "Speculative",
        Confirmed = "confirmed": "Confirmed",
    }
}

impl Confidence {
    /// The STIX 2.1 confidence (0-100) this level maps to, per the STIX "Admiralty-like" scale
    /// midpoints: unverified is "cannot be judged", speculative "low", confirmed "high".
    pub fn stix_confidence(self) -> u8 {
        match self {
            Confidence::Unverified => 15,
            Confidence::Speculative => 35,
            Confidence::Confirmed => 85,
        }
    }
}

vocabulary! {
    /// Category of harm to affected users.
    HarmCategory, "harm category" {
        Financial = "financial": "Financial",
        Reputational = "reputational": "Reputational",
        Operational = "operational": "Operational",
        Privacy = "privacy": "Privacy / data exposure",
        IntellectualProperty = "intellectual_property": "Intellectual property",
        LegalRegulatory = "legal_regulatory": "Legal or regulatory",
        /// Out of the playbook's scope: risk to life, health, property or the environment.
        Safety = "safety": "Safety (life, health, property, environment) - outside the playbook's scope",
        /// Out of the playbook's scope.
        FairnessEthics = "fairness_ethics": "Fairness or ethics - outside the playbook's scope",
    }
}

vocabulary! {
    /// Severity of harm, the playbook's four steps.
    HarmSeverity, "harm severity" {
        Negligible = "negligible": "Negligible",
        Minor = "minor": "Minor",
        Moderate = "moderate": "Moderate",
        Severe = "severe": "Severe",
    }
}

vocabulary! {
    /// Where mitigation stands.
    MitigationStatus, "mitigation status" {
        NotStarted = "not_started": "Not started",
        Planned = "planned": "Planned",
        InProgress = "in_progress": "In progress",
        Partial = "partial": "Partially mitigated",
        Complete = "complete": "Complete",
        NoneAvailable = "none_available": "No mitigation available",
    }
}

vocabulary! {
    /// The playbook's categories of implemented mitigation.
    MitigationCategory, "mitigation category" {
        RiskAcceptance = "risk_acceptance": "Risk acceptance",
        RiskAvoidance = "risk_avoidance": "Risk avoidance",
        RiskTransfer = "risk_transfer": "Risk transfer",
    }
}

vocabulary! {
    /// Phase of the AI system lifecycle the affected model is in.
    LifecyclePhase, "lifecycle phase" {
        Design = "design": "Design",
        DataCollection = "data_collection": "Data collection and preparation",
        Training = "training": "Training / fine-tuning",
        Evaluation = "evaluation": "Evaluation and testing",
        Deployment = "deployment": "Deployment",
        Operation = "operation": "Operation and monitoring",
        Retirement = "retirement": "Retirement",
    }
}

vocabulary! {
    /// Type of an indicator value.
    IndicatorType, "indicator type" {
        Ipv4 = "ipv4": "IPv4 address",
        Ipv6 = "ipv6": "IPv6 address",
        Cidr = "cidr": "CIDR network",
        Domain = "domain": "Domain name",
        Url = "url": "URL",
        Email = "email": "E-mail address",
        Md5 = "md5": "MD5 hash",
        Sha1 = "sha1": "SHA-1 hash",
        Sha256 = "sha256": "SHA-256 hash",
        Sha512 = "sha512": "SHA-512 hash",
        FileName = "file_name": "File name",
        MacAddress = "mac_address": "MAC address",
        Asn = "asn": "Autonomous system number",
        UserAgent = "user_agent": "HTTP user agent",
        StixPattern = "stix_pattern": "STIX pattern",
    }
}

impl IndicatorType {
    /// Network and file-hash types: the Tear Sheet's "IP addresses, domains, and hashes".
    pub const NETWORK_AND_HASH: &'static [IndicatorType] = &[
        IndicatorType::Ipv4,
        IndicatorType::Ipv6,
        IndicatorType::Cidr,
        IndicatorType::Domain,
        IndicatorType::Url,
        IndicatorType::Md5,
        IndicatorType::Sha1,
        IndicatorType::Sha256,
        IndicatorType::Sha512,
    ];
}

vocabulary! {
    /// What an indicator is used for by the adversary.
    IndicatorPurpose, "indicator purpose" {
        Reconnaissance = "reconnaissance": "Reconnaissance / scanning",
        InitialAccess = "initial_access": "Initial access",
        Delivery = "delivery": "Delivery / staging of payloads",
        Exploitation = "exploitation": "Exploitation",
        CommandAndControl = "command_and_control": "Command and control (C2)",
        Exfiltration = "exfiltration": "Exfiltration",
        Persistence = "persistence": "Persistence",
        LateralMovement = "lateral_movement": "Lateral movement",
        Impact = "impact": "Impact",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// Adversarial AI attack types (after MITRE ATLAS and NIST AI 100-2).
    AdversarialAttack, "adversarial AI attack type" {
        PromptInjection = "prompt_injection": "Prompt injection (direct)",
        IndirectPromptInjection = "indirect_prompt_injection": "Indirect prompt injection",
        Jailbreak = "jailbreak": "Jailbreak",
        DataPoisoning = "data_poisoning": "Data poisoning",
        ModelEvasion = "model_evasion": "Model evasion (adversarial examples)",
        ModelExtraction = "model_extraction": "Model extraction / theft",
        ModelInversion = "model_inversion": "Model inversion",
        MembershipInference = "membership_inference": "Membership inference",
        SupplyChainCompromise = "supply_chain_compromise": "Supply-chain compromise of a model",
        Backdoor = "backdoor": "Backdoor / trojaned model",
        SensitiveInformationDisclosure = "sensitive_information_disclosure": "Sensitive information disclosure",
        ExcessiveAgency = "excessive_agency": "Excessive agency / tool misuse",
        DenialOfService = "denial_of_service": "Denial of ML service / resource exhaustion",
    }
}

vocabulary! {
    /// Whether the threat actor is known.
    ActorStatus, "threat actor status" {
        Known = "known": "Known actor",
        Suspected = "suspected": "Suspected actor",
        Unknown = "unknown": "Unknown actor",
    }
}

vocabulary! {
    /// Whether the information is new.
    Novelty, "novelty" {
        Novel = "novel": "Novel",
        PreviouslyObserved = "previously_observed": "Previously observed",
        PubliclyReported = "publicly_reported": "Publicly reported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_in_every_table() {
        fn check<T: Vocabulary>() {
            let codes = T::codes();
            for (i, c) in codes.iter().enumerate() {
                assert!(c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'), "{c}");
                assert!(!codes[i + 1..].contains(c), "duplicate {c} in {}", T::NAME);
                assert_eq!(T::from_code(c).map(|v| v.code()), Some(*c));
            }
        }
        check::<ReportKind>();
        check::<Provenance>();
        check::<Confidence>();
        check::<HarmCategory>();
        check::<HarmSeverity>();
        check::<MitigationStatus>();
        check::<MitigationCategory>();
        check::<LifecyclePhase>();
        check::<IndicatorType>();
        check::<IndicatorPurpose>();
        check::<AdversarialAttack>();
        check::<ActorStatus>();
        check::<Novelty>();
    }

    #[test]
    fn unknown_values_are_kept_not_rejected() {
        let v: Vocab<ReportKind> = serde_json::from_str("\"breach\"").unwrap();
        assert_eq!(v, Vocab::Unknown("breach".into()));
        let v: Vocab<ReportKind> = serde_json::from_str("\"Attempted-Attack\"").unwrap();
        assert_eq!(v, Vocab::Known(ReportKind::AttemptedAttack));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"attempted_attack\"");
        // Escaped strings reach the visitor as owned Strings, plain ones borrowed: same result.
        let v: Vocab<ReportKind> = serde_json::from_str("\" Attempted\\u0020ATTACK \"").unwrap();
        assert_eq!(v, Vocab::Known(ReportKind::AttemptedAttack));
        let v: Vocab<ReportKind> = serde_json::from_str("\"incident\\n\"").unwrap();
        assert_eq!(v, Vocab::Known(ReportKind::Incident));
        for raw in ["incidents", "incidenT_", "İncident", "in cident", ""] {
            assert_eq!(ReportKind::from_code(raw), None, "{raw}");
        }
        assert!(serde_json::from_str::<Vocab<ReportKind>>("5").unwrap_err().to_string().contains("expected a string"));
    }
}
