// End-to-end: the other two ways to embed — the <tearsheet-report> custom element and
// enhance() on a plain existing form — send labelled, redacted payloads too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, launch, openPage, typeInto, choose, fillReport, checkReceived, PLANTED, INDICATORS, OUTPUT } from "./widget-support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the custom element: circia profile, reporting clock, send", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/element.html`);
    await page.waitForSelector("tearsheet-report .ts-form");
    await fillReport(page);
    // What the circia profile requires on top.
    await typeInto(page, "Reporting organisation", "Example Utilities");
    await typeInto(page, "Contact e-mail", "soc@utilities.example");
    await typeInto(page, "Detection method", "Model-output monitoring");
    await typeInto(page, "Victims or victim types", "Customers using the support portal");
    await typeInto(page, "Business operations", "Support queue paused for four hours");
    await choose(page, "Status", "Complete");
    await page.waitForFunction(() => !document.querySelector(".ts-clock").hidden);
    assert.match(await page.locator(".ts-clock").textContent(), /CIRCIA/);
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state=sent]", { timeout: 10000 });
    const report = checkReceived(await server.received());
    assert.equal(report.reporter.email, "soc@utilities.example");
    assert.ok(await page.evaluate(() => window.tearsheetEvents.some((e) => e.type === "tearsheet:sent")));
    // Removing the element unmounts the widget.
    await page.evaluate(() => document.getElementById("report").remove());
    assert.equal(await page.locator(".ts-root").count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("enhance(): a plain existing form is checked, stopped when invalid, redacted when sent", async () => {
  const server = await startServer();
  try {
    const { page, context, problems } = await openPage(browser, `${server.base}/enhance.html`);
    await typeInto(page, "Title", "Copilot leaked credentials");
    await page.getByLabel("Type of report").selectOption("incident");
    await page.getByLabel("Sharing (TLP)").selectOption("TLP:AMBER");
    await typeInto(page, "Detected (RFC 3339)", "last tuesday");
    await typeInto(page, "What happened", `Mail from ${PLANTED.email}, key ${PLANTED.awsKey}, token ${PLANTED.githubToken}.`);
    await typeInto(page, "Indicator (IP, domain, hash)", INDICATORS[0].value);
    await page.getByLabel("Indicator type").selectOption("ipv4");
    await page.getByRole("button", { name: "Submit report" }).click();
    await page.waitForSelector(".ts-enhance:not([hidden])");
    assert.match(await page.locator(".ts-enhance").textContent(), /RFC 3339|timestamp/i);
    assert.equal(await page.getByLabel("Detected (RFC 3339)").getAttribute("aria-invalid"), "true");
    assert.equal((await server.received()).length, 0, "an invalid report is not submitted");
    await page.screenshot({ path: path.join(OUTPUT, "widget-enhance-stopped.png") });
    await page.getByLabel("Detected (RFC 3339)").fill("2025-03-01T10:00:00Z");
    await Promise.all([page.waitForURL(/\/api\/reports$/), page.getByRole("button", { name: "Submit report" }).click()]);
    const received = await server.received();
    assert.equal(received.length, 1);
    const form = new URLSearchParams(received[0].body);
    for (const [what, value] of Object.entries(PLANTED)) assert.ok(!form.get("/description/narrative").includes(value), `planted ${what} was submitted`);
    assert.equal(form.get("/detection/indicators/0/value"), INDICATORS[0].value);
    assert.equal(form.get("/tlp"), "TLP:AMBER");
    assert.equal(form.get("csrf"), "legacy-csrf-token");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
