// The edge on Node: node:http → Request → the same fetch handler as workerd's → Response.
//
//   TEARSHEET_UPSTREAM=http://127.0.0.1:8080 node edge/node.mjs --port 8787
//
// The environment (process.env) plays the part of workerd's bindings.
import http from "node:http";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { initSync, EdgeGate } from "./pkg/tearsheet.js";
import { createHandler } from "./handler.mjs";

initSync({ module: readFileSync(new URL("./pkg/tearsheet_bg.wasm", import.meta.url)) });

/** An http.Server running the edge with `env` as its bindings (not yet listening). */
export function createEdgeServer(env = process.env) {
  const handler = createHandler({ EdgeGate });
  return http.createServer(async (req, res) => {
    try {
      const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url}`;
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: "half",
      });
      const response = await handler(request, env);
      const headers = [...response.headers];
      // A body the gate did not read to its end (a method refused before it, a body over the
      // cap) is cut off below: the answer says the connection closes, or the client may send
      // its next request on the socket being destroyed and see it fail ("fetch failed").
      if (hasBody && !req.complete) headers.push(["connection", "close"]);
      res.writeHead(response.status, response.statusText, headers);
      if (response.body) {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
      // Stop reading a body the gate has refused over its cap.
      if (!req.complete) req.destroy();
    } catch {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal-error", message: "the edge failed on this request; nothing was forwarded" } }));
      } else {
        res.destroy();
      }
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : 8787;
  const server = createEdgeServer();
  server.listen(port, "127.0.0.1", () => {
    console.log(`tearsheet edge (node) on http://127.0.0.1:${server.address().port}/ → ${process.env.TEARSHEET_UPSTREAM ?? "(no upstream)"}`);
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
}
