//! JSON pointers (RFC 6901) with one extension: a `*` segment matches every element of an
//! array or every member of an object. The checklist, profiles' field rules and the redaction
//! policy all name fields this way (`/detection/indicators/*/value`).

use serde_json::Value;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Appends a token to a pointer.
pub fn push(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}

/// Every value matching `pattern`, with its concrete pointer.
pub fn select<'v>(root: &'v Value, pattern: &str) -> Vec<(String, &'v Value)> {
    let mut out = Vec::new();
    visit(root, pattern, &mut |steps, v| out.push((render(steps), v)));
    out
}

/// One step of a concrete path being walked: an object key or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'v> {
    /// Member of an object.
    Key(&'v str),
    /// Element of an array.
    Index(usize),
}

/// Renders a walked path as a JSON pointer (only called when a finding needs it).
pub fn render(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                out.push('/');
                out.push_str(&escape(k));
            }
            Step::Index(i) => {
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
    out
}

/// Calls `f` with the concrete path and the value of every match of `pattern`; the path is a
/// borrowed stack of steps, rendered by [`render`] only when needed.
pub fn visit<'v>(root: &'v Value, pattern: &str, f: &mut impl FnMut(&[Step<'v>], &'v Value)) {
    fn walk<'v>(v: &'v Value, rest: &str, steps: &mut Vec<Step<'v>>, f: &mut impl FnMut(&[Step<'v>], &'v Value)) {
        if rest.is_empty() {
            return f(steps, v);
        }
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let (token, tail) = rest.find('/').map_or((rest, ""), |i| (&rest[..i], &rest[i..]));
        match (v, token) {
            (Value::Array(items), "*") => {
                for (i, x) in items.iter().enumerate() {
                    steps.push(Step::Index(i));
                    walk(x, tail, steps, f);
                    steps.pop();
                }
            }
            (Value::Object(map), "*") => {
                for (k, x) in map {
                    steps.push(Step::Key(k));
                    walk(x, tail, steps, f);
                    steps.pop();
                }
            }
            (Value::Array(items), t) => {
                if let Some((i, x)) = t.parse::<usize>().ok().and_then(|i| items.get(i).map(|x| (i, x))) {
                    steps.push(Step::Index(i));
                    walk(x, tail, steps, f);
                    steps.pop();
                }
            }
            (Value::Object(map), t) => {
                let found = if t.contains('~') { map.get_key_value(&t.replace("~1", "/").replace("~0", "~")) } else { map.get_key_value(t) };
                if let Some((k, x)) = found {
                    steps.push(Step::Key(k));
                    walk(x, tail, steps, f);
                    steps.pop();
                }
            }
            _ => {}
        }
    }
    if pattern.is_empty() || pattern.starts_with('/') {
        walk(root, pattern, &mut Vec::new(), f);
    }
}

/// Whether any value matching `pattern` satisfies `pred`, without building paths: the
/// checklist asks this 59 times per validation, so it must not allocate.
pub fn any_match(root: &Value, pattern: &str, pred: &mut impl FnMut(&Value) -> bool) -> bool {
    fn walk(v: &Value, rest: &str, pred: &mut impl FnMut(&Value) -> bool) -> bool {
        if rest.is_empty() {
            return pred(v);
        }
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let (token, tail) = rest.find('/').map_or((rest, ""), |i| (&rest[..i], &rest[i..]));
        match (v, token) {
            (Value::Array(items), "*") => items.iter().any(|x| walk(x, tail, pred)),
            (Value::Object(map), "*") => map.values().any(|x| walk(x, tail, pred)),
            (Value::Array(items), t) => t.parse::<usize>().ok().and_then(|i| items.get(i)).is_some_and(|x| walk(x, tail, pred)),
            (Value::Object(map), t) if t.contains('~') => {
                map.get(&t.replace("~1", "/").replace("~0", "~")).is_some_and(|x| walk(x, tail, pred))
            }
            (Value::Object(map), t) => map.get(t).is_some_and(|x| walk(x, tail, pred)),
            _ => false,
        }
    }
    if !pattern.is_empty() && !pattern.starts_with('/') {
        return false;
    }
    walk(root, pattern, pred)
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
///
/// Redaction asks this for every string and every detection of a report against every policy
/// path (the edge validator's hot loop), so it compares bytes in place: a pattern without `*`
/// is a prefix test ending at a segment boundary, and only wildcard patterns walk segments.
pub fn matches_prefix(pattern: &str, path: &str) -> bool {
    let (p, q) = (pattern.as_bytes(), path.as_bytes());
    if !p.contains(&b'*') {
        return q.starts_with(p) && q.get(p.len()).map_or(true, |&b| b == b'/');
    }
    let (mut i, mut j) = (0, 0);
    loop {
        let a = segment(p, i);
        let Some(b) = (j <= q.len()).then(|| segment(q, j)) else { return false };
        if a != b"*" && a != b {
            return false;
        }
        i += a.len() + 1;
        j += b.len() + 1;
        if i > p.len() {
            return true;
        }
    }
}

/// The `/`-separated segment of `s` starting at byte `at` (empty past the end).
fn segment(s: &[u8], at: usize) -> &[u8] {
    let rest = s.get(at..).unwrap_or(&[]);
    rest.iter().position(|&b| b == b'/').map_or(rest, |k| &rest[..k])
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
    fn any_match_agrees_with_select() {
        let v = json!({"a": [{"b": ""}, {"b": "x"}], "m": {"k/1": {"z": 1}}});
        for pattern in ["/a/*/b", "/a/0/b", "/a/1/b", "/m/*/z", "/m/k~11/z", "/nope", "", "/a/*"] {
            let by_select = select(&v, pattern).into_iter().any(|(_, x)| answered(x));
            assert_eq!(any_match(&v, pattern, &mut |x| answered(x)), by_select, "{pattern}");
        }
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

    /// The byte-level matcher agrees with the plain segment-by-segment definition.
    #[test]
    fn matches_prefix_agrees_with_segment_split() {
        fn reference(pattern: &str, path: &str) -> bool {
            let (mut p, mut q) = (pattern.split('/'), path.split('/'));
            loop {
                match (p.next(), q.next()) {
                    (None, _) => return true,
                    (Some(_), None) => return false,
                    (Some(a), Some(b)) if a == "*" || a == b => continue,
                    _ => return false,
                }
            }
        }
        let pieces = ["", "/", "a", "ab", "*", "/a", "/ab", "/a/b", "/a/", "/*", "/*/b", "/a/*", "/a/*/c", "//", "/a/b/c", "/x~1y", "*/"];
        for p in pieces {
            for q in pieces.iter().filter(|q| !q.contains('*')).chain(["/a/b/c/d", "/a/7/c", "/ab/c", "/a//c"].iter()) {
                assert_eq!(matches_prefix(p, q), reference(p, q), "pattern {p:?} path {q:?}");
            }
        }
    }
}
