"""Shared set-up for the consumer checks: the CLI binary (built once), the fixtures, and a
TAXII 2.1 server (scripts/taxii-server, medallion's memory backend) on a free 127.0.0.1 port."""

import json
import os
import socket
import subprocess
import time
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").glob("*.json"))
# broken.json is where exports are expected to refuse or flag; every other fixture must export.
GOOD = [p for p in FIXTURES if p.stem != "broken"]
TAXII_AUTH = "Basic " + b64encode(b"tearsheet:tearsheet").decode()
TAXII_MEDIA = "application/taxii+json;version=2.1"
TAXII_COLLECTION = "365fed99-08fa-fdcd-a1b3-fb247eb41d01"


@pytest.fixture(scope="session")
def tearsheet():
    """Path of the CLI, built once per session."""
    subprocess.run(["cargo", "build", "--quiet", "--bin", "tearsheet"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "tearsheet"


@pytest.fixture(scope="session")
def redacted_dir(tmp_path_factory):
    """Copies of the fixtures marked as redacted (what `redact` will write), one file each."""
    out = tmp_path_factory.mktemp("redacted")
    for p in FIXTURES:
        report = json.loads(p.read_text())
        report["redaction"] = {"applied": True}
        (out / p.name).write_text(json.dumps(report))
    return out


def run(binary, *args, stdin=None):
    return subprocess.run([str(binary), *args], input=stdin, capture_output=True, timeout=60)


def export(binary, path, fmt, *extra):
    out = run(binary, "export", str(path), "--format", fmt, *extra)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def taxii_request(url, method="GET", body=None):
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", TAXII_AUTH)
    req.add_header("Accept", TAXII_MEDIA)
    if body is not None:
        req.add_header("Content-Type", TAXII_MEDIA)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, json.loads(resp.read() or b"null")


@pytest.fixture(scope="session")
def taxii_server():
    """Base URL of a running TAXII 2.1 server; stopped (by its pid) at the end of the session."""
    port = free_port()
    proc = subprocess.Popen([str(ROOT / "scripts" / "taxii-server"), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError("taxii-server exited: " + proc.stderr.read().decode())
            try:
                if taxii_request(base + "/taxii2/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("taxii-server did not answer within 30 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
