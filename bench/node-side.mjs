// The node rows of bench/compare, one fresh process per tool so "cold" means what a new
// process pays (module loaded, instantiated, first call done). One JSON object on stdout.
//   node bench/node-side.mjs tearsheet  CORPUS LABELLED FIXTURE...
//   node bench/node-side.mjs redact-pii CORPUS LABELLED PIECE_BYTES
// tearsheet: scan throughput (median of 5 scans of the whole corpus), validation latency, and
// the spans found in each labelled text (whole corpus in one call: the scan is linear).
// redact-pii has no spans: it returns the redacted text,
// which bench/compare aligns with the original to find what was replaced.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const [tool, corpusPath, labelledPath, ...fixtures] = process.argv.slice(2);
const corpus = readFileSync(corpusPath, 'utf8');
const MB = Buffer.byteLength(corpus) / 1e6;
const labelled = readFileSync(labelledPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const NOW = { now: '2025-08-01T00:00:00Z' };
const out = { tool };

if (tool === 'tearsheet') {
  const ts = await import('../pkg/tearsheet.js');
  ts.initSync({ module: readFileSync(new URL('../pkg/tearsheet_bg.wasm', import.meta.url)) });
  const reports = fixtures.map((f) => readFileSync(f, 'utf8'));
  ts.validate(reports[0], NOW);
  out.cold_ms = performance.now() - t0;
  out.validate_median_us = mean(reports.map((r) => median(times(200, () => ts.validate(r, NOW)).map((s) => s * 1e6))));
  let found;
  out.mb_per_s = MB / median(times(5, () => { found = ts.scan(corpus); }));
  out.corpus_findings = found.length;
  out.labelled = labelled.map((t) => ts.scan(t).map(({ start, end, kind }) => ({ start, end, kind })));
} else if (tool === 'redact-pii') {
  const { SyncRedactor } = createRequire(import.meta.url)('redact-pii');
  const r = new SyncRedactor();
  r.redact('warm-up alice@example.com');
  out.cold_ms = performance.now() - t0;
  // Fed as Presidio is: pieces of PIECE_BYTES cut at line ends, the size of a report field.
  // Its cost grows faster than its input (NameRedactor rebuilds the whole string for every
  // greeting or closing it finds), so the whole 1 MB as one string is measured too, for the
  // record. One run each: at about 1 MB/s a second would double the benchmark's time.
  const piece = Number(fixtures[0]) || 4096;
  let red;
  out.mb_per_s = MB / times(1, () => { red = chunks(corpus, piece).map((c) => r.redact(c)).join(''); })[0];
  out.whole_mb_per_s = MB / times(1, () => r.redact(corpus))[0];
  out.redacted_corpus = red; // bench/compare counts its replacement tokens
  out.redacted = labelled.map((t) => r.redact(t));
} else {
  console.error(`node-side: unknown tool ${tool}`);
  process.exit(2);
}
console.log(JSON.stringify(out));

function times(n, fn) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    xs.push((performance.now() - t) / 1e3);
  }
  return xs;
}
// Pieces of at most `size` bytes cut after a newline (ASCII corpus: bytes = chars), as
// bench/presidio_bench.py cuts them.
function chunks(text, size) {
  const out = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    const nl = text.lastIndexOf('\n', end - 1);
    if (end < text.length && nl >= at) end = nl + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}
function mean(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
