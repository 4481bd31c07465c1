//! JSON pointers (RFC 6901) with one extension: a `*` segment matches every element of an
//! array or every member of an object. The checklist, profiles' field rules and the redaction
//! policy all name fields this way (`/detection/indicators/*/value`).

use serde_json::Value;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Appends a token to a pointer.
pub fn push(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}

/// A read-only JSON tree the pointer functions walk: a [`serde_json::Value`], or the borrowed
/// view of a typed report ([`crate::model::Node`]), which answers the same questions without
/// building a `Value` first.
pub trait Tree<'v>: Copy {
    /// Member `key` of an object, with the key as the tree holds it (so a walked path can
    /// borrow it).
    fn entry(self, key: &str) -> Option<(&'v str, Self)>;
    /// Member `key` of an object.
    fn member(self, key: &str) -> Option<Self> {
        self.entry(key).map(|(_, v)| v)
    }
    /// Element `index` of an array.
    fn element(self, index: usize) -> Option<Self>;
    /// What the value is, with its text if it is a string.
    fn scalar(self) -> Scalar<'v>;
    /// The number of elements of an array.
    fn array_len(self) -> Option<usize>;
    /// Calls `f` with every member (in key order, as `serde_json`'s map iterates) or element,
    /// until it returns `true`; says whether it did.
    fn each(self, f: &mut dyn FnMut(Step<'v>, Self) -> bool) -> bool;
    /// Whether `f` holds for any member or element (in any order: faster than [`Tree::each`]).
    fn any_child(self, f: &mut dyn FnMut(Self) -> bool) -> bool {
        self.each(&mut |_, v| f(v))
    }

    /// The text, if the value is a string.
    fn as_str(self) -> Option<&'v str> {
        match self.scalar() {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The kind of a [`Tree`] node, with its text if it is a string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'v> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number,
    /// A string.
    Str(&'v str),
    /// An array or an object.
    Container,
}

impl<'v> Tree<'v> for &'v Value {
    fn entry(self, key: &str) -> Option<(&'v str, Self)> {
        self.as_object()?.get_key_value(key).map(|(k, v)| (k.as_str(), v))
    }
    fn element(self, index: usize) -> Option<Self> {
        self.as_array()?.get(index)
    }
    fn scalar(self) -> Scalar<'v> {
        match self {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Number(_) => Scalar::Number,
            Value::String(s) => Scalar::Str(s),
            Value::Array(_) | Value::Object(_) => Scalar::Container,
        }
    }
    fn array_len(self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn each(self, f: &mut dyn FnMut(Step<'v>, Self) -> bool) -> bool {
        match self {
            Value::Array(items) => items.iter().enumerate().any(|(i, x)| f(Step::Index(i), x)),
            Value::Object(map) => map.iter().any(|(k, x)| f(Step::Key(k), x)),
            _ => false,
        }
    }
}

/// Every value matching `pattern`, with its concrete pointer.
pub fn select<'v, T: Tree<'v>>(root: T, pattern: &str) -> Vec<(String, T)> {
    let mut out = Vec::new();
    visit(root, pattern, &mut |steps, v| out.push((render(steps), v)));
    out
}

/// Calls `f` with the JSON pointer and the text of every string under `root`, in key order
/// (as `serde_json` serialises a map), leaving out every member or element whose pointer
/// `skip` names — and all that is under it: a redaction log or a list of labels is passed over
/// in one test instead of one per string. The pointers are built in one buffer that grows and
/// shrinks with the walk: a residual scan visits every string of every request, and a fresh
/// `String` per step used to cost more than scanning the text.
pub fn each_string<'v, T: Tree<'v>>(root: T, skip: &impl Fn(&str) -> bool, f: &mut impl FnMut(&str, &'v str)) {
    fn walk<'v, T: Tree<'v>>(v: T, path: &mut String, skip: &impl Fn(&str) -> bool, f: &mut impl FnMut(&str, &'v str)) {
        if let Scalar::Str(s) = v.scalar() {
            return f(path, s);
        }
        v.each(&mut |step, x| {
            let len = path.len();
            push_step(path, step);
            if !skip(path) {
                walk(x, path, skip, f);
            }
            path.truncate(len);
            false
        });
    }
    walk(root, &mut String::new(), skip, f);
}

/// Appends one step (`/` and the escaped key, or the index) to a pointer being built.
pub(crate) fn push_step(path: &mut String, step: Step<'_>) {
    path.push('/');
    match step {
        Step::Key(k) => path.push_str(&escape(k)),
        Step::Index(i) => {
            use std::fmt::Write;
            let _ = write!(path, "{i}");
        }
    }
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
        push_step(&mut out, *s);
    }
    out
}

/// One reference token of a pointer as written, and whether it has escapes (`~0`, `~1`).
#[derive(Clone, Copy)]
struct Token<'p> {
    raw: &'p str,
    escaped: bool,
}

impl<'p> Token<'p> {
    /// The member name the token stands for (escapes undone; most tokens have none).
    fn key(self) -> std::borrow::Cow<'p, str> {
        if self.escaped {
            self.raw.replace("~1", "/").replace("~0", "~").into()
        } else {
            self.raw.into()
        }
    }
}

/// The first reference token of `rest` (after its leading `/`) and what follows it. One pass
/// over the bytes that also notes escapes, not `str::find` and a second search for `~`:
/// tokens are short and this runs for every step of every pointer walked.
fn split_token(rest: &str) -> (Token<'_>, &str) {
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let mut escaped = false;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'/' => {
                let (raw, tail) = rest.split_at(i);
                return (Token { raw, escaped }, tail);
            }
            b'~' => escaped = true,
            _ => {}
        }
    }
    (Token { raw: rest, escaped }, "")
}

/// One reference token of a pattern applied to a node: member, element (by index) or `*`.
fn child<'v, T: Tree<'v>>(v: T, token: Token<'_>) -> Option<T> {
    if v.array_len().is_some() {
        v.element(token.raw.parse::<usize>().ok()?)
    } else {
        v.member(&token.key())
    }
}

/// Calls `f` with the concrete path and the value of every match of `pattern`; the path is a
/// borrowed stack of steps, rendered by [`render`] only when needed.
pub fn visit<'v, T: Tree<'v>>(root: T, pattern: &str, f: &mut impl FnMut(&[Step<'v>], T)) {
    visit_with(root, pattern, &mut Vec::new(), f);
}

/// [`visit`] with the caller's buffer for the path (cleared first), so that a rule visiting a
/// table of patterns allocates it once rather than once per pattern.
pub fn visit_with<'v, T: Tree<'v>>(root: T, pattern: &str, steps: &mut Vec<Step<'v>>, f: &mut impl FnMut(&[Step<'v>], T)) {
    fn walk<'v, T: Tree<'v>>(v: T, rest: &str, steps: &mut Vec<Step<'v>>, f: &mut impl FnMut(&[Step<'v>], T)) {
        if rest.is_empty() {
            return f(steps, v);
        }
        let (token, tail) = split_token(rest);
        if token.raw == "*" {
            v.each(&mut |step, x| {
                steps.push(step);
                walk(x, tail, steps, f);
                steps.pop();
                false
            });
        } else if let Some(i) = v.array_len().and(token.raw.parse::<usize>().ok()) {
            if let Some(x) = v.element(i) {
                steps.push(Step::Index(i));
                walk(x, tail, steps, f);
                steps.pop();
            }
        } else if v.array_len().is_none() {
            if let Some((k, x)) = v.entry(&token.key()) {
                steps.push(Step::Key(k));
                walk(x, tail, steps, f);
                steps.pop();
            }
        }
    }
    steps.clear();
    if pattern.is_empty() || pattern.starts_with('/') {
        walk(root, pattern, steps, f);
    }
}

/// Whether any value matching `pattern` satisfies `pred`, without building paths: the
/// checklist asks this 59 times per validation, so it must not allocate.
pub fn any_match<'v, T: Tree<'v>>(root: T, pattern: &str, pred: &mut impl FnMut(T) -> bool) -> bool {
    if !pattern.is_empty() && !pattern.starts_with('/') {
        return false;
    }
    match_walk(root, pattern, pred)
}

/// The walk of [`any_match`] from `v` over the rest of a pattern.
fn match_walk<'v, T: Tree<'v>>(v: T, rest: &str, pred: &mut impl FnMut(T) -> bool) -> bool {
    if rest.is_empty() {
        return pred(v);
    }
    let (token, tail) = split_token(rest);
    if token.raw == "*" {
        v.any_child(&mut |x| match_walk(x, tail, pred))
    } else {
        child(v, token).is_some_and(|x| match_walk(x, tail, pred))
    }
}

/// The first step of the last pattern [`any_match_from`] walked from one root: the pattern's
/// first token (with its `/`) and the node it leads to. The checklist asks its points
/// section by section, so most of its walks begin with the step the one before took.
pub struct FirstStep<'p, T> {
    taken: Option<(&'p str, Option<T>)>,
}

impl<T> Default for FirstStep<'_, T> {
    fn default() -> Self {
        FirstStep { taken: None }
    }
}

/// [`any_match`], taking the first step from `first` when `pattern` begins with the same
/// token, and keeping its own first step there otherwise. `first` must only ever be used
/// with the same `root`.
pub fn any_match_from<'v, 'p, T: Tree<'v>>(root: T, pattern: &'p str, first: &mut FirstStep<'p, T>, pred: &mut impl FnMut(T) -> bool) -> bool {
    if let Some((prefix, node)) = first.taken {
        if let Some(tail) = pattern.strip_prefix(prefix).filter(|t| t.is_empty() || t.starts_with('/')) {
            return node.is_some_and(|x| match_walk(x, tail, pred));
        }
    }
    if !pattern.starts_with('/') {
        return any_match(root, pattern, pred);
    }
    let (token, tail) = split_token(pattern);
    if token.raw == "*" {
        return match_walk(root, pattern, pred);
    }
    let node = child(root, token);
    first.taken = pattern.get(..pattern.len() - tail.len()).map(|prefix| (prefix, node));
    node.is_some_and(|x| match_walk(x, tail, pred))
}

/// The value at a concrete pointer (RFC 6901, as [`serde_json::Value::pointer`]: array
/// indices without `+` or leading zeros).
pub fn get<'v, T: Tree<'v>>(root: T, pointer: &str) -> Option<T> {
    if pointer.is_empty() {
        return Some(root);
    }
    if !pointer.starts_with('/') {
        return None;
    }
    let (mut v, mut rest) = (root, pointer);
    // Token by token with `split_token` rather than `str::split`, whose searcher cost more
    // than the walk (validation reads timestamps through this).
    loop {
        let (token, tail) = split_token(rest);
        let strict_index = !(token.raw.starts_with('+') || (token.raw.starts_with('0') && token.raw.len() != 1));
        v = if v.array_len().is_some() { v.element(token.raw.parse::<usize>().ok().filter(|_| strict_index)?)? } else { v.member(&token.key())? };
        if tail.is_empty() {
            return Some(v);
        }
        rest = tail;
    }
}

/// Whether a value answers a question: non-blank text, any boolean or number, or a list or
/// object with at least one answered member.
pub fn answered<'v, T: Tree<'v>>(v: T) -> bool {
    match v.scalar() {
        Scalar::Null => false,
        Scalar::Bool(_) | Scalar::Number => true,
        // Not `trim().is_empty()`: the same test, without trimming both ends of long text.
        Scalar::Str(s) => !s.chars().all(char::is_whitespace),
        Scalar::Container => v.any_child(&mut |x| answered(x)),
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
        return q.starts_with(p) && q.get(p.len()).is_none_or(|&b| b == b'/');
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
    fn each_string_names_every_string_with_its_pointer() {
        let v = json!({"b": ["x", {"c~/d": "y"}, 3], "a": "z", "n": null, "e": {}});
        let mut got = Vec::new();
        each_string(&v, &|_| false, &mut |p, s| got.push((p.to_string(), s)));
        assert_eq!(got, [("/a".to_string(), "z"), ("/b/0".to_string(), "x"), ("/b/1/c~0~1d".to_string(), "y")]);
        for (p, s) in &got {
            assert_eq!(get(&v, p).and_then(|x| x.as_str()), Some(*s), "{p}");
        }
        let mut root = Vec::new();
        each_string(&json!("t"), &|_| false, &mut |p, s| root.push((p.to_string(), s.to_string())));
        assert_eq!(root, [(String::new(), "t".to_string())]);
        let mut kept = Vec::new();
        each_string(&v, &|p| p == "/b" || p == "/a", &mut |p, _| kept.push(p.to_string()));
        assert!(kept.is_empty(), "{kept:?}");
        each_string(&v, &|p| p == "/b/1", &mut |p, _| kept.push(p.to_string()));
        assert_eq!(kept, ["/a", "/b/0"]);
    }

    #[test]
    fn any_match_agrees_with_select() {
        let v = json!({"a": [{"b": ""}, {"b": "x"}], "m": {"k/1": {"z": 1}}});
        for pattern in ["/a/*/b", "/a/0/b", "/a/1/b", "/m/*/z", "/m/k~11/z", "/nope", "", "/a/*"] {
            let by_select = select(&v, pattern).into_iter().any(|(_, x)| answered(x));
            assert_eq!(any_match(&v, pattern, &mut |x| answered(x)), by_select, "{pattern}");
        }
    }

    /// Sharing first steps across a run of patterns changes no answer, whatever the order.
    #[test]
    fn any_match_from_agrees_with_any_match() {
        let v = json!({"a": [{"b": ""}, {"b": "x"}], "ab": {"c": 1}, "m": {"k/1": {"z": 1}}, "k/1": "y", "e": ""});
        let patterns = ["/a/*/b", "/a/0/b", "/a/1/b", "/ab/c", "/a", "/ab", "/m/*/z", "/m/k~11/z", "/k~11", "/k~11/x", "/nope", "/nope/x", "", "a", "/*", "/*/c", "/e", "/a/", "/"];
        for start in 0..patterns.len() {
            let mut first = FirstStep::default();
            for p in patterns.iter().cycle().skip(start).take(2 * patterns.len()) {
                assert_eq!(any_match_from(&v, p, &mut first, &mut |x| answered(x)), any_match(&v, p, &mut |x| answered(x)), "{p}");
            }
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
