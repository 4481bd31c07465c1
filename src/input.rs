//! Reading untrusted bytes into a [`Report`]: size, encoding and depth are checked before the
//! parser runs, and every failure is an [`Error`] with a code, a JSON pointer or a line and
//! column — never a panic. Fields the model does not know are collected, not dropped silently.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::error::Error;
use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_JSON_VALUES, MAX_STRING_BYTES};
use crate::model::Report;

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
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            "input-too-large",
            format!("the input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes (4 MiB)", bytes.len()),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (l, c) = line_col(bytes, e.valid_up_to());
        Error::new("input-not-utf8", format!("invalid UTF-8 at byte {}", e.valid_up_to())).at_position(l, c)
    })?;
    // Depth scan. String contents are skipped a chunk at a time, so the cost is per structural
    // byte rather than per byte.
    let mut depth = 0usize;
    let mut values = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() {
                    match bytes[i..].iter().position(|&b| b == b'"' || b == b'\\') {
                        Some(off) if bytes[i + off] == b'\\' => i += off + 2,
                        Some(off) => {
                            i += off;
                            break;
                        }
                        None => i = bytes.len(),
                    }
                }
                if i.saturating_sub(start + 1) > MAX_STRING_BYTES {
                    let (l, c) = line_col(bytes, start);
                    return Err(Error::new(
                        "input-string-too-long",
                        format!(
                            "a string of {} bytes; the limit is {MAX_STRING_BYTES} bytes (1 MiB) per value — attach long evidence separately",
                            i.saturating_sub(start + 1)
                        ),
                    )
                    .at_position(l, c));
                }
            }
            b',' => {
                values += 1;
                if values > MAX_JSON_VALUES {
                    let (l, c) = line_col(bytes, i);
                    return Err(Error::new(
                        "input-too-many-values",
                        format!("more than {MAX_JSON_VALUES} JSON values (object members and array entries) in one input"),
                    )
                    .at_position(l, c));
                }
            }
            b'[' | b'{' => {
                values += 1;
                depth += 1;
                if depth > MAX_DEPTH {
                    let (l, c) = line_col(bytes, i);
                    return Err(Error::new(
                        "input-too-deep",
                        format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
                    )
                    .at_position(l, c));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
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

fn ignored_pointer(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}/{index}", ignored_pointer(parent)),
        Path::Map { parent, key } => crate::pointer::push(&ignored_pointer(parent), key),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => ignored_pointer(parent),
    }
}

/// Parses JSON bytes into any model type (report, profile), with the checks above.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<Parsed<T>, Error> {
    let text = precheck(bytes)?;
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
    // One pass: serde with unknown-field tracking; where a type error is, `pointer_at` says.
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let fast: Result<T, _> = {
        let mut on_ignored = |p: serde_ignored::Path<'_>| unknown.push(ignored_pointer(&p));
        serde_ignored::deserialize(&mut de, &mut on_ignored)
    };
    let value = fast.map_err(|inner| {
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
    let parsed = parse_json::<Report>(bytes, "report")?;
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
    fn wrong_types_carry_a_pointer_and_unknown_fields_are_listed() {
        let e = parse_report(br#"{"detection": {"indicators": [{"value": "1.2.3.4"}, {"value": 7}]}}"#).unwrap_err();
        assert_eq!(e.path(), Some("/detection/indicators/1/value"));
        let p = parse_report(br#"{"titel": "x", "detection": {"indicators": [{"value": "a", "colour": 1}]}}"#).unwrap();
        assert_eq!(p.unknown_fields, ["/titel", "/detection/indicators/0/colour"]);
    }
}
