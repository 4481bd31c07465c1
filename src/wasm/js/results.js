// Builds the two large results of the JS API, `scan`'s spans and `redact`'s redaction log, from
// a compact form written by src/wasm/results.rs: numbers in one Uint32Array (a view of the
// wasm memory, read before this returns) and strings in a table, instead of JSON text that
// Rust writes and JSON.parse reads back (most of the time of a 1 MB scan or redact). The
// objects are the same as JSON.parse makes: same keys, in the same order, with the same ones
// left out. No eval, no HTML: only object literals and String.prototype.slice.

// The strings of a table: `text` holds them end to end, `ends[i]` is where string i ends
// (UTF-16 offset into `text`).
function strings(text, ends) {
  const out = new Array(ends.length);
  let at = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.slice(at, ends[i]);
    at = ends[i];
  }
  return out;
}

// `scan`'s spans: five numbers each, start, end, startUtf16, endUtf16, kind (index into the
// table).
export function scanSpans(numbers, text, ends) {
  const kinds = strings(text, ends);
  const out = [];
  for (let i = 0; i + 5 <= numbers.length; i += 5) {
    out.push({ start: numbers[i], end: numbers[i + 1], startUtf16: numbers[i + 2], endUtf16: numbers[i + 3], kind: kinds[numbers[i + 4]] });
  }
  return out;
}

// Sets `result.report.redaction.log` to the log's entries and `result.redactions` to
// `log.slice(from, to)` (this run's entries: the same objects). Eleven numbers an entry, in the
// order of the fields of RedactionEntry (src/model.rs): path, start, end, start_utf16,
// end_utf16, kind, action, replacement, by (strings as table indices), out_start, out_end.
// Like serde, leaves out `replacement` and `by` when empty and `out_start` and `out_end` when 0.
export function placeRedactionLog(result, numbers, text, ends, from, to) {
  const s = strings(text, ends);
  const log = [];
  for (let i = 0; i + 11 <= numbers.length; i += 11) {
    const e = { path: s[numbers[i]], start: numbers[i + 1], end: numbers[i + 2], start_utf16: numbers[i + 3], end_utf16: numbers[i + 4], kind: s[numbers[i + 5]], action: s[numbers[i + 6]] };
    const replacement = s[numbers[i + 7]];
    if (replacement !== "") e.replacement = replacement;
    const by = s[numbers[i + 8]];
    if (by !== "") e.by = by;
    if (numbers[i + 9] !== 0) e.out_start = numbers[i + 9];
    if (numbers[i + 10] !== 0) e.out_end = numbers[i + 10];
    log.push(e);
  }
  const record = result.report.redaction;
  record.log = log;
  // serde writes `log` right after `applied` (RedactionRecord's field order), but a key set
  // last goes last: the keys that came after `applied` are moved back behind `log`.
  for (const key of Object.keys(record)) {
    if (key !== "applied" && key !== "log") {
      const value = record[key];
      delete record[key];
      record[key] = value;
    }
  }
  result.redactions = log.slice(from, to);
}
