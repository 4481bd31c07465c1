// The side-by-side benchmark: this project native, in wasm under node and in headless
// Chromium, against the redact-pii npm package and Presidio's pattern recognizers, on the same
// 1 MB mixed corpus and the same labelled corpus; plus validation latency and cold start.
// Prints Markdown tables (README "Benchmark (side by side)" is its output). Run it through
// bench/compare, which builds what it needs first.
//
// Every tool reads the same files:
//   target/bench/mixed-1mb.txt          the 1 MB mixed corpus (bench-native --write-corpus:
//                                       tests/support/corpus.rs, the labelled corpus's generator)
//   tests/data/redaction-corpus.jsonl   200 labelled texts (byte-offset spans with our kinds)
//   tests/fixtures/*.json               the reports whose validation is timed
// and every tool's findings on the labelled texts are scored here, by the same code.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
// BENCH_CORPUS=FILE replaces the 1 MB corpus (a smaller one for a quick check of the script).
const corpusPath = process.env.BENCH_CORPUS ?? `${root}target/bench/mixed-1mb.txt`;
const labelledPath = `${root}tests/data/redaction-corpus.jsonl`;
const fixtures = readdirSync(`${root}tests/fixtures`).filter((f) => f.endsWith('.json')).sort().map((f) => `${root}tests/fixtures/${f}`);
const samples = readFileSync(labelledPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const NOW = { now: '2025-08-01T00:00:00Z' };
// The peers read the corpus in pieces of whole lines of at most this many bytes (a report
// field's size; both slow down on bigger pieces). Ours scans the whole corpus in one call.
const PIECE_BYTES = 4096;

// Presidio entity types → our kinds. A function decides where one Presidio type covers two of
// our kinds. Types not listed (CRYPTO, UUID, US_DRIVER_LICENSE, UK_NHS, ...) have no kind
// of ours: they are not scored per kind, but they still count as redactions in the "covered"
// scores (text a user of that tool would lose).
const PRESIDIO_KINDS = {
  EMAIL_ADDRESS: 'pii.email',
  PHONE_NUMBER: 'pii.phone',
  CREDIT_CARD: 'pii.credit_card',
  US_SSN: 'pii.us_ssn',
  US_PASSPORT: 'pii.us_passport',
  US_BANK_NUMBER: 'pii.us_bank_account',
  ABA_ROUTING_NUMBER: 'pii.us_bank_routing',
  IBAN_CODE: 'pii.iban',
  MAC_ADDRESS: 'ioc.mac_address',
  // Presidio's DateRecognizer finds every date; the closest kind of ours is a date of birth.
  DATE_TIME: 'pii.date_of_birth',
  IP_ADDRESS: (text) => (text.includes(':') ? 'ioc.ipv6' : 'ioc.ipv4'),
  // Presidio's UrlRecognizer also matches bare domain names.
  URL: (text) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? 'ioc.url' : 'ioc.domain'),
};
// redact-pii's replacement tokens (lib/composition.js: the names of its built-in patterns in
// upper snake case, and PERSON_NAME). It returns text only; bench/compare finds the replaced
// regions by aligning the output with the input.
const REDACT_PII_TOKENS = ['CREDIT_CARD_NUMBER', 'STREET_ADDRESS', 'ZIPCODE', 'PHONE_NUMBER', 'IP_ADDRESS',
  'US_SOCIAL_SECURITY_NUMBER', 'EMAIL_ADDRESS', 'USERNAME', 'PASSWORD', 'CREDENTIALS', 'DIGITS', 'URL', 'PERSON_NAME'];

// BENCH_TOOLS=native,node,chromium,redact-pii,presidio (default: all) picks rows.
const want = (k) => !process.env.BENCH_TOOLS || process.env.BENCH_TOOLS.split(',').includes(k);
const load0 = loadavg();
const started = Date.now();
const rows = [];
const run = (cmd, args) => {
  try {
    const out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS: '' } });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (e) {
    return { error: String(e.stderr || e.message).trim().split('\n').slice(-2).join(' ') };
  }
};
const step = (label) => process.stderr.write(`compare: ${label} (${((Date.now() - started) / 1e3).toFixed(0)} s)\n`);

if (want('native')) {
  step('tearsheet native');
  rows.push({ key: 'native', ...run(`${root}target/release/examples/bench-native`, [corpusPath, labelledPath, ...fixtures]), tool: 'tearsheet native (release)' });
}
if (want('node')) {
  step('tearsheet wasm in node');
  rows.push({ key: 'node', ...run('node', [`${root}bench/node-side.mjs`, 'tearsheet', corpusPath, labelledPath, ...fixtures]), tool: `tearsheet wasm, node ${process.versions.node}` });
}
if (want('chromium')) {
  step('tearsheet wasm in headless Chromium');
  rows.push({ key: 'chromium', ...(await chromium()) });
}
if (want('redact-pii')) {
  step('redact-pii (tens of seconds)');
  const r = run('node', [`${root}bench/node-side.mjs`, 'redact-pii', corpusPath, labelledPath, String(PIECE_BYTES)]);
  const version = JSON.parse(readFileSync(`${root}node_modules/redact-pii/package.json`, 'utf8')).version;
  if (r.redacted) r.regions = r.redacted.map((red, i) => align(samples[i].text, red));
  if (typeof r.redacted_corpus === 'string') {
    // Tokens in the output that were not already in the input (the corpus has a few "URL"s).
    r.corpus_findings = (r.redacted_corpus.match(tokenRegex()) || []).length - (readFileSync(corpusPath, 'utf8').match(tokenRegex()) || []).length;
    delete r.redacted_corpus;
  }
  rows.push({ key: 'redact-pii', ...r, tool: `redact-pii ${version} (node)` });
}
if (want('presidio')) {
  step('Presidio pattern recognizers (a minute or two: it runs at about 0.02 MB/s)');
  const py = `${root}.venv-bench/bin/python`;
  const r = existsSync(py) ? run(py, [`${root}bench/presidio_bench.py`, corpusPath, labelledPath, String(PIECE_BYTES)]) : { error: 'scripts/setup --bench not run' };
  if (r.labelled) {
    r.labelled = r.labelled.map((spans, i) => spans.map((s) => {
      const m = PRESIDIO_KINDS[s.type];
      const text = samples[i].text.slice(s.start, s.end);
      return { start: s.start, end: s.end, kind: typeof m === 'function' ? m(text) : (m ?? `presidio:${s.type}`) };
    }));
  }
  rows.push({ key: 'presidio', ...r, tool: `Presidio ${r.version ?? ''} patterns (Python)` });
}
step('done');

async function chromium() {
  const tool = 'tearsheet wasm, headless Chromium';
  const { chromium } = await import('playwright-core');
  const server = spawn('python3', [`${root}scripts/serve.py`, '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let browser;
  try {
    const url = await new Promise((resolve, reject) => {
      server.stdout.on('data', (d) => { const m = String(d).match(/http:\/\/[0-9.:]+\//); if (m) resolve(m[0]); });
      setTimeout(() => reject(new Error('serve.py did not start')), 10_000);
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage();
    // An empty page on the server's origin under the widget's CSP, so nothing else loads the module.
    await page.route(`${url}bench.html`, (r) => r.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" },
      body: '<!doctype html><title>bench</title>',
    }));
    await page.goto(`${url}bench.html`);
    const reports = fixtures.map((f) => readFileSync(f, 'utf8'));
    const corpus = readFileSync(corpusPath, 'utf8');
    const out = await page.evaluate(async ({ reports, corpus, texts, NOW }) => {
      const t0 = performance.now();
      const ts = await import('/pkg/tearsheet.js');
      await ts.default();
      ts.validate(reports[0], NOW);
      const out = { cold_ms: performance.now() - t0 };
      const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const times = (n, fn) => Array.from({ length: n }, () => { const t = performance.now(); fn(); return (performance.now() - t) / 1e3; });
      const per = reports.map((r) => median(times(200, () => ts.validate(r, NOW)).map((s) => s * 1e6)));
      out.validate_median_us = per.reduce((a, b) => a + b, 0) / per.length;
      let found;
      out.mb_per_s = new TextEncoder().encode(corpus).length / 1e6 / median(times(5, () => { found = ts.scan(corpus); }));
      out.corpus_findings = found.length;
      out.labelled = texts.map((t) => ts.scan(t).map(({ start, end, kind }) => ({ start, end, kind })));
      return out;
    }, { reports, corpus, texts: samples.map((s) => s.text), NOW });
    return { tool: `${tool} ${browser.version()}`, ...out };
  } catch (e) {
    return { tool, error: e.message };
  } finally {
    await browser?.close();
    server.kill();
  }
}

function tokenRegex() {
  return new RegExp(`(${REDACT_PII_TOKENS.join('|')})`, 'g');
}

// redact-pii's output is the input with some regions replaced by tokens. Split the output into
// literal text and tokens, and find each literal in the input, leftmost after at least one
// replaced character: the gaps are the replaced regions. Returns null when the literals do not
// line up with the input (then the text is left out of redact-pii's scores, and counted).
function align(original, redacted) {
  const parts = redacted.split(tokenRegex());
  const regions = [];
  if (!original.startsWith(parts[0])) return null;
  let at = parts[0].length;
  for (let i = 1; i < parts.length; i += 2) {
    const literal = parts[i + 1];
    const last = i + 2 >= parts.length;
    const next = last ? original.length - literal.length : original.indexOf(literal, at + 1);
    if (next < at + 1 || (last && !original.endsWith(literal))) return null;
    regions.push({ start: at, end: next, kind: `redact-pii:${parts[i]}` });
    at = next + literal.length;
  }
  return at === original.length ? regions : null;
}

// Our own scoring (tests/support/corpus.rs `score`): a true positive is an exact (start, end,
// kind) match. Per kind: tp, fp, fn.
function exact(predicted) {
  const table = {};
  const row = (k) => (table[k] ??= { tp: 0, fp: 0, fn: 0 });
  samples.forEach((s, i) => {
    const got = predicted[i] ?? [];
    const same = (a, b) => a.start === b.start && a.end === b.end && a.kind === b.kind;
    for (const g of got) if (!g.kind.includes(':')) row(g.kind)[s.spans.some((l) => same(l, g)) ? 'tp' : 'fp']++;
    for (const l of s.spans) if (!got.some((g) => same(l, g))) row(l.kind).fn++;
  });
  return table;
}

// The redaction view, for every tool, kind-blind: a labelled span is covered when the tool's
// spans (any kind) hide all of it; a tool's span is spurious when it touches no labelled span.
function covered(predicted) {
  const perKind = {};
  let spans = 0, spurious = 0;
  samples.forEach((s, i) => {
    const got = predicted[i];
    if (!got) return;
    for (const l of s.spans) {
      const r = (perKind[l.kind] ??= { covered: 0, total: 0 });
      r.total++;
      let at = l.start;
      for (const g of [...got].sort((a, b) => a.start - b.start)) if (g.start <= at && g.end > at) at = g.end;
      if (at >= l.end) r.covered++;
    }
    for (const g of got) {
      spans++;
      if (!s.spans.some((l) => g.start < l.end && l.start < g.end)) spurious++;
    }
  });
  return { perKind, spans, spurious };
}

const prf = ({ tp, fp, fn }) => {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const f = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const pct = (x) => (typeof x === 'number' && Number.isFinite(x) ? (100 * x).toFixed(0) : 'n/a');

// ---- The machine, then the tables.
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1];
const head = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch { return '?'; } })();
const load1 = loadavg();
console.log(`Machine: nproc ${execFileSync('nproc').toString().trim()}, ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${load1.map((x) => x.toFixed(2)).join(' ')} at end.`);
console.log(`Run: ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 1e3).toFixed(0)} s, tearsheet ${head}; corpus ${(readFileSync(corpusPath).length / 1e6).toFixed(2)} MB mixed (${corpusPath.replace(root, '')}), ${samples.length} labelled texts (${samples.reduce((n, s) => n + s.spans.length, 0)} spans), ${fixtures.length} fixtures.`);
console.log('');
const native = rows.find((r) => r.key === 'native');
console.log('| tool | scan MB/s | × tearsheet native | findings on corpus | cold start ms | validate median µs | F1 (exact, micro) | labelled spans hidden |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ratio = typeof r.mb_per_s === 'number' && typeof native?.mb_per_s === 'number' ? r.mb_per_s / native.mb_per_s : NaN;
  r.predicted = r.labelled ?? r.regions;
  let f1 = 'n/a', hidden = 'n/a';
  if (r.labelled) {
    const t = Object.values(exact(r.labelled)).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    f1 = f(prf(t).f1, 3);
  }
  if (r.predicted) {
    r.cover = covered(r.predicted);
    const c = Object.values(r.cover.perKind).reduce((a, x) => ({ covered: a.covered + x.covered, total: a.total + x.total }), { covered: 0, total: 0 });
    hidden = `${pct(c.covered / c.total)} %`;
  }
  const ratioText = Number.isFinite(ratio) ? (ratio >= 0.1 ? ratio.toFixed(2) : `1/${Math.round(1 / ratio)}`) : 'n/a';
  const valid = r.validate_median_us === undefined && !r.error ? '–' : f(r.validate_median_us);
  console.log(`| ${r.tool} | ${f(r.mb_per_s, r.mb_per_s < 1 ? 3 : 1)} | ${ratioText} | ${r.corpus_findings ?? 'n/a'} | ${f(r.cold_ms)} | ${valid} | ${f1} | ${hidden} |${r.error ? ` error: ${r.error.slice(0, 160)}` : ''}`);
}

// Are the wasm builds' findings the native ones? (Same code; a difference would be a bug.)
const ours = rows.filter((r) => ['native', 'node', 'chromium'].includes(r.key) && r.labelled);
if (ours.length > 1) {
  const key = (r) => JSON.stringify(r.labelled.map((spans) => spans.map((x) => [x.start, x.end, x.kind])));
  const same = ours.every((r) => key(r) === key(ours[0]));
  console.log(`\nLabelled-corpus findings of ${ours.map((r) => r.key).join(', ')}: ${same ? 'identical, so the per-kind scores below are one column' : 'DIFFERENT (a bug: the same code in wasm found other spans)'}.`);
}
const rp = rows.find((r) => r.key === 'redact-pii' && r.regions);
if (rp) {
  const bad = rp.regions.filter((x) => x === null).length;
  if (typeof rp.whole_mb_per_s === 'number') console.log(`redact-pii and Presidio read the corpus in pieces of whole lines of at most ${PIECE_BYTES} bytes; tearsheet scans it in one call. redact-pii on the whole 1 MB as one string ran at ${f(rp.whole_mb_per_s, 2)} MB/s (its NameRedactor rebuilds the whole string for each greeting or closing it finds).`);
  console.log(`redact-pii: replaced regions recovered by aligning its output with the input in ${samples.length - bad} of ${samples.length} texts${bad ? ` (${bad} could not be aligned and are left out of its scores)` : ''}.`);
}

// ---- Per kind.
const us = rows.find((r) => ['native', 'node', 'chromium'].includes(r.key) && r.labelled);
const pres = rows.find((r) => r.key === 'presidio' && r.labelled);
const kinds = [...new Set(samples.flatMap((s) => s.spans.map((l) => l.kind)))].sort();
const exUs = us && exact(us.labelled);
const exPr = pres && exact(pres.labelled);
console.log('\nPer kind on the labelled corpus. P/R/F1: exact span and kind (how tests/redaction_corpus.rs scores us). "hidden": share of the labelled spans wholly inside the tool\'s spans of any kind, which is what redaction needs and the only score redact-pii (text out, no spans) allows.\n');
console.log('| kind | labels | tearsheet P | R | F1 | Presidio P | R | F1 | hidden: tearsheet | Presidio | redact-pii |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const cell = (ex, k) => {
  if (!ex) return 'n/a | n/a | n/a';
  const c = ex[k] ?? { tp: 0, fp: 0, fn: 0 };
  if (c.tp + c.fp === 0 && ex !== exUs) return `– | ${f(prf(c).r, 2)} | ${f(0, 2)}`;
  const { p, r, f1 } = prf(c);
  return `${f(p, 2)} | ${f(r, 2)} | ${f(f1, 2)}`;
};
const hid = (row, k) => {
  const c = row?.cover?.perKind[k];
  return c ? `${pct(c.covered / c.total)} %` : 'n/a';
};
const sum = (ex) => ex && Object.values(ex).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
for (const k of kinds) {
  const n = samples.reduce((a, s) => a + s.spans.filter((l) => l.kind === k).length, 0);
  console.log(`| ${k} | ${n} | ${cell(exUs, k)} | ${cell(exPr, k)} | ${hid(us, k)} | ${hid(pres, k)} | ${hid(rp, k)} |`);
}
const tot = (ex) => { if (!ex) return 'n/a | n/a | n/a'; const { p, r, f1 } = prf(sum(ex)); return `**${f(p, 2)}** | **${f(r, 2)}** | **${f(f1, 2)}**`; };
const totHid = (row) => {
  if (!row?.cover) return 'n/a';
  const c = Object.values(row.cover.perKind).reduce((a, x) => ({ covered: a.covered + x.covered, total: a.total + x.total }), { covered: 0, total: 0 });
  return `**${pct(c.covered / c.total)} %**`;
};
console.log(`| all (micro) | ${samples.reduce((a, s) => a + s.spans.length, 0)} | ${tot(exUs)} | ${tot(exPr)} | ${totHid(us)} | ${totHid(pres)} | ${totHid(rp)} |`);
const spur = (row) => (row?.cover ? `${row.cover.spurious} of ${row.cover.spans}` : 'n/a');
console.log(`| spans touching no label | | | | | | | | ${spur(us)} | ${spur(pres)} | ${spur(rp)} |`);
if (exPr) {
  const other = Object.entries(exPr).filter(([k]) => !kinds.includes(k)).map(([k, c]) => `${k} ${c.fp}`);
  const unmapped = pres.labelled.flat().filter((s) => s.kind.startsWith('presidio:')).reduce((m, s) => ({ ...m, [s.kind.slice(9)]: (m[s.kind.slice(9)] ?? 0) + 1 }), {});
  console.log(`\nPresidio types → our kinds (PRESIDIO_KINDS in bench/compare.mjs): ${Object.entries(PRESIDIO_KINDS).map(([t, k]) => `${t} → ${typeof k === 'function' ? (t === 'URL' ? 'ioc.url with a scheme, else ioc.domain' : 'ioc.ipv6 with a colon, else ioc.ipv4') : k}`).join('; ')}.`);
  console.log(`Presidio findings of types with no kind of ours (not in P/R/F1, counted in "hidden" and "touching no label"): ${Object.entries(unmapped).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}${other.length ? `; findings of our kinds that the corpus never labels: ${other.join(', ')}` : ''}.`);
  if (pres.recognizers) console.log(`Presidio recognizers loaded: ${pres.recognizers.join(', ')}.`);
}
