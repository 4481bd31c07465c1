//! JSON pointers (RFC 6901) with one extension: a `*` segment matches every element of an
//! array or every member of an object. The checklist, profiles' field rules and the redaction
//! policy all name fields this way (`/detection/indicators/*/value`).

use serde_json::Value;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends a token to a pointer.
pub fn push(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}

/// Every value matching `pattern`, with its concrete pointer.
pub fn select<'v>(root: &'v Value, pattern: &str) -> Vec<(String, &'v Value)> {
    let mut out = vec![(String::new(), root)];
    if pattern.is_empty() {
        return out;
    }
    let Some(rest) = pattern.strip_prefix('/') else { return Vec::new() };
    for token in rest.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        let mut next = Vec::new();
        for (path, v) in out {
            match (v, token.as_str()) {
                (Value::Array(items), "*") => {
                    next.extend(items.iter().enumerate().map(|(i, x)| (format!("{path}/{i}"), x)))
                }
                (Value::Object(map), "*") => next.extend(map.iter().map(|(k, x)| (push(&path, k), x))),
                (Value::Array(items), t) => {
                    if let Some(x) = t.parse::<usize>().ok().and_then(|i| items.get(i)) {
                        next.push((format!("{path}/{t}"), x));
                    }
                }
                (Value::Object(map), t) => {
                    if let Some(x) = map.get(t) {
                        next.push((push(&path, t), x));
                    }
                }
                _ => {}
            }
        }
        out = next;
    }
    out
}

/// Whether a value answers a question: non-blank text, any boolean or number, or a list or
/// object with at least one answered member.
pub fn answered(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(_) | Value::Number(_) => true,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => items.iter().any(answered),
        Value::Object(map) => map.values().any(answered),
    }
}

/// Whether `path` (concrete) is matched by `pattern` (which may hold `*`), or lies below it.
pub fn matches_prefix(pattern: &str, path: &str) -> bool {
    let mut p = pattern.split('/');
    let mut q = path.split('/');
    loop {
        match (p.next(), q.next()) {
            (None, _) => return true,
            (Some(_), None) => return false,
            (Some(a), Some(b)) if a == "*" || a == b => continue,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcards_and_escapes() {
        let v = json!({"a": [{"b": 1}, {"b": 2}, {"c": 3}], "x/y": {"~": true}});
        let got: Vec<String> = select(&v, "/a/*/b").into_iter().map(|(p, _)| p).collect();
        assert_eq!(got, ["/a/0/b", "/a/1/b"]);
        assert_eq!(select(&v, "/x~1y/~0")[0].0, "/x~1y/~0");
        assert_eq!(select(&v, "/a/2/c")[0].1, &json!(3));
        assert!(select(&v, "/nope/*").is_empty());
        assert_eq!(select(&v, "").len(), 1);
    }

    #[test]
    fn answered_values() {
        assert!(!answered(&json!("  ")));
        assert!(answered(&json!(false)));
        assert!(!answered(&json!([{"a": ""}])));
        assert!(answered(&json!([{"a": "x"}])));
    }

    #[test]
    fn prefixes() {
        assert!(matches_prefix("/technical", "/technical/prompts/0/prompt"));
        assert!(matches_prefix("/detection/indicators/*/value", "/detection/indicators/3/value"));
        assert!(!matches_prefix("/detection/indicators/*/value", "/detection/method"));
        assert!(!matches_prefix("/tech", "/technical"));
    }
}
