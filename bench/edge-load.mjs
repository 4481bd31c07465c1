// Load benchmark of the edge validator: a bounded number of POSTs with autocannon against the
// edge on 127.0.0.1 (workerd by default, --runtime node for the adapter), in front of a
// minimal upstream that drains the body and answers 201. Prints requests per second and
// p50/p99 latency for a typical 8 KB report and a 1 MB report, both built from
// tests/fixtures/ so they pass every check (each request is a full validation + forward).
//
//   node bench/edge-load.mjs [--runtime workerd|node] [--requests N] [--connections C] [--floor]
//
// --floor runs the same load against bench/floor/ instead: a workerd worker that forwards
// every POST to the upstream with no gate, i.e. what workerd and the forward cost by themselves.
//
// Machine note: the load generator, the upstream and the edge share the same cores.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import autocannon from "autocannon";

const root = new URL("../", import.meta.url).pathname;
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const runtime = arg("runtime", "workerd");
const requests8k = Number(arg("requests", "20000"));
const connections = Number(arg("connections", "8"));

// A typical report: the scanning fixture with enough indicators to weigh about 8 KB.
function reportOfSize(target) {
  const base = JSON.parse(readFileSync(`${root}tests/fixtures/scanning.json`, "utf8"));
  base.detection.indicators = [];
  for (let i = 0; JSON.stringify(base).length < target; i++) {
    base.detection.indicators.push({
      type: "sha256",
      value: createHash("sha256").update(`sample-${i}`).digest("hex"),
      purpose: "reconnaissance",
      description: `Scanner build ${i} seen probing model-serving endpoints on port 11434`,
    });
  }
  return Buffer.from(JSON.stringify(base));
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const upstream = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.writeHead(201, { "content-type": "application/json" }); res.end('{"ok":true}'); });
});
await new Promise((r) => upstream.listen(0, "127.0.0.1", r));
const port = await freePort();
const floor = process.argv.includes("--floor");
const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
const edge = floor
  ? spawn(`${root}node_modules/.bin/workerd`, ["serve", `${root}bench/floor/workerd.capnp`, "--socket-addr", `http=127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TEARSHEET_UPSTREAM: upstreamUrl },
  })
  : spawn(`${root}edge/serve`, ["--runtime", runtime, "--port", String(port), "--upstream", upstreamUrl], {
    stdio: ["ignore", "ignore", "inherit"],
  });
const url = `http://127.0.0.1:${port}/api/reports`;
const stopAll = () => { if (edge.exitCode === null) edge.kill("SIGTERM"); upstream.close(); };
process.on("exit", () => { if (edge.exitCode === null) edge.kill("SIGKILL"); });
for (let t = Date.now(); ; ) {
  try { if ((await fetch(url)).status === 405) break; } catch { /* starting */ }
  if (Date.now() - t > 30_000) { stopAll(); throw new Error("edge did not start"); }
  await new Promise((r) => setTimeout(r, 100));
}

// CPU seconds the edge process has used (user + system, from /proc; Linux clock ticks are
// 1/100 s). Requests per edge-CPU-second is the per-core throughput, whatever else shares the
// machine; the wall-clock req/s above it depends on that load.
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function run(label, body, amount, conns) {
  // Every request must pass: a benchmark of refusals would measure the wrong thing.
  const check = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
  if (check.status !== 201) { stopAll(); throw new Error(`${label}: the edge answered ${check.status}: ${await check.text()}`); }
  const opts = { url, method: "POST", body, headers: { "content-type": "application/json" }, connections: conns, pipelining: 1 };
  await autocannon({ ...opts, amount: Math.max(50, Math.floor(amount / 10)) }); // warm-up
  const cpu0 = cpuSeconds(edge.pid);
  const r = await autocannon({ ...opts, amount });
  const cpu = cpuSeconds(edge.pid) - cpu0;
  const ok = r["2xx"];
  console.log(
    `${label.padEnd(16)} ${String(body.length).padStart(8)} B  ${String(amount).padStart(6)} req  ` +
    `${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
    `2xx ${ok}/${r.requests.total}  errors ${r.errors} timeouts ${r.timeouts}`,
  );
  console.log(
    `${"".padEnd(16)} edge CPU ${cpu.toFixed(2)} s: ${(1000 * cpu / r.requests.total).toFixed(2)} ms per request, ` +
    `${(r.requests.total / cpu).toFixed(0)} requests per edge-CPU-second (one core)`,
  );
  return r;
}

console.log(`${floor ? "pass-through worker (no gate: the floor)" : "tearsheet edge"} load test on ${floor ? "workerd" : runtime}, ${connections} connections (edge, upstream and load generator share the machine; load average now ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
const small = reportOfSize(8 * 1024);
const large = reportOfSize(1024 * 1024);
await run("8 KB report", small, requests8k, connections);
await run("1 MB report", large, Math.max(50, Math.floor(requests8k / 200)), 2);
stopAll();
