#!/usr/bin/env python3
"""Serves the demo and a recording JSON endpoint on 127.0.0.1.

  /            files from www/ (the demo and the embedding examples)
  /pkg/        files from pkg/ (the built npm package: wasm, glue, shims, stylesheet)
  /examples/   the example reports of tests/fixtures/
  /bench/      files from bench/www/ (pages the benchmarks load: floor.html, the widget-less
               floor of bench/widget.mjs --floor, and blank.html, where --same-tab waits)
  /api/reports POST: a report endpoint that stores each body and answers 201 with an id;
               GET: every body received so far, as a JSON array; DELETE: forget them.
  --proxy PREFIX=URL  a reverse proxy: requests under PREFIX go to URL (e.g. /taxii/ to a TAXII
               2.1 server), with the headers of --proxy-header added — the way an intranet
               portal reaches a backend on its own origin, holding the backend's credentials
               itself so the browser never sees them.

Every HTML page is served with the strict Content-Security-Policy the widget is built for
(script-src 'self' 'wasm-unsafe-eval', no 'unsafe-eval', no inline script or style), so the
demo proves it works under it. CSP violation reports are recorded at /api/csp-reports.

Used by `scripts/demo` (the demo) and by the end-to-end tests (the backend that records what
the browser really sent). Standard library only.
"""
import argparse
import datetime
import email.utils
import json
import os
import stat
import sys
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_BODY = 8 * 1024 * 1024
PROXY_TIMEOUT = 10  # seconds: a backend that hangs fails the request instead of the test run
# Request headers passed on to a proxied backend (the rest — cookies, origin — stay here).
PROXY_REQUEST_HEADERS = ("content-type", "accept", "x-csrf-token")

def snippet_modules():
    """URL paths of the JS modules wasm-bindgen wrote under pkg/snippets/ (its directory names
    carry a hash, so they are listed rather than written into the pages)."""
    base = os.path.join(ROOT, "pkg", "snippets")
    found = []
    for dirpath, _, files in os.walk(base):
        for name in sorted(files):
            if name.endswith(".js"):
                rel = os.path.relpath(os.path.join(dirpath, name), os.path.join(ROOT, "pkg"))
                found.append("/pkg/" + rel.replace(os.sep, "/"))
    return sorted(found)


_snippets = (None, [])  # (build stamp, snippet_modules()) — listed again only after a rebuild


def snippet_modules_cached():
    """snippet_modules(), walked again only when pkg/ was rebuilt: wasm-bindgen rewrites the
    glue (pkg/tearsheet.js) and the snippets in the same run, so the glue's and the snippet
    directory's modification times stamp a build. Saves a directory walk per HTML page."""
    global _snippets
    stamp = []
    for p in (os.path.join(ROOT, "pkg", "tearsheet.js"), os.path.join(ROOT, "pkg", "snippets")):
        try:
            st = os.stat(p)
            stamp.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append(None)
    stamp = tuple(stamp)
    if _snippets[0] != stamp:
        _snippets = (stamp, snippet_modules())
    return _snippets[1]


class StaticFile:
    """A file's bytes and the headers derived from them, kept in memory (see Handler.static)."""
    __slots__ = ("mtime_ns", "size", "body", "ctype", "last_modified", "last_modified_dt")

    def __init__(self, st, body, ctype, last_modified):
        self.mtime_ns, self.size, self.body, self.ctype = st.st_mtime_ns, st.st_size, body, ctype
        self.last_modified = last_modified
        # As SimpleHTTPRequestHandler compares it to If-Modified-Since: whole seconds, UTC.
        self.last_modified_dt = datetime.datetime.fromtimestamp(st.st_mtime, datetime.timezone.utc).replace(microsecond=0)


STATIC_MAX = 16 * 1024 * 1024  # larger files are streamed from disk as before
static_files = {}  # file system path -> StaticFile


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
    # Keep-alive: the page's requests (HTML, styles, modules, the wasm) reuse connections
    # instead of paying a connect and a new thread each, as any production web server does.
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY: the headers and the body of a response are written separately, and on a
    # kept-alive connection Nagle's algorithm holds the body back until the client ACKs the
    # headers, which it delays by up to 40 ms (delayed ACK): measured, demo.js (1.4 KB) took
    # 40-50 ms from its first to its last byte. Production servers set it too (nginx tcp_nodelay).
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        if not self.server.quiet:
            sys.stderr.write("serve: " + (fmt % args) + "\n")

    def translate_path(self, path):
        p = urlparse(path).path
        if p.startswith("/pkg/"):
            base, rel = os.path.join(ROOT, "pkg"), p[len("/pkg/"):]
        elif p.startswith("/examples/"):
            base, rel = os.path.join(ROOT, "tests", "fixtures"), p[len("/examples/"):]
        elif p.startswith("/bench/"):
            base, rel = os.path.join(ROOT, "bench", "www"), p[len("/bench/"):]
        else:
            base, rel = os.path.join(ROOT, "www"), p.lstrip("/")
        full = os.path.normpath(os.path.join(base, rel))
        return full if full.startswith(base) else base

    def end_headers(self):
        if self.path.split("?")[0].endswith((".html", "/")):
            self.send_header("Content-Security-Policy", self.server.csp)
            # The glue imports wasm-bindgen's snippet modules (pkg/snippets/<crate>-<hash>/...),
            # which the browser would find only after fetching and parsing the glue: one more
            # round trip before init() can start. Named here, they load with the page. Not on
            # the benchmarks' pages: the floor page has no widget, so it loads nothing of it.
            if not self.path.startswith("/bench/"):
                for snippet in snippet_modules_cached():
                    self.send_header("Link", f"<{snippet}>; rel=modulepreload")
        # The API's answers are never cached. Static files may be stored but are revalidated on
        # every use (Last-Modified / If-Modified-Since, answered 304): a rebuilt pkg/ is picked up
        # at once, and a returning visitor's browser reuses its copy of the 1.2 MB wasm — and the
        # compiled code Chromium caches beside it, which needs a cacheable response.
        p = urlparse(self.path).path
        api = p.startswith("/api/") or any(p.startswith(prefix) for prefix, _ in self.server.proxies)
        self.send_header("Cache-Control", "no-store" if api else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def flush_headers(self):
        # One write of the head and, for a static file (see static()), its body: one syscall,
        # and no small packet of headers alone in front of the body.
        body, self._body = getattr(self, "_body", None), None
        if hasattr(self, "_headers_buffer"):
            head = b"".join(self._headers_buffer)
            self._headers_buffer = []
            self.wfile.write(head + body if body else head)

    def static(self, head_only=False):
        """Answers a GET or HEAD of a static file from memory; False when this is not one (a
        directory without its slash, a listing, a missing or very large file: the standard
        handler answers those). Same status, headers and revalidation as the standard handler
        (Last-Modified, If-Modified-Since → 304), but the file is read once and kept until its
        modification time or size changes (one stat per request: a rebuilt pkg/ is served at
        once), and the head and the body go out in one write. The stock handler opens, fstats
        and reads each file and writes it in 64 KB pieces from one thread per connection: under
        a page's burst of parallel requests, measured 8-15 ms per small file on this machine."""
        path = self.translate_path(self.path)
        try:
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                if not urlparse(self.path).path.endswith("/"):
                    return False  # the standard handler redirects to the slash
                for index in ("index.html", "index.htm"):
                    candidate = os.path.join(path, index)
                    if os.path.isfile(candidate):
                        path, st = candidate, os.stat(candidate)
                        break
                else:
                    return False  # a directory listing
        except OSError:
            return False
        if path.endswith("/") or not stat.S_ISREG(st.st_mode) or st.st_size > STATIC_MAX:
            return False
        f = static_files.get(path)
        if f is None or f.mtime_ns != st.st_mtime_ns or f.size != st.st_size:
            try:
                with open(path, "rb") as fh:
                    st = os.fstat(fh.fileno())
                    body = fh.read()
            except OSError:
                return False
            if len(body) != st.st_size:
                return False  # being rewritten: let the standard handler deal with it
            f = StaticFile(st, body, self.guess_type(path), self.date_time_string(st.st_mtime))
            static_files[path] = f
        ims = self.headers.get("If-Modified-Since")
        if ims and "If-None-Match" not in self.headers and self.not_modified(ims, f):
            self.send_response(304)
            self.end_headers()
            return True
        self.send_response(200)
        self.send_header("Content-type", f.ctype)
        self.send_header("Content-Length", str(f.size))
        self.send_header("Last-Modified", f.last_modified)
        self._body = None if head_only else f.body
        self.end_headers()
        return True

    @staticmethod
    def not_modified(ims, f):
        """SimpleHTTPRequestHandler's If-Modified-Since test."""
        if ims == f.last_modified:
            return True
        try:
            when = email.utils.parsedate_to_datetime(ims)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        return when.tzinfo is datetime.timezone.utc and f.last_modified_dt <= when

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

    def _proxy(self):
        """Forwards the request if its path is under a --proxy prefix; True when it did."""
        p = urlparse(self.path)
        for prefix, upstream in self.server.proxies:
            if not p.path.startswith(prefix):
                continue
            body = self._read_body() if self.command in ("POST", "PUT") else None
            if self.command in ("POST", "PUT") and body is None:
                self.close_connection = True
                self._json(413, {"error": "body too large"})
                return True
            url = upstream + p.path[len(prefix):] + (f"?{p.query}" if p.query else "")
            headers = {k: v for k, v in self.headers.items() if k.lower() in PROXY_REQUEST_HEADERS}
            headers.update(self.server.proxy_headers)
            req = urllib.request.Request(url, data=body, headers=headers, method=self.command)
            try:
                with urllib.request.urlopen(req, timeout=PROXY_TIMEOUT) as r:
                    status, ctype, answer = r.status, r.headers.get("Content-Type", ""), r.read()
            except urllib.error.HTTPError as e:
                status, ctype, answer = e.code, e.headers.get("Content-Type", ""), e.read()
            except OSError as e:
                self._json(502, {"error": f"backend unreachable: {e}"})
                return True
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return True
        return False

    def do_GET(self):
        if self._proxy():
            return
        p = urlparse(self.path).path
        if p == "/api/reports":
            with lock:
                return self._json(200, list(received))
        if p == "/api/csp-reports":
            with lock:
                return self._json(200, list(csp_reports))
        if self.static():
            return
        return super().do_GET()

    def do_HEAD(self):
        if self.static(head_only=True):
            return
        return super().do_HEAD()

    def do_DELETE(self):
        if self._proxy():
            return
        if urlparse(self.path).path == "/api/reports":
            with lock:
                received.clear()
                csp_reports.clear()
            return self._json(200, {"cleared": True})
        return self._json(405, {"error": "method not allowed"})

    def do_POST(self):
        if self._proxy():
            return
        p = urlparse(self.path).path
        body = self._read_body()
        if body is None:
            self.close_connection = True  # the unread body would be taken for the next request
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
    ap.add_argument("--proxy", action="append", default=[], metavar="PREFIX=URL",
                    help="forward requests under PREFIX (e.g. /taxii/) to URL (repeatable)")
    ap.add_argument("--proxy-header", action="append", default=[], metavar="NAME: VALUE",
                    help="header added to every proxied request (e.g. the backend's Authorization)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    proxies = []
    for spec in args.proxy:
        prefix, sep, url = spec.partition("=")
        if not sep or not prefix.startswith("/") or not url.startswith(("http://", "https://")):
            ap.error(f"--proxy {spec!r}: use PREFIX=URL, e.g. /taxii/=http://127.0.0.1:5000/")
        proxies.append((prefix, url))
    proxy_headers = {}
    for h in args.proxy_header:
        name, sep, value = h.partition(":")
        if not sep or not name.strip():
            ap.error(f"--proxy-header {h!r}: use 'Name: value'")
        proxy_headers[name.strip()] = value.strip()
    csp = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; "
           f"connect-src 'self' {args.connect_src}".strip() + "; report-uri /api/csp-reports")
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.csp = csp
    server.quiet = args.quiet
    server.proxies = proxies
    server.proxy_headers = proxy_headers
    print(f"serving the demo on http://{args.host}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
