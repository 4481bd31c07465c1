// Redaction throughput in wasm under node, next to the redact-pii npm package on the same text,
// in the same process. Needs pkg/ (scripts/build-wasm) and the 1 MB corpus:
//   cargo run --release --example redaction-eval -- --mixed 1000000 > target/mixed-1mb.txt
//   node bench/redact-node.mjs [target/mixed-1mb.txt] [--pkg edge/pkg]
// --pkg measures another build of the same core: edge/pkg/ is the edge validator's, optimised
// for speed (scripts/build-wasm --edge), where pkg/ (the default) is the browser's, for size.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const pkgAt = args.indexOf("--pkg");
const pkgDir = pkgAt >= 0 ? args.splice(pkgAt, 2)[1] : "pkg";
const pkgUrl = new URL(`../${pkgDir.replace(/\/$/, "")}/`, import.meta.url);
const { initSync, scan, redact } = await import(new URL("tearsheet.js", pkgUrl));

const require = createRequire(import.meta.url);
const wasm = readFileSync(new URL("tearsheet_bg.wasm", pkgUrl));
initSync({ module: wasm });

const text = readFileSync(args[0] ?? "target/mixed-1mb.txt", "utf8");
const mb = Buffer.byteLength(text) / 1e6;

function rate(label, fn, rounds) {
  fn(); // warm up (compiles the automaton, fills the lazy DFA cache)
  const t0 = performance.now();
  let out;
  for (let i = 0; i < rounds; i++) out = fn();
  const secs = (performance.now() - t0) / 1000 / rounds;
  const mbs = mb / secs;
  console.log(`${label.padEnd(32)} ${(secs * 1000).toFixed(1).padStart(9)} ms  ${mbs.toFixed(1).padStart(8)} MB/s`);
  return { mbs, out };
}

console.log(`corpus: ${mb.toFixed(2)} MB mixed prompts, logs and e-mail threads; node ${process.version}`);
const s = rate("tearsheet wasm scan", () => scan(text), 5);
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
const report = { title: "bench", technical: { prompts: chunks.map((c) => ({ prompt: c })) } };
const r = rate("tearsheet wasm redact", () => redact(report, { key: new Uint8Array(32).fill(7) }), 3);
const { SyncRedactor } = require("redact-pii");
const redactor = new SyncRedactor();
const p = rate("redact-pii SyncRedactor.redact", () => redactor.redact(text), 1);
console.log(`spans found: tearsheet ${s.out.length}, redactions logged ${r.out.redactions.length}`);
console.log(`ratio redact: tearsheet wasm / redact-pii = ${(r.mbs / p.mbs).toFixed(1)}x (scan: ${(s.mbs / p.mbs).toFixed(1)}x)`);
// The size figure is GNU gzip -9's, as scripts/size and the size budget measure it. Node's own
// zlib (Chromium's fork) compresses this file ~1.3 % worse at the same level: printed beside it
// so the two are never confused.
const wasmPath = fileURLToPath(new URL("tearsheet_bg.wasm", pkgUrl));
let gzip9 = "n/a (no gzip on PATH)";
try {
  gzip9 = String(execFileSync("gzip", ["-9c", wasmPath], { maxBuffer: 1 << 26 }).length);
} catch {}
console.log(`${pkgDir}/tearsheet_bg.wasm: ${wasm.length} bytes raw, ${gzip9} bytes gzip -9 (node zlib level 9: ${gzipSync(wasm, { level: 9 }).length})${pkgDir === "pkg" ? "; target < 409600 (400 KiB)" : ""}`);
