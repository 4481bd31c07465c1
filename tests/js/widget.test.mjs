// End-to-end: the widget mounted with mount() in headless Chromium, typed into like a person,
// sending to the recording backend (scripts/serve.py) on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, openPage, waitForForm, typeInto, fillReport, checkReceived, PLANTED, INDICATORS, OUTPUT } from "./widget-support.mjs";

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
    await waitForForm(page);
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

test("review: a kept span is sent and logged as kept, selected text is redacted by hand", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=0`);
    await page.getByLabel("What is this report about?", { exact: true }).selectOption("incident");
    await typeInto(page, "Title", "Vendor notified us of a jailbreak");
    await page.getByLabel("TLP label of the report", { exact: true }).selectOption("TLP:GREEN");
    await typeInto(page, "What happened", "The vendor's press office (press@vendor.example) says Project Nightingale was hit.");
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.waitForSelector(".ts-review:not([hidden])");
    assert.ok(!(await page.locator(".ts-preview").textContent()).includes("press@vendor.example"), "redacted by default");
    await page.getByRole("button", { name: /^Keep: pii.email/ }).click();
    await page.waitForFunction(() => document.querySelector(".ts-preview").textContent.includes("press@vendor.example"));
    // Select "Nightingale" in the shown narrative, as a person would with the mouse.
    await page.evaluate(() => {
      const p = document.querySelector(".ts-original[data-ts-path='/description/narrative']");
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf("Nightingale");
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + "Nightingale".length);
          getSelection().removeAllRanges();
          getSelection().addRange(r);
          return;
        }
      }
    });
    await page.getByRole("button", { name: "Redact the selected text" }).click();
    await page.waitForFunction(() => !document.querySelector(".ts-preview").textContent.includes("Nightingale"));
    await page.screenshot({ path: path.join(OUTPUT, "widget-review-kept.png") });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state=sent]", { timeout: 10000 });
    const [received] = await server.received();
    assert.ok(received.body.includes("press@vendor.example"), "the kept span was sent");
    assert.ok(!received.body.includes("Nightingale"), "the selected text was not");
    const log = JSON.parse(received.body).redaction.log;
    assert.ok(log.some((e) => e.kind === "pii.email" && e.action === "keep"), "the keep is in the redaction log");
    assert.ok(log.some((e) => e.kind === "user.selection" && e.action !== "keep"));
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("downloads: JSON, e-mail (.eml) and STIX exports, redacted like the payload", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=0`);
    await fillReport(page);
    const read = async (name) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
      const chunks = [];
      for await (const c of await download.createReadStream()) chunks.push(c);
      return { file: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
    };
    const eml = await read("Download e-mail (.eml)");
    assert.match(eml.file, /\.eml$/);
    assert.match(eml.text, /TLP:AMBER/);
    const stix = await read("Download STIX 2.1");
    const bundle = JSON.parse(stix.text);
    assert.equal(bundle.type, "bundle");
    for (const text of [eml.text, stix.text]) {
      for (const [what, value] of Object.entries(PLANTED)) assert.ok(!text.includes(value), `planted ${what} in an export`);
    }
    assert.ok(stix.text.includes(INDICATORS[0].value), "indicators survive in STIX");
    const json = await read("Save the draft (JSON file)");
    assert.equal(JSON.parse(json.text).title, "Prompt injection through the support copilot", "the JSON draft export (for re-import) is the draft itself");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
