#!/usr/bin/env python3
"""Serves the demo and a recording JSON endpoint on 127.0.0.1.

  /            files from www/ (the demo and the embedding examples)
  /pkg/        files from pkg/ (the built npm package: wasm, glue, shims, stylesheet)
  /examples/   the example reports of tests/fixtures/
  /api/reports POST: a report endpoint that stores each body and answers 201 with an id;
               GET: every body received so far, as a JSON array; DELETE: forget them.

Every HTML page is served with the strict Content-Security-Policy the widget is built for
(script-src 'self' 'wasm-unsafe-eval', no 'unsafe-eval', no inline script or style), so the
demo proves it works under it. CSP violation reports are recorded at /api/csp-reports.

Used by `scripts/demo` (the demo) and by the end-to-end tests (the backend that records what
the browser really sent). Standard library only.
"""
import argparse
import json
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_BODY = 8 * 1024 * 1024

lock = threading.Lock()
received = []      # request bodies POSTed to /api/reports, with headers
csp_reports = []   # CSP violation reports


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".ts": "text/plain",
    }
    server_version = "tearsheet-demo"

    def log_message(self, fmt, *args):
        if not self.server.quiet:
            sys.stderr.write("serve: " + (fmt % args) + "\n")

    def translate_path(self, path):
        p = urlparse(path).path
        if p.startswith("/pkg/"):
            base, rel = os.path.join(ROOT, "pkg"), p[len("/pkg/"):]
        elif p.startswith("/examples/"):
            base, rel = os.path.join(ROOT, "tests", "fixtures"), p[len("/examples/"):]
        else:
            base, rel = os.path.join(ROOT, "www"), p.lstrip("/")
        full = os.path.normpath(os.path.join(base, rel))
        return full if full.startswith(base) else base

    def end_headers(self):
        if self.path.split("?")[0].endswith((".html", "/")):
            self.send_header("Content-Security-Policy", self.server.csp)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _json(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            return None
        return self.rfile.read(n)

    def do_GET(self):
        p = urlparse(self.path).path
        if p == "/api/reports":
            with lock:
                return self._json(200, list(received))
        if p == "/api/csp-reports":
            with lock:
                return self._json(200, list(csp_reports))
        return super().do_GET()

    def do_DELETE(self):
        if urlparse(self.path).path == "/api/reports":
            with lock:
                received.clear()
                csp_reports.clear()
            return self._json(200, {"cleared": True})
        return self._json(405, {"error": "method not allowed"})

    def do_POST(self):
        p = urlparse(self.path).path
        body = self._read_body()
        if body is None:
            return self._json(413, {"error": "body too large"})
        if p == "/api/reports":
            with lock:
                received.append({
                    "content_type": self.headers.get("Content-Type", ""),
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body.decode("utf-8", "replace"),
                })
                n = len(received)
            return self._json(201, {"id": f"report-{n}", "received": True})
        if p == "/api/csp-reports":
            with lock:
                csp_reports.append(body.decode("utf-8", "replace"))
            return self._json(200, {"ok": True})
        return self._json(404, {"error": "no such endpoint"})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--connect-src", default="", help="extra origins the page may send to (CSP connect-src)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    csp = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; "
           f"connect-src 'self' {args.connect_src}".strip() + "; report-uri /api/csp-reports")
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.csp = csp
    server.quiet = args.quiet
    print(f"serving the demo on http://{args.host}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
