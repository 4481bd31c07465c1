//! Serialising through one instance of serde_json's serializer per type.
//!
//! `serde_json::to_value`, `to_string` and `to_string_pretty` each drive a different serializer,
//! so each compiles its own copy of a type's `Serialize` impl: for `Report` that was three copies
//! in the wasm (17.5 + 11.6 + ~13 KB raw). These go through `to_string` only (compact text, the
//! one copy the wasm API and the edge gate need anyway) and derive the rest from its text:
//! exactly the same results, for a little more work on paths that are not hot.

use serde::Serialize;
use serde_json::Value;

/// `serde_json::to_value(v)`, as the compact text read back: the same value (maps are sorted
/// either way; integers read back as the same `Number`; none of our types serialises floats
/// or non-string keys), through the `Value` parser the crate has anyway.
pub fn to_value<T: Serialize + ?Sized>(v: &T) -> Result<Value, serde_json::Error> {
    serde_json::from_str(&serde_json::to_string(v)?)
}

/// `serde_json::to_string_pretty(v)`: the compact text re-indented as serde_json's
/// `PrettyFormatter` writes it (two spaces, `"key": value`, empty `[]` and `{}` on one line).
pub fn to_string_pretty<T: Serialize + ?Sized>(v: &T) -> Result<String, serde_json::Error> {
    Ok(indent(&serde_json::to_string(v)?))
}

/// Re-indents compact JSON text (no whitespace outside strings, as serde_json writes it).
fn indent(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() * 3 / 2);
    let mut depth = 0usize;
    let mut copied = 0; // bytes of `compact` already in `out`
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        // Structural bytes are ASCII, so every cut below is at a char boundary.
        let text = compact.get(copied..i).unwrap_or_default();
        match b {
            b'"' => {
                in_string = true;
                i += 1;
                continue;
            }
            b'{' | b'[' if matches!((b, bytes.get(i + 1)), (b'{', Some(b'}')) | (b'[', Some(b']'))) => {
                // An empty object or array stays `{}` / `[]`.
                i += 2;
                continue;
            }
            b'{' | b'[' => {
                out.push_str(text);
                out.push(b as char);
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                out.push_str(text);
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b as char);
            }
            b',' => {
                out.push_str(text);
                out.push(',');
                newline(&mut out, depth);
            }
            b':' => {
                out.push_str(text);
                out.push_str(": ");
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        copied = i;
    }
    out.push_str(compact.get(copied..).unwrap_or_default());
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_and_value_as_serde_json() {
        let docs = [
            r#"{"a":1,"b":[],"c":{},"d":[1,[2,{}],{"e":"x,y:{z}[\"q\"]\\"}],"f":null,"g":"é ✓","h":-3}"#,
            "[]",
            "{}",
            r#""just a string""#,
            "42",
            r#"[{"a":[{"b":{"c":[[]]}}]},true,false]"#,
        ];
        for doc in docs {
            let v: Value = serde_json::from_str(doc).unwrap();
            assert_eq!(to_string_pretty(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap(), "{doc}");
            assert_eq!(to_value(&v).unwrap(), serde_json::to_value(&v).unwrap(), "{doc}");
        }
        for fixture in ["prompt-injection-copilot", "scanning"] {
            let text = std::fs::read_to_string(format!("{}/tests/fixtures/{fixture}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let report = crate::parse_report(text.as_bytes()).unwrap().value;
            assert_eq!(to_string_pretty(&report).unwrap(), serde_json::to_string_pretty(&report).unwrap(), "{fixture}");
            assert_eq!(to_value(&report).unwrap(), serde_json::to_value(&report).unwrap(), "{fixture}");
        }
    }
}
