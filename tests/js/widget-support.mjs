// Shared by the widget end-to-end tests: a real backend (scripts/serve.py, the recording JSON
// endpoint, on a free port of 127.0.0.1) and headless Debian Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { LAUNCH } from "../../scripts/screenshot.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OUTPUT = path.join(ROOT, "tests/output");
mkdirSync(OUTPUT, { recursive: true });

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await once(s, "listening");
  const { port } = s.address();
  s.close();
  await once(s, "close");
  return port;
}

/**
 * Starts scripts/serve.py on `port` (free one if absent), with `args` added (e.g. `--proxy`);
 * resolves once it listens.
 */
export async function startServer(port, args = []) {
  port ??= await freePort();
  const proc = spawn("python3", [path.join(ROOT, "scripts/serve.py"), "--port", String(port), "--quiet", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out}`)), 10000);
    proc.stdout.on("data", (d) => { out += d; if (out.includes("serving")) { clearTimeout(timer); resolve(); } });
    proc.stderr.on("data", (d) => { out += d; });
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${out}`)); });
  });
  proc.removeAllListeners("exit");
  const base = `http://127.0.0.1:${port}`;
  return {
    port, base,
    async received() { return (await fetch(`${base}/api/reports`)).json(); },
    async cspReports() { return (await fetch(`${base}/api/csp-reports`)).json(); },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill("SIGTERM");
      await once(proc, "exit");
    },
  };
}

/** Launches Chromium; every test closes it in `after`. */
export async function launch() {
  return chromium.launch(LAUNCH);
}

/** A page that records page errors, console errors and CSP violations. */
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 }, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // (The browser's own favicon.ico probe after a plain form submit navigates to the JSON answer is not the page's.)
  page.on("console", (m) => { if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
  // mount() shows the first sections at once and the rest right after the first frame (the root
  // is aria-busy until then): the tests work on the whole form.
  await waitForForm(page);
  return { page, context, problems };
}

/** Resolves once no widget on the page is still rendering (`.ts-root[aria-busy]`). */
export async function waitForForm(page) {
  await page.waitForFunction(() => !document.querySelector(".ts-root[aria-busy=true]"), undefined, { timeout: 15000 });
}

/** Types into the control labelled `label` (exact label text) like a person: click, then keys. */
export async function typeInto(page, label, text, nth = 0) {
  const control = page.getByLabel(label, { exact: true }).nth(nth);
  await control.click();
  await page.keyboard.type(text, { delay: 0 });
}

/** Picks an option of the select labelled `label` with the mouse and keyboard. */
export async function choose(page, label, optionLabel, nth = 0) {
  await page.getByLabel(label, { exact: true }).nth(nth).selectOption({ label: optionLabel });
}

/**
 * Clicks an "Add — …" button until row `label` exists: live validation (debounced) may shift the
 * layout between Playwright's stability check and its click, which then lands elsewhere.
 */
export async function addRow(page, button, label) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByRole("button", { name: button }).click();
    try {
      await page.getByLabel(label, { exact: true }).waitFor({ timeout: 3000 });
      return;
    } catch { /* try again */ }
  }
  throw new Error(`row ${label} did not appear after clicking ${button}`);
}

/** Values planted in narrative fields that must never leave the page. */
export const PLANTED = {
  email: "jane.doe@corp-internal.example",
  phone: "+1 (202) 555-0147",
  awsKey: "AKIAIOSFODNN7EXAMPLE",
  githubToken: "ghp_1A2b3C4d5E6f7G8h9I0jK1L2m3N4o5P6q7R8",
  ssn: "078-05-1120",
};

/** Indicators typed into rows that must arrive intact. */
export const INDICATORS = [
  { type: "IPv4 address", code: "ipv4", value: "203.0.113.66" },
  { type: "Domain name", code: "domain", value: "exfil-c2.example.net" },
  { type: "SHA-256 hash", code: "sha256", value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
];

/** Fills a report the way an analyst would: keyboard into fields, clicks on selects and buttons. */
export async function fillReport(page) {
  await choose(page, "What is this report about?", "Incident");
  await typeInto(page, "Title", "Prompt injection through the support copilot");
  await page.getByLabel("TLP label of the report", { exact: true }).selectOption("TLP:AMBER");
  await typeInto(page, "Detected at", "2025-03-01T10:00:00Z");
  await typeInto(page, "What happened",
    `A customer wrote to ${PLANTED.email} and phoned ${PLANTED.phone}; the copilot then printed ${PLANTED.awsKey} ` +
    `and the token ${PLANTED.githubToken}, plus an SSN ${PLANTED.ssn}.`);
  await choose(page, "Confidence", "Confirmed");
  for (const [i, ioc] of INDICATORS.entries()) {
    await addRow(page, "Add — Indicators of compromise", `Type ${i + 1}`);
    await choose(page, `Type ${i + 1}`, ioc.type);
    await typeInto(page, `Value ${i + 1}`, ioc.value);
  }
  await addRow(page, "Add — Techniques (ATT&CK, ATLAS)", "Technique id 1");
  await typeInto(page, "Technique id 1", "AML.T0051");
  await typeInto(page, "How the actor uses the TTPs or IOCs",
    `Injected instructions in a ticket; the attacker asked for replies to ${PLANTED.email}.`);
}

/** The checks every send must pass: labelled, indicators intact, nothing planted in any body. */
export function checkReceived(received, { minBodies = 1 } = {}) {
  assert.ok(received.length >= minBodies, `the backend received ${received.length} bodies`);
  for (const r of received) {
    for (const [what, value] of Object.entries(PLANTED)) {
      assert.ok(!r.body.includes(value), `planted ${what} (${value}) reached the backend`);
    }
  }
  const report = JSON.parse(received.at(-1).body);
  assert.equal(report.tlp, "TLP:AMBER");
  const values = report.detection.indicators.map((i) => `${i.type}:${i.value}`);
  assert.deepEqual(values, INDICATORS.map((i) => `${i.code}:${i.value}`));
  return report;
}
