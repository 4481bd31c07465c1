// Builds `scan`'s spans and `redact`'s log from the compact form of src/wasm/results.rs (numbers
// in a Uint32Array view of the wasm memory, strings in a table), into the very objects JSON.parse
// made of the JSON this replaces: same keys, same order, same omissions. No eval, no HTML.

// The strings of a table: end to end in `text`, string i ending at UTF-16 offset `ends[i]`.
function strings(text, ends) {
  const out = [];
  let at = 0;
  for (const end of ends) {
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

// Five numbers a span: start, end, startUtf16, endUtf16, kind (table index).
export function scanSpans(n, text, ends) {
  const kinds = strings(text, ends);
  const out = [];
  for (let i = 0; i + 5 <= n.length; i += 5) {
    out.push({ start: n[i], end: n[i + 1], startUtf16: n[i + 2], endUtf16: n[i + 3], kind: kinds[n[i + 4]] });
  }
  return out;
}

// Sets `result.report.redaction.log` and `result.redactions = log.slice(from, to)` (the same
// objects). Eleven numbers an entry, RedactionEntry's fields in order (src/model.rs), strings
// as table indices; like serde, leaves out an empty `replacement` or `by` and a zero `out_*`.
export function placeRedactionLog(result, n, text, ends, from, to) {
  const s = strings(text, ends);
  const log = [];
  for (let i = 0; i + 11 <= n.length; i += 11) {
    const e = { path: s[n[i]], start: n[i + 1], end: n[i + 2], start_utf16: n[i + 3], end_utf16: n[i + 4], kind: s[n[i + 5]], action: s[n[i + 6]] };
    if (s[n[i + 7]] !== "") e.replacement = s[n[i + 7]];
    if (s[n[i + 8]] !== "") e.by = s[n[i + 8]];
    if (n[i + 9] !== 0) e.out_start = n[i + 9];
    if (n[i + 10] !== 0) e.out_end = n[i + 10];
    log.push(e);
  }
  const record = result.report.redaction;
  record.log = log;
  // serde writes `log` right after `applied`: keys already set after `applied` move behind it.
  for (const key of Object.keys(record)) {
    if (key !== "applied" && key !== "log") {
      const value = record[key];
      delete record[key];
      record[key] = value;
    }
  }
  result.redactions = log.slice(from, to);
}
