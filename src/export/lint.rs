//! TLP lint for STIX 2.1 bundles from any tool: what the OASIS validator does not check.
//!
//! - `stix-tlp-id-mismatch`: an official TLP marking-definition id whose name or level says
//!   another label (e.g. TLP:CLEAR written on the TLP 1.0 WHITE id, as some platforms do);
//! - `stix-tlp-unofficial-id`: a marking definition that claims a TLP level under an id of its
//!   own (a vendor's AMBER+STRICT, say) — recipients matching on the OASIS ids will not see it;
//! - `stix-tlp-multiple-levels`: one object with more than one TLP level;
//! - `stix-marking-missing`: a referenced marking definition absent from the bundle (TLP 1.0
//!   ids are predefined by STIX 2.1 and exempt);
//! - `stix-tlp-1-0`: a TLP 1.0 marking, with its TLP 2.0 equivalent;
//! - `stix-object-unmarked`: an object without any marking (information).
//!
//! Paths are JSON pointers into the input. Accepts a bundle, a TAXII envelope (`objects`) or a
//! single object.

use std::collections::HashMap;

use serde_json::Value;

use super::stix::TLP2_EXTENSION_ID;
use crate::error::Error;
use crate::finding::Finding;
use crate::input::precheck;
use crate::tlp::{Tlp, TLP_LEVELS};

/// The TLP 1.0 marking definitions predefined by STIX 2.1: (id, name, colour, TLP 2.0 level).
pub const TLP1_MARKINGS: &[(&str, &str, &str, Tlp)] = &[
    ("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "TLP:WHITE", "white", Tlp::Clear),
    ("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "TLP:GREEN", "green", Tlp::Green),
    ("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER", "amber", Tlp::Amber),
    ("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "TLP:RED", "red", Tlp::Red),
];

/// What an official id stands for.
#[derive(Clone, Copy)]
enum Official {
    V2(Tlp),
    V1(&'static str, &'static str, Tlp),
}

fn official(id: &str) -> Option<Official> {
    TLP_LEVELS
        .iter()
        .find(|d| d.stix_id == id)
        .map(|d| Official::V2(d.tlp))
        .or_else(|| TLP1_MARKINGS.iter().find(|m| m.0 == id).map(|m| Official::V1(m.1, m.2, m.3)))
}

/// The TLP level a marking definition claims by its name, TLP 2.0 extension or TLP 1.0
/// definition, if any: (level, what says so).
fn claimed(def: &Value) -> Option<(Tlp, String)> {
    if let Some(code) = def.pointer(&format!("/extensions/{TLP2_EXTENSION_ID}/tlp_2_0")).and_then(Value::as_str) {
        if let Some(t) = Tlp::from_canonical(code) {
            return Some((t, format!("tlp_2_0 `{code}`")));
        }
    }
    if def.get("definition_type").and_then(Value::as_str) == Some("tlp") {
        if let Some(colour) = def.pointer("/definition/tlp").and_then(Value::as_str) {
            if let Some((t, _)) = Tlp::parse_lenient(colour) {
                return Some((t, format!("definition.tlp `{colour}`")));
            }
        }
    }
    let name = def.get("name").and_then(Value::as_str)?;
    if !name.trim().to_ascii_uppercase().starts_with("TLP") {
        return None;
    }
    Tlp::parse_lenient(name).map(|(t, _)| (t, format!("name `{name}`")))
}

/// Why a marking definition with an official id does not match it, if it does not.
fn mismatch(def: &Value, of: Official) -> Option<String> {
    let name = def.get("name").and_then(Value::as_str).map(str::trim);
    let ext = def.pointer(&format!("/extensions/{TLP2_EXTENSION_ID}/tlp_2_0")).and_then(Value::as_str);
    match of {
        Official::V2(t) => {
            if let Some(n) = name.filter(|n| !n.eq_ignore_ascii_case(t.label())) {
                return Some(format!("is the official TLP 2.0 {t} id but is named `{n}`"));
            }
            if let Some(e) = ext.filter(|e| *e != t.code()) {
                return Some(format!("is the official TLP 2.0 {t} id but its tlp_2_0 says `{e}`"));
            }
            if def.get("definition_type").and_then(Value::as_str) == Some("tlp") {
                return Some(format!("is the official TLP 2.0 {t} id but is written as a TLP 1.0 definition"));
            }
            None
        }
        Official::V1(n1, colour, _) => {
            if let Some(n) = name.filter(|n| !n.eq_ignore_ascii_case(n1)) {
                return Some(format!("is the official TLP 1.0 {n1} id but is named `{n}`"));
            }
            if let Some(e) = ext {
                return Some(format!("is the official TLP 1.0 {n1} id but carries a TLP 2.0 tlp_2_0 `{e}`"));
            }
            if let Some(c) = def.pointer("/definition/tlp").and_then(Value::as_str).filter(|c| !c.eq_ignore_ascii_case(colour)) {
                return Some(format!("is the official TLP 1.0 {n1} id but its definition says `{c}`"));
            }
            None
        }
    }
}

/// Lints the TLP markings of a STIX 2.1 bundle (or TAXII envelope, or single object).
pub fn lint_stix(bytes: &[u8]) -> Result<Vec<Finding>, Error> {
    let text = precheck(bytes)?;
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        let code = if e.is_eof() { "input-truncated" } else { "input-not-json" };
        Error::new(code, format!("not valid JSON: {e}")).at_position(e.line(), e.column())
    })?;
    let (objects, base): (Vec<&Value>, &str) = match doc.get("objects").and_then(Value::as_array) {
        Some(list) => (list.iter().collect(), "/objects"),
        None if doc.get("type").and_then(Value::as_str).is_some_and(|t| t != "bundle") => (vec![&doc], ""),
        None => return Err(Error::new("stix-not-a-bundle", "expected a STIX 2.1 bundle (`{\"type\": \"bundle\", \"objects\": [...]}`), a TAXII envelope or one STIX object")),
    };
    let at = |i: usize| if base.is_empty() { String::new() } else { format!("{base}/{i}") };
    let mut out = Vec::new();
    // Every marking definition in the input and the level it stands for.
    let mut defs: HashMap<&str, Option<Tlp>> = HashMap::new();
    for (i, o) in objects.iter().enumerate() {
        if o.get("type").and_then(Value::as_str) != Some("marking-definition") {
            continue;
        }
        let Some(id) = o.get("id").and_then(Value::as_str) else { continue };
        let claim = claimed(o);
        match official(id) {
            Some(of) => {
                if let Some(why) = mismatch(o, of) {
                    let fix = claim.map(|(t, _)| format!("; the official id of {t} is {}", t.definition().stix_id)).unwrap_or_default();
                    out.push(Finding::new("stix-tlp-id-mismatch", format!("{}/id", at(i)), format!("`{id}` {why}{fix}")));
                }
                let level = match of {
                    Official::V2(t) | Official::V1(_, _, t) => t,
                };
                defs.insert(id, Some(level));
            }
            None => {
                if let Some((t, by)) = &claim {
                    out.push(Finding::new(
                        "stix-tlp-unofficial-id",
                        format!("{}/id", at(i)),
                        format!("`{id}` claims {t} by its {by} but is not an OASIS TLP marking-definition id; use {} (TLP 2.0)", t.definition().stix_id),
                    ));
                }
                defs.insert(id, claim.map(|(t, _)| t));
            }
        }
    }
    for (i, o) in objects.iter().enumerate() {
        let kind = o.get("type").and_then(Value::as_str).unwrap_or("");
        let mut levels: Vec<Tlp> = Vec::new();
        let mut refs: Vec<(String, &str)> = Vec::new();
        if let Some(list) = o.get("object_marking_refs").and_then(Value::as_array) {
            for (j, r) in list.iter().enumerate() {
                if let Some(r) = r.as_str() {
                    refs.push((format!("{}/object_marking_refs/{j}", at(i)), r));
                }
            }
        }
        let object_refs = refs.len();
        if let Some(list) = o.get("granular_markings").and_then(Value::as_array) {
            for (j, g) in list.iter().enumerate() {
                if let Some(r) = g.get("marking_ref").and_then(Value::as_str) {
                    refs.push((format!("{}/granular_markings/{j}/marking_ref", at(i)), r));
                }
            }
        }
        for (n, (path, r)) in refs.iter().enumerate() {
            let level = match defs.get(r) {
                Some(level) => *level,
                None => match official(r) {
                    Some(Official::V1(_, _, t)) => Some(t), // predefined by STIX 2.1
                    _ => {
                        out.push(Finding::new("stix-marking-missing", path.clone(), format!("`{r}` is referenced but not in the bundle; include its marking-definition object")));
                        official(r).map(|of| match of {
                            Official::V2(t) | Official::V1(_, _, t) => t,
                        })
                    }
                },
            };
            if let Some(Official::V1(name, _, t)) = official(r) {
                out.push(Finding::new("stix-tlp-1-0", path.clone(), format!("`{r}` is TLP 1.0 {name}; TLP 2.0 calls it {t}: {}", t.definition().stix_id)));
            }
            if n < object_refs {
                if let Some(l) = level.filter(|l| !levels.contains(l)) {
                    levels.push(l);
                }
            }
        }
        if levels.len() > 1 {
            crate::sort::sort(&mut levels);
            let names: Vec<&str> = levels.iter().map(|t| t.label()).collect();
            out.push(Finding::new("stix-tlp-multiple-levels", format!("{}/object_marking_refs", at(i)), format!("one object carries {}; keep only the most restrictive", names.join(" and "))));
        }
        if refs.is_empty() && !matches!(kind, "marking-definition" | "extension-definition" | "language-content" | "") {
            out.push(Finding::new("stix-object-unmarked", at(i), format!("this {kind} has no marking; add the TLP marking of its level")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(v: Value) -> Vec<(String, String)> {
        lint_stix(v.to_string().as_bytes()).unwrap().into_iter().map(|f| (f.code, f.path)).collect()
    }

    fn amber() -> Value {
        super::super::stix::marking_definition(Tlp::Amber)
    }

    #[test]
    fn a_clean_bundle_has_no_findings() {
        let b = json!({"type": "bundle", "id": "bundle--1", "objects": [amber(), {"type": "indicator", "id": "indicator--1", "object_marking_refs": [Tlp::Amber.definition().stix_id]}]});
        assert_eq!(codes(b), []);
    }

    #[test]
    fn finds_what_the_oasis_validator_does_not() {
        let vendor_strict = json!({"type": "marking-definition", "id": "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37", "name": "TLP:AMBER+STRICT", "definition_type": "statement", "definition": {"statement": "custom"}});
        let clear_on_white = json!({"type": "marking-definition", "id": TLP1_MARKINGS[0].0, "name": "TLP:CLEAR", "definition_type": "tlp", "definition": {"tlp": "white"}});
        let mut wrong_name = amber();
        wrong_name["name"] = "TLP:GREEN".into();
        let b = json!({"type": "bundle", "id": "bundle--1", "objects": [
            vendor_strict, clear_on_white, wrong_name,
            {"type": "indicator", "id": "indicator--1", "object_marking_refs": [Tlp::Amber.definition().stix_id, "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"]},
            {"type": "indicator", "id": "indicator--2", "object_marking_refs": [Tlp::Red.definition().stix_id]},
            {"type": "indicator", "id": "indicator--3", "object_marking_refs": [TLP1_MARKINGS[3].0]},
            {"type": "note", "id": "note--1"}
        ]});
        let found = codes(b);
        let expect = [
            ("stix-tlp-unofficial-id", "/objects/0/id"),
            ("stix-tlp-id-mismatch", "/objects/1/id"),
            ("stix-tlp-id-mismatch", "/objects/2/id"),
            ("stix-tlp-multiple-levels", "/objects/3/object_marking_refs"),
            ("stix-marking-missing", "/objects/4/object_marking_refs/0"),
            ("stix-tlp-1-0", "/objects/5/object_marking_refs/0"),
            ("stix-object-unmarked", "/objects/6"),
        ];
        for (code, path) in expect {
            assert!(found.iter().any(|(c, p)| c == code && p == path), "missing {code} at {path} in {found:?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:?}");
    }

    #[test]
    fn bad_input_is_a_coded_error() {
        assert_eq!(lint_stix(b"[1]").unwrap_err().code(), "stix-not-a-bundle");
        assert_eq!(lint_stix(b"{\"objects\": [").unwrap_err().code(), "input-truncated");
        assert_eq!(lint_stix(b"nope").unwrap_err().code(), "input-not-json");
    }
}
