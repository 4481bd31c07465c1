// A real TAXII 2.1 server for the tests that send to one: OASIS medallion
// (scripts/taxii-server, installed in .venv by scripts/setup --test) on 127.0.0.1.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort, ROOT } from "./widget-support.mjs";

export const TAXII_CT = "application/taxii+json;version=2.1";
export const TAXII_AUTH = "Basic " + Buffer.from("tearsheet:tearsheet").toString("base64");
/** The collection scripts/taxii-server seeds (tests/support/taxii-seed.json). */
export const TAXII_COLLECTION = "365fed99-08fa-fdcd-a1b3-fb247eb41d01";
const script = path.join(ROOT, "scripts/taxii-server");
/** Whether medallion can run here; tests skip with this reason when it cannot. */
export const taxiiReady = existsSync(script) && existsSync(path.join(ROOT, ".venv/bin/medallion"));
export const TAXII_SKIP = "needs scripts/taxii-server and medallion in .venv (scripts/setup --test)";

/** Starts medallion on a free port and waits (≤ 30 s) until its discovery answers. */
export async function startTaxii() {
  const port = await freePort();
  const child = spawn(script, ["--port", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/taxii2/`, { headers: { authorization: TAXII_AUTH, accept: TAXII_CT }, signal: AbortSignal.timeout(1000) });
      if (r.status === 200) break;
    } catch { /* starting */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("medallion did not start within 30 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stop };
}
