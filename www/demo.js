// Embedding 1 of 3: `mount(element, options)` from the ES module in pkg/.
// Query parameters (for trying things out and for the tests): ?profile=circia&endpoint=/api/reports&debounce=0
import init, { mount } from "/pkg/tearsheet.js";
import { logEvents } from "./events.js";

await init();
performance.mark("tearsheet-wasm-ready");
const params = new URLSearchParams(location.search);
const host = document.getElementById("report");
logEvents(host);
window.tearsheet = mount(host, {
  profile: params.get("profile") || "jcdc-ai",
  endpoint: params.get("endpoint") || "/api/reports",
  headers: { "X-CSRF-Token": "demo-csrf-token" },
  destination: params.get("destination") || undefined,
  format: params.get("format") || undefined,
  debounceMs: params.has("debounce") ? Number(params.get("debounce")) : 120,
});
window.tearsheetReadyAt = performance.now();
document.documentElement.dataset.ready = "true";
// For bench/widget.mjs: Element Timing reports when the form's first legend is first painted.
host.querySelector(".ts-report > legend")?.setAttribute("elementtiming", "tearsheet-form");
