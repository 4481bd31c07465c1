//! The edge gate: the decision an HTTP front (the workerd/Node fetch handler in `edge/`) takes
//! on one `POST`, made here in the core so that the browser widget and the edge apply the very
//! same rules. A browser can be bypassed; the backend behind this gate cannot.
//!
//! [`check`] reads untrusted bytes and a content type and returns a [`GateDecision`]: an HTTP
//! status, a JSON body, and — only when everything passed — the bytes to forward upstream. The
//! order of the checks is the table `STEPS` walks, cheapest first, so an oversized or
//! mistyped body costs nothing to refuse:
//!
//! 1. content type (`415`), 2. body size (`413`), 3. parse as a report, a STIX 2.1 bundle or a
//!    TAXII 2.1 envelope (`400`), 4. the route's TLP ceiling (`403`), 5. validation against the
//!    profile (`422`), 6. a residual scan of every free-text field for personal data and
//!    secrets (`422`, findings never echo the values).
//!
//! Every refusal is `{"error": {"code", "message", ...}, "findings"?: [...]}` with a code from
//! [`GATE_ERRORS`]. The JS layer adds only what needs HTTP: `405` for other methods, reading
//! the body with the cap, and `502` when the upstream fails.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::input::{parse_report, precheck};
use crate::limits::MAX_INPUT_BYTES;
use crate::model::Report;
use crate::profile::Profile;
use crate::time::Timestamp;
use crate::tlp::{Tlp, TLP_LEVELS};
use crate::validate::{validate, Options};

/// Every error code the edge answers with, its HTTP status and what it means. The JS layer's
/// own codes (`method-not-allowed`, `upstream-*`) are listed too so this is the one table.
pub const GATE_ERRORS: &[(&str, u16, &str)] = &[
    ("bad-request", 400, "The body is not a report, a STIX 2.1 bundle or a TAXII 2.1 envelope (the `cause` says why: not JSON, truncated, too deep, not UTF-8...)."),
    ("stix-invalid", 400, "A STIX bundle or TAXII envelope whose objects are not STIX objects (each needs a `type` and an `id` of the form `type--uuid`)."),
    ("tlp-above-route", 403, "The payload's TLP (the strictest of its labels and markings) is above what this route accepts."),
    ("tlp-missing", 403, "The route has a TLP ceiling and the payload carries no TLP label, so it cannot be shown to be within it."),
    ("route-not-configured", 404, "Routes are configured and none covers this path."),
    ("method-not-allowed", 405, "Only POST is accepted (set by the fetch handler)."),
    ("body-too-large", 413, "The body is larger than the configured cap."),
    ("unsupported-media-type", 415, "The content type is not application/json, application/stix+json or application/taxii+json (UTF-8)."),
    ("report-invalid", 422, "The report or bundle has error-severity findings under the profile; they are listed."),
    ("residual-sensitive-data", 422, "Free text still carries personal data or secrets; the findings say where and what kind, never the value."),
    ("internal-error", 500, "The edge itself failed on this request (a bug: please report it); nothing was forwarded."),
    ("gate-misconfigured", 500, "The edge's configuration (environment bindings) cannot be read; the message says which binding."),
    ("upstream-unreachable", 502, "The upstream did not answer (connection refused, reset, or timed out); nothing was delivered."),
    ("upstream-not-configured", 502, "No upstream URL is bound (TEARSHEET_UPSTREAM); the payload passed but has nowhere to go."),
];

/// What the gate forwards when a payload passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForwardMode {
    /// The body byte for byte, as received.
    #[default]
    Unchanged,
    /// The body re-serialised by the core (a report with its TLP label in canonical form,
    /// fields the model does not know dropped), with `X-Tearsheet-*` label headers.
    Normalized,
}

/// A path prefix and the highest TLP it accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteLimit {
    /// Path prefix (`/taxii2/`); the longest matching prefix wins.
    pub path: String,
    /// Highest TLP accepted there.
    pub max_tlp: Tlp,
}

/// The gate's configuration, read once per isolate from the runtime's environment bindings.
#[derive(Debug, Clone)]
pub struct GateConfig {
    /// The validation profile (and its redaction policy).
    pub profile: Profile,
    /// TLP ceiling for paths no route covers (`None`: only the profile's `max_tlp` applies).
    pub max_tlp: Option<Tlp>,
    /// Per-route ceilings. When non-empty, a path no route covers is refused (`404`).
    pub routes: Vec<RouteLimit>,
    /// Largest body accepted, in bytes (at most [`MAX_INPUT_BYTES`]).
    pub max_body_bytes: usize,
    /// What is forwarded.
    pub forward: ForwardMode,
}

impl Default for GateConfig {
    fn default() -> GateConfig {
        GateConfig {
            profile: Profile::default_profile(),
            max_tlp: None,
            routes: Vec::new(),
            max_body_bytes: 2 * 1024 * 1024,
            forward: ForwardMode::Unchanged,
        }
    }
}

/// The environment bindings the gate reads, with what each holds. `edge/serve`, the workerd
/// config and the README take their names from here.
pub const ENV_BINDINGS: &[(&str, &str)] = &[
    ("TEARSHEET_PROFILE", "A built-in profile name (`jcdc-ai`, `circia`, `open`) or a profile as JSON text. Default `jcdc-ai`."),
    ("TEARSHEET_MAX_TLP", "Highest TLP accepted on paths no route covers (e.g. `TLP:AMBER`). Default: no ceiling beyond the profile's."),
    ("TEARSHEET_ROUTES", "JSON object of path prefix → highest TLP, e.g. {\"/taxii2/\": \"TLP:GREEN\", \"/api/reports\": \"TLP:AMBER+STRICT\"}."),
    ("TEARSHEET_MAX_BODY", "Largest body in bytes (default 2097152, at most 4194304)."),
    ("TEARSHEET_FORWARD", "`unchanged` (default) or `normalized`."),
    ("TEARSHEET_UPSTREAM", "The backend's base URL; the request path is appended (read by the fetch handler)."),
];

fn misconfigured(binding: &str, why: impl std::fmt::Display) -> Error {
    Error::new("invalid-argument", format!("{binding}: {why}"))
}

impl GateConfig {
    /// Reads the configuration from environment bindings (`get` returns a binding's text).
    /// Unset or empty bindings take their defaults; malformed ones are an error naming them.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<GateConfig, Error> {
        let get = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mut c = GateConfig::default();
        if let Some(p) = get("TEARSHEET_PROFILE") {
            c.profile = Profile::from_name_or_json(&p).map_err(|e| misconfigured("TEARSHEET_PROFILE", e))?;
        }
        let tlp = |binding: &str, v: &str| {
            Tlp::parse_lenient(v).map(|(t, _)| t).ok_or_else(|| misconfigured(binding, format!("`{v}` is not a TLP 2.0 label")))
        };
        if let Some(v) = get("TEARSHEET_MAX_TLP") {
            c.max_tlp = Some(tlp("TEARSHEET_MAX_TLP", &v)?);
        }
        if let Some(v) = get("TEARSHEET_ROUTES") {
            let map: BTreeMap<String, String> =
                serde_json::from_str(&v).map_err(|e| misconfigured("TEARSHEET_ROUTES", format!("expected a JSON object of path → TLP label ({e})")))?;
            for (path, label) in map {
                if !path.starts_with('/') {
                    return Err(misconfigured("TEARSHEET_ROUTES", format!("route `{path}` must start with /")));
                }
                c.routes.push(RouteLimit { path, max_tlp: tlp("TEARSHEET_ROUTES", &label)? });
            }
        }
        if let Some(v) = get("TEARSHEET_MAX_BODY") {
            let n: usize = v.parse().map_err(|_| misconfigured("TEARSHEET_MAX_BODY", format!("`{v}` is not a number of bytes")))?;
            if n == 0 || n > MAX_INPUT_BYTES {
                return Err(misconfigured("TEARSHEET_MAX_BODY", format!("{n} is outside 1..={MAX_INPUT_BYTES}")));
            }
            c.max_body_bytes = n;
        }
        if let Some(v) = get("TEARSHEET_FORWARD") {
            c.forward = match v.as_str() {
                "unchanged" => ForwardMode::Unchanged,
                "normalized" | "normalised" => ForwardMode::Normalized,
                _ => return Err(misconfigured("TEARSHEET_FORWARD", format!("`{v}`: use `unchanged` or `normalized`"))),
            };
        }
        Ok(c)
    }

    /// The TLP ceiling for a path: `Err(())` when routes are configured and none covers it.
    fn ceiling(&self, path: &str) -> Result<Option<(&str, Tlp)>, ()> {
        if self.routes.is_empty() {
            return Ok(self.max_tlp.map(|t| ("*", t)));
        }
        self.routes
            .iter()
            .filter(|r| path.starts_with(r.path.as_str()))
            .max_by_key(|r| r.path.len())
            .map(|r| Some((r.path.as_str(), r.max_tlp)))
            .ok_or(())
    }
}

/// One request as the gate sees it.
#[derive(Debug, Clone, Copy)]
pub struct GateRequest<'a> {
    /// The URL path (selects the route's TLP ceiling).
    pub path: &'a str,
    /// The `Content-Type` header, as sent (empty when absent).
    pub content_type: &'a str,
    /// The body; the fetch handler reads at most `max_body_bytes + 1` bytes of it.
    pub body: &'a [u8],
    /// The clock for validation (reporting deadlines); `None` skips clock rules.
    pub now: Option<Timestamp>,
}

/// What the gate decided.
#[derive(Debug, Clone, PartialEq)]
pub struct GateDecision {
    /// `200` when the payload passes (the fetch handler then answers with the upstream's
    /// status), else the refusal's status.
    pub status: u16,
    /// JSON: the refusal, or a summary of what passed.
    pub json_body: String,
    /// The bytes to forward; `Some` exactly when the payload passed.
    pub forward: Option<Vec<u8>>,
    /// Headers to add to the forwarded request (labels, in `normalized` mode).
    pub forward_headers: Vec<(String, String)>,
}

impl GateDecision {
    fn refuse(code: &'static str, message: impl Into<String>, extra: Value) -> GateDecision {
        let status = GATE_ERRORS.iter().find(|(c, _, _)| *c == code).map_or(500, |(_, s, _)| *s);
        let mut error = json!({ "code": code, "message": message.into() });
        let mut body = json!({});
        if let (Value::Object(extra), Some(err)) = (extra, error.as_object_mut()) {
            for (k, v) in extra {
                if k == "findings" {
                    body["findings"] = v;
                } else {
                    err.insert(k, v);
                }
            }
        }
        body["error"] = error;
        GateDecision { status, json_body: body.to_string(), forward: None, forward_headers: Vec::new() }
    }

    /// The error code of a refusal (`None` when the payload passed).
    pub fn code(&self) -> Option<String> {
        let v: Value = serde_json::from_str(&self.json_body).ok()?;
        v.pointer("/error/code").and_then(Value::as_str).map(String::from)
    }
}

/// The three shapes the widget produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PayloadKind {
    /// A Tear Sheet report (the model's JSON).
    Report,
    /// A STIX 2.1 bundle.
    StixBundle,
    /// A TAXII 2.1 envelope (`{"objects": [...]}`), the body of "add objects".
    TaxiiEnvelope,
}

/// Media types accepted and which payload shapes each may carry.
const MEDIA_TYPES: &[(&str, &[PayloadKind])] = &[
    ("application/json", &[PayloadKind::Report, PayloadKind::StixBundle, PayloadKind::TaxiiEnvelope]),
    ("application/stix+json", &[PayloadKind::StixBundle]),
    ("application/taxii+json", &[PayloadKind::TaxiiEnvelope, PayloadKind::StixBundle]),
];

/// A payload that parsed.
enum Payload {
    Report(Box<crate::input::Parsed<Report>>),
    Objects { kind: PayloadKind, value: Value },
}

/// State carried from one step to the next.
struct Ctx<'a> {
    req: GateRequest<'a>,
    config: &'a GateConfig,
    allowed: &'static [PayloadKind],
    payload: Option<Payload>,
    tlp: Option<Tlp>,
    findings: Vec<Finding>,
}

type Step = fn(&mut Ctx<'_>) -> Result<(), GateDecision>;

/// The checks, in order; each either lets the request through or refuses it.
const STEPS: &[(&str, Step)] = &[
    ("content-type", content_type),
    ("body-size", body_size),
    ("parse", parse),
    ("route-tlp", route_tlp),
    ("profile", profile_validation),
    ("residual-scan", residual_scan),
];

/// Decides on one request. Never panics, whatever the bytes.
pub fn check(req: GateRequest<'_>, config: &GateConfig) -> GateDecision {
    let mut ctx = Ctx { req, config, allowed: &[], payload: None, tlp: None, findings: Vec::new() };
    for (_, step) in STEPS {
        if let Err(refusal) = step(&mut ctx) {
            return refusal;
        }
    }
    pass(ctx)
}

fn content_type(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    let mut parts = ctx.req.content_type.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let refuse = |why: String| {
        GateDecision::refuse(
            "unsupported-media-type",
            format!("{why}; send application/json, application/stix+json;version=2.1 or application/taxii+json;version=2.1"),
            json!({ "accepted": MEDIA_TYPES.iter().map(|(m, _)| *m).collect::<Vec<_>>() }),
        )
    };
    let Some((_, allowed)) = MEDIA_TYPES.iter().find(|(m, _)| *m == essence) else {
        return Err(refuse(if essence.is_empty() { "no content type".into() } else { format!("content type `{essence}` is not accepted") }));
    };
    for param in parts {
        let (k, v) = param.split_once('=').unwrap_or((param, ""));
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().trim_matches('"').to_ascii_lowercase());
        if k == "charset" && v != "utf-8" && v != "utf8" {
            return Err(refuse(format!("charset `{v}`: only UTF-8 is accepted")));
        }
        if k == "version" && essence != "application/json" && v != "2.1" {
            return Err(refuse(format!("version `{v}`: only STIX/TAXII 2.1 is accepted")));
        }
    }
    ctx.allowed = allowed;
    Ok(())
}

fn body_size(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    let cap = ctx.config.max_body_bytes;
    if ctx.req.body.len() > cap {
        return Err(GateDecision::refuse("body-too-large", format!("the body is larger than this edge's cap of {cap} bytes"), json!({ "max_bytes": cap })));
    }
    Ok(())
}

fn bad_request(e: &Error) -> GateDecision {
    let mut extra = json!({ "cause": e.code() });
    if let Some(p) = e.path() {
        extra["path"] = p.into();
    }
    if let Some((l, c)) = e.position() {
        extra["line"] = l.into();
        extra["column"] = c.into();
    }
    GateDecision::refuse("bad-request", e.message().to_string(), extra)
}

/// Tells the shape from the top-level keys: `"type": "bundle"` is a STIX bundle, an `objects`
/// list without a `type` is a TAXII envelope, anything else is read as a report.
fn shape(value: &Value) -> Result<PayloadKind, Error> {
    let Some(obj) = value.as_object() else {
        return Err(Error::new("input-not-a-report", "expected a JSON object (a report, a STIX bundle or a TAXII envelope)"));
    };
    match obj.get("type") {
        Some(Value::String(t)) if t == "bundle" => Ok(PayloadKind::StixBundle),
        Some(Value::String(t)) if t.contains("--") || obj.contains_key("spec_version") => {
            Err(Error::new("input-not-a-report", format!("a single STIX `{t}` object; wrap it in a bundle")).at_path("/type"))
        }
        _ if obj.get("objects").is_some_and(Value::is_array) => Ok(PayloadKind::TaxiiEnvelope),
        _ => Ok(PayloadKind::Report),
    }
}

fn parse(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    // Decide the shape on a cheap look at the bytes: a report goes through the typed parser
    // (pointers, unknown fields; it checks the limits itself), STIX through a generic JSON
    // value after the limits' pre-scan. (memmem: three passes over a large body cost ~0.1 M
    // instructions with `str::contains`.)
    let body = ctx.req.body;
    let object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let looks_stix = object && ["\"objects\"", "\"bundle\"", "\"spec_version\""].iter().any(|k| memchr::memmem::find(body, k.as_bytes()).is_some());
    let kind = if looks_stix {
        let text = precheck(body).map_err(|e| bad_request(&e))?;
        let value: Value = serde_json::from_str(text).map_err(|e| bad_request(&json_error(&e)))?;
        let kind = shape(&value).map_err(|e| bad_request(&e))?;
        if kind != PayloadKind::Report {
            check_objects(&value).map_err(|e| GateDecision::refuse("stix-invalid", e.message().to_string(), json!({ "path": e.path() })))?;
            ctx.payload = Some(Payload::Objects { kind, value });
        }
        kind
    } else {
        PayloadKind::Report
    };
    if kind == PayloadKind::Report {
        let parsed = parse_report(ctx.req.body).map_err(|e| bad_request(&e))?;
        ctx.payload = Some(Payload::Report(Box::new(parsed)));
    }
    if !ctx.allowed.contains(&kind) {
        return Err(GateDecision::refuse(
            "unsupported-media-type",
            format!("a {} cannot be sent as `{}`", kind_name(kind), ctx.req.content_type.trim()),
            json!({ "kind": kind }),
        ));
    }
    Ok(())
}

fn json_error(e: &serde_json::Error) -> Error {
    let code = if e.is_eof() { "input-truncated" } else { "input-not-json" };
    Error::new(code, format!("not valid JSON: {e}")).at_position(e.line(), e.column())
}

fn kind_name(kind: PayloadKind) -> &'static str {
    match kind {
        PayloadKind::Report => "report",
        PayloadKind::StixBundle => "STIX bundle",
        PayloadKind::TaxiiEnvelope => "TAXII envelope",
    }
}

/// Every entry of `objects` must be a STIX object: a `type` and an `id` of the form `type--…`.
fn check_objects(value: &Value) -> Result<(), Error> {
    let objects = match value.get("objects") {
        None => return Ok(()),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(Error::new("input-wrong-type", "`objects` must be a list").at_path("/objects")),
    };
    for (i, o) in objects.iter().enumerate() {
        let t = o.get("type").and_then(Value::as_str).unwrap_or("");
        let id = o.get("id").and_then(Value::as_str).unwrap_or("");
        if t.is_empty() || !id.strip_prefix(t).is_some_and(|rest| rest.starts_with("--") && rest.len() > 2) {
            return Err(Error::new("input-wrong-type", format!("object {i} is not a STIX object: it needs a `type` and an `id` of the form `type--uuid`"))
                .at_path(format!("/objects/{i}")));
        }
    }
    Ok(())
}

/// The TLP of a bundle or envelope: the strictest TLP marking any object refers to (object or
/// granular markings, TLP 2.0 or 1.0 ids, or a marking definition in the bundle that declares
/// its level).
fn objects_tlp(value: &Value) -> Option<Tlp> {
    let objects = value.get("objects").and_then(Value::as_array)?;
    let mut declared: BTreeMap<&str, Tlp> = BTreeMap::new();
    for o in objects {
        if o.get("type").and_then(Value::as_str) != Some("marking-definition") {
            continue;
        }
        let Some(id) = o.get("id").and_then(Value::as_str) else { continue };
        let by_ext = o.get("extensions").and_then(Value::as_object).and_then(|exts| {
            exts.values().find_map(|e| e.get("tlp_2_0").and_then(Value::as_str)).and_then(Tlp::from_canonical)
        });
        let by_name = o.get("name").and_then(Value::as_str).filter(|n| n.to_ascii_uppercase().starts_with("TLP")).and_then(|n| Tlp::parse_lenient(n).map(|(t, _)| t));
        if let Some(t) = by_ext.or(by_name) {
            declared.insert(id, t);
        }
    }
    let level_of = |id: &str| {
        TLP_LEVELS
            .iter()
            .find(|d| d.stix_id == id)
            .map(|d| d.tlp)
            .or_else(|| crate::export::TLP1_MARKINGS.iter().find(|(i, ..)| *i == id).map(|(.., t)| *t))
            .or_else(|| declared.get(id).copied())
    };
    let mut strictest: Option<Tlp> = None;
    for o in objects {
        let object_refs = o.get("object_marking_refs").and_then(Value::as_array).into_iter().flatten();
        let granular = o.get("granular_markings").and_then(Value::as_array).into_iter().flatten().filter_map(|g| g.get("marking_ref"));
        for r in object_refs.chain(granular).filter_map(Value::as_str) {
            if let Some(t) = level_of(r) {
                strictest = Some(strictest.map_or(t, |s| s.max(t)));
            }
        }
    }
    strictest
}

fn route_tlp(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    ctx.tlp = match &ctx.payload {
        Some(Payload::Report(p)) => report_tlp(&p.value),
        Some(Payload::Objects { value, .. }) => objects_tlp(value),
        None => None,
    };
    let ceiling = ctx.config.ceiling(ctx.req.path).map_err(|()| {
        GateDecision::refuse("route-not-configured", "no route of this edge covers this path", json!({ "routes": ctx.config.routes.iter().map(|r| r.path.as_str()).collect::<Vec<_>>() }))
    })?;
    let Some((route, max)) = ceiling else { return Ok(()) };
    let rule = |tlp: Option<Tlp>| json!({ "rule": { "route": route, "max_tlp": max.label(), "tlp": tlp.map(Tlp::label) } });
    match ctx.tlp {
        None => Err(GateDecision::refuse("tlp-missing", format!("this route accepts up to {max} and the payload carries no TLP label"), rule(None))),
        Some(t) if t > max => Err(GateDecision::refuse("tlp-above-route", format!("this route accepts up to {max}; the payload is {t}"), rule(Some(t)))),
        Some(_) => Ok(()),
    }
}

/// A report's effective TLP: its label or the strictest of its markings, whichever is higher.
fn report_tlp(r: &Report) -> Option<Tlp> {
    let read = |s: &str| Tlp::parse_lenient(s).map(|(t, _)| t);
    std::iter::once(r.tlp.as_str()).chain(r.markings.iter().map(|m| m.tlp.as_str())).filter_map(read).max()
}

fn profile_validation(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    let errors: Vec<Finding> = match &ctx.payload {
        Some(Payload::Report(p)) => {
            let v = validate(p, &ctx.config.profile, Options { now: ctx.req.now });
            ctx.findings = v.findings;
            ctx.findings.iter().filter(|f| f.severity == Severity::Error).cloned().collect()
        }
        Some(Payload::Objects { .. }) => {
            // The export module's TLP lint: marking ids that lie about their level, several
            // levels on one object, markings referenced but not in the bundle.
            let mut out: Vec<Finding> = match crate::export::lint_stix(ctx.req.body) {
                Ok(found) => found.into_iter().filter(|f| f.severity == Severity::Error).collect(),
                Err(e) => return Err(bad_request(&e)),
            };
            if let (Some(max), Some(t)) = (ctx.config.profile.max_tlp, ctx.tlp) {
                if t > max {
                    out.push(Finding::new("tlp-above-profile", "", format!("profile `{}` accepts up to {max}; the bundle is {t}", ctx.config.profile.name)));
                }
            }
            out
        }
        None => Vec::new(),
    };
    if errors.is_empty() {
        return Ok(());
    }
    Err(GateDecision::refuse(
        "report-invalid",
        format!("{} error(s) under profile `{}`", errors.len(), ctx.config.profile.name),
        json!({ "findings": errors }),
    ))
}

/// The residual scan: personal data and secrets still in free text, by the redaction module's
/// scanner under the profile's redaction policy. Findings name path and kind, never the value.
fn residual_findings(payload: &Payload, profile: &Profile) -> Vec<Finding> {
    match payload {
        Payload::Report(p) => crate::redact::residual(&p.value, &profile.redaction),
        Payload::Objects { value, .. } => crate::redact::residual_in_json(value, &profile.redaction),
    }
}

fn residual_scan(ctx: &mut Ctx<'_>) -> Result<(), GateDecision> {
    let Some(payload) = &ctx.payload else { return Ok(()) };
    let found = residual_findings(payload, &ctx.config.profile);
    if found.is_empty() {
        return Ok(());
    }
    Err(GateDecision::refuse(
        "residual-sensitive-data",
        format!("{} free-text span(s) still carry personal data or secrets; redact them before sending", found.len()),
        json!({ "findings": found }),
    ))
}

fn pass(ctx: Ctx<'_>) -> GateDecision {
    let kind = match &ctx.payload {
        Some(Payload::Objects { kind, .. }) => *kind,
        _ => PayloadKind::Report,
    };
    let tlp = ctx.tlp.map(Tlp::label);
    let (forward, forward_headers) = match ctx.config.forward {
        ForwardMode::Unchanged => (ctx.req.body.to_vec(), Vec::new()),
        ForwardMode::Normalized => {
            // Re-serialised only in this mode: for `unchanged` the cost would be wasted.
            let normalized = match &ctx.payload {
                Some(Payload::Report(p)) => {
                    let mut r = p.value.clone();
                    if let Some((t, _)) = Tlp::parse_lenient(&r.tlp) {
                        r.tlp = t.label().to_string();
                    }
                    crate::ser::to_vec(&r).ok()
                }
                Some(Payload::Objects { value, .. }) => crate::ser::to_vec(value).ok(),
                None => None,
            };
            let mut h = vec![
                ("x-tearsheet-kind".to_string(), serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()),
                ("x-tearsheet-profile".to_string(), ctx.config.profile.name.clone()),
            ];
            if let Some(t) = tlp {
                h.push(("x-tearsheet-tlp".to_string(), t.to_string()));
            }
            (normalized.unwrap_or_else(|| ctx.req.body.to_vec()), h)
        }
    };
    let warnings = ctx.findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let body = json!({ "passed": true, "kind": kind, "tlp": tlp, "profile": ctx.config.profile.name, "warnings": warnings });
    GateDecision { status: 200, json_body: body.to_string(), forward: Some(forward), forward_headers }
}

#[cfg(test)]
mod tests;
