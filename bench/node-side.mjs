// One fresh node process per tool, so "cold" means what a new process or page pays.
//   node bench/node-side.mjs tearsheet CORPUS FIXTURE...   → JSON on stdout
//   node bench/node-side.mjs redact-pii CORPUS
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const [tool, corpusPath, ...fixtures] = process.argv.slice(2);
const corpus = readFileSync(corpusPath, 'utf8');
const MB = Buffer.byteLength(corpus) / 1e6;
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = { tool };

if (tool === 'tearsheet') {
  const ts = await import('../pkg/tearsheet.js');
  ts.initSync({ module: readFileSync(new URL('../pkg/tearsheet_bg.wasm', import.meta.url)) });
  const reports = fixtures.map((f) => readFileSync(f, 'utf8'));
  ts.validate(reports[0], { now: '2025-08-01T00:00:00Z' });
  out.cold_ms = performance.now() - t0;
  const per = reports.map((r) => {
    const xs = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      ts.validate(r, { now: '2025-08-01T00:00:00Z' });
      xs.push((performance.now() - t) * 1e3);
    }
    return median(xs);
  });
  out.validate_median_us = per.reduce((a, b) => a + b, 0) / per.length;
  if (typeof ts.scan === 'function') {
    ts.scan(corpus.slice(0, 1000));
    const t = performance.now();
    const found = ts.scan(corpus);
    out.mb_per_s = MB / ((performance.now() - t) / 1e3);
    out.corpus_findings = Array.isArray(found) ? found.length : (found?.findings?.length ?? null);
  }
} else if (tool === 'redact-pii') {
  const { SyncRedactor } = await import('redact-pii');
  const r = new SyncRedactor();
  r.redact('warm-up alice@example.com');
  out.cold_ms = performance.now() - t0;
  const t = performance.now();
  const red = r.redact(corpus);
  out.mb_per_s = MB / ((performance.now() - t) / 1e3);
  out.corpus_findings = (red.match(/[A-Z_]{4,}/g) || []).length; // redact-pii writes kind names in place
}
console.log(JSON.stringify(out));
