//! The redaction policy: which fields hold indicators (kept exactly), which hold free text
//! (personal data and secrets redacted), what counts as internal, and per-path overrides. It is
//! data — the `redaction` member of a [`crate::Profile`] — merged on `extends` like the rest.

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::indicator::{ends_with_domain, is_private_ip, parse_ipv4, parse_ipv6, refang, trimmed_domain, trimmed_host, url_host, UrlHost};
use crate::pointer::matches_prefix;

use super::Action;

/// Fields whose values are indicators: kept exactly (secrets excepted), an e-mail there is an
/// indicator (`ioc.email`), not personal data.
pub const INDICATOR_FIELDS: &[&str] = &[
    "/detection/indicators/*/value",
    "/detection/samples/*/sha256",
    "/vulnerabilities/items/*/cve",
    "/attribution/techniques/*/id",
];

/// Fields that are, as a whole, one kind of personal data (no detector would find a bare
/// name), so that policy decides about them explicitly and the log says so.
pub const FIELD_KINDS: &[(&str, &str)] = &[
    ("/reporter/name", "pii.person_name"),
    ("/reporter/email", "pii.email"),
    ("/reporter/phone", "pii.phone"),
];

/// Fields never scanned: labels, codes, timestamps and the redaction record itself.
pub const NOT_SCANNED: &[&str] = &["/redaction", "/tlp", "/kind", "/markings", "/timestamps"];

/// Path rules every policy starts with: the reporting organisation is the sender, not a
/// person to protect.
const BUILTIN_PATHS: &[(&str, Action)] = &[
    ("/reporter/organization", Action::Keep),
    ("/reporter/organization_domain", Action::Keep),
    ("/reporter/sector", Action::Keep),
];

/// Domain suffixes that are internal by definition (RFC 6762, RFC 8375 and common practice).
pub const INTERNAL_SUFFIXES: &[&str] = &["local", "internal", "corp", "lan", "intranet", "localdomain", "home.arpa"];

/// How redaction treats a report. Every member is optional so that a profile extending
/// another one changes only what it names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RedactionPolicy {
    /// What happens to personal data and secrets in free text (default `mask`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// Actions by kind (`pii.phone`) or family (`pii`, `secret`, `ioc`); a kind beats its family.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, Action>,
    /// Indicator fields in addition to the built-in ones (JSON pointers with `*`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicator_fields: Vec<String>,
    /// Internal domain suffixes in addition to `local`, `internal`, `corp`, `lan`, ... and the
    /// reporter's `organization_domain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub internal_domains: Vec<String>,
    /// Per-path overrides; a later rule beats an earlier one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<PathRule>,
    /// Redact private, loopback and link-local addresses in free text (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redact_private_ips: Option<bool>,
    /// Redact internal host names (and URLs and addresses on them) in free text (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redact_internal_hosts: Option<bool>,
    /// When re-scanning a redacted report, spans its log records as kept are not residual
    /// (default true; an edge validator that trusts no client sets it false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub honour_recorded_keeps: Option<bool>,
}

/// An override for the fields a pointer selects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PathRule {
    /// JSON pointer with `*`; also matches everything below it.
    pub path: String,
    /// Kinds or families it applies to (all when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// What to do.
    pub action: Action,
}

/// Who decided what happened to a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The detector's default for the field.
    Detector,
    /// An explicit rule of the policy (path rule or kind action).
    Policy,
    /// The user (kept a flagged span, or selected text by hand).
    User,
}

impl By {
    /// Wire name in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Detector => "detector",
            By::Policy => "policy",
            By::User => "user",
        }
    }
}

/// What the policy says about one detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Kind as it applies in this field (`pii.email` becomes `ioc.email` in an indicator field).
    pub kind: &'static str,
    /// What to do.
    pub action: Action,
    /// Who decided.
    pub by: By,
    /// Whether the log records it (everything but indicators kept as indicators).
    pub logged: bool,
}

/// What comes before the first `.` of a kind (`pii` of `pii.email`), the whole kind if it has
/// none. A byte search: `split('.')` set a char searcher up for every call, several a span.
fn family(kind: &str) -> &str {
    kind.bytes().position(|b| b == b'.').and_then(|dot| kind.get(..dot)).unwrap_or(kind)
}

impl RedactionPolicy {
    /// Whether nothing is set (so profiles that say nothing print nothing).
    pub fn is_empty(&self) -> bool {
        self == &RedactionPolicy::default()
    }

    /// Applies `other` (an extending profile's policy) over this one.
    pub fn merge(&mut self, other: RedactionPolicy) {
        if other.action.is_some() {
            self.action = other.action;
        }
        self.kinds.extend(other.kinds);
        self.indicator_fields.extend(other.indicator_fields);
        self.internal_domains.extend(other.internal_domains);
        self.paths.extend(other.paths);
        for (mine, theirs) in [
            (&mut self.redact_private_ips, other.redact_private_ips),
            (&mut self.redact_internal_hosts, other.redact_internal_hosts),
            (&mut self.honour_recorded_keeps, other.honour_recorded_keeps),
        ] {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
    }

    /// The action for redacted spans unless a kind or path says otherwise.
    pub fn default_action(&self) -> Action {
        match self.action {
            Some(Action::Keep) | None => Action::Mask,
            Some(a) => a,
        }
    }

    /// Whether recorded keeps are honoured by [`super::residual`].
    pub fn honours_keeps(&self) -> bool {
        self.honour_recorded_keeps.unwrap_or(true)
    }

    /// Whether `path` holds indicators.
    pub fn is_indicator_field(&self, path: &str) -> bool {
        INDICATOR_FIELDS.iter().copied().chain(self.indicator_fields.iter().map(String::as_str)).any(|p| matches_prefix(p, path))
    }

    /// Whether `host` is under an internal suffix, one of the policy's internal domains or the
    /// organisation's domain: [`is_under_domain`](crate::indicator::is_under_domain) for each, with the
    /// host trimmed once rather than once a domain (ten times a host name, most of what deciding
    /// on it cost), and the built-in suffixes, already trimmed, not trimmed again.
    fn is_internal_host(&self, host: &str, organization_domain: &str) -> bool {
        let h = trimmed_host(host);
        INTERNAL_SUFFIXES.iter().any(|s| ends_with_domain(h, s.as_bytes()))
            || self.internal_domains.iter().map(String::as_str).chain([organization_domain]).any(|d| ends_with_domain(h, trimmed_domain(d)))
    }

    /// Whether an indicator found in free text is the organisation's own (private address,
    /// internal host) and so not for sharing.
    /// (The value is refanged only for the kinds that look at it: other indicators, hashes and
    /// MAC addresses, are never internal.)
    fn is_internal(&self, kind: &str, value: &str, organization_domain: &str) -> bool {
        let private_ip = |s: &str| {
            parse_ipv4(s).map(IpAddr::V4).or_else(|| parse_ipv6(s).map(IpAddr::V6)).is_some_and(is_private_ip)
        };
        let ips = self.redact_private_ips.unwrap_or(true);
        let hosts = self.redact_internal_hosts.unwrap_or(true);
        match kind {
            "ioc.ipv4" | "ioc.ipv6" => ips && private_ip(&refang(value)),
            "ioc.domain" => hosts && self.is_internal_host(&refang(value), organization_domain),
            "ioc.url" if ips || hosts => {
                let v = refang(value);
                let Some(UrlHost { host, .. }) = url_host(&v) else { return false };
                (ips && private_ip(host)) || (hosts && self.is_internal_host(host, organization_domain))
            }
            _ => false,
        }
    }

    /// What happens to a detection of `kind` covering `value` at `path`.
    pub fn decide(&self, path: &str, kind: &'static str, value: &str, organization_domain: &str) -> Decision {
        self.for_field(path).decide(kind, value, organization_domain)
    }

    /// The policy of one field: what depends on the path (indicator field, path rules) worked
    /// out once for all the detections in it.
    pub fn for_field(&self, path: &str) -> FieldPolicy<'_> {
        let builtin = BUILTIN_PATHS.iter().map(|(p, a)| (*p, &[][..], *a));
        let own = self.paths.iter().map(|r| (r.path.as_str(), r.kinds.as_slice(), r.action));
        let rules = builtin.chain(own).filter(|(p, _, _)| matches_prefix(p, path)).map(|(_, kinds, a)| (kinds, a)).collect();
        FieldPolicy { policy: self, indicator_field: self.is_indicator_field(path), rules }
    }
}

/// [`RedactionPolicy`] applied to one field ([`RedactionPolicy::for_field`]).
pub struct FieldPolicy<'p> {
    policy: &'p RedactionPolicy,
    indicator_field: bool,
    /// The path rules that match the field, in order (later ones win): kinds they apply to
    /// (empty: all) and action.
    rules: Vec<(&'p [String], Action)>,
}

impl FieldPolicy<'_> {
    /// What happens to a detection of `kind` covering `value` in this field.
    pub fn decide(&self, kind: &'static str, value: &str, organization_domain: &str) -> Decision {
        let policy = self.policy;
        let kind = if self.indicator_field && kind == "pii.email" { "ioc.email" } else { kind };
        let family = family(kind);
        let redact = policy.default_action();
        // Asked at most once per detection (it refangs and parses the value).
        let mut internal = None;
        let mut is_internal = || *internal.get_or_insert_with(|| policy.is_internal(kind, value, organization_domain));
        let mut action = match family {
            "secret" => redact,
            _ if self.indicator_field => Action::Keep,
            "ioc" if is_internal() => redact,
            "ioc" => Action::Keep,
            _ => redact,
        };
        let mut by = By::Detector;
        if let Some(a) = policy.kinds.get(kind).or_else(|| policy.kinds.get(family)) {
            action = *a;
            by = By::Policy;
        }
        for (kinds, a) in &self.rules {
            if kinds.is_empty() || kinds.iter().any(|k| k == kind || k == family) {
                action = *a;
                by = By::Policy;
            }
        }
        // Kept indicators are the point of the report and are not logged; a policy keeping
        // something that would otherwise go is.
        let logged = action != Action::Keep || (by == By::Policy && (family != "ioc" || is_internal()));
        Decision { kind, action, by, logged }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in internal suffixes are compared as they are: they need no trimming.
    #[test]
    fn internal_suffixes_are_already_trimmed() {
        for s in INTERNAL_SUFFIXES {
            assert_eq!(trimmed_domain(s), s.as_bytes());
        }
    }

    #[test]
    fn fields_decide() {
        let p = RedactionPolicy::default();
        let d = p.decide("/detection/indicators/0/value", "pii.email", "x@evil.example", "");
        assert_eq!((d.kind, d.action), ("ioc.email", Action::Keep));
        assert_eq!(p.decide("/summary", "pii.email", "x@evil.example", "").action, Action::Mask);
        assert_eq!(p.decide("/summary", "ioc.ipv4", "10.0.0.7", "").action, Action::Mask);
        assert_eq!(p.decide("/summary", "ioc.ipv4", "198.51.100.7", "").action, Action::Keep);
        assert_eq!(p.decide("/summary", "ioc.domain", "build01.corp", "").action, Action::Mask);
        assert_eq!(p.decide("/summary", "ioc.url", "https://wiki.acme-corp.com/x", "acme-corp.com").action, Action::Mask);
        assert_eq!(p.decide("/detection/indicators/1/value", "secret.github_token", "ghp_x", "").action, Action::Mask);
        let mut q = RedactionPolicy::default();
        q.merge(RedactionPolicy { paths: vec![PathRule { path: "/reporter".into(), kinds: vec![], action: Action::Keep }], ..Default::default() });
        let d = q.decide("/reporter/email", "pii.email", "me@acme-corp.com", "");
        assert_eq!((d.action, d.by, d.logged), (Action::Keep, By::Policy, true));
    }
}
