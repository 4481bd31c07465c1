//! Rewriting the string values of compact JSON text (as serde_json writes it), each seen with
//! its JSON pointer.
//!
//! [`super::redact`] used to turn the report into a `serde_json::Value`, edit its strings, write
//! the `Value` out and parse that text back: three passes over every byte and an allocation per
//! string and per map entry, which cost more than the scan itself (255 M instructions per MB
//! redacted, of which the scan was 124 M). Here the report's own compact text is copied once,
//! string values replaced where redaction changed them, and the copy is parsed back by the one
//! report parser. Values are visited in document order (the model's field order).

use std::borrow::Cow;

use crate::error::Error;
use crate::input::string_end;
use crate::pointer::{push_step, Step};
use crate::ser::push_json_string;

/// An open container: where its path ends in the pointer being built.
enum Frame {
    /// An object; `key_next` while the next string is a key.
    Object { base: usize, key_next: bool },
    /// An array and the index of the current element.
    Array { base: usize, index: usize },
}

/// Copies `json` (compact JSON text), calling `f(pointer, value)` for every string value outside
/// the subtree at pointer `skip`; where `f` returns a new value, the copy holds it instead
/// (escaped as serde_json escapes). Errors of `f` stop the copy and are returned.
///
/// `held(pointer)` is the value at a pointer when the caller holds it already, as the text was
/// written from it: an escaped value is then read from there instead of decoded and copied (a
/// pasted prompt has line breaks, so nearly every large value is escaped).
pub fn rewrite_strings<'h>(json: &str, skip: &str, held: impl Fn(&str) -> Option<&'h str>, mut f: impl FnMut(&str, &str) -> Result<Option<String>, Error>) -> Result<Rewritten, Error> {
    let b = json.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + b.len() / 8);
    let mut stack: Vec<Frame> = Vec::new();
    let mut path = String::new();
    // The stack depth at which a skipped subtree started, while inside it.
    let mut skipping: Option<usize> = None;
    // Where the skipped member's key starts in the copy, and then where its value ends.
    let (mut skipped_from, mut skipped) = (None, None);
    let (mut copied, mut i) = (0, 0);
    while let Some(&c) = b.get(i) {
        match c {
            b'{' | b'[' => {
                let base = path.len();
                if c == b'{' {
                    stack.push(Frame::Object { base, key_next: true });
                } else {
                    stack.push(Frame::Array { base, index: 0 });
                    push_step(&mut path, Step::Index(0));
                }
                if skipping.is_none() && path_is(&path[..base], skip) {
                    skipping = Some(stack.len());
                }
            }
            b'}' | b']' => {
                if skipping == Some(stack.len()) {
                    skipping = None;
                    // (Bytes not yet copied are copied as they are: an input position is the
                    // output's plus what the copy has gained so far.)
                    skipped = skipped_from.map(|from| from..out.len() + (i + 1 - copied));
                }
                if let Some(Frame::Object { base, .. } | Frame::Array { base, .. }) = stack.pop() {
                    path.truncate(base);
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key_next, .. }) => *key_next = true,
                Some(Frame::Array { base, index }) => {
                    *index += 1;
                    path.truncate(*base);
                    push_step(&mut path, Step::Index(*index));
                }
                None => {}
            },
            b'"' => {
                let (end, escaped) = string_end(b, i);
                let raw = json.get(i..=end).ok_or_else(|| Error::new("input-not-a-report", "cannot rebuild the report: unterminated string"))?;
                match stack.last_mut() {
                    Some(Frame::Object { base, key_next }) if *key_next => {
                        *key_next = false;
                        path.truncate(*base);
                        push_step(&mut path, Step::Key(&unescaped(raw, escaped)?));
                        if skipping.is_none() && path_is(&path, skip) {
                            skipped_from = Some(out.len() + (i - copied));
                        }
                    }
                    _ if skipping.is_some() || path_is(&path, skip) => {}
                    _ => {
                        let value = match escaped.then(|| held(&path)).flatten() {
                            Some(v) => v.into(),
                            None => unescaped(raw, escaped)?,
                        };
                        if let Some(new) = f(&path, &value)? {
                            out.extend_from_slice(&b[copied..i]);
                            push_json_string(&mut out, &new);
                            copied = end + 1;
                        }
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    out.extend_from_slice(&b[copied.min(b.len())..]);
    Ok(Rewritten { json: out, skipped })
}

/// What [`rewrite_strings`] gives: the copy, and where the skipped member is in it.
pub struct Rewritten {
    /// The copy of the JSON text, strings rewritten.
    pub json: Vec<u8>,
    /// The member at the skipped pointer (its key's opening quote to the end of its value)
    /// when it is in the text, as a member of an object with an object or array value.
    pub skipped: Option<std::ops::Range<usize>>,
}

/// The text of the JSON string `raw` (quotes included), decoded if it is `escaped`.
fn unescaped(raw: &str, escaped: bool) -> Result<Cow<'_, str>, Error> {
    if escaped {
        let text = serde_json::from_str::<String>(raw).map_err(|e| Error::new("input-not-a-report", format!("cannot rebuild the report: {e}")))?;
        return Ok(text.into());
    }
    Ok(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default().into())
}

/// Whether `path` is the pointer `skip` (an empty `skip` skips nothing).
fn path_is(path: &str, skip: &str) -> bool {
    !skip.is_empty() && path == skip
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visits(json: &str, skip: &str) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        rewrite_strings(json, skip, |_| None, |p, v| {
            seen.push((p.to_string(), v.to_string()));
            Ok(None)
        })
        .unwrap();
        seen
    }

    #[test]
    fn every_string_value_with_its_pointer_in_document_order() {
        let json = r#"{"b":"x","a/~":["y",{"k":"z\"q"},[],["w"],1,true,null],"c":{"d":"v","e":{}},"f":"\u00e9"}"#;
        let got = visits(json, "");
        let want = [("/b", "x"), ("/a~1~0/0", "y"), ("/a~1~0/1/k", "z\"q"), ("/a~1~0/3/0", "w"), ("/c/d", "v"), ("/f", "é")];
        assert_eq!(got, want.map(|(p, v)| (p.to_string(), v.to_string())));
        // The same as the pointers serde_json's Value answers to.
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        for (p, v) in &got {
            assert_eq!(value.pointer(p).and_then(|x| x.as_str()), Some(v.as_str()), "{p}");
        }
    }

    #[test]
    fn a_skipped_subtree_is_not_visited_and_is_copied_as_it_is() {
        let json = r#"{"a":"1","redaction":{"log":[{"path":"/a","kind":"k"}],"applied":true},"z":"2","s":"3"}"#;
        assert_eq!(visits(json, "/redaction"), [("/a".to_string(), "1".to_string()), ("/z".to_string(), "2".to_string()), ("/s".to_string(), "3".to_string())]);
        assert_eq!(visits(json, "/s").len(), 4);
        let out = rewrite_strings(json, "/redaction", |_| None, |_, _| Ok(None)).unwrap();
        assert_eq!(out.json, json.as_bytes());
        let member = r#""redaction":{"log":[{"path":"/a","kind":"k"}],"applied":true}"#;
        assert_eq!(out.skipped.map(|r| &json[r]), Some(member));
        // Where it is in the copy, strings before it rewritten longer and shorter.
        for new in ["a much longer \"value\"", ""] {
            let out = rewrite_strings(json, "/redaction", |_| None, |_, _| Ok(Some(new.to_string()))).unwrap();
            let copy = std::str::from_utf8(&out.json).unwrap();
            assert_eq!(out.skipped.map(|r| &copy[r]), Some(member), "{new:?}");
        }
        assert!(rewrite_strings(json, "/a", |_| None, |_, _| Ok(None)).unwrap().skipped.is_none(), "a string member");
        assert!(rewrite_strings(r#"{"a":"1"}"#, "/redaction", |_| None, |_, _| Ok(None)).unwrap().skipped.is_none());
    }

    /// An escaped value the caller holds is read from there; keys and plain values are not asked for.
    #[test]
    fn escaped_values_held_by_the_caller_are_not_decoded() {
        let json = r#"{"a":"x\ny","b\"":"plain","c":["q\"r"]}"#;
        let asked = std::cell::RefCell::new(Vec::new());
        let held = |p: &str| {
            asked.borrow_mut().push(p.to_string());
            (p == "/a").then_some("held")
        };
        let mut seen = Vec::new();
        rewrite_strings(json, "", held, |p, v| {
            seen.push((p.to_string(), v.to_string()));
            Ok(None)
        })
        .unwrap();
        assert_eq!(seen, [("/a", "held"), ("/b\"", "plain"), ("/c/0", "q\"r")].map(|(p, v)| (p.to_string(), v.to_string())));
        assert_eq!(*asked.borrow(), ["/a", "/c/0"]);
    }

    #[test]
    fn replaced_values_are_escaped_and_the_rest_copied() {
        let json = r#"{"a":"keep","b":"swap","c":["swap",2]}"#;
        let out = rewrite_strings(json, "", |_| None, |_, v| Ok((v == "swap").then(|| "new \"one\"\n".to_string()))).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.json).unwrap();
        assert_eq!(value, serde_json::json!({"a": "keep", "b": "new \"one\"\n", "c": ["new \"one\"\n", 2]}));
    }
}
