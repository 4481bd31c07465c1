// Main-thread CPU time of the widget's cold start, from a Chromium trace (thread time `tdur`, so
// far less disturbed than wall-clock time when other processes load the machine):
//   - navigation → interactive: the CPU of every top-level main-thread task (and microtask
//     checkpoint) of the renderer up to the end of the one in which demo.js ran mount();
//   - that checkpoint alone (init()'s finish and mount()).
// A fresh browser context per run (cold). Prints medians; asserts nothing.
// `node bench/widget-cpu.mjs [runs]` after scripts/build-wasm.
import { startServer, launch } from "../tests/js/widget-support.mjs";
const runs = Number(process.argv[2] ?? 5);
const server = await startServer();
const browser = await launch();
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const total = [], mountCpu = [], mountWall = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "blink.user_timing", "v8.execute"] });
    await page.goto(`${server.base}/?debounce=0`);
    await page.waitForSelector("html[data-ready=true]");
    const buf = await browser.stopTracing();
    const ev = JSON.parse(buf.toString()).traceEvents;
    const main = ev.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && ev.some((x) => x.pid === e.pid && x.name === "tearsheet-wasm-ready"));
    const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const mark = onMain.find((e) => e.name === "tearsheet-wasm-ready") ?? ev.find((e) => e.name === "tearsheet-wasm-ready");
    // The task in which demo.js resumed after init(): the one containing the mark.
    const t = onMain.filter((e) => e.ph === "X" && e.ts <= mark.ts && mark.ts <= e.ts + e.dur).sort((a, b) => b.dur - a.dur)[0];
    const endTs = t ? t.ts + t.dur : mark.ts;
    const top = onMain.filter((e) => e.ph === "X" && e.ts + e.dur <= endTs && (e.name.endsWith("RunTask") || e.name === "BlinkScheduler_PerformMicrotaskCheckpoint"));
    const outer = top.filter((e) => !top.some((o) => o !== e && o.ts <= e.ts && e.ts + e.dur <= o.ts + o.dur));
    total.push(outer.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000);
    if (t) { mountCpu.push((t.tdur ?? 0) / 1000); mountWall.push(t.dur / 1000); }
    await context.close();
  }
  console.log(`main-thread CPU navigation→interactive: median ${med(total).toFixed(1)} ms (min ${Math.min(...total).toFixed(1)}); task with mount: CPU median ${med(mountCpu).toFixed(1)} ms (min ${Math.min(...mountCpu).toFixed(1)}), wall median ${med(mountWall).toFixed(1)} ms`);
} finally { await browser.close(); await server.stop(); }
