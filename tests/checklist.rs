//! The checklist table against the playbook itself: walk the Tear Sheet's nine sections in
//! `tests/data/tear-sheet.txt` (an excerpt of the TLP:CLEAR playbook, verbatim) and count the
//! check-box bullets of each; every section must have exactly as many points in the table.

use tearsheet::checklist::POINTS;
use tearsheet::model::SECTIONS;

/// How each section's heading starts in the playbook text, in order, with its key.
const HEADINGS: &[(&str, &str)] = &[
    ("description", "Description of the \n"),
    ("detection", "How the incident \n"),
    ("vulnerabilities", "System and \n"),
    ("ai_artifacts", "Affected AI \n"),
    ("affected", "Affected users or \n"),
    ("impacts", "Broader impacts \n"),
    ("mitigations", "Mitigations  "),
    ("attribution", "Attribution and \n"),
    ("technical", "Technical data \n"),
];

const BULLET: char = '\u{f071}';

/// Check-box bullets that are questions; the one "Note:" bullet is a rule, not a question, and
/// is enforced by validation (`nonpublic-poc-use-cvd`).
fn questions(text: &str) -> usize {
    text.match_indices(BULLET).filter(|(i, _)| !text[i + BULLET.len_utf8()..].trim_start().starts_with("Note:")).count()
}

#[test]
fn every_tear_sheet_point_is_in_the_table_exactly_once() {
    let text = include_str!("data/tear-sheet.txt");
    let mut starts: Vec<usize> = Vec::new();
    for (key, heading) in HEADINGS {
        let from = starts.last().copied().unwrap_or(0);
        let at = text[from..].find(heading).unwrap_or_else(|| panic!("heading of {key} not found")) + from;
        starts.push(at);
    }
    starts.push(text.len());
    let mut total = 0;
    for (i, (key, _)) in HEADINGS.iter().enumerate() {
        let in_playbook = questions(&text[starts[i]..starts[i + 1]]);
        let in_table = POINTS.iter().filter(|p| p.section == *key).count();
        assert_eq!(in_table, in_playbook, "section {key}: table has {in_table} points, the playbook {in_playbook}");
        total += in_playbook;
    }
    assert_eq!(total, questions(text), "every question belongs to a section");
    assert_eq!(text.matches(BULLET).count(), total + 1, "one note bullet besides the questions");
    assert!(tearsheet::finding::CODES.iter().any(|c| c.code == "nonpublic-poc-use-cvd"));
    assert_eq!(POINTS.len(), total);
    assert_eq!(total, 59);
}

#[test]
fn sections_are_in_the_playbooks_order() {
    let keys: Vec<&str> = SECTIONS.iter().map(|(k, _)| *k).collect();
    let headings: Vec<&str> = HEADINGS.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, headings);
    // And the table lists points section by section in that order.
    let mut last = 0;
    for p in POINTS {
        let idx = keys.iter().position(|k| *k == p.section).unwrap();
        assert!(idx >= last, "{} is out of section order", p.id);
        last = idx;
    }
}

#[test]
fn each_point_is_met_by_its_own_field_alone() {
    // A report answering only one point's first field meets that point: the table's paths are
    // live, and the answer does not depend on other fields.
    use serde_json::{json, Value};
    for p in POINTS {
        let a = p.fields[0];
        let value: Value = if !a.values.is_empty() { json!(a.values[0]) } else { json!("x") };
        let mut report = json!({});
        let mut node = &mut report;
        let tokens: Vec<&str> = a.path.split('/').skip(1).collect();
        for (i, t) in tokens.iter().enumerate() {
            let last = i + 1 == tokens.len();
            let next = if last { value.clone() } else if tokens[i + 1] == "*" { json!([]) } else { json!({}) };
            node = if *t == "*" {
                let arr = node.as_array_mut().unwrap();
                arr.push(next);
                arr.last_mut().unwrap()
            } else {
                node.as_object_mut().unwrap().entry(t.to_string()).or_insert(next)
            };
        }
        assert!(p.is_met(&report), "{} not met by {}", p.id, a.path);
        assert!(!p.is_met(&json!({})), "{} met by an empty report", p.id);
    }
}
