// Takes a screenshot of a page in Debian's headless Chromium, printing console messages and
// page errors: `node scripts/screenshot.mjs URL OUT.png [width height]`. For looking at the
// demo as a user would, and for the tests' screenshots.
import { chromium } from "playwright-core";

export const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, out, w = "1280", h = "900"] = process.argv.slice(2);
  const browser = await chromium.launch(LAUNCH);
  const page = await browser.newPage({ viewport: { width: +w, height: +h } });
  page.on("console", (m) => console.log(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => console.log(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(`wrote ${out}`);
}
