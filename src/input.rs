//! Reading untrusted bytes into a [`Report`]: size, encoding and depth are checked before the
//! parser runs, and every failure is an [`Error`] with a code, a JSON pointer or a line and
//! column — never a panic. Fields the model does not know are collected, not dropped silently.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::error::Error;
use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_JSON_VALUES, MAX_STRING_BYTES};
use crate::model::{HasShape, Report, Shape};

/// A report as read, with the pointers of fields the model does not have.
#[derive(Debug, Clone)]
pub struct Parsed<T = Report> {
    /// The report.
    pub value: T,
    /// JSON pointers of fields that were ignored.
    pub unknown_fields: Vec<String>,
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// Checks size, UTF-8 and nesting depth, cheaply, before any parsing.
pub fn precheck(bytes: &[u8]) -> Result<&str, Error> {
    scan(bytes, None, &mut Vec::new())
}

/// The index of the first `"` or `\\` at or after `from` (memchr: a short loop over the first
/// bytes before it was measured slower on real reports, whose values are mostly long text;
/// eight bytes at a time with word arithmetic for the first 32 came out even with it on the
/// complete fixture, 56 instructions per string either way).
fn quote_or_backslash(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'"', b'\\', bytes.get(from..)?).map(|off| from + off)
}

/// One open object or array while [`scan`] tracks a [`Shape`].
struct Frame<'t> {
    /// The container's shape; `None` below a field the model does not have.
    shape: Option<&'static Shape>,
    /// An object (else an array).
    object: bool,
    /// In an object: the next string is a key.
    expect_key: bool,
    /// In an object: the current member's key, quotes included, as written (bytes between
    /// two quotes of valid UTF-8 text, so UTF-8 themselves; read only for unknown fields).
    key: &'t [u8],
    /// In an array: the current element's index. In an object: the field after the current
    /// member, where the next key is looked for first (see [`Shape::member_from`]).
    index: usize,
    /// The shape of the current member's value.
    member: Option<&'static Shape>,
}

impl Frame<'_> {
    /// The shape of the value starting now in this container.
    fn child(&self) -> Option<&'static Shape> {
        if self.object {
            return self.member;
        }
        match self.shape? {
            Shape::List(item) => Some(item),
            // serde also reads a struct from an array of its fields in order.
            Shape::Struct(fields) => fields.get(self.index).map(|(_, s)| *s),
            Shape::Leaf => None,
        }
    }
}

/// A key as a string: most keys have no escapes and are used as written.
fn unescape(quoted: &[u8]) -> std::borrow::Cow<'_, str> {
    let quoted = std::str::from_utf8(quoted).unwrap_or("");
    let inner = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
    if inner.bytes().any(|b| b == b'\\') {
        serde_json::from_str::<String>(quoted).map_or(inner.into(), Into::into)
    } else {
        inner.into()
    }
}

/// The JSON pointer of member `key` of the innermost open object.
fn member_pointer(stack: &[Frame<'_>], key: &str) -> String {
    let mut out = String::new();
    for f in stack.iter().take(stack.len().saturating_sub(1)) {
        if f.object {
            out = crate::pointer::push(&out, &unescape(f.key));
        } else {
            out.push('/');
            out.push_str(&f.index.to_string());
        }
    }
    crate::pointer::push(&out, key)
}

/// What a byte outside strings means to [`scan`].
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// Whitespace, `:`, digits and literals: nothing to do.
    Skip,
    /// `"`: a string (a key or a value) starts.
    Quote,
    /// `,`: the next member or element.
    Comma,
    /// `{` or `[`.
    Open,
    /// `}` or `]`.
    Close,
}

/// The [`Class`] of every byte, so that [`scan`] passes over indentation and the other bytes it
/// ignores in a tight loop of one table look-up each (most bytes outside strings of a
/// pretty-printed report are indentation) rather than a `match` per byte.
const CLASS: [Class; 256] = {
    let mut table = [Class::Skip; 256];
    table[b'"' as usize] = Class::Quote;
    table[b',' as usize] = Class::Comma;
    table[b'{' as usize] = Class::Open;
    table[b'[' as usize] = Class::Open;
    table[b'}' as usize] = Class::Close;
    table[b']' as usize] = Class::Close;
    table
};

/// The next byte at or after `i` that [`scan`] acts on: its index and class.
fn next_token(bytes: &[u8], mut i: usize) -> Option<(usize, Class)> {
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        if class != Class::Skip {
            return Some((i, class));
        }
        i += 1;
    }
    None
}

/// The end of the string whose opening quote is at `start`: the index of its closing quote (or
/// the input's length if it has none), and whether it has escapes.
pub(crate) fn string_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut escaped = false;
    let mut i = start + 1;
    loop {
        match quote_or_backslash(bytes, i) {
            Some(at) if bytes.get(at) == Some(&b'\\') => {
                escaped = true;
                i = at + 2;
            }
            Some(at) => return (at, escaped),
            // Unterminated: the string runs to the end (and may be too long).
            None => return (bytes.len(), escaped),
        }
    }
}

/// The refusal of input at byte `at`, with its line and column.
fn refuse_at(bytes: &[u8], at: usize, code: &'static str, message: String) -> Error {
    let (l, c) = line_col(bytes, at);
    Error::new(code, message).at_position(l, c)
}

/// The state of [`scan`]: the limits' counters and, when a shape is tracked, the open
/// containers and the unknown members found so far.
struct Scanner<'t, 'u> {
    bytes: &'t [u8],
    /// The report's shape; `None` when only the limits are checked.
    shape: Option<&'static Shape>,
    /// Open containers (only while tracking a shape).
    stack: Vec<Frame<'t>>,
    depth: usize,
    values: usize,
    unknown: &'u mut Vec<String>,
}

impl<'t> Scanner<'t, '_> {
    /// The string opening at `start`: checks its length and, if it is a key of a tracked
    /// object, looks it up. Returns the index of its closing quote.
    fn string(&mut self, start: usize) -> Result<usize, Error> {
        if let Some(end) = self.expected_key(start) {
            return Ok(end);
        }
        let (end, escaped) = string_end(self.bytes, start);
        let len = end.saturating_sub(start + 1);
        if len > MAX_STRING_BYTES {
            return Err(refuse_at(
                self.bytes,
                start,
                "input-string-too-long",
                format!("a string of {len} bytes; the limit is {MAX_STRING_BYTES} bytes (1 MiB) per value — attach long evidence separately"),
            ));
        }
        if let Some(top) = self.stack.last_mut().filter(|f| f.object && f.expect_key) {
            top.expect_key = false;
            top.key = self.bytes.get(start..=end).unwrap_or(b"");
            top.member = None;
            if let Some(container) = top.shape {
                // Most keys have no escapes and are looked up as written (bytes, no UTF-8 check).
                let unescaped = escaped.then(|| unescape(top.key));
                let raw = unescaped.as_deref().map_or(self.bytes.get(start + 1..end).unwrap_or(b""), str::as_bytes);
                match container.member_from(raw, top.index) {
                    Some((index, member)) => (top.index, top.member) = (index + 1, Some(member)),
                    None => self.unknown.push(member_pointer(&self.stack, &String::from_utf8_lossy(raw))),
                }
            }
        }
        Ok(end)
    }

    /// The common case of a key: the string opening at `start` is a key of a tracked object
    /// and, as written, the member its shape expects next (the field after the previous
    /// member: members are mostly written in declaration order). Compared in place, its
    /// closing quote is found without searching for the end of the string, and no look-up is
    /// needed. Returns the index of the closing quote, or `None` for every other string, which
    /// [`Scanner::string`] then reads the general way (with the same outcome for this one).
    fn expected_key(&mut self, start: usize) -> Option<usize> {
        let top = self.stack.last_mut().filter(|f| f.object && f.expect_key)?;
        let Some(Shape::Struct(fields)) = top.shape else { return None };
        let (name, member) = fields.get(top.index)?;
        let end = start + 1 + name.len();
        let key = self.bytes.get(start..=end)?;
        if key.get(1..key.len() - 1) != Some(name.as_bytes()) || key.last() != Some(&b'"') {
            return None;
        }
        top.expect_key = false;
        top.key = key;
        (top.index, top.member) = (top.index + 1, Some(*member));
        Some(end)
    }

    /// A `,` at `at`: one more value; in an object a key comes next, in an array an element.
    fn comma(&mut self, at: usize) -> Result<(), Error> {
        self.values += 1;
        if self.values > MAX_JSON_VALUES {
            return Err(refuse_at(
                self.bytes,
                at,
                "input-too-many-values",
                format!("more than {MAX_JSON_VALUES} JSON values (object members and array entries) in one input"),
            ));
        }
        if let Some(top) = self.stack.last_mut() {
            if top.object {
                top.expect_key = true;
            } else {
                top.index += 1;
            }
        }
        Ok(())
    }

    /// A `{` or `[` at `at`: one more value, one level deeper.
    fn open(&mut self, at: usize) -> Result<(), Error> {
        self.values += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(refuse_at(
                self.bytes,
                at,
                "input-too-deep",
                format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        if self.shape.is_some() {
            let inner = if self.depth == 1 { self.shape } else { self.stack.last().and_then(Frame::child) };
            let object = self.bytes.get(at) == Some(&b'{');
            self.stack.push(Frame { shape: inner, object, expect_key: object, key: b"", index: 0, member: None });
        }
        Ok(())
    }

    /// A `}` or `]`.
    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.stack.pop();
    }
}

/// [`precheck`], and, when `shape` is given, the pointers of members the shape does not have
/// (in document order, a member's own members not listed again) pushed to `unknown`. One pass
/// over the bytes; string contents are skipped a word or a vector at a time and other bytes
/// by a table look-up, so the cost is per structural byte rather than per byte. On text that
/// is not JSON the unknown list is meaningless but harmless: callers use it only when the
/// parse succeeds.
fn scan<'t>(bytes: &'t [u8], shape: Option<&'static Shape>, unknown: &mut Vec<String>) -> Result<&'t str, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            "input-too-large",
            format!("the input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes (4 MiB)", bytes.len()),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| refuse_at(bytes, e.valid_up_to(), "input-not-utf8", format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let mut scanner = Scanner { bytes, shape, stack: Vec::new(), depth: 0, values: 0, unknown };
    let mut i = 0;
    while let Some((at, class)) = next_token(bytes, i) {
        i = at;
        match class {
            Class::Quote => i = scanner.string(at)?,
            Class::Comma => scanner.comma(at)?,
            Class::Open => scanner.open(at)?,
            Class::Close => scanner.close(),
            Class::Skip => {}
        }
        i += 1;
    }
    Ok(text)
}

/// The JSON pointer of the value that ends at 1-based `line`/`column` (where serde_json reports
/// a type error). A small scanner over the text instead of a path-tracking deserializer: the
/// latter is a second copy of every `Deserialize` impl in the wasm (about 200 KB), for a value
/// needed only when input is wrong.
pub fn pointer_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, after_colon: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, after_colon: false }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { after_colon, .. }) = stack.last_mut() {
                    *after_colon = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, after_colon }) => {
                    *key = None;
                    *after_colon = false;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, after_colon: false }) = stack.last_mut() {
                    let raw = text.get(start..=i.min(bytes.len() - 1)).unwrap_or("\"\"");
                    *key = Some(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.trim_matches('"').to_string()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    // An error reported just inside a container opened for the wrong type is about the
    // container itself, not its first element.
    if matches!(text[..end].trim_end().as_bytes().last(), Some(b'[' | b'{')) {
        stack.pop();
    }
    let mut out = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), after_colon: true } => out = crate::pointer::push(&out, k),
            Frame::Object { .. } => {}
            Frame::Array { index } => out.push_str(&format!("/{index}")),
        }
    }
    out
}

/// Parses JSON bytes into any model type (report, profile), with the checks above.
/// `unknown_fields` is empty: types that list unknown fields go through [`parse_report`].
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<Parsed<T>, Error> {
    parse_shaped(bytes, what, None)
}

/// [`parse_json`], listing the members `shape` does not have.
fn parse_shaped<T: DeserializeOwned>(bytes: &[u8], what: &str, shape: Option<&'static Shape>) -> Result<Parsed<T>, Error> {
    let mut unknown = Vec::new();
    let text = scan(bytes, shape, &mut unknown)?;
    if !text.trim_start().starts_with('{') {
        let is_json = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
        return Err(if text.trim().is_empty() {
            Error::new("input-not-a-report", format!("the input is empty; expected a {what} (a JSON object)"))
        } else if is_json {
            Error::new("input-not-a-report", format!("expected a {what} (a JSON object), found another JSON value"))
        } else {
            Error::new("input-not-json", format!("the input is not JSON; expected a {what} (a JSON object)"))
        });
    }
    // One serde pass; where a type error is, `pointer_at` says.
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).map_err(|inner| {
        let (code, msg) = match inner.classify() {
            Category::Eof => ("input-truncated", format!("the JSON ends too early: {inner}")),
            Category::Syntax | Category::Io => ("input-not-json", format!("not valid JSON: {inner}")),
            Category::Data => ("input-wrong-type", format!("{inner}")),
        };
        let mut err = Error::new(code, msg).at_position(inner.line(), inner.column());
        if code == "input-wrong-type" {
            err = err.at_path(pointer_at(text, inner.line(), inner.column()));
        }
        err
    })?;
    de.end().map_err(|e| {
        Error::new("input-not-json", format!("unexpected text after the {what}: {e}")).at_position(e.line(), e.column())
    })?;
    Ok(Parsed { value, unknown_fields: unknown })
}

/// Parses a report from JSON bytes.
pub fn parse_report(bytes: &[u8]) -> Result<Parsed<Report>, Error> {
    let parsed = parse_shaped::<Report>(bytes, "report", Some(&Report::SHAPE))?;
    check_list_sizes(&parsed.value)?;
    Ok(parsed)
}

fn check_list_sizes(r: &Report) -> Result<(), Error> {
    use crate::limits::{MAX_INDICATORS, MAX_LIST_ITEMS};
    if r.detection.indicators.len() > MAX_INDICATORS {
        return Err(Error::new(
            "input-too-many-items",
            format!("{} indicators; the limit is {MAX_INDICATORS} per report (share bulk feeds through TAXII)", r.detection.indicators.len()),
        )
        .at_path("/detection/indicators"));
    }
    let lists: [(&str, usize); 6] = [
        ("/attribution/techniques", r.attribution.techniques.len()),
        ("/detection/samples", r.detection.samples.len()),
        ("/detection/indicators_of_attack", r.detection.indicators_of_attack.len()),
        ("/technical/prompts", r.technical.prompts.len()),
        ("/vulnerabilities/items", r.vulnerabilities.items.len()),
        ("/markings", r.markings.len()),
    ];
    for (path, n) in lists {
        if n > MAX_LIST_ITEMS {
            return Err(Error::new("input-too-many-items", format!("{n} entries; the limit is {MAX_LIST_ITEMS}")).at_path(path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &[u8]) -> &'static str {
        parse_report(input).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn every_shape_of_bad_input_is_a_coded_error() {
        assert_eq!(code(b"{}"), "ok");
        assert_eq!(code(b""), "input-not-a-report");
        assert_eq!(code(b"[1,2]"), "input-not-a-report");
        assert_eq!(code(b"hello"), "input-not-json");
        assert_eq!(code(b"{\"title\": \"x\""), "input-truncated");
        assert_eq!(code(b"{\"title\": 5}"), "input-wrong-type");
        assert_eq!(code(b"{\"title\": \"\xff\"}"), "input-not-utf8");
        assert_eq!(code(b"{} {}"), "input-not-json");
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(code(deep.as_bytes()), "input-too-deep");
        assert_eq!(code(&vec![b' '; MAX_INPUT_BYTES + 1]), "input-too-large");
    }

    #[test]
    fn one_string_longer_than_the_limit_is_refused_and_one_at_the_limit_is_not() {
        let at = format!("{{\"title\": \"{}\"}}", "a".repeat(MAX_STRING_BYTES));
        assert_eq!(code(at.as_bytes()), "ok");
        let over = format!("{{\"title\": \"{}\"}}", "a".repeat(MAX_STRING_BYTES + 1));
        let e = parse_report(over.as_bytes()).unwrap_err();
        assert_eq!(e.code(), "input-string-too-long");
        assert_eq!(e.position(), Some((1, 11)));
        // Escapes are counted as written: the limit bounds the bytes the parser reads.
        let escaped = format!("{{\"title\": \"{}\"}}", "\\n".repeat(MAX_STRING_BYTES / 2 + 1));
        assert_eq!(code(escaped.as_bytes()), "input-string-too-long");
        // An unterminated string runs to the end of the input.
        let open = format!("{{\"title\": \"{}", "a".repeat(MAX_STRING_BYTES + 1));
        assert_eq!(code(open.as_bytes()), "input-string-too-long");
        let open = format!("{{\"title\": \"{}\\", "a".repeat(MAX_STRING_BYTES + 1));
        assert_eq!(code(open.as_bytes()), "input-string-too-long");
        // Keys are strings too.
        let key = format!("{{\"{}\": 1}}", "k".repeat(MAX_STRING_BYTES + 1));
        assert_eq!(code(key.as_bytes()), "input-string-too-long");
    }

    #[test]
    fn too_many_values_are_refused_before_parsing() {
        let at = format!("{{\"x\": [{}0]}}", "0,".repeat(MAX_JSON_VALUES - 2));
        assert_eq!(code(at.as_bytes()), "ok");
        let over = format!("{{\"x\": [{}0]}}", "0,".repeat(MAX_JSON_VALUES + 1));
        assert_eq!(code(over.as_bytes()), "input-too-many-values");
        // Commas inside strings are text, not separators.
        let text = format!("{{\"title\": \"{}\"}}", ",".repeat(MAX_JSON_VALUES + 10));
        assert_eq!(code(text.as_bytes()), "ok");
    }

    #[test]
    fn pointers_of_type_errors() {
        let cases: &[(&str, &str)] = &[
            (r#"{"detection": {"indicators": [{"value": "1.2.3.4"}, {"value": 7}]}}"#, "/detection/indicators/1/value"),
            (r#"{"title": [1]}"#, "/title"),
            (r#"{"title": {"a": 1}}"#, "/title"),
            (r#"{"a~b/c": 1, "detection": {"samples": [{}, {"name": true}]}}"#, "/detection/samples/1/name"),
            ("{\n  \"affected\": {\"users_impacted\": -4}\n}", "/affected/users_impacted"),
            (r#"{"summary": "a \" b", "kind": 3}"#, "/kind"),
            (r#"{"attribution": {"attack_types": ["jailbreak", 5]}}"#, "/attribution/attack_types/1"),
        ];
        for (input, want) in cases {
            let e = parse_report(input.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "input-wrong-type", "{input}");
            assert_eq!(e.path(), Some(*want), "{input}");
        }
    }

    #[test]
    fn unknown_fields_are_listed_once_each_in_document_order() {
        // Expectations recorded from the serde_ignored-based parser this scan replaced.
        let cases: &[(&str, &[&str])] = &[
            (r#"{"a~b/c": 1, "x": {"y": {"z": 1}}, "reporter": {"nam\u0065": "n", "o\"k": 2}}"#, &["/a~0b~1c", "/x", "/reporter/o\"k"]),
            (r#"{"detection": ["vec", "meth", [{"value": "a", "zz": 1}], [], [{"name": "s", "q": 1}]]}"#, &["/detection/2/0/zz", "/detection/4/0/q"]),
            (
                r#"{"redaction": {"applied": true, "log": [{"path": "/t", "start": 0, "end": 1, "start_utf16": 0, "end_utf16": 1, "kind": "k", "action": "mask", "extra": [1,{"a":2}]}], "more": null}}"#,
                &["/redaction/log/0/extra", "/redaction/more"],
            ),
            (
                r#"{"redaction": null, "markings": [{"path": "/x", "tlp": "TLP:RED", "why": "x"}], "kind": "incident", "affected": {"harms": [{"category": "financial", "score": 3}]}}"#,
                &["/markings/0/why", "/affected/harms/0/score"],
            ),
            (
                r#"{"ai_artifacts": {"models": [{"name": "m", "params": {"n": 1}}, {"arch": 1}]}, "attribution": {"techniques": [{"id": "T1", "tactic": "x"}], "attack_types": ["jailbreak"]}}"#,
                &["/ai_artifacts/models/0/params", "/ai_artifacts/models/1/arch", "/attribution/techniques/0/tactic"],
            ),
            (
                r#"{"description": {"narrative": "n", "\u0000": 1}, "technical": {"prompts": [{"prompt": "p", "model": "x"}]}, "vulnerabilities": {"items": [{"cve": "CVE-1", "cvss": 9.8}], "proofs_of_concept": [{"url": "u", "stars": 3}]}}"#,
                &["/description/\0", "/technical/prompts/0/model", "/vulnerabilities/items/0/cvss", "/vulnerabilities/proofs_of_concept/0/stars"],
            ),
            (r#"{"impacts": {"x": 1}, "mitigations": {"y": [1]}, "timestamps": {"z": "t"}, "detection": {"samples": [{"size": 1}]}}"#, &["/impacts/x", "/mitigations/y", "/timestamps/z", "/detection/samples/0/size"]),
            (r#"{"title": "a \" { [ , b", "kind": "x", "detection": {"method": "{\"not\": [\"keys\"]}"}}"#, &[]),
            // The expected next member as a prefix of another key, or another key as its prefix.
            (r#"{"kind": "x", "titlex": 1, "title": "t", "summaryy": 2, "summar": 3, "reporter": {"organization_domain": "d", "organization": "o", "nam": 4}}"#, &["/titlex", "/summaryy", "/summar", "/reporter/nam"]),
        ];
        for (input, want) in cases {
            assert_eq!(parse_report(input.as_bytes()).unwrap().unknown_fields, *want, "{input}");
        }
        // Other types read through parse_json do not list them (a profile refuses them instead).
        assert!(parse_json::<serde_json::Value>(b"{\"x\": 1}", "report").unwrap().unknown_fields.is_empty());
    }

    #[test]
    fn wrong_types_carry_a_pointer_and_unknown_fields_are_listed() {
        let e = parse_report(br#"{"detection": {"indicators": [{"value": "1.2.3.4"}, {"value": 7}]}}"#).unwrap_err();
        assert_eq!(e.path(), Some("/detection/indicators/1/value"));
        let p = parse_report(br#"{"titel": "x", "detection": {"indicators": [{"value": "a", "colour": 1}]}}"#).unwrap();
        assert_eq!(p.unknown_fields, ["/titel", "/detection/indicators/0/colour"]);
    }
}
