// The edge validator over real HTTP on 127.0.0.1, the same suite against both runtimes:
// workerd (Cloudflare's Workers runtime, edge/workerd.capnp) and Node (edge/node.mjs), each
// started by edge/serve in front of a recording upstream. Needs edge/pkg/ (scripts/build-wasm --edge; edge/serve builds it when missing).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { freePort } from "./widget-support.mjs";
import { startTaxii, taxiiReady, TAXII_SKIP, TAXII_CT, TAXII_AUTH, TAXII_COLLECTION } from "./taxii-support.mjs";

const root = new URL("../../", import.meta.url).pathname;
const fixture = (name) => readFileSync(`${root}tests/fixtures/${name}`);
const SCANNING = fixture("scanning.json"); // TLP:CLEAR, valid, no personal data
const COPILOT = fixture("prompt-injection-copilot.json"); // TLP:AMBER, e-mail, phone, API key in free text
const BROKEN = fixture("broken.json"); // error findings under the default profile
const JSON_CT = "application/json";
const MAX_BODY = 64 * 1024;

const withTlp = (buf, tlp) => Buffer.from(JSON.stringify({ ...JSON.parse(buf), tlp }));
const GREEN_SCAN = withTlp(SCANNING, "TLP:GREEN");
const RED_SCAN = withTlp(SCANNING, "TLP:RED");
// A valid report no other test sends, so "the upstream never saw it" means something.
const unique = (tag) => Buffer.from(JSON.stringify({ ...JSON.parse(SCANNING), title: `Scanning (${tag})` }));

function bundle(markingId, description) {
  return Buffer.from(JSON.stringify({
    type: "bundle", id: "bundle--6f2b5f4e-1c9a-4d55-9c4e-0d6b8f2f0a11",
    objects: [{
      type: "indicator", spec_version: "2.1", id: "indicator--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
      created: "2025-06-03T04:00:00.000Z", modified: "2025-06-03T04:00:00.000Z", name: "Scanner",
      description, pattern: "[ipv4-addr:value = '192.0.2.44']", pattern_type: "stix",
      valid_from: "2025-06-01T00:12:00Z", object_marking_refs: [markingId],
    }, markingDefinition(markingId)],
  }));
}
const TLP_CLEAR_ID = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const TLP_RED_ID = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
// The official TLP 2.0 marking definitions (OASIS), so the bundles pass the STIX TLP lint.
function markingDefinition(id) {
  const [name, code] = id === TLP_RED_ID ? ["TLP:RED", "red"] : ["TLP:CLEAR", "clear"];
  return {
    type: "marking-definition", spec_version: "2.1", id, created: "2022-10-01T00:00:00.000Z", name,
    extensions: { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": { extension_type: "property-extension", tlp_2_0: code } },
  };
}

// A backend that records every body it receives and answers with the status its path asks for
// (/status/202 → 202), 201 otherwise.
async function startRecorder() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      const m = /^\/status\/(\d{3})/.exec(req.url);
      res.writeHead(m ? Number(m[1]) : 201, { "content-type": "application/json", "x-upstream": "recorder" });
      res.end(JSON.stringify({ id: `report-${received.length}` }));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((r) => server.close(r)) };
}

const children = new Set();
async function startEdge(runtime, upstream, extra = []) {
  const port = await freePort();
  const child = spawn(`${root}edge/serve`, ["--runtime", runtime, "--port", String(port), "--upstream", upstream, ...extra], {
    stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TEARSHEET_PROFILE: "", TEARSHEET_MAX_TLP: "", TEARSHEET_ROUTES: "" },
  });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`edge (${runtime}) exited: ${log}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.status === 405) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`edge (${runtime}) did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, log: () => log };
}
function stop(child) {
  if (child.exitCode === null) child.kill("SIGTERM");
  children.delete(child);
}
process.on("exit", () => { for (const c of children) c.kill("SIGKILL"); });

async function post(base, path, body, contentType = JSON_CT, headers = {}) {
  const r = await fetch(base + path, { method: "POST", body, headers: { "content-type": contentType, ...headers } });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, text, json };
}


for (const runtime of ["workerd", "node"]) {
  describe(`edge on ${runtime}`, () => {
    let up, edge, sent;
    const mustNotReach = []; // bodies the upstream must never see

    before(async () => {
      up = await startRecorder();
      edge = await startEdge(runtime, up.url, [
        "--routes", JSON.stringify({ "/": "TLP:AMBER", "/public/": "TLP:CLEAR", "/internal/": "TLP:RED" }),
        "--max-body", String(MAX_BODY),
      ]);
      sent = 0;
    });
    after(async () => {
      // Stopped whatever failed: a recorder left listening keeps this file's process alive.
      try {
        // Whatever was refused, the upstream never received it.
        for (const body of mustNotReach) {
          assert.ok(!up.received.some((r) => r.body.equals(body)), "a refused body reached the upstream");
        }
      } finally {
        if (edge) stop(edge.child);
        await up?.close();
      }
    });

    async function refused(path, body, contentType, status, code) {
      const before = up.received.length;
      const r = await post(edge.url, path, body, contentType);
      assert.equal(r.status, status, r.text);
      assert.equal(r.json?.error?.code, code, r.text);
      assert.match(r.headers.get("content-type"), /application\/json/);
      assert.equal(up.received.length, before, "the upstream received a refused request");
      if (body?.length) mustNotReach.push(Buffer.from(body));
      return r;
    }

    test("a valid report passes, byte for byte, and the upstream's 201 comes back", async () => {
      const r = await post(edge.url, "/api/reports?src=test", SCANNING);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.headers.get("x-upstream"), "recorder");
      assert.equal(r.headers.get("x-tearsheet-gate"), "passed");
      const got = up.received.at(-1);
      assert.equal(got.path, "/api/reports?src=test");
      assert.ok(got.body.equals(SCANNING), "forwarded body differs from what was sent");
      assert.equal(got.headers["content-type"], JSON_CT);
    });

    test("the upstream's own status is passed through (200, 202, 503)", async () => {
      for (const s of [200, 202, 503]) {
        const r = await post(edge.url, `/status/${s}`, SCANNING);
        assert.equal(r.status, s);
        assert.equal(r.json.id, `report-${up.received.length}`);
      }
    });

    test("a STIX 2.1 bundle passes as application/stix+json", async () => {
      const b = bundle(TLP_CLEAR_ID, "Scanning of model-serving endpoints");
      const r = await post(edge.url, "/public/stix", b, "application/stix+json;version=2.1");
      assert.equal(r.status, 201, r.text);
      assert.ok(up.received.at(-1).body.equals(b));
    });

    test("405 for every other method", async () => {
      for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
        const r = await fetch(edge.url + "/api/reports", { method, body: method === "GET" ? undefined : SCANNING });
        assert.equal(r.status, 405);
        assert.equal(r.headers.get("allow"), "POST");
        // The body was not read: the node adapter closes the connection and says so, or the
        // client's next request on it fails (seen as "fetch failed" in the next test, once).
        if (runtime === "node" && method !== "GET") assert.equal(r.headers.get("connection"), "close", method);
        assert.equal((await r.json()).error.code, "method-not-allowed");
      }
    });

    test("403 with the rule when the TLP is above the route's ceiling", async () => {
      const r = await refused("/public/reports", GREEN_SCAN, JSON_CT, 403, "tlp-above-route");
      assert.deepEqual(r.json.error.rule, { route: "/public/", max_tlp: "TLP:CLEAR", tlp: "TLP:GREEN" });
      await refused("/api/reports", RED_SCAN, JSON_CT, 403, "tlp-above-route");
      await refused("/api/stix", bundle(TLP_RED_ID, "x"), "application/stix+json;version=2.1", 403, "tlp-above-route");
    });

    test("413 over the body cap, however large the body", async () => {
      const big = Buffer.concat([SCANNING.subarray(0, SCANNING.length - 2), Buffer.from(`,"x":"${"a".repeat(MAX_BODY)}"}`)]);
      const r = await refused("/api/reports", big, JSON_CT, 413, "body-too-large");
      assert.equal(r.json.error.max_bytes, MAX_BODY);
      // 5 MB: the edge stops reading after cap + 1 bytes and still answers.
      const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
      let status;
      try {
        status = (await post(edge.url, "/api/reports", huge)).status;
      } catch {
        status = "reset"; // closing the connection on an unread body is also a refusal
      }
      assert.ok(status === 413 || status === "reset", String(status));
      mustNotReach.push(huge);
    });

    test("415 for other content types", async () => {
      for (const ct of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]) {
        await refused("/api/reports", unique(ct), ct, 415, "unsupported-media-type");
      }
      const before = up.received.length;
      const r = await fetch(edge.url + "/api/reports", { method: "POST", body: new Blob([unique("no type")]) });
      assert.equal(r.status, 415);
      assert.equal(up.received.length, before);
    });

    test("422 with findings when the report has errors under the profile", async () => {
      const r = await refused("/internal/reports", BROKEN, JSON_CT, 422, "report-invalid");
      assert.ok(r.json.findings.length > 0);
      assert.ok(r.json.findings.every((f) => f.severity === "error" && f.code && f.path !== undefined));
    });

    test("422 when free text still carries personal data or secrets, without echoing it", async () => {
      const r = await refused("/api/reports", COPILOT, JSON_CT, 422, "residual-sensitive-data");
      assert.ok(r.json.findings.length >= 3);
      assert.ok(r.json.findings.every((f) => f.code === "redaction-residual"));
      for (const secret of ["jane.doe@corp.example", "202-555-0143", "sk-proj-AbCdEfGh"]) {
        assert.ok(!r.text.includes(secret), `the answer echoes ${secret}`);
      }
      const leaky = bundle(TLP_CLEAR_ID, "Ask jane.doe@corp.example, key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ");
      const b = await refused("/public/stix", leaky, "application/stix+json;version=2.1", 422, "residual-sensitive-data");
      assert.ok(!b.text.includes("jane.doe@corp.example"));
    });

    test("malformed bodies never crash the worker and never reach the upstream", async () => {
      const deep = Buffer.from(`{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
      const cases = [
        [Buffer.from("this is not json"), "input-not-json"],
        [deep, "input-too-deep"],
        [SCANNING.subarray(0, 200), "input-truncated"],
        [Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), "input-not-utf8"],
        [Buffer.from("[1,2,3]"), "input-not-a-report"],
        [Buffer.from(""), "input-not-a-report"],
        [Buffer.from('{"type":"bundle","id":"bundle--1","objects":[{"type":"x"}]}'), null],
      ];
      for (const [body, cause] of cases) {
        const r = await refused("/api/reports", body, JSON_CT, 400, cause ? "bad-request" : "stix-invalid");
        if (cause) assert.equal(r.json.error.cause, cause, r.text);
      }
      // Still alive and still passing good reports.
      assert.equal((await post(edge.url, "/api/reports", SCANNING)).status, 201);
    });

    test("502 with a JSON error when the upstream is down, and nothing forwarded", async () => {
      const deadPort = await freePort();
      const dead = await startEdge(runtime, `http://127.0.0.1:${deadPort}`);
      try {
        const r = await post(dead.url, "/api/reports", SCANNING);
        assert.equal(r.status, 502, r.text);
        assert.equal(r.json.error.code, "upstream-unreachable");
        // A refused body is still refused first: the gate decides before any forwarding.
        assert.equal((await post(dead.url, "/api/reports", BROKEN)).status, 422);
        assert.ok(!up.received.some((x) => x.body.equals(BROKEN)));
      } finally {
        stop(dead.child);
      }
    });

    test("normalized forwarding labels the request and canonicalises the TLP", async () => {
      const norm = await startEdge(runtime, up.url, ["--forward", "normalized", "--profile", "open"]);
      try {
        const loose = withTlp(SCANNING, "tlp: green");
        const r = await post(norm.url, "/api/reports", loose);
        assert.equal(r.status, 201, r.text);
        const got = up.received.at(-1);
        assert.equal(JSON.parse(got.body).tlp, "TLP:GREEN");
        assert.equal(got.headers["x-tearsheet-tlp"], "TLP:GREEN");
        assert.equal(got.headers["x-tearsheet-profile"], "open");
      } finally {
        stop(norm.child);
      }
    });
  });
}

// A real TAXII 2.1 server (OASIS medallion) behind the edge on workerd: a bundle's objects are
// added through the edge and answered 202 with a status resource; a RED one never gets there.
describe("edge in front of a TAXII 2.1 server (medallion)", { skip: taxiiReady ? false : TAXII_SKIP }, () => {
  let taxii, taxiiUrl, edge;
  before(async () => {
    taxii = await startTaxii();
    children.add(taxii.child);
    taxiiUrl = taxii.url;
    edge = await startEdge("workerd", taxiiUrl, ["--routes", JSON.stringify({ "/tearsheet/": "TLP:AMBER" })]);
  });
  after(async () => { if (edge) stop(edge.child); if (taxii) { children.delete(taxii.child); await taxii.stop(); } });

  const objectsPath = `/tearsheet/collections/${TAXII_COLLECTION}/objects/`;
  const envelope = (marking) => Buffer.from(JSON.stringify({ objects: JSON.parse(bundle(marking, "Scanner seen on port 11434")).objects }));

  test("an envelope within the route's TLP is added: 202 and a status resource", async () => {
    const r = await post(edge.url, objectsPath, envelope(TLP_CLEAR_ID), TAXII_CT, { authorization: TAXII_AUTH, accept: TAXII_CT });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.status, "complete");
    assert.ok(r.json.success_count >= 1, r.text);
    const objects = await fetch(`${taxiiUrl}${objectsPath}`, { headers: { authorization: TAXII_AUTH, accept: TAXII_CT } }).then((x) => x.json());
    assert.ok(objects.objects.some((o) => o.id === "indicator--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"));
  });

  test("a TLP:RED envelope is refused at the edge and never reaches the collection", async () => {
    const red = JSON.parse(envelope(TLP_RED_ID));
    red.objects[0].id = "indicator--9f9f9f9f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    const r = await post(edge.url, objectsPath, Buffer.from(JSON.stringify(red)), TAXII_CT, { authorization: TAXII_AUTH, accept: TAXII_CT });
    assert.equal(r.status, 403, r.text);
    const objects = await fetch(`${taxiiUrl}${objectsPath}`, { headers: { authorization: TAXII_AUTH, accept: TAXII_CT } }).then((x) => x.json());
    assert.ok(!objects.objects.some((o) => o.id === red.objects[0].id));
  });
});
