//! Redaction: personal data and secrets never leave the browser, indicators survive intact.
//!
//! Under the Cybersecurity Information Sharing Act of 2015 a shared cyber threat indicator must
//! have personal information not directly related to the threat removed, and secrets must never
//! be shared; the indicators are the point of the report and are kept exactly.
//!
//! - [`detectors`]: the detectors as a table (kind, pattern, validator, context words);
//! - [`scan`](fn@scan): one pass of one combined automaton over a text;
//! - [`policy`]: field-aware decisions (indicator fields keep indicators, free text loses
//!   personal data, secrets, private addresses and internal hosts), part of a profile;
//! - [`redact`]: applies the decisions (`mask`, keyed `hash`, `remove`) to every string of a
//!   report and logs every span without its value; [`residual`] re-scans a redacted report as
//!   the edge validator does.

pub mod policy;
mod rewrite;

pub use tearsheet_detect::{detectors, ready, scan, Action, Detection};
#[cfg(not(target_arch = "wasm32"))]
pub use tearsheet_detect::{limit_threads, scan_on_threads};

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

use crate::error::Error;
use crate::finding::Finding;
use crate::indicator::refang;
use crate::model::{RedactionEntry, RedactionRecord, Report, ToNode};
use crate::pointer::{self, matches_prefix};

pub use policy::{By, Decision, FieldPolicy, PathRule, RedactionPolicy};

/// A span of a field chosen by the user: byte offsets into the original field value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SpanRef {
    /// JSON pointer of the field.
    pub path: String,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
}

/// Options of [`redact`].
#[derive(Debug, Clone, Default)]
pub struct RedactOptions {
    /// HMAC key for `hash`; it never appears in the output and cannot be derived from it.
    pub key: Vec<u8>,
    /// Overrides the action of every span the policy redacts.
    pub action: Option<Action>,
    /// Flagged spans the user chose to keep (logged as kept by the user).
    pub keep: Vec<SpanRef>,
    /// Text the user selected to redact by hand (kind `user.selection`).
    pub extra: Vec<SpanRef>,
}

/// The redacted report and what was done.
///
/// This run's log is not a second copy of its entries: they are kept once, as the tail of
/// `report.redaction.log`, and [`Redacted::log`] is that tail. (A copy of every entry of a 1 MB
/// paste, ~15 000 path and replacement strings, allocated and dropped, was 11 % of what
/// `redact` cost beyond the scan.)
#[derive(Debug, Clone, PartialEq)]
pub struct Redacted {
    /// The report, with `redaction` set.
    pub report: Report,
    /// How many entries the log had before this run: where this run's tail starts.
    earlier: usize,
    /// This run's log when it is not the tail: a span an earlier run recorded already (a second
    /// run re-finds what was kept) is not recorded again, but is listed. Rare, and small.
    listed: Option<Vec<RedactionEntry>>,
}

impl Redacted {
    /// The spans of this run, in order (also in `report.redaction.log`).
    pub fn log(&self) -> &[RedactionEntry] {
        match &self.listed {
            Some(listed) => listed,
            None => self.report.redaction.as_ref().and_then(|r| r.log.get(self.earlier..)).unwrap_or_default(),
        }
    }

    /// Where this run's log stands in `report.redaction.log` when it is that log's tail (every
    /// span of this run was appended, the usual case): callers that hand out both lists can
    /// then share the entries instead of encoding them twice.
    pub fn log_in_report(&self) -> Option<std::ops::Range<usize>> {
        let all = self.report.redaction.as_ref().map_or(0, |r| r.log.len());
        (self.listed.is_none() && self.earlier <= all).then_some(self.earlier..all)
    }
}

/// `{ report, log }`, the log as the list of this run's entries.
impl Serialize for Redacted {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Redacted", 2)?;
        st.serialize_field("report", &self.report)?;
        st.serialize_field("log", self.log())?;
        st.end()
    }
}

/// UTF-16 offsets (what JavaScript strings are indexed by) of byte positions of one text, asked
/// for in increasing order: each call counts only the text since the previous one. Shared by
/// the redaction log and the wasm `scan`.
pub struct Utf16Offsets<'t> {
    text: &'t str,
    at: usize,
    units: usize,
    /// Bytes `at..ascii_end` are ASCII, one unit each: an offset up to there is the previous
    /// one plus the byte distance, nothing counted. Spans are ~70 bytes apart in a paste, and
    /// setting up a count for each was ~75 instructions (8.7 M of a 1 MB redaction); the ASCII
    /// runs are found once, 64 bytes at a time ([`ascii_run_end`]).
    ascii_end: usize,
}

impl<'t> Utf16Offsets<'t> {
    /// Offsets into `text`, counted from its start.
    pub fn new(text: &'t str) -> Utf16Offsets<'t> {
        Utf16Offsets { text, at: 0, units: 0, ascii_end: 0 }
    }

    /// The UTF-16 offset of byte position `pos`, a char boundary not before the previous one.
    pub fn of(&mut self, pos: usize) -> usize {
        if self.at <= pos && pos <= self.ascii_end {
            self.units += pos - self.at;
        } else {
            self.units += utf16_len(self.text.get(self.at..pos).unwrap_or(""));
            self.ascii_end = ascii_run_end(self.text.as_bytes(), pos);
        }
        self.at = pos;
        self.units
    }
}

/// Where the run of ASCII bytes of `b` that starts at `from` ends: the first byte from there
/// that is not ASCII, or the end (`from` itself when it is past the end). Blocks of 64 bytes are
/// ruled out by `is_ascii`, which reads words; the one with the end is looked at byte by byte.
fn ascii_run_end(b: &[u8], from: usize) -> usize {
    let mut end = from;
    for block in b.get(from..).unwrap_or_default().chunks(64) {
        if !block.is_ascii() {
            return end + block.iter().take_while(|b| b.is_ascii()).count();
        }
        end += block.len();
    }
    end
}

/// The length of `s` in UTF-16 code units, counted on its bytes without decoding: one unit per
/// character (each byte that does not continue a UTF-8 sequence) and one more per four-byte
/// sequence (a surrogate pair). `encode_utf16().count()` decoded every character, ~7 % of a
/// wasm `scan` of mixed text; a byte at a time the count was still ~7 instructions a byte, 7 M
/// of a native redaction of 1 MB, so eight bytes are counted at once ([`utf16_units_of_8`]).
pub(crate) fn utf16_len(s: &str) -> usize {
    // Per-byte counts (0 to 2) add up in the lanes of one word for at most 127 words.
    const WORDS: usize = 127;
    let mut units = 0;
    for block in s.as_bytes().chunks(8 * WORDS) {
        let mut words = block.chunks_exact(8);
        let lanes = words.by_ref().fold(0u64, |acc, w| acc + utf16_units_of_8(u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default())));
        units += sum_of_lanes(lanes) + words.remainder().iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum::<usize>();
    }
    units
}

/// The UTF-16 units of eight UTF-8 bytes (one a lane), as the lanes of a word: 1 for a byte that
/// starts a character, 2 for one that starts a four-byte sequence, 0 for a continuation byte.
/// (Bit `b` of the word shifted left by `k` is bit `b - k` of the same byte, for the top bit.)
fn utf16_units_of_8(w: u64) -> u64 {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let continuation = w & !(w << 1) & TOP;
    let four_byte_lead = w & (w << 1) & (w << 2) & (w << 3) & TOP;
    ((TOP & !continuation) >> 7) + (four_byte_lead >> 7)
}

/// The sum of the eight byte lanes of `w`, each at most 255.
fn sum_of_lanes(w: u64) -> usize {
    const LOW_BYTES: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (w & LOW_BYTES) + ((w >> 8) & LOW_BYTES);
    // Four 16-bit lanes of at most 510: their sum lands in the top lane.
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// Kind of spans the user selected by hand.
pub const USER_SELECTION: &str = "user.selection";

/// The keyed pseudonym of a value: first 32 bits of HMAC-SHA-256(key, kind ∥ 0 ∥ value), value
/// refanged and lower-cased for names that are case-insensitive.
fn pseudonym(key: &[u8], kind: &str, value: &str) -> Result<[u8; 4], Error> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| Error::new("invalid-argument", "the hash key is not usable"))?;
    mac.update(kind.as_bytes());
    mac.update(&[0]);
    let normalised = if kind.ends_with("email") || kind.ends_with("domain") || kind.ends_with("url") { refang(value).to_lowercase().into() } else { std::borrow::Cow::Borrowed(value) };
    mac.update(normalised.as_bytes());
    let tag = mac.finalize().into_bytes();
    let mut first = [0u8; 4];
    for (f, t) in first.iter_mut().zip(tag.iter()) {
        *f = *t;
    }
    Ok(first)
}

/// Appends `bytes` as lower-case hex.
fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
}

/// Appends what replaces `value` (a span of `kind`) to `out`, the redacted field so far; `after`
/// is the character that follows the span. Written in place rather than through `format!` and
/// a `String` per span: a 1 MB paste has ~15 000 spans, and the formatting machinery cost more
/// than the text it wrote.
fn push_replacement(out: &mut String, action: Action, kind: &str, value: &str, key: &[u8], after: Option<char>) -> Result<(), Error> {
    match action {
        Action::Mask => {
            out.push_str("[REDACTED:");
            out.push_str(kind);
            out.push(']');
        }
        Action::Hash => {
            if key.is_empty() {
                return Err(Error::new("invalid-argument", "the `hash` action needs a key (options.key)"));
            }
            let tag = pseudonym(key, kind, value)?;
            out.push('[');
            out.push_str(kind);
            out.push(':');
            push_hex(out, &tag);
            out.push(']');
        }
        Action::Remove => {
            // Never glue two words together into something new.
            let before = out.chars().next_back();
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
                out.push(' ');
            }
        }
        Action::Keep => out.push_str(value),
    }
    Ok(())
}

/// A span to act on in one field.
struct Span {
    start: usize,
    end: usize,
    kind: &'static str,
    action: Action,
    by: By,
    logged: bool,
}

/// At most how much longer than the field its redacted copy is: a mask or a pseudonym is
/// `kind.len() + 11` bytes, what `remove` leaves is shorter, a kept span stays. The copy is
/// allocated once at its final size (a 64 KB paste outgrew its own length and was copied).
fn growth(spans: &[Span]) -> usize {
    spans.iter().filter(|s| s.action != Action::Keep).map(|s| (s.kind.len() + 11).saturating_sub(s.end.saturating_sub(s.start))).sum()
}

fn is_skipped(path: &str) -> bool {
    policy::NOT_SCANNED.iter().any(|p| matches_prefix(p, path))
}

fn field_kind(path: &str) -> Option<&'static str> {
    policy::FIELD_KINDS.iter().find(|(p, _)| *p == path).map(|(_, k)| *k)
}

/// Detections of one field as the policy sees it: the whole value for fields that are one
/// kind of personal data, the scanner's spans otherwise.
fn field_detections(path: &str, text: &str) -> Vec<Detection> {
    match field_kind(path) {
        Some(_) if text.trim().is_empty() || detectors::is_marker(text) => Vec::new(),
        Some(kind) => vec![Detection { start: 0, end: text.len(), kind }],
        None => scan(text),
    }
}

/// The scans of a report's fields, done before the fields are reached: natively, when the fields
/// are long enough together, all at once on a thread per core (`scan_each`: a report's pastes,
/// 64 KB each, are too short to be cut in parts, but many); otherwise none, and each field is
/// scanned when it is reached. Keyed by pointer: a field not there (or with another text) is
/// scanned then, so the scans can only save work, never change a result. In wasm (no threads)
/// an empty shell, so that none of it is compiled in (its map was 2.4 KB gzipped).
struct Scans<'r> {
    #[cfg(not(target_arch = "wasm32"))]
    by_path: BTreeMap<String, (&'r str, Vec<Detection>)>,
    #[cfg(target_arch = "wasm32")]
    report: std::marker::PhantomData<&'r Report>,
}

impl<'r> Scans<'r> {
    #[cfg(not(target_arch = "wasm32"))]
    fn of(report: &'r Report) -> Scans<'r> {
        // The fields' length first, with nothing kept: most reports are far too short for
        // threads, and every redaction and residual scan comes through here.
        // (The fields `field_detections` scans.)
        let each_field = |f: &mut dyn FnMut(&str, &'r str)| {
            pointer::each_string(report.node(), &is_skipped, &mut |path, text| {
                if field_kind(path).is_none() {
                    f(path, text);
                }
            });
        };
        let mut total = 0;
        each_field(&mut |_, text| total += text.len());
        if !tearsheet_detect::on_threads(total) {
            return Scans { by_path: BTreeMap::new() };
        }
        let mut fields: Vec<(String, &'r str)> = Vec::new();
        each_field(&mut |path, text| fields.push((path.to_string(), text)));
        let texts: Vec<&str> = fields.iter().map(|(_, t)| *t).collect();
        let found = tearsheet_detect::scan_each(&texts);
        Scans { by_path: fields.into_iter().zip(found).map(|((path, text), d)| (path, (text, d))).collect() }
    }

    #[cfg(target_arch = "wasm32")]
    fn of(_: &'r Report) -> Scans<'r> {
        Scans { report: std::marker::PhantomData }
    }

    /// [`field_detections`] of one field.
    fn field(&mut self, path: &str, text: &str) -> Vec<Detection> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some((scanned, found)) = self.by_path.remove(path) {
            if scanned == text {
                return found;
            }
        }
        field_detections(path, text)
    }
}

fn check_span(r: &SpanRef, text: &str, what: &str) -> Result<(), Error> {
    if r.start > r.end || r.end > text.len() || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
        return Err(Error::new("invalid-argument", format!("{what} span {}..{} is not a range of character boundaries in the field", r.start, r.end)).at_path(r.path.clone()));
    }
    Ok(())
}

/// Redacts every string of a report under a policy. Indicator fields keep indicators; free
/// text loses personal data, secrets, private addresses and internal hosts; the log records
/// every span (path, byte and UTF-16 offsets, kind, action, replacement, who decided), never a
/// value. Running it again on its output changes nothing.
pub fn redact(report: &Report, policy: &RedactionPolicy, options: &RedactOptions) -> Result<Redacted, Error> {
    rewrite_report(report, policy, options)?.typed()
}

/// What [`redact`] works out before the report is typed again, shared with [`redact_text`]:
/// the report's compact JSON text with its strings rewritten, and the log.
struct Rewrite {
    /// The report's compact text, strings rewritten; its old `redaction` member as it was.
    json: Vec<u8>,
    /// Where that member is in `json`.
    record: Option<std::ops::Range<usize>>,
    /// The report's whole log: the earlier runs' entries, then this run's.
    all: Vec<RedactionEntry>,
    /// How many entries were the earlier runs'.
    earlier: usize,
    /// Where each span of this run is in `all`, when some span was recorded already (see
    /// [`Redacted`]).
    run: Option<Vec<usize>>,
    /// Typed again, the text writes itself unchanged: no string was emptied (an empty text
    /// member is left out when written) and every rewritten string is within the parser's
    /// limit.
    same_text: bool,
    unredacted_export: bool,
}

impl Rewrite {
    /// The redacted report, typed: the text parsed back by the report parser, the new record set.
    fn typed(self) -> Result<Redacted, Error> {
        let mut redacted: Report = crate::input::parse_json::<Report>(&self.json, "report")?.value;
        let listed = self.run.map(|run| run.iter().filter_map(|&i| self.all.get(i).cloned()).collect());
        redacted.redaction = Some(RedactionRecord { applied: true, log: self.all, unredacted_export: self.unredacted_export });
        Ok(Redacted { report: redacted, earlier: self.earlier, listed })
    }
}

/// [`redact`]'s result with the report left as compact JSON text, for a caller that only writes
/// it out (the wasm `redact`, whose result crosses to JS as text): the text [`redact`] rewrites
/// is the redacted report's own but for the record, so the record is put in its place instead of
/// the text being parsed into a report and written out again (two passes over every byte, a
/// fifth of what the wasm `redact` cost beyond the scan).
#[derive(Debug, Clone, PartialEq)]
pub struct RedactedText {
    /// The redacted report as [`crate::ser::to_string`] writes it, its redaction log left out.
    pub report: String,
    /// The report's redaction log (`report.redaction.log`): the earlier runs', then this run's.
    pub log: Vec<RedactionEntry>,
    /// This run's spans: the tail of `log`.
    pub this_run: std::ops::Range<usize>,
}

impl RedactedText {
    /// The same result typed, as [`redact`] gives it: the text parsed, the log put back.
    pub fn typed(self) -> Result<Redacted, Error> {
        let mut report: Report = crate::input::parse_json::<Report>(self.report.as_bytes(), "report")?.value;
        report.redaction.get_or_insert_with(RedactionRecord::default).log = self.log;
        Ok(Redacted { report, earlier: self.this_run.start, listed: None })
    }
}

/// [`redact`], the report left as text ([`RedactedText`]) when the text is exactly what writing
/// the typed result would give; the typed result otherwise (`Err`): a string emptied (the
/// member would be left out), a string over the parser's limit, a span an earlier run recorded
/// (this run's log is then not the tail), or an old record not where the model writes it.
pub fn redact_text(report: &Report, policy: &RedactionPolicy, options: &RedactOptions) -> Result<Result<RedactedText, Box<Redacted>>, Error> {
    let r = rewrite_report(report, policy, options)?;
    if r.same_text && r.run.is_none() && r.json.len() <= crate::limits::MAX_INPUT_BYTES && r.record.is_some() == report.redaction.is_some() {
        if let Some(text) = with_record(&r.json, r.record.clone(), r.unredacted_export) {
            return Ok(Ok(RedactedText { report: text, this_run: r.earlier..r.all.len(), log: r.all }));
        }
    }
    r.typed().map(|typed| Err(Box::new(typed)))
}

/// `json` (a report's compact text) with its `redaction` member (at `old` in it, if it has one)
/// replaced by a record of an applied redaction with no log; `None` unless the member is the
/// text's last, where the model writes it.
fn with_record(json: &[u8], old: Option<std::ops::Range<usize>>, unredacted_export: bool) -> Option<String> {
    let json = std::str::from_utf8(json).ok()?;
    let last = json.len().checked_sub(1).filter(|&i| json.as_bytes().get(i) == Some(&b'}'))?;
    let body = match old {
        Some(member) if member.end == last => json.get(..member.start)?,
        Some(_) => return None,
        None => json.get(..last)?,
    };
    let body = body.strip_suffix(',').unwrap_or(body);
    let record = crate::ser::to_string(&RedactionRecord { applied: true, log: Vec::new(), unredacted_export }).ok()?;
    let comma = if body == "{" { "" } else { "," };
    Some(format!("{body}{comma}\"redaction\":{record}}}"))
}

/// [`redact`] up to the rewritten text (see [`Rewrite`]).
fn rewrite_report(report: &Report, policy: &RedactionPolicy, options: &RedactOptions) -> Result<Rewrite, Error> {
    if !ready() {
        return Err(Error::new("invalid-argument", "the redaction scanner is unavailable"));
    }
    if options.action == Some(Action::Keep) {
        return Err(Error::new("invalid-argument", "options.action must be mask, hash or remove; keep spans one by one with options.keep"));
    }
    // The report's compact text, its string values rewritten (the log is not scanned: it is
    // rebuilt below), parsed back by the report parser (text in, typed out) rather than
    // through a `Value` (see `rewrite`).
    let json = crate::ser::to_string(report).map_err(|e| Error::new("input-not-a-report", format!("cannot read the report: {e}")))?;
    let org = &report.reporter.organization_domain;
    let mut by_path: BTreeMap<&str, (Vec<&SpanRef>, Vec<&SpanRef>)> = BTreeMap::new();
    for r in &options.keep {
        by_path.entry(r.path.as_str()).or_default().0.push(r);
    }
    for r in &options.extra {
        by_path.entry(r.path.as_str()).or_default().1.push(r);
    }
    let mut seen_paths: Vec<String> = Vec::new();
    // The report's log, this run's entries appended as they are made (see `Redacted`).
    let earlier: &[RedactionEntry] = report.redaction.as_ref().map_or(&[], |r| r.log.as_slice());
    let mut all: Vec<RedactionEntry> = earlier.to_vec();
    // Where each span of this run is in `all`, kept only once a span is found recorded already
    // (see `Redacted`).
    let mut run: Option<Vec<usize>> = None;
    // The report's own strings, read through its view (the JSON text was written from them).
    let held = |path: &str| pointer::get(report.node(), path).and_then(pointer::Tree::as_str);
    let mut scans = Scans::of(report);
    let mut same_text = true;
    let rewritten = rewrite::rewrite_strings(&json, "/redaction", held, |path, text| {
        let (keeps, extras) = by_path.get(path).map_or((&[][..], &[][..]), |(k, e)| (k.as_slice(), e.as_slice()));
        if !keeps.is_empty() || !extras.is_empty() {
            seen_paths.push(path.to_string());
        }
        if is_skipped(path) {
            return Ok(None);
        }
        for r in keeps.iter().chain(extras.iter()) {
            check_span(r, text, "a")?;
        }
        let found = scans.field(path, text);
        let mut spans: Vec<Span> = Vec::with_capacity(found.len() + extras.len());
        // The path's share of the policy, worked out at the field's first detection.
        let mut field_policy = None;
        for d in found {
            let field_policy = field_policy.get_or_insert_with(|| policy.for_field(path));
            let value = text.get(d.start..d.end).unwrap_or("");
            let dec = field_policy.decide(d.kind, value, org);
            let user_keep = keeps.iter().any(|k| k.start < d.end && d.start < k.end || (k.start == d.start && k.end == d.end));
            let (action, by, logged) = if user_keep {
                (Action::Keep, By::User, true)
            } else if dec.action != Action::Keep {
                (options.action.unwrap_or(dec.action), dec.by, true)
            } else {
                (Action::Keep, dec.by, dec.logged)
            };
            spans.push(Span { start: d.start, end: d.end, kind: dec.kind, action, by, logged });
        }
        for r in extras {
            if r.start == r.end {
                continue;
            }
            let action = options.action.unwrap_or(policy.default_action());
            spans.push(Span { start: r.start, end: r.end, kind: USER_SELECTION, action, by: By::User, logged: true });
        }
        crate::sort::sort_by_key(&mut spans, |s| (s.start, std::cmp::Reverse(s.end)));
        // A hand selection overlapping a detection: the union goes, as the user's selection.
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start < last.end => {
                    if s.action != Action::Keep && (last.action == Action::Keep || s.kind == USER_SELECTION) {
                        last.kind = if s.kind == USER_SELECTION || last.kind == USER_SELECTION { USER_SELECTION } else { last.kind };
                        last.action = s.action;
                        last.by = s.by;
                        last.logged = true;
                    }
                    last.end = last.end.max(s.end);
                }
                _ => merged.push(s),
            }
        }
        if merged.is_empty() {
            return Ok(None);
        }
        let mut out = String::with_capacity(text.len() + growth(&merged));
        let mut at = 0usize;
        let mut utf16 = Utf16Offsets::new(text);
        for s in &merged {
            let original = text.get(s.start..s.end).unwrap_or("");
            out.push_str(text.get(at..s.start).unwrap_or(""));
            let after = text.get(s.end..).and_then(|t| t.chars().next());
            let out_start = out.len();
            push_replacement(&mut out, s.action, s.kind, original, &options.key, after)?;
            let (start_utf16, end_utf16) = (utf16.of(s.start), utf16.of(s.end));
            if s.logged {
                let entry = RedactionEntry {
                    path: path.to_string(),
                    start: s.start,
                    end: s.end,
                    start_utf16,
                    end_utf16,
                    kind: s.kind.into(),
                    action: s.action.as_str().into(),
                    replacement: if s.action == Action::Keep { String::new() } else { out.get(out_start..).unwrap_or("").to_string() },
                    by: s.by.as_str().into(),
                    out_start,
                    out_end: out.len(),
                };
                // A second run over redacted text re-finds only what was kept: recorded once.
                // (Compared with the earlier runs' entries only, which are few or none: no
                // quadratic work.)
                match earlier.iter().position(|e| *e == entry) {
                    Some(i) => run.get_or_insert_with(|| (earlier.len()..all.len()).collect()).push(i),
                    None => {
                        if let Some(run) = &mut run {
                            run.push(all.len());
                        }
                        all.push(entry);
                    }
                }
            }
            at = s.end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        same_text &= !out.is_empty() && within_string_limit(&out);
        Ok((out != text).then_some(out))
    })?;
    for r in options.keep.iter().chain(options.extra.iter()) {
        if !seen_paths.contains(&r.path) {
            return Err(Error::new("invalid-argument", format!("no text field at {}", r.path)).at_path(r.path.clone()));
        }
    }
    Ok(Rewrite { json: rewritten.json, record: rewritten.skipped, earlier: earlier.len(), all, run, same_text, unredacted_export: report.redaction.as_ref().is_some_and(|r| r.unredacted_export) })
}

/// Whether `text`, written as a JSON string, is within the parser's limit on a string
/// (`MAX_STRING_BYTES`, counted escaped): an escape is at most six bytes, so only a string over
/// a sixth of the limit is written out to be measured.
fn within_string_limit(text: &str) -> bool {
    let limit = crate::limits::MAX_STRING_BYTES;
    if text.len() <= limit / 6 {
        return true;
    }
    let mut escaped = Vec::with_capacity(text.len() + 2);
    crate::ser::push_json_string(&mut escaped, text);
    escaped.len() <= limit + 2
}

fn recorded_keep(log: &[RedactionEntry], path: &str, kind: &str, d: &Detection) -> bool {
    log.iter().any(|e| e.path == path && e.action == "keep" && e.kind == kind && ((e.out_start == d.start && e.out_end == d.end) || (e.out_end == 0 && e.start == d.start && e.end == d.end)))
}

fn residual_finding(path: &str, kind: &str, d: &Detection) -> Finding {
    Finding::new("redaction-residual", path, format!("{kind} at bytes {}..{} would be redacted under the policy: redact the report before sharing it", d.start, d.end))
}

/// Re-scans a (redacted) report as the edge validator does: one `redaction-residual` finding
/// per span the policy would still redact, naming path and kind and never the value. Spans the
/// report's own log records as kept are not residual when the policy honours recorded keeps.
pub fn residual(report: &Report, policy: &RedactionPolicy) -> Vec<Finding> {
    let log: &[RedactionEntry] = report.redaction.as_ref().map_or(&[], |r| r.log.as_slice());
    let honour = policy.honours_keeps();
    let mut out = Vec::new();
    let mut scans = Scans::of(report);
    pointer::each_string(report.node(), &is_skipped, &mut |path, text| {
        let found = scans.field(path, text);
        if found.is_empty() {
            return;
        }
        let field_policy = policy.for_field(path);
        for d in found {
            let dec = field_policy.decide(d.kind, text.get(d.start..d.end).unwrap_or(""), &report.reporter.organization_domain);
            if dec.action != Action::Keep && !(honour && recorded_keep(log, path, dec.kind, &d)) {
                out.push(residual_finding(path, dec.kind, &d));
            }
        }
    });
    out
}

/// STIX Cyber-observable types whose `value` is an indicator.
const STIX_VALUE_OBJECTS: &[&str] = &["ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "mac-addr", "autonomous-system", "file"];

/// Whether a string of a STIX bundle holds indicators: it lies under a `pattern` or `hashes`
/// member, or under the `value` or `name` of a cyber-observable whose value is an indicator.
fn holds_indicators(root: &Value, path: &str) -> bool {
    let mut parent_end = 0;
    for token in path.split('/').skip(1) {
        let parent = &path[..parent_end];
        parent_end += 1 + token.len();
        let indicator = match token {
            "pattern" | "hashes" => true,
            "value" | "name" => pointer::get(root, parent)
                .and_then(|o| o.get("type"))
                .and_then(Value::as_str)
                .is_some_and(|t| STIX_VALUE_OBJECTS.contains(&t)),
            _ => false,
        };
        if indicator {
            return true;
        }
    }
    false
}

/// [`residual`] for arbitrary JSON (a STIX bundle, a MISP event): every string is free text
/// except STIX `pattern`s, observable `value`s and `hashes`, which hold indicators.
pub fn residual_in_json(value: &Value, policy: &RedactionPolicy) -> Vec<Finding> {
    let mut out = Vec::new();
    pointer::each_string(value, &|_| false, &mut |path, text| {
        let found = scan(text);
        if found.is_empty() {
            return;
        }
        let indicator = holds_indicators(value, path);
        let field_policy = policy.for_field(path);
        for d in found {
            let mut dec = field_policy.decide(d.kind, text.get(d.start..d.end).unwrap_or(""), "");
            if indicator {
                let kind = if d.kind == "pii.email" { "ioc.email" } else { d.kind };
                let secret = kind.starts_with("secret.");
                dec = Decision { kind, action: if secret { policy.default_action() } else { Action::Keep }, by: By::Detector, logged: secret };
            }
            if dec.action != Action::Keep {
                out.push(residual_finding(path, dec.kind, &d));
            }
        }
    });
    out
}

/// The labelled corpus generator, for texts long enough to be scanned on threads.
#[cfg(test)]
#[path = "../../tests/support/corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, PromptExchange};

    /// A report long enough for its fields to be scanned at once on threads ([`Scans`]) redacts
    /// each field as a report holding that field alone does (scanned when reached), logs the
    /// same spans, and its residual scan finds the same.
    #[test]
    fn fields_scanned_on_threads_as_alone() {
        let text = corpus::mixed_text(700_000);
        let pastes = corpus::pastes(&text, 64 * 1024);
        let report_of = |keep: &dyn Fn(usize) -> bool| {
            let mut r = Report::default();
            r.technical.prompts = pastes.iter().enumerate().map(|(i, p)| PromptExchange { prompt: if keep(i) { p.to_string() } else { String::new() }, ..Default::default() }).collect();
            r
        };
        let whole = report_of(&|_| true);
        assert!(pastes.len() > 8);
        let (policy, options) = (RedactionPolicy::default(), RedactOptions { key: b"test key".to_vec(), ..Default::default() });
        let all = redact(&whole, &policy, &options).unwrap();
        let residual_all = residual(&whole, &policy);
        assert!(all.log().len() > 5000 && residual_all.len() > 5000);
        for i in 0..pastes.len() {
            let alone = report_of(&|j| j == i);
            let one = redact(&alone, &policy, &options).unwrap();
            assert_eq!(one.report.technical.prompts[i].prompt, all.report.technical.prompts[i].prompt, "paste {i}");
            let path = format!("/technical/prompts/{i}/prompt");
            let of = |log: &[RedactionEntry]| log.iter().filter(|e| e.path == path).cloned().collect::<Vec<_>>();
            assert_eq!(of(one.log()), of(all.log()), "paste {i}");
            let findings = |f: Vec<Finding>| f.into_iter().filter(|f| f.path == path).collect::<Vec<_>>();
            assert_eq!(findings(residual(&alone, &policy)), findings(residual_all.clone()), "paste {i}");
        }
    }

    /// `redact_text` gives what writing `redact`'s report gives (its log left out, and the log
    /// apart), or `redact`'s result itself where it declines: every fixture under each action,
    /// with a user's keep and extra span, a second run over its own output, a 700 KB report of
    /// pastes, and reports where a string is emptied, with no record, or an empty one.
    #[test]
    fn redact_text_as_redact_written_out() {
        let check = |report: &Report, options: &RedactOptions| -> bool {
            let policy = RedactionPolicy::default();
            let typed = redact(report, &policy, options).unwrap();
            match redact_text(report, &policy, options).unwrap() {
                Ok(text) => {
                    let mut without_log = typed.report.clone();
                    let log = std::mem::take(&mut without_log.redaction.as_mut().unwrap().log);
                    assert_eq!(text.report, crate::ser::to_string(&without_log).unwrap());
                    assert_eq!(text.log, log);
                    assert_eq!(Some(text.this_run.clone()), typed.log_in_report());
                    assert_eq!(text.typed().unwrap(), typed);
                    true
                }
                Err(declined) => {
                    assert_eq!(*declined, typed);
                    false
                }
            }
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let reports: Vec<Report> = std::fs::read_dir(dir).unwrap().filter_map(|e| crate::input::parse_report(&std::fs::read(e.unwrap().path()).ok()?).ok()).map(|p| p.value).collect();
        assert!(reports.len() >= 4);
        // 700 KB of pastes (scanned on threads natively), hashed.
        let text = corpus::mixed_text(700_000);
        let mut pastes = Report::default();
        pastes.technical.prompts = corpus::pastes(&text, 64 * 1024).iter().map(|p| PromptExchange { prompt: p.to_string(), ..Default::default() }).collect();
        assert!(check(&pastes, &RedactOptions { key: b"test key".to_vec(), action: Some(Action::Hash), ..Default::default() }));
        let (mut as_text, mut cases) = (0, 0);
        for report in &reports {
            for action in [None, Some(Action::Mask), Some(Action::Hash), Some(Action::Remove)] {
                let options = RedactOptions { key: b"test key".to_vec(), action, ..Default::default() };
                as_text += usize::from(check(report, &options));
                cases += 1;
                // A second run over the output re-finds the indicators the first one kept and
                // recorded (declined: this run's log is not the tail).
                let once = redact(report, &RedactionPolicy::default(), &options).unwrap().report;
                check(&once, &options);
            }
        }
        // First runs leave the report as text but where `remove` empties a field (two
        // fixtures): the comparisons above are mostly of the text path.
        assert!(as_text + 2 >= cases, "{as_text} of {cases}");
        // A user's keep and extra span in the summary.
        let mut r = Report { summary: "mail jane.doe@acme-corp.com or call 555-867-5309 now".into(), title: "t".into(), ..Default::default() };
        let spans = |start, end| vec![SpanRef { path: "/summary".into(), start, end }];
        assert!(check(&r, &RedactOptions { keep: spans(5, 27), extra: spans(44, 48), ..Default::default() }));
        // An emptied string is left out when the typed report is written: declined.
        r.title = "jane.doe@acme-corp.com".into();
        assert!(!check(&r, &RedactOptions { action: Some(Action::Remove), ..Default::default() }));
        assert!(check(&r, &RedactOptions { action: Some(Action::Mask), ..Default::default() }));
        // A report with nothing but a record, and one with an empty record.
        let bare = Report { redaction: Some(RedactionRecord { applied: true, ..Default::default() }), ..Default::default() };
        assert!(check(&bare, &RedactOptions::default()));
        assert!(check(&Report { redaction: Some(RedactionRecord::default()), ..Default::default() }, &RedactOptions::default()));
        assert!(check(&Report::default(), &RedactOptions::default()));
        // A string that masking makes longer than the parser takes: `redact` refuses its own
        // result, and so does `redact_text` (it does not leave that as text).
        let long = Report { summary: "x@evil.io ".repeat(60_000), ..Default::default() };
        let (policy, options) = (RedactionPolicy::default(), RedactOptions::default());
        let refused = redact(&long, &policy, &options).unwrap_err();
        assert_eq!(refused.code(), "input-string-too-long");
        assert_eq!(redact_text(&long, &policy, &options).unwrap_err(), refused);
        // A text whose record is not its last member is not spliced.
        assert_eq!(with_record(br#"{"redaction":{"applied":true},"title":"x"}"#, Some(1..26), false), None);
        assert_eq!(with_record(br#"{"title":"x","redaction":{}}"#, Some(13..27), false).as_deref(), Some(r#"{"title":"x","redaction":{"applied":true}}"#));
        assert_eq!(with_record(br#"{"title":"x"}"#, None, true).as_deref(), Some(r#"{"title":"x","redaction":{"applied":true,"unredacted_export":true}}"#));
    }

    #[test]
    fn utf16_lengths_and_offsets() {
        for s in ["", "plain ascii", "é à ü", "€ 中文", "🙂 emoji 🧪 pair", "mixed é€🙂a\u{10FFFF}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}"] {
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s:?}");
        }
        // Across words and the 127-word blocks, every prefix (so every alignment).
        let long = "a é € 🙂 \u{10FFFF}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}".repeat(60) + &"🧪".repeat(300) + &"x".repeat(1100);
        for (i, _) in long.char_indices() {
            assert_eq!(utf16_len(&long[..i]), long[..i].encode_utf16().count(), "{i}");
        }
        let text = "a é 🙂 b";
        let mut offsets = Utf16Offsets::new(text);
        let got: Vec<usize> = text.char_indices().map(|(i, _)| offsets.of(i)).collect();
        let want: Vec<usize> = text.char_indices().map(|(i, _)| text[..i].encode_utf16().count()).collect();
        assert_eq!(got, want);
        // Every `step`-th boundary (repeats too) of text with ASCII runs of every length around
        // non-ASCII characters, then the end: across and inside the runs skipped by distance.
        let runs: String = (0..50).map(|n| "x".repeat(n * 3) + ["é", "€", "🙂"][n % 3]).collect::<String>() + &"y".repeat(130);
        let bounds: Vec<usize> = runs.char_indices().map(|(i, _)| i).chain([runs.len()]).collect();
        for step in 1..20 {
            let mut offsets = Utf16Offsets::new(&runs);
            for &i in bounds.iter().step_by(step).flat_map(|i| [i, i]) {
                assert_eq!(offsets.of(i), runs[..i].encode_utf16().count(), "{step} {i}");
            }
        }
        let bytes = ["abcdefghijklmnop", &"é".repeat(5), "xyz"].concat();
        for (from, end) in [(0, 16), (3, 16), (9, 16), (16, 16), (17, 17), (25, 25), (26, 29), (29, 29), (40, 40)] {
            assert_eq!(ascii_run_end(bytes.as_bytes(), from), end, "{from}");
        }
        let long = "a".repeat(130) + "é";
        for from in [0, 1, 63, 64, 65, 127, 128, 130] {
            assert_eq!(ascii_run_end(long.as_bytes(), from), 130, "{from}");
        }
    }

    /// This run's log is found as the tail of the report's log, and not when it is not.
    #[test]
    fn the_log_of_a_run_is_the_tail_of_the_report_log() {
        let report = Report { summary: "mail jane.doe@acme-corp.com or call +1 202-555-0143".into(), ..Default::default() };
        let opts = RedactOptions { key: b"k".to_vec(), ..Default::default() };
        let first = redact(&report, &RedactionPolicy::default(), &opts).unwrap();
        assert_eq!(first.log().len(), 2);
        assert_eq!(first.log_in_report(), Some(0..2));
        let all = &first.report.redaction.as_ref().unwrap().log;
        assert_eq!(first.log().to_vec(), *all);
        let second = redact(&first.report, &RedactionPolicy::default(), &opts).unwrap();
        assert_eq!(second.log_in_report(), Some(2..2));
        assert!(second.log().is_empty());
    }

    /// A span an earlier run recorded (a kept one, re-found) is listed in this run's log but
    /// recorded once in the report's: the run's log is then not the report log's tail.
    #[test]
    fn a_span_recorded_earlier_is_listed_not_recorded_again() {
        let report = Report { summary: "call +1 202-555-0143 or mail jane.doe@acme-corp.com".into(), ..Default::default() };
        let keep = SpanRef { path: "/summary".into(), start: 5, end: 20 };
        let opts = RedactOptions { key: b"k".to_vec(), keep: vec![keep], ..Default::default() };
        let first = redact(&report, &RedactionPolicy::default(), &opts).unwrap();
        let kept = first.log()[0].clone();
        assert_eq!((kept.action.as_ref(), kept.start, kept.end), ("keep", 5, 20));
        assert_eq!(first.log_in_report(), Some(0..2));
        let second = redact(&first.report, &RedactionPolicy::default(), &opts).unwrap();
        assert_eq!(second.log().to_vec(), [kept]);
        assert_eq!(second.report.redaction.as_ref().unwrap().log.len(), 2);
        assert_eq!(second.log_in_report(), None);
        // Serialized as the list of the run's entries.
        let json = serde_json::to_value(&second).unwrap();
        assert_eq!(json["log"], serde_json::to_value(second.log().to_vec()).unwrap());
        assert_eq!(json["report"], serde_json::to_value(&second.report).unwrap());
    }

    fn report() -> Report {
        let mut r = Report { summary: "Jane (jane.doe@acme-corp.com, 415-555-2671) saw 10.0.0.7 call 198.51.100.7; key ghp_abcdefghijklmnopqrstuvwxyz0123456789".into(), ..Default::default() };
        r.reporter.email = "soc@acme-corp.com".into();
        r.reporter.organization_domain = "acme-corp.com".into();
        r.detection.indicators.push(Indicator { value: "phish@evil.example".into(), ..Default::default() });
        r.detection.indicators.push(Indicator { value: "198.51.100[.]7".into(), ..Default::default() });
        r.technical.prompts.push(PromptExchange { prompt: "Ignore instructions; SSN 123-45-6789 → é".into(), ..Default::default() });
        r
    }

    #[test]
    fn redacts_free_text_and_keeps_indicators() {
        let r = report();
        let out = redact(&r, &RedactionPolicy::default(), &RedactOptions::default()).unwrap();
        let s = &out.report.summary;
        assert!(!s.contains("jane.doe") && !s.contains("555-2671") && !s.contains("10.0.0.7") && !s.contains("ghp_"), "{s}");
        assert!(s.contains("198.51.100.7") && s.contains("[REDACTED:pii.email]"), "{s}");
        assert_eq!(out.report.detection.indicators[0].value, "phish@evil.example");
        assert_eq!(out.report.detection.indicators[1].value, "198.51.100[.]7");
        assert!(out.report.technical.prompts[0].prompt.contains("[REDACTED:pii.us_ssn] → é"));
        let text = serde_json::to_string(&out.report).unwrap();
        assert!(!text.contains("123-45-6789") && !text.contains("soc@acme-corp.com"));
        assert!(residual(&out.report, &RedactionPolicy::default()).is_empty());
        assert!(!residual(&r, &RedactionPolicy::default()).is_empty());
        // Idempotent.
        let again = redact(&out.report, &RedactionPolicy::default(), &RedactOptions::default()).unwrap();
        assert_eq!(again.report, out.report);
    }

    #[test]
    fn hash_is_keyed_and_consistent() {
        let r = Report { summary: "a@acme-corp.com then b@acme-corp.com then a@acme-corp.com".into(), ..Default::default() };
        let o = RedactOptions { key: b"k1".to_vec(), action: Some(Action::Hash), ..Default::default() };
        let out = redact(&r, &RedactionPolicy::default(), &o).unwrap();
        let t: Vec<&str> = out.report.summary.split(" then ").collect();
        assert_eq!(t[0], t[2]);
        assert_ne!(t[0], t[1]);
        assert!(t[0].starts_with("[pii.email:") && t[0].len() == "[pii.email:".len() + 9);
        let o2 = RedactOptions { key: b"k2".to_vec(), ..o.clone() };
        assert_ne!(redact(&r, &RedactionPolicy::default(), &o2).unwrap().report.summary, out.report.summary);
        assert_eq!(redact(&r, &RedactionPolicy::default(), &RedactOptions { key: vec![], ..o }).unwrap_err().code(), "invalid-argument");
    }

    #[test]
    fn user_keeps_and_selections_are_logged() {
        let r = Report { summary: "ring 415-555-2671 about Project Bluebird".into(), ..Default::default() };
        let keep = SpanRef { path: "/summary".into(), start: 5, end: 17 };
        let extra = SpanRef { path: "/summary".into(), start: 24, end: 40 };
        let out = redact(&r, &RedactionPolicy::default(), &RedactOptions { keep: vec![keep], extra: vec![extra], ..Default::default() }).unwrap();
        assert_eq!(out.report.summary, "ring 415-555-2671 about [REDACTED:user.selection]");
        assert_eq!(out.log().len(), 2);
        assert_eq!((out.log()[0].action.as_ref(), out.log()[0].by.as_ref()), ("keep", "user"));
        assert!(residual(&out.report, &RedactionPolicy::default()).is_empty());
        let strict = RedactionPolicy { honour_recorded_keeps: Some(false), ..Default::default() };
        let f = residual(&out.report, &strict);
        assert_eq!(f.len(), 1);
        assert!(!f[0].message.contains("555"));
        let bad = SpanRef { path: "/summary".into(), start: 3, end: 999 };
        assert!(redact(&r, &RedactionPolicy::default(), &RedactOptions { extra: vec![bad], ..Default::default() }).is_err());
    }

    #[test]
    fn json_residuals_spare_stix_patterns() {
        let v = serde_json::json!({"type": "bundle", "objects": [
            {"type": "indicator", "pattern": "[email-addr:value = 'x@evil.example']", "description": "seen by jane@acme-corp.com"},
            {"type": "email-addr", "value": "x@evil.example"}]});
        let f = residual_in_json(&v, &RedactionPolicy::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/objects/0/description");
    }
}
