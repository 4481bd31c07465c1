//! The compact crossing of the two large results, `scan`'s spans and `redact`'s redaction log:
//! numbers in one `u32` array, strings in a [`StringTable`], rebuilt into the same objects by
//! `js/results.js`. As JSON (see [`super::interop::to_js_via_json`]), a 1 MB paste's results
//! are 1.7 MB (scan) and 4.55 MB (redact, 3.45 MB of it the log) that serde_json writes — slowly
//! at the browser build's opt-level "z" — and `JSON.parse` reads back: most of either call.
//!
//! Browser build only (feature `widget`): the edge build is loaded by workerd, which lists its
//! modules by name (`edge/workerd.capnp`), so it must not import a JS snippet; there, and here
//! whenever a number does not fit in a `u32` (input limits make that impossible, but it must
//! not panic), results cross as JSON.

use wasm_bindgen::prelude::*;

use super::redact::JsDetection;
use crate::model::RedactionEntry;

// `catch`: an exception in the snippet comes back as an `Err` (thrown to the caller of `scan` or
// `redact`) rather than unwinding through the wasm frames, which would skip Rust's destructors.
#[wasm_bindgen(module = "/src/wasm/js/results.js")]
extern "C" {
    #[wasm_bindgen(js_name = scanSpans, catch)]
    fn scan_spans(numbers: &[u32], text: &str, ends: &[u32]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = placeRedactionLog, catch)]
    fn place_redaction_log(result: &JsValue, numbers: &[u32], text: &str, ends: &[u32], from: u32, to: u32) -> Result<(), JsValue>;
}

/// Strings, each repeated one crossing once: kinds, actions, paths and mask replacements repeat
/// across thousands of spans. The strings are written end to end into one `text` (one UTF-8
/// decoding in JS), `ends` holding where each ends in UTF-16 units (what JS slices by).
///
/// Repeats are found through a small direct-mapped cache (a string's FNV-1a hash picks a slot
/// remembering the last string that went there) rather than a `HashMap`: a collision only
/// writes a string twice, and the map's code cost ~1.5 KB of the size-bound wasm.
///
/// Each column of the results (a log entry's path, kind, action, ...) also remembers its last
/// string, compared before any hashing: consecutive entries mostly repeat them all (same field,
/// same kind), and hashing every path was ~3.5 % of a wasm `redact` of 1 MB.
struct StringTable<'a> {
    text: String,
    ends: Vec<u32>,
    slots: [Option<(&'a str, u32)>; 256],
    last: [Option<(&'a str, u32)>; COLUMNS],
}

/// How many string columns a result has at most (a log entry: path, kind, action, replacement,
/// by).
const COLUMNS: usize = 5;

impl Default for StringTable<'_> {
    fn default() -> Self {
        StringTable { text: String::new(), ends: Vec::new(), slots: [None; 256], last: [None; COLUMNS] }
    }
}

impl<'a> StringTable<'a> {
    /// The index of `s`, a string of `column`: the column's last string, or the string its slot
    /// remembers, or added.
    fn index_in(&mut self, column: usize, s: &'a str) -> Option<u32> {
        if let Some(&Some((seen, i))) = self.last.get(column) {
            if std::ptr::eq(seen, s) || seen == s {
                return Some(i);
            }
        }
        let i = self.index(s)?;
        *self.last.get_mut(column)? = Some((s, i));
        Some(i)
    }

    /// The index of `s` in the table, added if it is not the string its slot remembers.
    fn index(&mut self, s: &'a str) -> Option<u32> {
        let hash = s.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let slot = self.slots.get_mut(usize::from(hash.to_le_bytes()[0]))?;
        if let Some((seen, i)) = *slot {
            if seen == s {
                return Some(i);
            }
        }
        let i = u32::try_from(self.ends.len()).ok()?;
        let units = crate::redact::utf16_len(s);
        let end = self.ends.last().copied().unwrap_or(0).checked_add(u32::try_from(units).ok()?)?;
        self.text.push_str(s);
        self.ends.push(end);
        *slot = Some((s, i));
        Some(i)
    }
}

/// `[{ start, end, startUtf16, endUtf16, kind }]`, as the JSON crossing gives it; `None` when a
/// number does not fit in a `u32`.
pub fn spans_to_js(spans: &[JsDetection]) -> Result<Option<JsValue>, JsValue> {
    let Some((numbers, kinds)) = encode_spans(spans) else { return Ok(None) };
    scan_spans(&numbers, &kinds.text, &kinds.ends).map(Some)
}

/// Five numbers per span, the kind as a table index.
fn encode_spans(spans: &[JsDetection]) -> Option<(Vec<u32>, StringTable<'static>)> {
    let mut kinds = StringTable::default();
    let mut numbers = Vec::with_capacity(spans.len().checked_mul(5)?);
    for s in spans {
        for n in [s.start, s.end, s.start_utf16, s.end_utf16] {
            numbers.push(u32::try_from(n).ok()?);
        }
        numbers.push(kinds.index_in(0, s.kind)?);
    }
    Some((numbers, kinds))
}

/// A redaction log in the compact form, with where this run's entries are in it.
pub struct CompactLog {
    numbers: Vec<u32>,
    text: String,
    ends: Vec<u32>,
    this_run: (u32, u32),
}

/// The compact form of `log` (the report's whole redaction log), of which `this_run` is what
/// `redactions` lists; `None` when a number does not fit in a `u32`. Eleven numbers per entry,
/// in `RedactionEntry`'s field order, strings as table indices.
pub fn compact_log(log: &[RedactionEntry], this_run: std::ops::Range<usize>) -> Option<CompactLog> {
    let mut table = StringTable::default();
    let mut numbers = Vec::with_capacity(log.len().checked_mul(11)?);
    let n = |x: usize| u32::try_from(x).ok();
    for e in log {
        numbers.extend([
            table.index_in(0, &e.path)?,
            n(e.start)?,
            n(e.end)?,
            n(e.start_utf16)?,
            n(e.end_utf16)?,
            table.index_in(1, &e.kind)?,
            table.index_in(2, &e.action)?,
            table.index_in(3, &e.replacement)?,
            table.index_in(4, &e.by)?,
            n(e.out_start)?,
            n(e.out_end)?,
        ]);
    }
    let this_run = (n(this_run.start)?, n(this_run.end)?);
    Some(CompactLog { numbers, text: table.text, ends: table.ends, this_run })
}

impl CompactLog {
    /// Sets `result.report.redaction.log` (left out of `result`'s JSON) to the log's entries, and
    /// `result.redactions` to this run's (the same objects).
    ///
    /// A JS exception is passed on, not taken as a reason to fall back to JSON: it can only be a
    /// bug of `js/results.js`, which `tests/wasm` would then see.
    pub fn place(&self, result: &JsValue) -> Result<(), JsValue> {
        let (from, to) = self.this_run;
        place_redaction_log(result, &self.numbers, &self.text, &self.ends, from, to)
    }
}
