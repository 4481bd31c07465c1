// Redaction throughput in wasm under node, next to the redact-pii npm package on the same text,
// in the same process. Needs pkg/ (scripts/build-wasm) and the 1 MB corpus:
//   cargo run --release --example redaction-eval -- --mixed 1000000 > target/mixed-1mb.txt
//   node bench/redact-node.mjs [target/mixed-1mb.txt] [--pkg edge/pkg] [--rounds N]
// --pkg measures another build of the same core: edge/pkg/ is the edge validator's, optimised
// for speed (scripts/build-wasm --edge), where pkg/ (the default) is the browser's, for size.
// The three calls take turns, round after round (default 7): each figure is the median with
// its range, and the ratio is the median of each round's own ratio, so a machine that slows
// down for a while (this one swings by ±40 %) slows both sides of a ratio alike.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const pkgAt = args.indexOf("--pkg");
const pkgDir = pkgAt >= 0 ? args.splice(pkgAt, 2)[1] : "pkg";
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Math.max(1, Number(args.splice(roundsAt, 2)[1]) || 7) : 7;
const pkgUrl = new URL(`../${pkgDir.replace(/\/$/, "")}/`, import.meta.url);
const { initSync, scan, redact } = await import(new URL("tearsheet.js", pkgUrl));

const require = createRequire(import.meta.url);
const wasm = readFileSync(new URL("tearsheet_bg.wasm", pkgUrl));
initSync({ module: wasm });

const text = readFileSync(args[0] ?? "target/mixed-1mb.txt", "utf8");
const mb = Buffer.byteLength(text) / 1e6;

/** Milliseconds one call of `fn` takes, and its result. */
function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return { ms: performance.now() - t0, out };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function report(label, ms) {
  const m = median(ms);
  const range = `${Math.min(...ms).toFixed(1)}-${Math.max(...ms).toFixed(1)} ms`;
  console.log(`${label.padEnd(32)} ${m.toFixed(1).padStart(9)} ms  ${(mb / (m / 1000)).toFixed(1).padStart(8)} MB/s  (median of ${ms.length}; ${range})`);
}

console.log(`corpus: ${mb.toFixed(2)} MB mixed prompts, logs and e-mail threads; node ${process.version}`);
// The report limits one string to MAX_STRING_BYTES (1 MiB), so the corpus is pasted as
// 64 KB prompt/response exchanges, cut at line ends: the same bytes, as analysts paste them.
const chunks = [];
for (let at = 0; at < text.length; ) {
  let end = Math.min(text.length, at + 64 * 1024);
  const nl = text.lastIndexOf("\n", end);
  if (end < text.length && nl > at) end = nl + 1;
  chunks.push(text.slice(at, end));
  at = end;
}
const doc = { title: "bench", technical: { prompts: chunks.map((c) => ({ prompt: c })) } };
const { SyncRedactor } = require("redact-pii");
const redactor = new SyncRedactor();
const calls = {
  scan: () => scan(text),
  redact: () => redact(doc, { key: new Uint8Array(32).fill(7) }),
  pii: () => redactor.redact(text),
};
const ms = { scan: [], redact: [], pii: [] };
const out = {};
for (const [k, fn] of Object.entries(calls)) out[k] = fn(); // warm up (JIT, first allocations)
for (let r = 0; r < rounds; r++) {
  for (const [k, fn] of Object.entries(calls)) {
    const t = time(fn);
    ms[k].push(t.ms);
    out[k] = t.out;
  }
}
report("tearsheet wasm scan", ms.scan);
report("tearsheet wasm redact", ms.redact);
report("redact-pii SyncRedactor.redact", ms.pii);
console.log(`spans found: tearsheet ${out.scan.length}, redactions logged ${out.redact.redactions.length}`);
const ratios = (k) => ms.pii.map((p, i) => p / ms[k][i]);
const ratio = (k) => `${median(ratios(k)).toFixed(1)}x (rounds: ${Math.min(...ratios(k)).toFixed(1)}-${Math.max(...ratios(k)).toFixed(1)}x)`;
console.log(`ratio redact: tearsheet wasm / redact-pii = ${ratio("redact")}; scan: ${ratio("scan")}`);
// The size figure is GNU gzip -9's, as scripts/size and the size budget measure it. Node's own
// zlib (Chromium's fork) compresses this file ~1.3 % worse at the same level: printed beside it
// so the two are never confused.
const wasmPath = fileURLToPath(new URL("tearsheet_bg.wasm", pkgUrl));
let gzip9 = "n/a (no gzip on PATH)";
try {
  gzip9 = String(execFileSync("gzip", ["-9c", wasmPath], { maxBuffer: 1 << 26 }).length);
} catch {}
console.log(`${pkgDir}/tearsheet_bg.wasm: ${wasm.length} bytes raw, ${gzip9} bytes gzip -9 (node zlib level 9: ${gzipSync(wasm, { level: 9 }).length})${pkgDir === "pkg" ? "; target < 409600 (400 KiB)" : ""}`);
