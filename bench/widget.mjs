// Browser benchmark of the widget (headless Debian Chromium, the demo page www/index.html served
// by scripts/serve.py on 127.0.0.1 under its strict CSP):
//   1. navigation start → interactive form: `performance.now()` (whose origin is the navigation
//      start) when demo.js has run `init()` (wasm fetched, compiled, instantiated) and `mount()`
//      returned — the moment the page sets `html[data-ready]`. mount() renders the report header
//      and the first section (what fills the first screen) and returns; those controls take
//      input from then on. Also printed, so nothing is hidden by that split:
//        form painted: the frame in which the form's first legend was first painted (Element
//          Timing: demo.js marks it with `elementtiming`);
//        whole form + first validation: the other eight sections, rendered in the task after
//          that frame, and the first validation result on the page (the widget's first
//          `tearsheet:validated` event; the root is aria-busy until then).
//      Measured twice:
//        cold: a fresh browser context per run (empty HTTP cache, empty wasm code cache), the
//              first visit of a user;
//        warm: the same context navigating to the page again (HTTP cache revalidated with 304s,
//              and whatever compiled wasm code Chromium cached), a user coming back.
//      With a breakdown of where the time goes (Resource Timing and the page's marks).
//   2. keystroke → validation feedback on screen, for a full report (the widget with debounce 0,
//      so the time is input handling + validation + DOM update, not the debounce wait).
//   --settle=MS: wait MS after opening each new context's page before navigating (default 0, the
//      historical figure). A new browser context is a new window: for its first ~400 ms Chromium
//      builds that window's omnibox-popup WebUI in another renderer process
//      (chrome://omnibox-popup.top-chrome, 20-40 ms of CPU per 50 ms) and sets up the context's
//      network stack, competing with the page for this machine's two cores. A user's first
//      visit happens in a browser that did that long before; with --settle=1000 the cold figure
//      leaves that work out (2026-11-26 traces, README "Widget speed"). Navigation start is
//      still the origin.
// Prints the figures; asserts nothing. `node bench/widget.mjs [runs] [--load-only] [--settle=MS]`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { startServer, launch, ROOT } from "../tests/js/widget-support.mjs";

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 7);
const loadOnly = process.argv.includes("--load-only");
const settle = Number(process.argv.find((a) => a.startsWith("--settle="))?.slice("--settle=".length) ?? 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${s[0].toFixed(1)} ms (n=${s.length})`;
};

/** Navigates `page` to the demo and reads the timings (ms since navigation start). */
async function visit(page, url) {
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]");
  await page.waitForFunction(() => window.__firstValidated !== undefined && !document.querySelector(".ts-root[aria-busy=true]"));
  const painted = await page.evaluate(() => new Promise((resolve) => {
    setTimeout(() => resolve(NaN), 3000); // a page without the elementtiming mark
    new PerformanceObserver((list) => {
      const e = list.getEntries().find((x) => x.identifier === "tearsheet-form");
      if (e) resolve(e.renderTime || e.loadTime);
    }).observe({ type: "element", buffered: true });
  }));
  return { painted, ...(await page.evaluate(() => {
    const res = (end) => performance.getEntriesByType("resource").find((r) => r.name.endsWith(end));
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      ready: window.tearsheetReadyAt,
      html: nav.responseEnd,
      glue: res("/tearsheet.js")?.responseEnd ?? NaN,
      wasmStart: res("/tearsheet_bg.wasm")?.startTime ?? NaN,
      wasmEnd: res("/tearsheet_bg.wasm")?.responseEnd ?? NaN,
      wasmReady: mark("tearsheet-wasm-ready"),
      validated: window.__firstValidated,
    };
  })) };
}

function report(label, xs) {
  console.log(`navigation → interactive form, ${label}: ${stats(xs.map((x) => x.ready))}`);
  const m = (k) => median(xs.map((x) => x[k])).toFixed(0);
  console.log(`  medians: HTML received ${m("html")} ms, glue received ${m("glue")} ms, wasm requested ${m("wasmStart")} ms, ` +
    `wasm received ${m("wasmEnd")} ms, wasm ready (init done) ${m("wasmReady")} ms, interactive ${m("ready")} ms`);
  console.log(`  of which mount() (header + first section rendered): ${stats(xs.map((x) => x.ready - x.wasmReady))}`);
  console.log(`  navigation → form painted (Element Timing): ${stats(xs.map((x) => x.painted))}`);
  console.log(`  navigation → whole form rendered + first validation shown: ${stats(xs.map((x) => x.validated))}`);
}

const server = await startServer();
const browser = await launch();
const report_ = readFileSync(path.join(ROOT, "tests/fixtures/prompt-injection-copilot.json"), "utf8");
const url = `${server.base}/?debounce=0`;
try {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      document.addEventListener("tearsheet:validated", () => { window.__firstValidated ??= performance.now(); });
    });
    const page = await context.newPage();
    if (settle) await page.waitForTimeout(settle);
    cold.push(await visit(page, url));
    // Compiled wasm is cached in the background once it is optimised: give it a moment, as a
    // user reading the page would, before coming back.
    await page.waitForTimeout(500);
    await page.goto("about:blank");
    warm.push(await visit(page, url));
    await context.close();
  }
  report(settle ? `cold (new browser context, settled ${settle} ms before navigating)` : "cold (new browser context)", cold);
  report("warm (same context, second visit)", warm);
  // --load-only stops here; the finally below stops the browser and the server either way.
  if (!loadOnly) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("html[data-ready=true]");
    await page.waitForFunction(() => !document.querySelector(".ts-root[aria-busy=true]"));
    await page.locator(".ts-paste summary").click();
    await page.locator(".ts-paste-area").fill(report_);
    await page.getByRole("button", { name: "Load", exact: true }).click();
    const fields = await page.evaluate(() => document.querySelectorAll(".ts-form [data-ts-path]").length);
    await page.evaluate(() => {
      window.__lat = [];
      window.__inner = [];
      const t = document.querySelector("[data-ts-path='/description/narrative']");
      t.addEventListener("keydown", (e) => { window.__down = e.timeStamp; }, { capture: true });
      document.getElementById("report").addEventListener("tearsheet:validated", (e) => {
        window.__inner.push(e.detail.ms);
        // Feedback is on screen at the next frame after the DOM update.
        requestAnimationFrame(() => window.__lat.push(performance.now() - window.__down));
      });
    });
    await page.locator("[data-ts-path='/description/narrative']").click();
    await page.keyboard.press("End");
    for (let i = 0; i < 40; i++) {
      await page.keyboard.type("x");
      await page.waitForFunction((n) => window.__lat.length >= n, i + 1);
    }
    const lat = await page.evaluate(() => window.__lat);
    const inner = await page.evaluate(() => window.__inner);
    console.log(`full report loaded: ${fields} controls`);
    console.log(`keystroke → validation feedback (to next frame): ${stats(lat)}`);
    console.log(`  of which validation + DOM update inside the widget: ${stats(inner)}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
