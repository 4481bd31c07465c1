// The edge's fetch handler, shared by workerd (edge/worker.mjs) and Node (edge/node.mjs).
//
// HTTP plumbing only: the method, reading the body without holding more than cap + 1 bytes,
// asking the core's gate (wasm, src/gate.rs) for the decision, forwarding what passed with
// fetch, and turning an upstream failure into a 502. Every decision about the payload — content
// type, size, shape, TLP, profile, residual personal data — is the core's.

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

// Request headers that describe this hop, not the payload: never forwarded. Content-Length is
// recomputed by fetch for the forwarded body.
const HOP_HEADERS = new Set([
  "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer",
  "upgrade", "expect", "proxy-authorization", "proxy-connection", "cf-connecting-ip", "x-forwarded-host",
]);
// Response headers of the upstream not copied back (the runtime frames the response itself).
const HOP_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

// How long the upstream may take before the request counts as failed (502).
const UPSTREAM_TIMEOUT_MS = 15_000;

function error(status, code, message, extra = {}) {
  return new Response(JSON.stringify({ error: { code, message, ...extra } }), { status, headers: JSON_HEADERS });
}

// Reads at most cap + 1 bytes: enough for the gate to tell "over the cap" without buffering an
// arbitrarily large body. The rest of the stream is cancelled.
async function readCapped(request, cap) {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  try {
    while (total <= cap) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.byteLength, cap + 1 - total);
      chunks.push(take === value.byteLength ? value : value.subarray(0, take));
      total += take;
    }
  } finally {
    if (total > cap) reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

function upstreamUrl(base, url) {
  const u = new URL(base);
  u.pathname = u.pathname.replace(/\/+$/, "") + url.pathname;
  u.search = url.search;
  return u;
}

// A gate per configuration: the profile is parsed once per isolate, not once per request.
function bindingKey(env) {
  return JSON.stringify(["TEARSHEET_PROFILE", "TEARSHEET_MAX_TLP", "TEARSHEET_ROUTES", "TEARSHEET_MAX_BODY", "TEARSHEET_FORWARD"].map((k) => env?.[k] ?? null));
}

/** Builds the fetch handler around the wasm package's `EdgeGate` class (already initialised). */
export function createHandler({ EdgeGate }) {
  const gates = new Map();
  function gateFor(env) {
    const key = bindingKey(env);
    let gate = gates.get(key);
    if (!gate) {
      gate = new EdgeGate(env ?? {});
      if (gates.size > 8) gates.clear();
      gates.set(key, gate);
    }
    return gate;
  }

  async function handle(request, env) {
    if (request.method !== "POST") {
      const r = error(405, "method-not-allowed", `${request.method} is not accepted here; POST a report, a STIX 2.1 bundle or a TAXII 2.1 envelope`);
      r.headers.set("allow", "POST");
      return r;
    }
    let gate;
    try {
      gate = gateFor(env);
    } catch (e) {
      return error(500, "gate-misconfigured", String(e?.message ?? e), e?.code ? { cause: e.code } : {});
    }
    const url = new URL(request.url);
    const body = await readCapped(request, gate.maxBodyBytes);
    const decision = gate.check(url.pathname, request.headers.get("content-type") ?? "", body, new Date().toISOString());
    if (!decision.forward) {
      return new Response(decision.body, { status: decision.status, headers: JSON_HEADERS });
    }
    const upstream = env?.TEARSHEET_UPSTREAM;
    if (!upstream) {
      return error(502, "upstream-not-configured", "the payload passed but no upstream is bound (TEARSHEET_UPSTREAM)");
    }
    const headers = new Headers();
    for (const [k, v] of request.headers) if (!HOP_HEADERS.has(k)) headers.set(k, v);
    for (const [k, v] of decision.headers) headers.set(k, v);
    let answer;
    try {
      // The whole body is in hand before the request starts: the upstream gets all of it or
      // nothing.
      answer = await fetch(upstreamUrl(upstream, url), {
        method: "POST", headers, body: decision.forward, redirect: "manual",
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (e) {
      const why = e?.name === "TimeoutError" ? `no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s` : "the connection failed";
      return error(502, "upstream-unreachable", `the upstream did not answer (${why}); nothing was delivered`);
    }
    const out = new Headers();
    for (const [k, v] of answer.headers) if (!HOP_RESPONSE_HEADERS.has(k)) out.set(k, v);
    out.set("x-tearsheet-gate", "passed");
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
  }

  return async function fetchHandler(request, env) {
    try {
      return await handle(request, env);
    } catch (e) {
      // A bug must cost one request, never the worker, and never forward anything.
      return error(500, "internal-error", "the edge failed on this request; nothing was forwarded");
    }
  };
}
