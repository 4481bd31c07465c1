// End-to-end: the widget mounted with mount() in headless Chromium, typed into like a person,
// sending to the recording backend (scripts/serve.py) on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, openPage, typeInto, fillReport, checkReceived, INDICATORS, OUTPUT } from "./widget-support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("typing a report and sending it: labelled, redacted, indicators intact", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=40`);
    await fillReport(page);
    await page.waitForFunction(() => window.tearsheetEvents.some((e) => e.type === "tearsheet:validated" && e.detail.completeness > 0.1));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUTPUT, "widget-form.png") });
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.waitForSelector(".ts-review:not([hidden])");
    await page.screenshot({ path: path.join(OUTPUT, "widget-review.png"), fullPage: false });
    const preview = await page.locator(".ts-preview").textContent();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state=sent]", { timeout: 10000 });
    const received = await server.received();
    assert.equal(received.length, 1);
    assert.equal(received[0].body, preview, "the preview shows exactly the payload sent");
    assert.equal(received[0].headers["x-csrf-token"], "demo-csrf-token");
    checkReceived(received);
    const events = await page.evaluate(() => window.tearsheetEvents.map((e) => e.type));
    for (const t of ["tearsheet:change", "tearsheet:validated", "tearsheet:sent"]) assert.ok(events.includes(t), t);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tearsheet:draft")).length), 0, "draft cleared after 2xx");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("backend down at Send: error shown, nothing lost, reload restores, send succeeds later", async () => {
  let server = await startServer();
  const port = server.port;
  try {
    const { page, context } = await openPage(browser, `${server.base}/?debounce=0`);
    await fillReport(page);
    await server.stop();
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state=failed]", { timeout: 10000 });
    const message = await page.locator(".ts-send-status").textContent();
    assert.match(message, /Not sent/);
    assert.ok(await page.evaluate(() => window.tearsheetEvents.some((e) => e.type === "tearsheet:error")));
    await page.screenshot({ path: path.join(OUTPUT, "widget-send-failed.png") });
    server = await startServer(port);
    await page.reload();
    await page.waitForSelector("html[data-ready=true]");
    assert.equal(await page.getByLabel("Title", { exact: true }).inputValue(), "Prompt injection through the support copilot");
    assert.equal(await page.getByLabel("Value 3", { exact: true }).inputValue(), INDICATORS[2].value);
    assert.match(await page.locator(".ts-status").textContent(), /restored/);
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state=sent]", { timeout: 10000 });
    checkReceived(await server.received());
    await context.close();
  } finally {
    await server.stop();
  }
});

test("an invalid report shows errors inline and in a summary that focuses the field", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=0`);
    await typeInto(page, "Detected at", "yesterday at noon");
    await typeInto(page, "Contact e-mail", "not-an-address");
    const detected = page.getByLabel("Detected at", { exact: true });
    await page.waitForFunction(() => document.querySelector("[aria-invalid=true]"));
    assert.equal(await detected.getAttribute("aria-invalid"), "true");
    const describedBy = (await detected.getAttribute("aria-describedby")).split(" ");
    const errorText = await page.locator(`#${describedBy.at(-1)}`).textContent();
    assert.match(errorText, /RFC 3339|timestamp/i);
    await page.getByRole("button", { name: "Review and send" }).click();
    assert.ok(await page.locator(".ts-review").isHidden(), "an invalid report cannot be reviewed for sending");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUTPUT, "widget-errors.png") });
    await page.locator(".ts-summary button", { hasText: /RFC 3339|timestamp/i }).first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-ts-path")), "/timestamps/detected");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("a destination whose TLP limit is lower than the report's is refused with the rule's message", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=0&destination=cisa-jcdc`);
    await page.getByLabel("What is this report about?", { exact: true }).selectOption("incident");
    await typeInto(page, "Title", "Model weights exfiltrated");
    await page.getByLabel("TLP label of the report", { exact: true }).selectOption("TLP:RED");
    await page.getByRole("button", { name: "Review and send" }).click();
    assert.match(await page.locator(".ts-status").textContent(), /TLP:RED|tlp/i);
    assert.ok(await page.locator(".ts-review").isHidden(), "refused: no review, no send");
    assert.ok(await page.evaluate(() => window.tearsheetEvents.some((e) => e.type === "tearsheet:error")));
    // The banner shows the label in FIRST's colours at the top and bottom.
    const banners = page.locator(".ts-tlp-banner:visible");
    assert.ok((await banners.count()) >= 2);
    assert.match(await banners.first().textContent(), /^TLP:RED/);
    assert.equal(await banners.first().evaluate((b) => getComputedStyle(b).color), "rgb(255, 43, 43)");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
