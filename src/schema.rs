//! The JSON Schema (2020-12) of a report, generated from the model by `schemars` (native only:
//! the wasm does not carry it). `tearsheet schema` prints it; the TypeScript types of the npm
//! package are generated from it.

use serde_json::Value;

use crate::model::Report;

/// The report's JSON Schema.
pub fn report_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Report)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut schema {
        map.insert("$id".into(), "https://tearsheet.invalid/schema/report.json".into());
        map.insert("title".into(), "CISA JCDC AI Tear Sheet report (tearsheet)".into());
    }
    schema
}

/// A schema node with `$ref`s and Option wrappers followed.
pub(crate) fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    // Follows `$ref`s into `$defs`, and `anyOf`/`oneOf` wrappers that schemars uses for Options.
    for _ in 0..16 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or("");
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(n) => node = n,
                None => return node,
            }
        } else if let Some(alt) = node.get("anyOf").or_else(|| node.get("oneOf")).and_then(Value::as_array) {
            match alt.iter().find(|a| a.get("type") != Some(&Value::from("null"))) {
                Some(n) => node = n,
                None => return node,
            }
        } else {
            return node;
        }
    }
    node
}

/// Whether a pointer pattern (with `*` for array elements) names a field of the schema.
pub fn path_exists(schema: &Value, pattern: &str) -> bool {
    let mut node = resolve(schema, schema);
    for token in pattern.split('/').skip(1) {
        let next = if token == "*" {
            node.get("items")
        } else {
            node.get("properties").and_then(|p| p.get(token))
        };
        match next {
            Some(n) => node = resolve(schema, n),
            None => return false,
        }
    }
    true
}

/// Schemas of every type that crosses the JS boundary, by TypeScript name: the source of the
/// npm package's `tearsheet-types.d.ts`.
pub fn api_schemas() -> Value {
    fn one<T: schemars::JsonSchema>() -> Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null)
    }
    let mut point = one::<crate::checklist::Point>();
    if let Some(props) = point.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert("required".into(), serde_json::json!({"type": "boolean", "description": "Required by the profile."}));
    }
    serde_json::json!({
        "Report": report_schema(),
        "Profile": one::<crate::profile::Profile>(),
        "Validation": one::<crate::validate::Validation>(),
        "ChecklistPoint": point,
        "Technique": one::<crate::catalogue::Technique>(),
        "ExportOptions": one::<crate::export::ExportOptions>(),
        "Exported": one::<crate::export::Exported>(),
        "Destination": one::<crate::profile::Destination>(),
        "Finding": one::<crate::finding::Finding>(),
        "RedactionEntry": one::<crate::model::RedactionEntry>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_2020_12_and_knows_the_sections() {
        let s = report_schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        for (key, _) in crate::model::SECTIONS {
            assert!(path_exists(&s, &format!("/{key}")), "{key}");
        }
        assert!(path_exists(&s, "/detection/indicators/*/type"));
        assert!(!path_exists(&s, "/detection/indicatorz"));
    }
}
