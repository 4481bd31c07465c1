//! Serialising through one serializer per type: [`to_string`], compact JSON text exactly as
//! `serde_json::to_string` writes it.
//!
//! `serde_json::to_value`, `to_string` and `to_string_pretty` each drive a different serializer,
//! so each compiles its own copy of a type's `Serialize` impl: for `Report` that was three copies
//! in the wasm (17.5 + 11.6 + ~13 KB raw). These go through [`to_string`] only (compact text,
//! the one copy the wasm API and the edge gate need anyway) and derive the rest from its text:
//! exactly the same results, for a little more work on paths that are not hot.
//!
//! [`to_string`] is this module's own serializer rather than serde_json's: serde_json's string
//! escaping calls `split_at` for every byte, which the size-optimised wasm does not inline, and
//! writing the report's strings was as slow as scanning them (a `redact` writes the report
//! twice: once to rewrite its strings, once for JavaScript). Strings go through the escaper the
//! redaction's rewrite uses, eight bytes at a time; floats (only validation's ratios) through
//! serde_json's own formatting. Tests compare the two writers on every fixture.

use serde::ser::{self, Error as _, Serialize};
use serde_json::{Error, Value};

/// `serde_json::to_value(v)`, as the compact text read back: the same value (maps are sorted
/// either way; integers read back as the same `Number`; none of our types serialises floats
/// or non-string keys), through the `Value` parser the crate has anyway.
pub fn to_value<T: Serialize + ?Sized>(v: &T) -> Result<Value, Error> {
    serde_json::from_str(&to_string(v)?)
}

/// `serde_json::to_string_pretty(v)`: the compact text re-indented as serde_json's
/// `PrettyFormatter` writes it (two spaces, `"key": value`, empty `[]` and `{}` on one line).
pub fn to_string_pretty<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    Ok(indent(&to_string(v)?))
}

/// `serde_json::to_string(v)`: compact JSON, the same bytes.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    // Only ASCII is added to the strings' own UTF-8: the check cannot fail.
    String::from_utf8(to_vec(v)?).map_err(Error::custom)
}

/// `serde_json::to_vec(v)`: compact JSON, the same bytes.
pub fn to_vec<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, Error> {
    let mut w = Compact { out: Vec::with_capacity(128) };
    v.serialize(&mut w)?;
    Ok(w.out)
}

/// The compact writer: serde_json's output rules (no whitespace; `null` for unit, `None` and
/// non-finite floats; enum variants as `"name"` or `{"name":...}`; integer and boolean map keys
/// quoted, other non-string keys an error).
struct Compact {
    out: Vec<u8>,
}

impl Compact {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn uint(&mut self, mut v: u128) {
        let mut digits = [0u8; 40];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.out.extend_from_slice(digits.get(at..).unwrap_or_default());
    }

    fn int(&mut self, v: i128) {
        if v < 0 {
            self.out.push(b'-');
        }
        self.uint(v.unsigned_abs());
    }

    /// `{"variant":` before a variant's content (closed by [`Compound::end`]).
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        push_json_string(&mut self.out, variant);
        self.out.push(b':');
    }

    /// Opens an array or an object (`bracket`), inside `{"variant":` for a variant's.
    fn open(&mut self, bracket: u8, variant: Option<&str>) -> Compound<'_> {
        if let Some(v) = variant {
            self.open_variant(v);
        }
        self.out.push(bracket);
        Compound { w: self, first: true, variant: variant.is_some() }
    }
}

/// A sequence, map or struct being written: whether an element was written yet, and whether
/// it is a variant's content (one more `}` to close).
struct Compound<'a> {
    w: &'a mut Compact,
    first: bool,
    variant: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.w.out.push(b',');
        }
    }

    fn end(self, close: u8) {
        self.w.out.push(close);
        if self.variant {
            self.w.out.push(b'}');
        }
    }
}

/// The `Serializer`'s integer methods, each widening its value for the one writer of its
/// sign (`Compact::int`, `Compact::uint`).
macro_rules! integers {
    ($($method:ident($t:ty) => $write:ident),* $(,)?) => {
        $(
            fn $method(self, v: $t) -> Result<(), Error> {
                self.$write(v.into());
                Ok(())
            }
        )*
    };
}

impl<'a> ser::Serializer for &'a mut Compact {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.raw(if v { "true" } else { "false" });
        Ok(())
    }
    integers! {
        serialize_i8(i8) => int,
        serialize_i16(i16) => int,
        serialize_i32(i32) => int,
        serialize_i64(i64) => int,
        serialize_i128(i128) => int,
        serialize_u8(u8) => uint,
        serialize_u16(u16) => uint,
        serialize_u32(u32) => uint,
        serialize_u64(u64) => uint,
        serialize_u128(u128) => uint,
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        // serde_json's own float formatting (shortest round trip), `null` when not finite.
        let text = serde_json::to_string(&v)?;
        self.raw(&text);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_json_string(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.raw("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _name: &'static str, _index: u32, variant: &'static str, value: &T) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'[', None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'[', Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'{', None))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'{', Some(variant)))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b']');
        Ok(())
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences: their traits forward to
/// [`ser::SerializeSeq`] (one line each rather than three copies of the same impl).
macro_rules! as_seq {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

as_seq!(SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // A key is written as a value, then must be a string; integers and booleans are
        // quoted, as serde_json quotes them.
        let at = self.w.out.len();
        key.serialize(&mut *self.w)?;
        match self.w.out.get(at) {
            Some(b'"') => {}
            Some(b'-' | b'0'..=b'9' | b't' | b'f') if !self.w.out.get(at..).unwrap_or_default().contains(&b'.') => {
                self.w.out.insert(at, b'"');
                self.w.out.push(b'"');
            }
            _ => return Err(Error::custom("key must be a string")),
        }
        self.w.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.comma();
        push_json_string(&mut self.w.out, key);
        self.w.out.push(b':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

/// Appends `s` as a JSON string, escaped byte for byte as serde_json escapes ([`push_escape`]).
/// serde_json looks every byte up in a table (~8 instructions a byte, 9 M for the strings of a
/// 1 MB redaction); here eight bytes at a time are ruled out ([`may_need_escape`]) and the runs
/// between escapes copied whole.
pub(crate) fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // Where the bytes not copied yet start. (Indices rather than `chunks(8)`: in the
    // size-optimised wasm the chunk iterator's `next` is a call per eight bytes.)
    let mut run = 0;
    let mut at = 0;
    while at < b.len() {
        let word = b.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
        if word.is_some_and(|w| !may_need_escape(u64::from_le_bytes(w))) {
            at += 8;
            continue;
        }
        // (A word that may need an escape, or the last, shorter one: byte by byte.)
        for _ in 0..8 {
            let Some(&c) = b.get(at) else { break };
            if needs_escape(c) {
                out.extend_from_slice(b.get(run..at).unwrap_or_default());
                push_escape(out, c);
                run = at + 1;
            }
            at += 1;
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

    /// [`to_string`] writes the bytes serde_json writes: every fixture as a report, its
    /// validation, its redaction and every export of it, and shapes our types do not use
    /// (every kind of enum variant, integer and boolean map keys, floats, chars, bytes).
    #[test]
    fn the_compact_writer_writes_what_serde_json_writes() {
        fn same<T: Serialize + ?Sized>(v: &T, what: &str) {
            assert_eq!(to_string(v).unwrap(), serde_json::to_string(v).unwrap(), "{what}");
        }
        let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut fixtures = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let what = path.display().to_string();
            same(&serde_json::from_str::<Value>(&text).unwrap(), &what);
            let Ok(parsed) = crate::parse_report(text.as_bytes()) else { continue };
            same(&parsed.value, &what);
            let profile = crate::Profile::default_profile();
            same(&crate::validate::validate(&parsed, &profile, crate::Options::default()), &what);
            let report = parsed.value;
            let policy = profile.redaction.clone();
            let options = crate::redact::RedactOptions { key: vec![7; 32], ..Default::default() };
            if let Ok(r) = crate::redact::redact(&report, &policy, &options) {
                same(&r, &what);
            }
            fixtures += 1;
        }
        assert!(fixtures >= 4, "{fixtures}");
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(i32, String),
            Struct { a: Option<bool>, b: f64 },
        }
        same(&[E::Unit, E::New(7), E::Tuple(-3, "x\"y".into()), E::Struct { a: None, b: 0.1 }, E::Struct { a: Some(true), b: f64::NAN }], "enums");
        let keys: std::collections::BTreeMap<i64, u128> = [(-1, u128::MAX), (0, 0), (42, 7)].into();
        same(&keys, "integer keys");
        same(&std::collections::BTreeMap::from([(true, 'é'), (false, '"')]), "boolean keys");
        same(&(1.5f32, -0.0f64, 1e300, i64::MIN, u64::MAX, (), Some(()), serde_bytes_like(&[0, 255])), "scalars");
        assert!(to_string(&std::collections::BTreeMap::from([(1.5f64.to_bits(), 1)])).is_ok());
        assert!(to_string(&std::collections::BTreeMap::from([((), 1)])).is_err());
    }

    /// A value serialised as bytes (`serialize_bytes`), as `serde_bytes` would.
    fn serde_bytes_like(b: &[u8]) -> impl Serialize + '_ {
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(b)
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

}
