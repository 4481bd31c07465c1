//! Profiles: a JSON document a portal supplies to tighten or relax what validation asks for —
//! required checklist points, the highest TLP accepted, extra field rules, and reporting
//! clocks (deadlines). Built-in profiles live in `profiles/*.json` and are the examples.
//!
//! A profile may `extend` a built-in one; required points, rules and deadlines add up, and
//! scalar settings of the extending profile win.

use serde::{Deserialize, Serialize};

use crate::checklist;
use crate::error::Error;
use crate::input::parse_json;
use crate::tlp::Tlp;
use crate::vocab::{ReportKind, Vocab};

/// A validation profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Short name (`jcdc-ai`).
    pub name: String,
    /// What the profile is for.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A built-in profile this one starts from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Checklist point ids that must be answered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Highest TLP label a report may carry under this profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tlp: Option<Tlp>,
    /// Extra rules on fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub field_rules: Vec<FieldRule>,
    /// Reporting clocks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    /// Places a report may be sent, each with the highest TLP it may receive (see
    /// [`crate::export::check_destination`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub destinations: Vec<Destination>,
    /// How `redact` treats reports under this profile (merged on `extends`).
    #[serde(skip_serializing_if = "crate::redact::RedactionPolicy::is_empty")]
    pub redaction: crate::redact::RedactionPolicy,
}

/// What kind of place a [`Destination`] is: it decides which export fits it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DestinationKind {
    /// An HTTP endpoint taking the JSON report (or a MISP event).
    #[default]
    Endpoint,
    /// A TAXII 2.1 collection.
    Taxii,
    /// E-mail to the listed recipients.
    Email,
}

/// A place a report may go, and how far up the TLP scale it may receive.
///
/// TLP rules are checked against the report's *effective* label (its most restrictive part):
/// above `max_tlp` is refused; TLP:RED needs named `recipients`; TLP:AMBER+STRICT needs an
/// `internal` destination or one whose recipients and host are in the reporter's
/// `organization_domain`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Destination {
    /// Stable id used by callers (`cisa-jcdc`).
    pub id: String,
    /// Name for people.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Endpoint, TAXII collection or e-mail.
    #[serde(default)]
    pub kind: DestinationKind,
    /// Endpoint URL, or the TAXII API root.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// TAXII collection id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub collection: String,
    /// Named recipients (e-mail addresses); required for TLP:RED.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// Highest TLP this destination may receive. Absent means TLP:CLEAR: a destination nobody
    /// classified gets only what may go to the world.
    #[serde(default = "clear")]
    pub max_tlp: Tlp,
    /// Inside the reporting organisation (may receive TLP:AMBER+STRICT).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
}

fn clear() -> Tlp {
    Tlp::Clear
}

/// A rule on the fields a pointer (with `*` wildcards) selects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct FieldRule {
    /// JSON pointer (with `*`) of the field(s).
    pub path: String,
    /// The field must be answered.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Most characters allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Fewest entries a list must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    /// The only values allowed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    /// Message shown when the rule fails (defaults to a generated one).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// A reporting clock: a report of these kinds is due `hours` after the time in `from`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Deadline {
    /// Stable id (`circia-covered-incident`).
    pub id: String,
    /// What the clock is, for people.
    pub label: String,
    /// Report kinds it applies to (all when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<Vocab<ReportKind>>,
    /// JSON pointer of the RFC 3339 timestamp that starts the clock.
    pub from: String,
    /// Hours allowed.
    pub hours: u32,
}

const BUILTIN: &[(&str, &str)] = &[
    ("jcdc-ai", include_str!("../profiles/jcdc-ai.json")),
    ("circia", include_str!("../profiles/circia.json")),
    ("open", include_str!("../profiles/open.json")),
];

/// Names of the built-in profiles; the first is the default.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

impl Profile {
    /// The default profile, `jcdc-ai`.
    pub fn default_profile() -> Profile {
        // The built-in documents are tested to parse; fall back to an empty profile rather
        // than panic if one were ever broken.
        Profile::builtin("jcdc-ai").unwrap_or_default()
    }

    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Result<Profile, Error> {
        let (_, doc) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::new("profile-unknown", format!("no built-in profile `{name}`; built-in profiles: {}", builtin_names().join(", ")))
        })?;
        Profile::from_json(doc.as_bytes())
    }

    /// A profile from a JSON document, with its `extends` resolved and its points checked.
    pub fn from_json(bytes: &[u8]) -> Result<Profile, Error> {
        let own = parse_json::<Profile>(bytes, "profile").map_err(|e| {
            let msg = format!("profile: {}", e.message());
            let mut out = Error::new("profile-invalid", msg);
            if let Some(p) = e.path() {
                out = out.at_path(p);
            }
            if let Some((l, c)) = e.position() {
                out = out.at_position(l, c);
            }
            out
        })?;
        own.value.resolve()
    }

    /// Reads a profile argument: a built-in name, or else a JSON document.
    pub fn from_name_or_json(arg: &str) -> Result<Profile, Error> {
        if arg.trim_start().starts_with('{') {
            Profile::from_json(arg.as_bytes())
        } else {
            Profile::builtin(arg)
        }
    }

    fn resolve(self) -> Result<Profile, Error> {
        let mut out = match &self.extends {
            Some(base) if base == &self.name => {
                return Err(Error::new("profile-invalid", format!("profile `{base}` extends itself")))
            }
            Some(base) => {
                let (_, doc) = BUILTIN.iter().find(|(n, _)| n == base).ok_or_else(|| {
                    Error::new("profile-unknown", format!("`extends: {base}` names no built-in profile; built-in: {}", builtin_names().join(", ")))
                })?;
                Profile::from_json(doc.as_bytes())?
            }
            None => Profile::default(),
        };
        out.name = self.name;
        out.description = self.description;
        out.extends = self.extends;
        for id in self.required {
            if !out.required.contains(&id) {
                out.required.push(id);
            }
        }
        if self.max_tlp.is_some() {
            out.max_tlp = self.max_tlp;
        }
        out.field_rules.extend(self.field_rules);
        out.deadlines.extend(self.deadlines);
        // Destinations add up; one with the id of an inherited one replaces it.
        for d in self.destinations {
            match out.destinations.iter_mut().find(|o| o.id == d.id) {
                Some(slot) => *slot = d,
                None => out.destinations.push(d),
            }
        }
        for (i, d) in out.destinations.iter().enumerate() {
            if d.id.trim().is_empty() {
                return Err(Error::new("profile-invalid", "a destination needs an id").at_path(format!("/destinations/{i}/id")));
            }
        }
        out.redaction.merge(self.redaction);
        for (i, id) in out.required.iter().enumerate() {
            if checklist::point(id).is_none() {
                return Err(Error::new("profile-unknown-point", format!("required point `{id}` is not a Tear Sheet checklist point; `tearsheet checklist` lists them"))
                    .at_path(format!("/required/{i}")));
            }
        }
        for (i, d) in out.deadlines.iter().enumerate() {
            if !d.from.starts_with('/') {
                return Err(Error::new("profile-invalid", format!("deadline `{}`: `from` must be a JSON pointer such as /timestamps/detected", d.id))
                    .at_path(format!("/deadlines/{i}/from")));
            }
        }
        Ok(out)
    }

    /// Whether a point is required by this profile.
    pub fn requires(&self, point: &str) -> bool {
        self.required.iter().any(|r| r == point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for name in builtin_names() {
            let p = Profile::builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(p.name, name);
        }
        let c = Profile::builtin("circia").unwrap();
        assert!(c.deadlines.iter().any(|d| d.hours == 72) && c.deadlines.iter().any(|d| d.hours == 24));
        assert!(c.requires("description.activity_type"), "inherits from jcdc-ai");
    }

    #[test]
    fn bad_profiles_are_errors() {
        assert_eq!(Profile::builtin("nope").unwrap_err().code(), "profile-unknown");
        assert_eq!(Profile::from_json(br#"{"name":"x","required":["nope.point"]}"#).unwrap_err().code(), "profile-unknown-point");
        assert_eq!(Profile::from_json(br#"{"name":"x","colour":1}"#).unwrap_err().code(), "profile-invalid");
        assert_eq!(Profile::from_json(br#"{"name":"x","max_tlp":"PURPLE"}"#).unwrap_err().code(), "profile-invalid");
        let p = Profile::from_name_or_json(r#"{"name":"mine","extends":"jcdc-ai","max_tlp":"amber"}"#).unwrap();
        assert_eq!(p.max_tlp, Some(Tlp::Amber));
        assert_eq!(Profile::from_json(br#"{"name":"x","destinations":[{"id":" "}]}"#).unwrap_err().code(), "profile-invalid");
        assert_eq!(Profile::from_json(br#"{"name":"x","destinations":[{"id":"a","max_tlp":"PURPLE"}]}"#).unwrap_err().code(), "profile-invalid");
    }

    #[test]
    fn destinations_merge_on_extends() {
        let p = Profile::from_json(br#"{"name":"x","extends":"jcdc-ai","destinations":[
            {"id":"cisa-jcdc","max_tlp":"TLP:GREEN"},
            {"id":"soc","kind":"email","recipients":["soc@corp.example"],"max_tlp":"red","internal":true}]}"#).unwrap();
        let jcdc = p.destinations.iter().find(|d| d.id == "cisa-jcdc").unwrap();
        assert_eq!(jcdc.max_tlp, Tlp::Green, "the extending profile's destination replaces the inherited one");
        assert_eq!(p.destinations.iter().filter(|d| d.id == "cisa-jcdc").count(), 1);
        let soc = p.destinations.iter().find(|d| d.id == "soc").unwrap();
        assert_eq!((soc.kind, soc.max_tlp, soc.internal), (DestinationKind::Email, Tlp::Red, true));
        let bare = Profile::from_json(br#"{"name":"x","destinations":[{"id":"nowhere"}]}"#).unwrap();
        assert_eq!(bare.destinations[0].max_tlp, Tlp::Clear, "unclassified destinations get only TLP:CLEAR");
    }
}
