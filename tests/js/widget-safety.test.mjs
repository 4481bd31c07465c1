// End-to-end: hostile text stays text, the strict CSP holds, and axe-core finds no
// accessibility violation in the form, its error state and the review step.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, openPage, typeInto, fillReport, ROOT } from "./widget-support.mjs";

const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `</textarea><script>window.__xss=2</script>`,
  `"><svg onload="window.__xss=3"></svg>`,
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("markup typed into every text field never executes and renders as text", async () => {
  const server = await startServer();
  try {
    // CSP bypassed on purpose: if user text ever became markup, the handlers WOULD run here.
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=60`, { bypassCSP: true });
    for (const add of await page.getByRole("button", { name: /^Add — / }).all()) await add.click();
    const fields = page.locator(".ts-form input[type=text], .ts-form input[type=email], .ts-form textarea");
    const n = await fields.count();
    assert.ok(n > 60, `${n} text fields`);
    for (let i = 0; i < n; i++) await fields.nth(i).fill(PAYLOADS[i % PAYLOADS.length]);
    // A few by keyboard too, as a person would type them.
    await typeInto(page, "Title", PAYLOADS[1]);
    await typeInto(page, "Technique id 1", PAYLOADS[0]);
    await page.locator(".ts-paste summary").click();
    await page.locator(".ts-paste-area").fill(JSON.stringify({ title: PAYLOADS[0], tlp: PAYLOADS[1], kind: PAYLOADS[2], description: { narrative: PAYLOADS[1] } }));
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await page.waitForFunction(() => document.querySelector(".ts-summary li"));
    const summary = await page.locator(".ts-summary").textContent();
    assert.ok(summary.includes(PAYLOADS[2]) || summary.includes(PAYLOADS[1]), "findings quote the hostile values as text");
    assert.equal(await page.getByLabel("Title", { exact: true }).inputValue(), PAYLOADS[0]);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__xss), undefined, "no payload ran");
    assert.equal(await page.locator(".ts-root img, .ts-root script, .ts-root svg").count(), 0, "no element came from user text");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("the strict-CSP pages work with no CSP violation reported", async () => {
  const server = await startServer();
  try {
    for (const pageName of ["", "element.html", "enhance.html"]) {
      const { page, context, problems } = await openPage(browser, `${server.base}/${pageName}`);
      if (pageName === "") {
        await fillReport(page);
        await page.getByRole("button", { name: "Review and send" }).click();
        await page.waitForSelector(".ts-review:not([hidden])");
      }
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `violations on /${pageName}`);
      assert.deepEqual(problems, [], `errors on /${pageName}`);
      await context.close();
    }
    assert.deepEqual(await server.cspReports(), []);
  } finally {
    await server.stop();
  }
});

test("axe-core finds no violation in the form, the error state and the review step", async () => {
  const server = await startServer();
  const axe = path.join(ROOT, "node_modules/axe-core/axe.min.js");
  // axe is injected as a script tag, which the page's CSP forbids: this context bypasses CSP
  // for the injection only (the CSP test above runs the same page with CSP on).
  const { page, context } = await openPage(browser, `${server.base}/?debounce=0`, { bypassCSP: true });
  const audit = async (what) => {
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector(".ts-root"), { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    });
    assert.deepEqual(result, [], `axe violations in ${what}`);
  };
  try {
    await page.addScriptTag({ path: axe });
    await audit("the empty form");
    await typeInto(page, "Detected at", "not a date");
    await typeInto(page, "Contact e-mail", "nobody");
    await page.getByRole("button", { name: "Add — Indicators of compromise" }).click();
    await typeInto(page, "Value 1", "999.1.1.1");
    await page.waitForFunction(() => document.querySelectorAll("[aria-invalid=true]").length >= 2);
    await audit("the error state");
    await page.getByRole("button", { name: "Start over" }).click();
    await fillReport(page);
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.waitForSelector(".ts-review:not([hidden])");
    await audit("the review step");
  } finally {
    await context.close();
    await server.stop();
  }
});
