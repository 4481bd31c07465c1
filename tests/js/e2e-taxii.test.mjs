// End-to-end: a report typed into the widget (headless Chromium) with output format `taxii` is
// sent to a real TAXII 2.1 server — OASIS medallion (scripts/taxii-server) on 127.0.0.1 — and
// read back from the collection with a TAXII GET: every object arrived, TLP-marked, with
// nothing planted in the narrative left in it.
//
// The page reaches medallion the way an intranet portal reaches a backend: through its own
// origin (scripts/serve.py --proxy /taxii/=…), which adds the TAXII server's credentials, so the
// page's CSP stays `connect-src 'self'` and the browser never holds them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openPage, fillReport, PLANTED, INDICATORS } from "./widget-support.mjs";
import { startTaxii, taxiiReady as ready, TAXII_SKIP, TAXII_CT as TAXII, TAXII_AUTH as AUTH, TAXII_COLLECTION as COLLECTION } from "./taxii-support.mjs";

// The official TLP 2.0 AMBER marking definition (FIRST / OASIS, see tlp-stix-facts.md).
const TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

let browser, taxii, taxiiUrl, server;
before(async () => {
  if (!ready) return;
  taxii = await startTaxii();
  taxiiUrl = taxii.url;
  server = await startServer(undefined, ["--proxy", `/taxii/=${taxiiUrl}/`, "--proxy-header", `Authorization: ${AUTH}`]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await taxii?.stop();
});

/** Every object in the collection, by TAXII 2.1 GET (paged with `next`, at most 20 pages). */
async function collectionObjects() {
  const objects = [];
  let next;
  for (let page = 0; page < 20; page++) {
    const url = `${taxiiUrl}/tearsheet/collections/${COLLECTION}/objects/${next ? `?next=${encodeURIComponent(next)}` : ""}`;
    const r = await fetch(url, { headers: { authorization: AUTH, accept: TAXII }, signal: AbortSignal.timeout(10_000) });
    assert.equal(r.status, 200, await r.clone().text());
    const envelope = await r.json();
    objects.push(...(envelope.objects ?? []));
    if (!envelope.more) return objects;
    next = envelope.next;
  }
  throw new Error("more than 20 pages of objects");
}

test("a report sent from the widget as a TAXII envelope arrives in medallion's collection, redacted and TLP-marked",
  { skip: ready ? false : TAXII_SKIP, timeout: 120_000 }, async () => {
    const endpoint = `/taxii/tearsheet/collections/${COLLECTION}/objects/`;
    const { page, context, problems } = await openPage(browser, `${server.base}/?debounce=0&format=taxii&endpoint=${encodeURIComponent(endpoint)}`);
    await fillReport(page);
    await page.getByRole("button", { name: "Review and send" }).click();
    await page.waitForSelector(".ts-review:not([hidden])");
    const envelope = JSON.parse(await page.locator(".ts-preview").textContent());
    assert.ok(Array.isArray(envelope.objects) && envelope.objects.length > 0, "the preview is a TAXII envelope");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.waitForSelector(".ts-send-status[data-state]", { timeout: 15_000 });
    const status = page.locator(".ts-send-status");
    assert.equal(await status.getAttribute("data-state"), "sent", await status.textContent());

    // The status resource medallion answered (HTTP 202), as the widget's tearsheet:sent event saw it.
    const sent = await page.evaluate(() => window.tearsheetEvents.find((e) => e.type === "tearsheet:sent").detail);
    assert.equal(sent.status, 202);
    assert.equal(sent.response.status, "complete");
    assert.equal(sent.response.failure_count, 0, JSON.stringify(sent.response));
    assert.equal(sent.response.success_count, envelope.objects.length);

    // Read back from the server itself, not from what the page says it sent.
    const stored = await collectionObjects();
    const byId = new Map(stored.map((o) => [o.id, o]));
    for (const o of envelope.objects) assert.ok(byId.has(o.id), `${o.type} ${o.id} is in the collection`);
    const ours = envelope.objects.map((o) => byId.get(o.id));
    const text = JSON.stringify(ours);
    for (const [what, value] of Object.entries(PLANTED)) assert.ok(!text.includes(value), `planted ${what} (${value}) reached the TAXII server`);
    for (const ioc of INDICATORS) {
      assert.ok(ours.some((o) => o.type === "indicator" && o.pattern.includes(ioc.value)), `indicator ${ioc.value} arrived`);
    }
    // TLP: the AMBER definition itself is in the collection and every other object refers to it.
    assert.ok(byId.has(TLP_AMBER), "the TLP:AMBER marking-definition arrived");
    for (const o of ours.filter((x) => x.type !== "marking-definition")) {
      assert.ok(o.object_marking_refs?.includes(TLP_AMBER), `${o.type} ${o.id} is marked TLP:AMBER`);
    }
    assert.ok(ours.some((o) => o.type === "report"), "the report object arrived");
    assert.deepEqual(problems, []);
    await context.close();
  });
