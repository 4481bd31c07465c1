//! The report form as data, and every state change of it as a pure function.
//!
//! The browser widget (`src/widget/`) renders [`FORM`] — a table of groups (the report header,
//! then the nine Tear Sheet sections in the playbook's order), each a list of [`Field`]s naming a
//! JSON pointer into the report and the kind of control that edits it — and keeps the report
//! being edited as a JSON [`Value`]. Everything that changes that value ([`FormState::update`]
//! with a [`Msg`]), turns typed text into JSON ([`parse_input`]), finds which control a
//! validation finding belongs to ([`anchor_for`]) or cleans the draft into a payload
//! ([`prune`]) lives here, in plain Rust, so it is unit-tested natively and the DOM code stays
//! a thin view (the todomvc controller/view/store split).
//!
//! What this module deliberately does not do: redaction and export. The widget calls the core's
//! redaction and export helpers for those; this module only shapes the draft.

use serde_json::{Map, Value};

use crate::checklist::POINTS;
use crate::error::Error;
use crate::model::SECTIONS;
use crate::vocab::*;

/// How a field is edited.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Textarea,
    /// An RFC 3339 timestamp, typed as text.
    Timestamp,
    /// An e-mail address.
    Email,
    /// A whole number.
    Number,
    /// Yes / no / not answered.
    Bool,
    /// One value of a controlled vocabulary: (code, label) pairs.
    Select(fn() -> Vec<(&'static str, &'static str)>),
    /// Any number of values of a controlled vocabulary (checkboxes).
    MultiSelect(fn() -> Vec<(&'static str, &'static str)>),
    /// The report's TLP label.
    Tlp,
    /// A technique id (ATT&CK or ATLAS); the catalogue's name is shown as it is typed.
    Technique,
    /// A list of strings, one row each.
    List,
    /// A list of objects, one row each with these columns (pointers relative to the row).
    Rows(&'static [Field]),
}

/// One control: where its value lives and how it is edited.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// JSON pointer into the report (relative to the row for a row's column).
    pub path: &'static str,
    /// Label shown to people.
    pub label: &'static str,
    /// Kind of control.
    pub kind: Kind,
}

/// A group of fields: the report header (key `report`) or one Tear Sheet section.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    /// `report` or a key of [`SECTIONS`].
    pub key: &'static str,
    /// Title shown to people.
    pub title: &'static str,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

fn table<T: Vocabulary>() -> Vec<(&'static str, &'static str)> {
    T::TABLE.iter().map(|(_, c, l)| (*c, *l)).collect()
}

const fn text(path: &'static str, label: &'static str) -> Field {
    Field { path, label, kind: Kind::Text }
}
const fn area(path: &'static str, label: &'static str) -> Field {
    Field { path, label, kind: Kind::Textarea }
}
const fn time(path: &'static str, label: &'static str) -> Field {
    Field { path, label, kind: Kind::Timestamp }
}
const fn yes_no(path: &'static str, label: &'static str) -> Field {
    Field { path, label, kind: Kind::Bool }
}
const fn list(path: &'static str, label: &'static str) -> Field {
    Field { path, label, kind: Kind::List }
}
const fn rows(path: &'static str, label: &'static str, columns: &'static [Field]) -> Field {
    Field { path, label, kind: Kind::Rows(columns) }
}
const fn select(path: &'static str, label: &'static str, options: fn() -> Vec<(&'static str, &'static str)>) -> Field {
    Field { path, label, kind: Kind::Select(options) }
}

const SECTION_TITLES: [&str; 9] = [
    "1. Description of the incident or vulnerability",
    "2. How the incident or vulnerability was first detected",
    "3. System and network vulnerabilities",
    "4. Affected AI artifact(s) and systems",
    "5. Affected users or victims",
    "6. Broader impacts of the attack",
    "7. Mitigations",
    "8. Attribution and malicious actor profile",
    "9. Technical data and analysis",
];

/// The whole form: the report header, then the nine sections in the playbook's order.
pub const FORM: &[Group] = &[
    Group {
        key: "report",
        title: "About this report",
        fields: &[
            select("/kind", "What is this report about?", table::<ReportKind>),
            text("/title", "Title"),
            area("/summary", "Summary"),
            Field { path: "/tlp", label: "TLP label of the report", kind: Kind::Tlp },
            time("/timestamps/detected", "Detected at"),
            time("/timestamps/occurred", "Occurred at"),
            time("/timestamps/reported", "Reported at"),
            text("/reporter/organization", "Reporting organisation"),
            text("/reporter/organization_domain", "Organisation's domain"),
            text("/reporter/name", "Contact name"),
            Field { path: "/reporter/email", label: "Contact e-mail", kind: Kind::Email },
            text("/reporter/phone", "Contact phone"),
            text("/reporter/sector", "Sector"),
        ],
    },
    Group {
        key: "description",
        title: SECTION_TITLES[0],
        fields: &[
            area("/description/narrative", "What happened"),
            yes_no("/description/vulnerability_related", "Related to a vulnerability"),
            select("/description/provenance", "Provenance", table::<Provenance>),
            text("/description/provenance_source", "Obtained via (organisation)"),
            yes_no("/description/privileged_source", "From a privileged or non-public source"),
            select("/description/confidence", "Confidence", table::<Confidence>),
        ],
    },
    Group {
        key: "detection",
        title: SECTION_TITLES[1],
        fields: &[
            text("/detection/initial_access_vector", "Initial access vector"),
            text("/detection/method", "Detection method"),
            rows("/detection/indicators", "Indicators of compromise", &[
                select("/type", "Type", table::<IndicatorType>),
                text("/value", "Value"),
                select("/purpose", "Purpose", table::<IndicatorPurpose>),
                time("/first_seen", "First seen"),
                time("/last_seen", "Last seen"),
                text("/description", "Note"),
            ]),
            list("/detection/indicators_of_attack", "Indicators of attack (behaviours)"),
            rows("/detection/samples", "Samples and screenshots", &[
                text("/name", "File name"),
                text("/description", "What it shows"),
                text("/sha256", "SHA-256"),
                text("/media_type", "Media type"),
            ]),
            time("/detection/first_observed", "First observed"),
            time("/detection/last_observed", "Last observed"),
        ],
    },
    Group {
        key: "vulnerabilities",
        title: SECTION_TITLES[2],
        fields: &[
            rows("/vulnerabilities/items", "Vulnerabilities", &[
                text("/cve", "CVE"),
                text("/product", "Product"),
                text("/vendor", "Vendor"),
                text("/versions", "Versions"),
                text("/description", "Flaw"),
                yes_no("/exploited_in_wild", "Exploited in the wild"),
                yes_no("/critical_concern", "Of critical concern"),
            ]),
            rows("/vulnerabilities/proofs_of_concept", "Public proofs of concept", &[
                text("/url", "URL"),
                text("/description", "What it shows"),
                yes_no("/public", "Publicly known"),
            ]),
        ],
    },
    Group {
        key: "ai_artifacts",
        title: SECTION_TITLES[3],
        fields: &[
            rows("/ai_artifacts/models", "Models", &[
                text("/name", "Name"),
                text("/version", "Version"),
                text("/task", "Task"),
                text("/architecture", "Architecture"),
                text("/source", "Source"),
                text("/training_data", "Training data"),
                select("/lifecycle_phase", "Lifecycle phase", table::<LifecyclePhase>),
            ]),
            text("/ai_artifacts/developer", "Model developer"),
            list("/ai_artifacts/platforms", "Agentic, copilot or third-party platforms"),
            list("/ai_artifacts/apis_and_libraries", "APIs and libraries"),
            area("/ai_artifacts/configuration", "Configuration and access"),
            list("/ai_artifacts/software", "Underlying software"),
            area("/ai_artifacts/application", "AI application"),
        ],
    },
    Group {
        key: "affected",
        title: SECTION_TITLES[4],
        fields: &[
            area("/affected/victims", "Victims or victim types"),
            list("/affected/sectors", "Victim sectors"),
            list("/affected/locations", "Locations of affected users"),
            area("/affected/information_lost", "Information lost or exploited"),
            rows("/affected/harms", "Harms", &[
                select("/category", "Category", table::<HarmCategory>),
                select("/severity", "Severity", table::<HarmSeverity>),
                text("/description", "Detail"),
            ]),
            list("/affected/products", "Affected systems or products"),
            Field { path: "/affected/users_impacted", label: "Users directly impacted (estimate)", kind: Kind::Number },
            list("/affected/external_systems", "External systems the model could access"),
        ],
    },
    Group {
        key: "impacts",
        title: SECTION_TITLES[5],
        fields: &[
            area("/impacts/lateral_movement", "Lateral movement"),
            text("/impacts/exploitation_vector", "Suspected exploitation vector"),
            area("/impacts/exfiltration", "Exfiltration"),
            area("/impacts/business_operations", "Business operations"),
            area("/impacts/supply_chain", "Supply chain"),
            area("/impacts/critical_infrastructure", "Critical infrastructure or U.S. federal government"),
            area("/impacts/vulnerability_impact", "Impact of the vulnerability"),
            text("/impacts/access_required", "Access required to exploit"),
            time("/impacts/ransom_paid_at", "Ransom paid at"),
        ],
    },
    Group {
        key: "mitigations",
        title: SECTION_TITLES[6],
        fields: &[
            select("/mitigations/status", "Status", table::<MitigationStatus>),
            select("/mitigations/category", "Category", table::<MitigationCategory>),
            area("/mitigations/remediation", "Remediation technique"),
            list("/mitigations/atlas_mitigations", "ATLAS mitigations (AML.M0015)"),
        ],
    },
    Group {
        key: "attribution",
        title: SECTION_TITLES[7],
        fields: &[
            text("/attribution/actor", "Attacker"),
            area("/attribution/similarities", "Similarities with a known actor"),
            select("/attribution/actor_status", "Actor known or suspected", table::<ActorStatus>),
            select("/attribution/confidence", "Confidence in the attribution", table::<Confidence>),
            rows("/attribution/techniques", "Techniques (ATT&CK, ATLAS)", &[
                Field { path: "/id", label: "Technique id", kind: Kind::Technique },
                text("/description", "How it was used"),
            ]),
            area("/attribution/controls_evaded", "Controls targeted or evaded"),
            area("/attribution/patterns", "Patterns or themes"),
            area("/attribution/access_obtained", "Control and access obtained"),
            Field { path: "/attribution/attack_types", label: "Adversarial AI attack types", kind: Kind::MultiSelect(table::<AdversarialAttack>) },
            area("/attribution/attack_procedure", "Attack procedure"),
            text("/attribution/component", "Component attacked"),
            list("/attribution/tooling", "Adversary tooling"),
            area("/attribution/anti_forensics", "Anti-forensics or clean-up"),
        ],
    },
    Group {
        key: "technical",
        title: SECTION_TITLES[8],
        fields: &[
            area("/technical/ttp_usage", "How the actor uses the TTPs or IOCs"),
            rows("/technical/prompts", "Adversarial prompts", &[
                area("/prompt", "Prompt"),
                area("/response", "Response"),
                yes_no("/succeeded", "Succeeded"),
            ]),
            select("/technical/novelty", "Novelty", table::<Novelty>),
            text("/technical/novelty_references", "Observed or reported before at"),
            area("/technical/registry_activity", "Abnormal registry activity"),
            area("/technical/code_overlap", "Code overlap"),
            area("/technical/infrastructure_overlap", "Infrastructure overlap"),
            area("/technical/file_extension_changes", "File extension changes"),
            area("/technical/campaign_artifacts", "Campaign artifacts"),
            area("/technical/logs", "Logs"),
        ],
    },
];

/// The playbook question a field answers (its checklist point's), for help text.
pub fn question_for(path: &str) -> Option<&'static str> {
    POINTS
        .iter()
        .find(|p| {
            p.fields.iter().any(|a| {
                // The list a point's answer lives in (`/detection/indicators` for
                // `/detection/indicators/*/value`). `strip_suffix`, not `trim_end_matches`: this
                // runs ~60 × 59 times while the widget mounts, and a pattern searcher per call
                // was a visible share of it.
                let answer = ANSWER_SUFFIXES.iter().find_map(|s| a.path.strip_suffix(s)).unwrap_or(a.path);
                // A field path without `*` can only be a segment prefix of an answer pointer
                // that starts with it: the byte comparison skips most `matches_prefix` calls.
                a.path == path || answer == path || ((path.contains('*') || a.path.starts_with(path)) && crate::pointer::matches_prefix(path, a.path))
            })
        })
        .map(|p| p.question)
}

/// Endings of checklist answer pointers that name a column of a list's rows.
const ANSWER_SUFFIXES: &[&str] = &["/*/value", "/*/id", "/*/cve"];

/// The kind of control that edits a concrete pointer: a field of [`FORM`], a column of one of
/// its rows (`/detection/indicators/3/value`), or a row of a list (`/affected/products/2`).
pub fn kind_for(path: &str) -> Option<Kind> {
    for f in FORM.iter().flat_map(|g| g.fields) {
        if f.path == path {
            return Some(f.kind);
        }
        let Some(rest) = path.strip_prefix(f.path).and_then(|r| r.strip_prefix('/')) else { continue };
        let (index, column) = match rest.split_once('/') {
            Some((i, c)) => (i, Some(c)),
            None => (rest, None),
        };
        if index.parse::<usize>().is_err() {
            continue;
        }
        match (f.kind, column) {
            (Kind::List, None) => return Some(Kind::Text),
            (Kind::Rows(cols), Some(c)) => {
                return cols.iter().find(|col| col.path.strip_prefix('/') == Some(c)).map(|col| col.kind)
            }
            _ => {}
        }
    }
    None
}

/// The label of the control at a concrete pointer (a row's column gets its row number).
pub fn label_for(path: &str) -> Option<String> {
    for f in FORM.iter().flat_map(|g| g.fields) {
        if f.path == path {
            return Some(f.label.to_string());
        }
        let Some(rest) = path.strip_prefix(f.path).and_then(|r| r.strip_prefix('/')) else { continue };
        let (index, column) = rest.split_once('/').map_or((rest, None), |(i, c)| (i, Some(c)));
        let Ok(i) = index.parse::<usize>() else { continue };
        return match (f.kind, column) {
            (Kind::List, None) => Some(format!("{} {}", f.label, i + 1)),
            (Kind::Rows(cols), Some(c)) => cols.iter().find(|col| col.path.strip_prefix('/') == Some(c)).map(|col| format!("{} {}", col.label, i + 1)),
            _ => None,
        };
    }
    None
}

/// The byte offset of UTF-16 offset `n` in `s` (the browser counts selections in UTF-16 code
/// units, the redaction helper in bytes); `None` inside a surrogate pair or past the end.
pub fn utf16_to_byte(s: &str, n: usize) -> Option<usize> {
    let mut units = 0;
    for (byte, c) in s.char_indices() {
        if units == n {
            return Some(byte);
        }
        units += c.len_utf16();
        if units > n {
            return None;
        }
    }
    (units == n).then_some(s.len())
}

/// Title of a group by key.
pub fn group_title(key: &str) -> &'static str {
    FORM.iter().find(|g| g.key == key).map_or("", |g| g.title)
}

/// The section a pointer lies in (`/detection/indicators/0/value` → `detection`).
pub fn section_of(path: &str) -> Option<&'static str> {
    let first = path.strip_prefix('/')?.split('/').next()?;
    SECTIONS.iter().map(|(k, _)| *k).find(|k| *k == first)
}

/// Turns what a person typed into the JSON value of the field; `Ok(None)` clears the field.
pub fn parse_input(kind: &Kind, raw: &str) -> Result<Option<Value>, Error> {
    let trimmed = raw.trim();
    Ok(match kind {
        Kind::Bool => match trimmed {
            "" => None,
            "true" | "yes" => Some(Value::Bool(true)),
            "false" | "no" => Some(Value::Bool(false)),
            other => return Err(Error::new("form-invalid-input", format!("`{other}` is not yes or no"))),
        },
        Kind::Number => {
            if trimmed.is_empty() {
                None
            } else {
                let n: u64 = trimmed.replace([',', '_', ' '], "").parse().map_err(|_| {
                    Error::new("form-invalid-input", format!("`{trimmed}` is not a whole number; write digits only, e.g. 1200"))
                })?;
                Some(Value::from(n))
            }
        }
        Kind::Select(_) | Kind::Tlp => (!trimmed.is_empty()).then(|| Value::String(trimmed.to_string())),
        // Free text is kept exactly as typed (leading spaces in logs matter); blank clears it.
        _ => (!trimmed.is_empty()).then(|| Value::String(raw.to_string())),
    })
}

/// What the user did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Set (or, with `None`, clear) the value at a pointer.
    Set(String, Option<Value>),
    /// Append an empty row to the list at a pointer.
    AddRow(String),
    /// Remove row `index` of the list at a pointer.
    RemoveRow(String, usize),
    /// Add or remove one value of a multi-select list.
    Toggle(String, String, bool),
    /// Mark a section with a stricter TLP (`None` removes the marking).
    SectionTlp(String, Option<String>),
    /// Replace the whole draft (import, restore).
    Replace(Value),
    /// Start over.
    Clear,
}

/// The report being edited, as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// The draft.
    pub report: Value,
}

impl Default for FormState {
    fn default() -> Self {
        FormState { report: Value::Object(Map::new()) }
    }
}

impl FormState {
    /// A form holding an existing report (a restored draft or an imported file); anything
    /// that is not a JSON object starts an empty form.
    pub fn from_value(report: Value) -> FormState {
        match report {
            Value::Object(_) => FormState { report },
            _ => FormState::default(),
        }
    }

    /// Applies one message; says whether the draft changed.
    pub fn update(&mut self, msg: Msg) -> bool {
        let before = self.report.clone();
        match msg {
            Msg::Set(path, value) => set(&mut self.report, &path, value),
            Msg::AddRow(path) => {
                let empty = if is_list_of_strings(&path) { Value::String(String::new()) } else { Value::Object(Map::new()) };
                if let Some(Value::Array(items)) = slot(&mut self.report, &path, || Value::Array(Vec::new())) {
                    items.push(empty);
                }
            }
            Msg::RemoveRow(path, index) => {
                if let Some(Value::Array(items)) = slot(&mut self.report, &path, || Value::Array(Vec::new())) {
                    if index < items.len() {
                        items.remove(index);
                    }
                }
            }
            Msg::Toggle(path, code, on) => {
                if let Some(Value::Array(items)) = slot(&mut self.report, &path, || Value::Array(Vec::new())) {
                    let present = items.iter().any(|v| v.as_str() == Some(code.as_str()));
                    if on && !present {
                        items.push(Value::String(code));
                    } else if !on {
                        items.retain(|v| v.as_str() != Some(code.as_str()));
                    }
                }
            }
            Msg::SectionTlp(section, tlp) => {
                let path = format!("/{section}");
                if let Some(Value::Array(markings)) = slot(&mut self.report, "/markings", || Value::Array(Vec::new())) {
                    markings.retain(|m| m.get("path").and_then(Value::as_str) != Some(path.as_str()));
                    if let Some(tlp) = tlp.filter(|t| !t.is_empty()) {
                        let mut m = Map::new();
                        m.insert("path".into(), Value::String(path));
                        m.insert("tlp".into(), Value::String(tlp));
                        markings.push(Value::Object(m));
                    }
                }
                if self.report.get("markings").and_then(Value::as_array).is_some_and(Vec::is_empty) {
                    if let Some(obj) = self.report.as_object_mut() {
                        obj.remove("markings");
                    }
                }
            }
            Msg::Replace(report) => *self = FormState::from_value(report),
            Msg::Clear => *self = FormState::default(),
        }
        self.report != before
    }

    /// The value at a pointer, if any.
    pub fn get(&self, path: &str) -> Option<&Value> {
        self.report.pointer(path)
    }

    /// The section's TLP marking, if the report has one.
    pub fn section_tlp(&self, section: &str) -> Option<&str> {
        let path = format!("/{section}");
        self.report
            .get("markings")?
            .as_array()?
            .iter()
            .find(|m| m.get("path").and_then(Value::as_str) == Some(path.as_str()))?
            .get("tlp")?
            .as_str()
    }

    /// The draft as it is validated: blank members dropped (so an empty text box is not an
    /// "invalid" value) but every row kept, so findings' paths match the rows on screen.
    pub fn for_validation(&self) -> Value {
        prune_members(&self.report)
    }

    /// The draft as it is sent: everything blank dropped, empty rows included.
    pub fn payload(&self) -> Value {
        prune(&self.report)
    }
}

/// Whether a list field holds strings (one row = one string) rather than objects.
fn is_list_of_strings(path: &str) -> bool {
    FORM.iter().flat_map(|g| g.fields).any(|f| f.path == path && matches!(f.kind, Kind::List))
}

/// The JSON slot at `path`, creating objects on the way and `init` at the end if missing.
fn slot<'v>(root: &'v mut Value, path: &str, init: impl FnOnce() -> Value) -> Option<&'v mut Value> {
    if !rows_exist(root, path) {
        return None;
    }
    let tokens: Vec<String> = path.strip_prefix('/')?.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
    let (last, parents) = tokens.split_last()?;
    let mut cur = root;
    for t in parents {
        cur = step(cur, t, || Value::Object(Map::new()))?;
    }
    step(cur, last, init)
}

/// Whether every row index in `path` names an existing row (rows are added by `AddRow` only,
/// never invented by setting a value), and no scalar stands where an object must be created.
fn rows_exist(root: &Value, path: &str) -> bool {
    let mut cur = Some(root);
    for token in path.split('/').skip(1) {
        cur = match cur {
            Some(Value::Array(items)) => match token.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(x) => Some(x),
                None => return false,
            },
            Some(Value::Object(map)) => map.get(token),
            Some(Value::Null) | None => {
                if token.parse::<usize>().is_ok() {
                    return false;
                }
                None
            }
            Some(_) => return false,
        };
    }
    true
}

fn step<'v>(cur: &'v mut Value, token: &str, init: impl FnOnce() -> Value) -> Option<&'v mut Value> {
    match cur {
        Value::Object(map) => Some(map.entry(token.to_string()).or_insert_with(init)),
        Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?),
        Value::Null => {
            *cur = Value::Object(Map::new());
            step(cur, token, init)
        }
        _ => None,
    }
}

/// Sets or clears the value at a pointer. Clearing a row's member leaves the row in place;
/// clearing an object member removes it.
pub fn set(root: &mut Value, path: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            if let Some(s) = slot(root, path, || Value::Null) {
                *s = v;
            }
        }
        None => {
            let Some((parent, last)) = path.rsplit_once('/') else { return };
            let last = last.replace("~1", "/").replace("~0", "~");
            match root.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Some(v) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        *v = Value::String(String::new());
                    }
                }
                _ => {}
            }
        }
    }
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Drops blank object members, keeping array elements (so indices stay stable).
pub fn prune_members(v: &Value) -> Value {
    match v {
        Value::Object(map) => prune_object(map, prune_members),
        Value::Array(items) => Value::Array(
            items.iter().map(|x| if let Value::Object(_) = x { prune_members(x) } else { x.clone() }).collect(),
        ),
        other => other.clone(),
    }
}

/// Drops every blank value: empty strings, empty rows, empty lists and objects.
pub fn prune(v: &Value) -> Value {
    match v {
        Value::Object(map) => prune_object(map, prune),
        Value::Array(items) => Value::Array(items.iter().map(prune).filter(|x| !blank(x)).collect()),
        other => other.clone(),
    }
}

/// `map`'s members pruned by `prune`, without the ones that end up blank. Inserted one by one
/// rather than collected: collecting a map sorts its entries first, a sort instance per call
/// site in the wasm, for keys that come out of `map` already in order.
fn prune_object(map: &Map<String, Value>, prune: fn(&Value) -> Value) -> Value {
    let mut out = Map::new();
    for (k, x) in map {
        let x = prune(x);
        if !blank(&x) {
            out.insert(k.clone(), x);
        }
    }
    Value::Object(out)
}

/// The control a finding at `path` belongs to: the path itself if a control has it, else the
/// nearest ancestor that has one (a finding on `/detection/indicators/2` goes to that row's
/// first control, a finding on `/` to nothing).
pub fn anchor_for(path: &str, has_control: impl Fn(&str) -> bool) -> Option<String> {
    let mut cur = path.to_string();
    loop {
        if cur.is_empty() {
            return None;
        }
        if has_control(&cur) {
            return Some(cur);
        }
        match cur.rfind('/') {
            Some(i) => cur.truncate(i),
            None => return None,
        }
    }
}

/// A DOM id for a control, from the widget's instance prefix and the pointer. Pointers hold
/// only `[a-z0-9_/]` in this form, so mapping `/` to `-` is unambiguous.
pub fn control_id(prefix: &str, path: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + path.len());
    id.push_str(prefix);
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' });
    }
    id
}

/// Share of the section's points met, as "met/applicable" text for the meters.
pub fn ratio_text(met: usize, applicable: usize) -> String {
    format!("{met}/{applicable}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn form_covers_the_nine_sections_in_playbook_order() {
        let keys: Vec<&str> = FORM.iter().skip(1).map(|g| g.key).collect();
        let sections: Vec<&str> = SECTIONS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, sections);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_field_exists_in_the_model_and_every_point_has_a_control() {
        let schema = crate::schema::report_schema();
        let mut all = Vec::new();
        for g in FORM {
            for f in g.fields {
                assert!(crate::schema::path_exists(&schema, f.path), "{} not in the model", f.path);
                all.push(f.path.to_string());
                if let Kind::Rows(cols) = f.kind {
                    for c in cols {
                        let p = format!("{}/*{}", f.path, c.path);
                        assert!(crate::schema::path_exists(&schema, &p), "{p} not in the model");
                        all.push(p);
                    }
                }
            }
        }
        for p in POINTS {
            for a in p.fields {
                assert!(all.iter().any(|f| f == a.path || crate::pointer::matches_prefix(f, a.path)), "no control answers {}: {}", p.id, a.path);
            }
        }
    }

    #[test]
    fn every_section_field_has_a_question() {
        for g in FORM.iter().skip(1) {
            for f in g.fields {
                // No checklist point asks for these: the narrative and the provenance source
                // complete the points around them, the ransom time feeds profiles' clocks.
                if ["/description/narrative", "/description/provenance_source", "/technical/logs", "/impacts/ransom_paid_at"].contains(&f.path) {
                    continue;
                }
                assert!(question_for(f.path).is_some(), "{} has no help text", f.path);
            }
        }
    }

    #[test]
    fn question_lookup_agrees_with_the_plain_search() {
        // The lookup as first written (trim the answer's column, test every pointer as a
        // prefix): the shortcuts in `question_for` must not change a single answer.
        let plain = |path: &str| {
            POINTS
                .iter()
                .find(|p| {
                    p.fields.iter().any(|a| {
                        let answer = a.path.trim_end_matches("/*/value").trim_end_matches("/*/id").trim_end_matches("/*/cve");
                        a.path == path || answer == path || crate::pointer::matches_prefix(path, a.path)
                    })
                })
                .map(|p| p.question)
        };
        let mut paths: Vec<String> = FORM.iter().flat_map(|g| g.fields).map(|f| f.path.to_string()).collect();
        paths.extend(POINTS.iter().flat_map(|p| p.fields).map(|a| a.path.to_string()));
        paths.extend(["", "/", "/detection/indicators/0/value", "/nope", "/detection/*"].map(String::from));
        for p in &paths {
            assert_eq!(question_for(p), plain(p), "{p}");
        }
    }

    #[test]
    fn typing_sets_and_clears_values() {
        let mut s = FormState::default();
        assert!(s.update(Msg::Set("/description/narrative".into(), parse_input(&Kind::Textarea, "  hi").unwrap())));
        assert_eq!(s.report, json!({"description": {"narrative": "  hi"}}));
        assert!(s.update(Msg::Set("/description/narrative".into(), parse_input(&Kind::Textarea, "   ").unwrap())));
        assert_eq!(s.report, json!({"description": {}}));
        assert_eq!(s.payload(), json!({}));
        assert!(!s.update(Msg::Set("/description/narrative".into(), None)));
    }

    #[test]
    fn inputs_are_typed() {
        assert_eq!(parse_input(&Kind::Bool, "true").unwrap(), Some(json!(true)));
        assert_eq!(parse_input(&Kind::Bool, "").unwrap(), None);
        assert_eq!(parse_input(&Kind::Number, "1,200").unwrap(), Some(json!(1200)));
        assert_eq!(parse_input(&Kind::Number, "many").unwrap_err().code(), "form-invalid-input");
        assert_eq!(parse_input(&Kind::Bool, "maybe").unwrap_err().code(), "form-invalid-input");
    }

    #[test]
    fn rows_add_edit_remove() {
        let mut s = FormState::default();
        s.update(Msg::AddRow("/detection/indicators".into()));
        s.update(Msg::AddRow("/detection/indicators".into()));
        s.update(Msg::Set("/detection/indicators/1/value".into(), Some(json!("203.0.113.9"))));
        assert_eq!(s.for_validation(), json!({"detection": {"indicators": [{}, {"value": "203.0.113.9"}]}}));
        assert_eq!(s.payload(), json!({"detection": {"indicators": [{"value": "203.0.113.9"}]}}));
        s.update(Msg::RemoveRow("/detection/indicators".into(), 0));
        assert_eq!(s.get("/detection/indicators/0/value"), Some(&json!("203.0.113.9")));
        assert!(!s.update(Msg::RemoveRow("/detection/indicators".into(), 7)));
        s.update(Msg::AddRow("/affected/products".into()));
        assert_eq!(s.get("/affected/products/0"), Some(&json!("")));
        s.update(Msg::Set("/affected/products/0".into(), Some(json!("Copilot"))));
        s.update(Msg::Set("/affected/products/0".into(), None));
        assert_eq!(s.get("/affected/products/0"), Some(&json!("")), "clearing a list row keeps the row");
    }

    #[test]
    fn multi_select_and_section_tlp() {
        let mut s = FormState::default();
        s.update(Msg::Toggle("/attribution/attack_types".into(), "jailbreak".into(), true));
        s.update(Msg::Toggle("/attribution/attack_types".into(), "jailbreak".into(), true));
        s.update(Msg::Toggle("/attribution/attack_types".into(), "prompt_injection".into(), true));
        s.update(Msg::Toggle("/attribution/attack_types".into(), "jailbreak".into(), false));
        assert_eq!(s.get("/attribution/attack_types"), Some(&json!(["prompt_injection"])));
        s.update(Msg::SectionTlp("technical".into(), Some("TLP:RED".into())));
        s.update(Msg::SectionTlp("technical".into(), Some("TLP:AMBER".into())));
        assert_eq!(s.section_tlp("technical"), Some("TLP:AMBER"));
        assert_eq!(s.get("/markings").and_then(Value::as_array).map(Vec::len), Some(1));
        s.update(Msg::SectionTlp("technical".into(), None));
        assert_eq!(s.get("/markings"), None);
    }

    #[test]
    fn replace_ignores_non_objects_and_bad_paths_do_nothing() {
        let mut s = FormState::default();
        s.update(Msg::Replace(json!([1, 2])));
        assert_eq!(s.report, json!({}));
        s.update(Msg::Replace(json!({"title": 3})));
        s.update(Msg::Set("/title/deeper".into(), Some(json!("x"))));
        assert_eq!(s.report, json!({"title": 3}));
        s.update(Msg::Set("no-slash".into(), Some(json!("x"))));
        s.update(Msg::Set("/detection/indicators/9/value".into(), Some(json!("x"))));
        assert_eq!(s.report, json!({"title": 3}), "no row is invented for a value");
    }

    #[test]
    fn kinds_of_concrete_pointers() {
        assert!(matches!(kind_for("/title"), Some(Kind::Text)));
        assert!(matches!(kind_for("/detection/indicators/3/type"), Some(Kind::Select(_))));
        assert!(matches!(kind_for("/affected/products/2"), Some(Kind::Text)));
        assert!(matches!(kind_for("/affected/users_impacted"), Some(Kind::Number)));
        assert!(kind_for("/detection/indicators/x/value").is_none());
        assert!(kind_for("/nope").is_none());
    }

    #[test]
    fn labels_and_utf16_offsets() {
        assert_eq!(label_for("/detection/indicators/1/value").as_deref(), Some("Value 2"));
        assert_eq!(label_for("/affected/products/0").as_deref(), Some("Affected systems or products 1"));
        assert_eq!(label_for("/description/narrative").as_deref(), Some("What happened"));
        assert_eq!(label_for("/nope"), None);
        let s = "é😀x";
        assert_eq!(utf16_to_byte(s, 0), Some(0));
        assert_eq!(utf16_to_byte(s, 1), Some(2));
        assert_eq!(utf16_to_byte(s, 2), None, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(s, 3), Some(6));
        assert_eq!(utf16_to_byte(s, 4), Some(7));
        assert_eq!(utf16_to_byte(s, 5), None);
    }

    #[test]
    fn findings_anchor_to_the_nearest_control() {
        let controls = ["/detection/indicators/0/value", "/title"];
        let has = |p: &str| controls.contains(&p);
        assert_eq!(anchor_for("/title", has).as_deref(), Some("/title"));
        assert_eq!(anchor_for("/detection/indicators/0/value/x", has).as_deref(), Some("/detection/indicators/0/value"));
        assert_eq!(anchor_for("/detection", has), None);
        assert_eq!(anchor_for("", has), None);
        assert_eq!(control_id("ts1-", "/detection/indicators/0/value"), "ts1--detection-indicators-0-value");
        assert_eq!(section_of("/detection/indicators/0"), Some("detection"));
        assert_eq!(section_of("/title"), None);
    }
}
