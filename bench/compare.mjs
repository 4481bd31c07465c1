// The side-by-side benchmark: this project native, in wasm under node and in headless
// Chromium, against the redact-pii npm package and Presidio's pattern recognizers, on the same
// 1 MB mixed corpus (bench/corpus.mjs); plus validation latency and cold start. Prints a
// Markdown table (README "Hardening > Benchmark" is its output). Run through bench/compare,
// which builds what it needs first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { mixedCorpus } from './corpus.mjs';

const root = new URL('..', import.meta.url).pathname;
mkdirSync(`${root}target/bench`, { recursive: true });
const corpusPath = `${root}target/bench/corpus-1mb.txt`;
writeFileSync(corpusPath, mixedCorpus());
const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json')).map((f) => `${root}tests/fixtures/${f}`);
const labelled = `${root}tests/data/redaction-corpus.jsonl`;
const json = (cmd, args) => {
  try {
    return JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS: '' } }).trim().split('\n').pop());
  } catch (e) {
    return { error: String(e.stderr || e.message).split('\n').slice(-3).join(' ') };
  }
};

// BENCH_TOOLS=native,node,chromium,redact-pii,presidio (default: all) picks rows, e.g. to
// re-measure one without waiting minutes for the peers.
const want = (k) => !process.env.BENCH_TOOLS || process.env.BENCH_TOOLS.split(',').includes(k);
const rows = [];
if (want('native')) rows.push({ ...json(`${root}target/release/examples/bench-native`, fixtures), tool: 'tearsheet native (release)' });
if (want('node')) rows.push({ ...json('node', [`${root}bench/node-side.mjs`, 'tearsheet', corpusPath, ...fixtures]), tool: 'tearsheet wasm, node' });
if (want('chromium')) rows.push({ ...(await chromium()), tool: 'tearsheet wasm, Chromium' });
if (want('redact-pii')) rows.push({ ...json('node', [`${root}bench/node-side.mjs`, 'redact-pii', corpusPath]), tool: 'redact-pii 3.4 (node)' });
const py = existsSync(`${root}.venv-bench/bin/python`) ? `${root}.venv-bench/bin/python` : null;
if (want('presidio')) rows.push({ ...(py ? json(py, [`${root}bench/presidio_bench.py`, corpusPath, labelled]) : { error: 'scripts/setup --bench not run' }), tool: 'Presidio patterns (Python)' });

async function chromium() {
  const { chromium } = await import('playwright-core');
  const server = spawn('python3', [`${root}scripts/serve.py`, '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = String(d).match(/http:\/\/[0-9.:]+\//); if (m) resolve(m[0]); });
    setTimeout(() => reject(new Error('serve.py did not start')), 10_000);
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const reports = fixtures.map((f) => readFileSync(f, 'utf8'));
    const corpus = readFileSync(corpusPath, 'utf8');
    return await page.evaluate(async ({ reports, corpus }) => {
      const t0 = performance.now();
      const ts = await import('/pkg/tearsheet.js');
      await ts.default();
      ts.validate(reports[0], { now: '2025-08-01T00:00:00Z' });
      const out = { cold_ms: performance.now() - t0 };
      const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const per = reports.map((r) => {
        const xs = [];
        for (let i = 0; i < 200; i++) { const t = performance.now(); ts.validate(r, { now: '2025-08-01T00:00:00Z' }); xs.push((performance.now() - t) * 1e3); }
        return median(xs);
      });
      out.validate_median_us = per.reduce((a, b) => a + b, 0) / per.length;
      if (typeof ts.scan === 'function') {
        const t = performance.now(); ts.scan(corpus);
        out.mb_per_s = corpus.length / 1e6 / ((performance.now() - t) / 1e3);
      }
      return out;
    }, { reports, corpus });
  } catch (e) {
    return { error: e.message };
  } finally {
    await browser.close();
    server.kill();
  }
}

const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1];
const ours = rows.find((r) => r.tool.includes('native'))?.mb_per_s;
const f = (x, d = 1) => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
console.log(`Machine: ${cpus().length} cores (nproc ${execFileSync('nproc').toString().trim()}), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; corpus ${(readFileSync(corpusPath).length / 1e6).toFixed(2)} MB mixed (bench/corpus.mjs, seed 42); ${fixtures.length} fixtures.`);
console.log('');
console.log('| tool | scan MB/s | × this project (native) | findings on corpus | cold start ms | validate median µs |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ratio = typeof r.mb_per_s === 'number' && typeof ours === 'number' ? (r.mb_per_s / ours).toFixed(2) : 'n/a';
  console.log(`| ${r.tool} | ${f(r.mb_per_s)} | ${ratio} | ${r.corpus_findings ?? 'n/a'} | ${f(r.cold_ms)} | ${f(r.validate_median_us)} |${r.error ? ' error: ' + r.error.slice(0, 120) : ''}`);
}
if (!existsSync(labelled)) console.log(`\nPrecision/recall: ${labelled} is not in this tree yet (the redaction corpus), so no per-kind scores.`);
