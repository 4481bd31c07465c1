//! The report as text, section by section in the Tear Sheet's order: shared by the e-mail,
//! Markdown and the STIX notes so that all three say the same thing.
//!
//! Sections are walked as JSON, so a field added to the model shows up without touching this
//! file. Within a section, fields come in the order of the checklist points they answer, each
//! under the point's question; the rest follow under their own names.

use serde_json::Value;

use super::labels::Labels;
use crate::checklist::POINTS;
use crate::model::{Report, SECTIONS};
use crate::tlp::Tlp;
use crate::vocab::Vocabulary;

/// One field of a section, as text.
pub(crate) struct Entry {
    /// The checklist question it answers, or the field's name.
    pub label: String,
    /// Its TLP level when stricter than its section's.
    pub tlp: Option<Tlp>,
    /// Paragraphs (text fields, yes/no, numbers).
    pub text: Vec<String>,
    /// List entries.
    pub items: Vec<String>,
}

/// One Tear Sheet section, as text.
pub(crate) struct SectionText {
    /// 1-based number in the Tear Sheet.
    pub number: usize,
    /// Key in the report (`detection`).
    pub key: &'static str,
    /// Title (`How the incident or vulnerability was first detected`).
    pub title: &'static str,
    /// Its TLP level.
    pub tlp: Tlp,
    /// Its answered fields.
    pub entries: Vec<Entry>,
}

/// `initial_access_vector` → `Initial access vector`.
pub(crate) fn humanize(key: &str) -> String {
    let mut s: String = key.replace('_', " ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Keys that lead when an object is written on one line (what it is before its details).
const FIRST_KEYS: &[&str] = &["type", "value", "id", "cve", "name", "product", "category", "severity", "prompt", "response", "url"];

/// An object on one line: `type: domain; value: evil[.]example`.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Object(map) => {
            let mut fields: Vec<(&String, &Value)> = map.iter().collect();
            crate::sort::sort_by_key(&mut fields, |(k, _)| FIRST_KEYS.iter().position(|f| f == k).unwrap_or(FIRST_KEYS.len()));
            let parts: Vec<String> = fields.iter().filter_map(|(k, v)| scalar(v).map(|s| format!("{}: {s}", humanize(k)))).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        other => scalar(other),
    }
}

/// The fields of a section in checklist order, each with the question that asks for it.
fn field_order(section: &str) -> Vec<(String, &'static str)> {
    let prefix = format!("/{section}/");
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for p in POINTS.iter().filter(|p| p.section == section) {
        for (i, a) in p.fields.iter().enumerate() {
            let Some(rest) = a.path.strip_prefix(&prefix) else { continue };
            let field = rest.split('/').next().unwrap_or(rest);
            // The question heads the field only when it asks about that field as a whole.
            let asks = p.id.strip_prefix(section).and_then(|r| r.strip_prefix('.')) == Some(field) || (i == 0 && rest == field);
            match out.iter_mut().find(|(f, _)| f == field) {
                Some(slot) if slot.1.is_empty() && asks => slot.1 = p.question,
                Some(_) => {}
                None => out.push((field.to_string(), if asks { p.question } else { "" })),
            }
        }
    }
    out
}

/// Every answered section of the report, in the Tear Sheet's order.
pub(crate) fn sections(report: &Report, labels: &Labels) -> Vec<SectionText> {
    let json = crate::ser::to_value(report).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for (n, (key, title)) in SECTIONS.iter().enumerate() {
        let Some(obj) = json.get(*key).and_then(Value::as_object) else { continue };
        let tlp = labels.within(&format!("/{key}"));
        let order = field_order(key);
        let mut fields: Vec<(&String, &Value)> = obj.iter().collect();
        // The narrative leads its section; then the checklist's order; then the rest.
        crate::sort::sort_by_key(&mut fields, |(f, _)| (f.as_str() != "narrative", order.iter().position(|(o, _)| o == *f).unwrap_or(usize::MAX)));
        let mut entries = Vec::new();
        for (field, value) in fields {
            let path = format!("/{key}/{field}");
            let question = order.iter().find(|(o, _)| o == field).map_or("", |(_, q)| *q);
            let label = if question.is_empty() { humanize(field) } else { question.to_string() };
            let own = labels.within(&path);
            let mut entry = Entry { label, tlp: (own > tlp).then_some(own), text: Vec::new(), items: Vec::new() };
            match value {
                Value::Array(list) => {
                    for (i, item) in list.iter().enumerate() {
                        let Some(text) = inline(item) else { continue };
                        let item_tlp = labels.within(&format!("{path}/{i}"));
                        entry.items.push(if item_tlp > own { format!("[{item_tlp}] {text}") } else { text });
                    }
                }
                other => entry.text.extend(inline(other)),
            }
            if !entry.text.is_empty() || !entry.items.is_empty() {
                entries.push(entry);
            }
        }
        if !entries.is_empty() {
            out.push(SectionText { number: n + 1, key, title, tlp, entries });
        }
    }
    out
}

/// The report's header fields: (label, value), only those given.
pub(crate) fn header(report: &Report, labels: &Labels) -> Vec<(&'static str, String)> {
    let r = &report.reporter;
    let t = &report.timestamps;
    let declared = labels.declared;
    let effective = labels.effective();
    let tlp = if declared == effective { effective.to_string() } else { format!("{effective} (declared {declared}, raised by a stricter part)") };
    let kind = report.kind.as_ref().map(|k| match k.known() {
        Some(k) => k.label().to_string(),
        None => k.as_str().to_string(),
    });
    let contact = [r.name.as_str(), r.email.as_str(), r.phone.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    let rows: [(&'static str, Option<String>); 9] = [
        ("TLP", Some(tlp)),
        ("Report kind", kind),
        ("Reporting organisation", Some(r.organization.clone())),
        ("Contact", Some(contact)),
        ("Sector", Some(r.sector.clone())),
        ("Occurred", Some(t.occurred.clone())),
        ("Detected", Some(t.detected.clone())),
        ("Reported", Some(t.reported.clone())),
        ("Redaction", report.redaction.as_ref().map(|x| {
            if x.unredacted_export { "NOT REDACTED - exported unredacted by explicit request".to_string() }
            else if x.applied { format!("applied ({} spans)", x.log.len()) }
            else { "not applied".to_string() }
        })),
    ];
    rows.into_iter().filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v))).collect()
}

/// One section as plain text (the body of a STIX note).
pub(crate) fn section_plain(s: &SectionText) -> String {
    let mut out = String::new();
    for e in &s.entries {
        out.push_str(&e.label);
        if let Some(t) = e.tlp {
            out.push_str(&format!(" [{t}]"));
        }
        out.push('\n');
        for p in &e.text {
            out.push_str(p);
            out.push('\n');
        }
        for i in &e.items {
            out.push_str("- ");
            out.push_str(i);
            out.push('\n');
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}
