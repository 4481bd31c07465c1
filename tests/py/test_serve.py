"""scripts/serve.py, the demo server every browser test stands on: the headers the widget's
safety depends on (the strict CSP on pages, nosniff, revalidated caching), answers 304 to a
revalidation, and a changed file served at once although static files are kept in memory."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


@pytest.fixture(scope="module")
def base():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--port", str(port), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def get(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_pages_carry_the_strict_csp(base):
    status, headers, body = get(base + "/")
    assert status == 200 and b"<main" in body
    assert headers["Content-Security-Policy"].startswith(CSP)
    assert "unsafe-eval'" not in headers["Content-Security-Policy"].replace("wasm-unsafe-eval'", "")
    assert headers["Cache-Control"] == "no-cache"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_revalidated_with_304(base):
    status, headers, body = get(base + "/demo.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert "Content-Security-Policy" not in headers
    assert int(headers["Content-Length"]) == len(body) == (ROOT / "www" / "demo.js").stat().st_size
    status, _, body = get(base + "/demo.js", {"If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")


def test_a_changed_file_is_served_at_once(base):
    probe = ROOT / "tests" / "fixtures" / "_serve_probe.tmp"
    try:
        probe.write_text("first")
        assert get(base + "/examples/_serve_probe.tmp")[2] == b"first"
        probe.write_text("second, longer")
        st = probe.stat()
        os.utime(probe, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
        assert get(base + "/examples/_serve_probe.tmp")[2] == b"second, longer"
    finally:
        probe.unlink(missing_ok=True)


def test_missing_files_and_paths_outside_the_roots_are_not_served(base):
    assert get(base + "/no-such-file.js")[0] == 404
    status, _, body = get(base + "/examples/../../Cargo.toml")
    assert b"[package]" not in body


def test_the_wasm_is_served_as_wasm(base):
    if not (ROOT / "pkg" / "tearsheet_bg.wasm").exists():
        pytest.skip("pkg/ not built (scripts/build-wasm)")
    status, headers, body = get(base + "/pkg/tearsheet_bg.wasm")
    assert status == 200 and headers["Content-Type"] == "application/wasm" and body[:4] == b"\0asm"


def test_bench_pages_are_served_with_the_csp_and_no_widget_preloads(base):
    # bench/widget.mjs --floor loads bench/www/floor.html: the same headers as the demo, but
    # not the modulepreload links of the widget's snippets (it loads nothing of the widget).
    status, headers, body = get(base + "/bench/floor.html?debounce=0")
    assert status == 200 and b'src="floor.js"' in body
    assert headers["Content-Security-Policy"].startswith(CSP)
    assert headers["Cache-Control"] == "no-cache"
    assert headers.get_all("Link") is None
    status, headers, body = get(base + "/bench/floor.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert body == (ROOT / "bench" / "www" / "floor.js").read_bytes()
    assert get(base + "/bench/../scripts/serve.py")[0] == 404
