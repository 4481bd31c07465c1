// Browser benchmark of the widget (headless Debian Chromium, the demo page under its strict CSP):
//   1. navigation start → interactive form (wasm loaded, 59-point form rendered, first validation);
//   2. keystroke → validation feedback on screen, for a full report (the widget with debounce 0,
//      so the time is input handling + validation + DOM update, not the debounce wait).
// Prints the figures; asserts nothing. `node bench/widget.mjs [runs]`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { startServer, launch, ROOT } from "../tests/js/widget-support.mjs";

const runs = Number(process.argv[2] ?? 7);
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${s[0].toFixed(1)} ms (n=${s.length})`;
};

const server = await startServer();
const browser = await launch();
const report = readFileSync(path.join(ROOT, "tests/fixtures/prompt-injection-copilot.json"), "utf8");
try {
  const ready = [];
  const mountOnly = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}/?debounce=0`);
    await page.waitForSelector("html[data-ready=true]");
    ready.push(await page.evaluate(() => window.tearsheetReadyAt));
    mountOnly.push(await page.evaluate(() => window.tearsheetReadyAt - performance.getEntriesByName("tearsheet-wasm-ready")[0].startTime));
    await context.close();
  }
  console.log(`navigation → interactive form: ${stats(ready)}`);
  console.log(`  of which mount() (render the form + first validation): ${stats(mountOnly)}`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/?debounce=0`);
  await page.waitForSelector("html[data-ready=true]");
  await page.locator(".ts-paste summary").click();
  await page.locator(".ts-paste-area").fill(report);
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
} finally {
  await browser.close();
  await server.stop();
}
