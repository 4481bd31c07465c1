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
pub fn rewrite_strings<'h>(json: &str, skip: &str, held: impl Fn(&str) -> Option<&'h str>, mut f: impl FnMut(&str, &str) -> Result<Option<String>, Error>) -> Result<Vec<u8>, Error> {
    let b = json.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + b.len() / 8);
    let mut stack: Vec<Frame> = Vec::new();
    let mut path = String::new();
    // The stack depth at which a skipped subtree started, while inside it.
    let mut skipping: Option<usize> = None;
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
    Ok(out)
}

/// The text of the JSON string `raw` (quotes included), decoded if it is `escaped`.
fn unescaped(raw: &str, escaped: bool) -> Result<Cow<'_, str>, Error> {
    if escaped {
        let text = serde_json::from_str::<String>(raw).map_err(|e| Error::new("input-not-a-report", format!("cannot rebuild the report: {e}")))?;
        return Ok(text.into());
    }
    Ok(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default().into())
}

/// Appends `s` as a JSON string, escaped byte for byte as serde_json escapes ([`push_escape`]).
/// serde_json looks every byte up in a table (~8 instructions a byte, 9 M for the strings of a
/// 1 MB redaction); here eight bytes at a time are ruled out ([`may_need_escape`]) and the runs
/// between escapes copied whole.
fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // Where the bytes not copied yet start.
    let mut run = 0;
    for (w, word) in b.chunks(8).enumerate() {
        // (The last, shorter chunk is looked at byte by byte.)
        if <[u8; 8]>::try_from(word).is_ok_and(|w| !may_need_escape(u64::from_le_bytes(w))) {
            continue;
        }
        for (k, &c) in word.iter().enumerate() {
            if needs_escape(c) {
                let at = 8 * w + k;
                out.extend_from_slice(b.get(run..at).unwrap_or_default());
                push_escape(out, c);
                run = at + 1;
            }
        }
    }
    out.extend_from_slice(b.get(run..).unwrap_or_default());
    out.push(b'"');
}

/// Whether serde_json escapes byte `c` in a string: `"`, `\\` and control characters.
fn needs_escape(c: u8) -> bool {
    c < 0x20 || c == b'"' || c == b'\\'
}

/// Whether one of the eight bytes of `w` may need an escape ([`needs_escape`]). Never a false
/// "no": the borrow test finds any byte below its bound, and a zero byte of `w ^ (c…c)` is a
/// byte equal to `c`.
fn may_need_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x8080_8080_8080_8080;
    let has_below = |x: u64, bound: u64| x.wrapping_sub(ONES * bound) & !x & TOP != 0;
    has_below(w, 0x20) || has_below(w ^ (ONES * u64::from(b'"')), 1) || has_below(w ^ (ONES * u64::from(b'\\')), 1)
}

/// Appends serde_json's escape of `c` (a byte [`needs_escape`]): `\b \f \n \r \t \" \\` by
/// name, the other control characters as `\u00xx`.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    let named = match c {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(c >> 4 & 0xF)], HEX[usize::from(c & 0xF)]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', named]);
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
        assert_eq!(out, json.as_bytes());
    }

    /// Every character below 0x80 alone, at every position of a word, and mixed text: as
    /// serde_json writes it.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u8..0x80).map(|c| char::from(c).to_string()).collect();
        for c in (0u8..0x80).map(char::from) {
            for at in 0..17 {
                texts.push(format!("{}{c}{}", "a".repeat(at), "é".repeat(at % 5)));
            }
        }
        texts.push("line one\n\tquoted \"x\" back\\slash \u{1} \u{1f} \u{7f} é€🙂 end\r\n".repeat(40));
        for t in texts {
            let mut out = Vec::new();
            push_json_string(&mut out, &t);
            assert_eq!(out, serde_json::to_vec(&t).unwrap(), "{t:?}");
        }
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
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value, serde_json::json!({"a": "keep", "b": "new \"one\"\n", "c": ["new \"one\"\n", 2]}));
    }
}
