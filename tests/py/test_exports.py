"""Each export checked by a real consumer: the OASIS STIX validator, a TAXII 2.1 server,
PyMISP, and Python's e-mail parser. Every fixture but broken.json must pass."""

import email
import email.policy
import json

import pytest
from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_string

from conftest import GOOD, TAXII_COLLECTION, export, run, taxii_request, ROOT

TLP_LABELS = {"TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"}
TLP2_IDS = {
    "TLP:CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "TLP:GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "TLP:AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "TLP:AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "TLP:RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
ids = [p.stem for p in GOOD]


def labelled(tearsheet, redacted_dir, fixture):
    """The fixture's canonical JSON export: its effective TLP and indicators as exported."""
    return json.loads(export(tearsheet, redacted_dir / fixture.name, "json"))


def refanged(value):
    for a, b in [("hxxps://", "https://"), ("hxxp://", "http://"), ("[.]", "."), ("[@]", "@")]:
        value = value.replace(a, b)
    return value


@pytest.mark.parametrize("fixture", GOOD, ids=ids)
def test_stix_passes_the_oasis_validator_and_the_tlp_lint(tearsheet, redacted_dir, fixture):
    body = export(tearsheet, redacted_dir / fixture.name, "stix")
    results = validate_string(body.decode(), ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    lint = run(tearsheet, "lint-stix", "-", stdin=body)
    assert lint.returncode == 0, lint.stdout.decode()
    findings = json.loads(lint.stdout)["findings"]
    assert not [f for f in findings if f["severity"] != "info"], findings

    bundle = json.loads(body)
    report = labelled(tearsheet, redacted_dir, fixture)
    root = next(o for o in bundle["objects"] if o["type"] == "report")
    assert root["object_marking_refs"] == [TLP2_IDS[report["tlp"]]]
    for ind in report.get("detection", {}).get("indicators", []):
        if ind.get("type") in ("domain", "ipv4", "url", "sha256"):
            assert any(refanged(ind["value"]) in o.get("pattern", "") for o in bundle["objects"]), ind


@pytest.mark.parametrize("fixture", GOOD, ids=ids)
def test_stix_is_read_by_the_stix2_library(tearsheet, redacted_dir, fixture):
    import stix2
    bundle = stix2.parse(export(tearsheet, redacted_dir / fixture.name, "stix").decode(), allow_custom=False)
    kinds = {o.type for o in bundle.objects}
    assert {"report", "marking-definition", "note"} <= kinds


def collection_objects(objects_url):
    """Every object in the collection, page by page."""
    by_id = {}
    url = objects_url + "?limit=100"
    while url:
        status, page = taxii_request(url)
        assert status == 200
        for o in (page or {}).get("objects", []):
            by_id[o["id"]] = o
        url = objects_url + "?limit=100&next=" + page["next"] if page and page.get("more") else None
    return by_id


@pytest.mark.parametrize("fixture", GOOD, ids=ids)
def test_taxii_round_trip(tearsheet, redacted_dir, taxii_server, fixture):
    envelope = export(tearsheet, redacted_dir / fixture.name, "taxii")
    objects_url = f"{taxii_server}/tearsheet/collections/{TAXII_COLLECTION}/objects/"
    before = collection_objects(objects_url)
    status, result = taxii_request(objects_url, "POST", envelope)
    assert status == 202, result
    sent = json.loads(envelope)["objects"]
    # The only objects a TAXII server may turn away are identical ones it already holds (the
    # shared TLP marking definitions, posted with an earlier fixture).
    failed = {f["id"] for f in result.get("failures", [])}
    assert result["status"] == "complete" and failed <= set(before), result
    assert result["success_count"] == len(sent) - len(failed)
    after = collection_objects(objects_url)
    for o in sent:
        assert after.get(o["id"]) == o, f"{o['id']} did not come back unchanged"


def test_taxii_refuses_a_read_only_collection(tearsheet, redacted_dir, taxii_server):
    import urllib.error
    envelope = export(tearsheet, redacted_dir / GOOD[0].name, "taxii")
    with pytest.raises(urllib.error.HTTPError) as e:
        taxii_request(f"{taxii_server}/tearsheet/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/", "POST", envelope)
    assert e.value.code == 403


@pytest.mark.parametrize("fixture", GOOD, ids=ids)
def test_misp_event_loads_in_pymisp_with_every_indicator_and_the_tlp_tag(tearsheet, redacted_dir, fixture):
    body = export(tearsheet, redacted_dir / fixture.name, "misp")
    event = MISPEvent()
    event.load(body.decode())
    report = labelled(tearsheet, redacted_dir, fixture)
    tags = {t.name for t in event.tags}
    assert "tlp:" + report["tlp"].split(":", 1)[1].lower() in tags, tags
    values = {a.value for a in event.attributes}
    for ind in report.get("detection", {}).get("indicators", []):
        assert refanged(ind["value"]) in values, ind
    for t in report.get("attribution", {}).get("techniques", []):
        assert any(tag.endswith(f' - {t["id"]}"') for tag in tags), (t, tags)


@pytest.mark.parametrize("fixture", GOOD, ids=ids)
def test_email_parses_with_the_tlp_in_subject_and_body(tearsheet, redacted_dir, fixture):
    raw = export(tearsheet, redacted_dir / fixture.name, "email")
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    tlp = labelled(tearsheet, redacted_dir, fixture)["tlp"]
    assert tlp in msg["Subject"]
    assert msg["X-TLP"] == tlp
    assert msg["To"] == "CISA.JCDC@cisa.dhs.gov"
    assert msg.get_content_type() == "text/plain"
    lines = msg.get_content().strip().splitlines()
    assert lines[0] == tlp and lines[-1] == tlp
    assert not msg.defects


def test_email_goes_to_the_destination_recipients(tearsheet, redacted_dir, tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"name": "p", "extends": "jcdc-ai", "destinations": [
        {"id": "soc", "kind": "email", "recipients": ["soc@hosting.example"], "max_tlp": "TLP:AMBER"}]}))
    raw = export(tearsheet, redacted_dir / "scanning.json", "email", "--profile", str(profile), "--destination", "soc")
    assert email.message_from_bytes(raw, policy=email.policy.default)["To"] == "soc@hosting.example"


def test_broken_and_unredacted_reports_are_refused_or_flagged(tearsheet, redacted_dir):
    out = run(tearsheet, "export", str(ROOT / "tests/fixtures/scanning.json"), "--format", "stix")
    assert out.returncode == 2 and json.loads(out.stderr)["code"] == "export-not-redacted"
    # broken.json: GREEN declared but /technical marked RED -> exported as RED, refused by a GREEN destination.
    broken = redacted_dir / "broken.json"
    assert labelled(tearsheet, redacted_dir, broken)["tlp"] == "TLP:RED"
    profile = json.dumps({"name": "p", "destinations": [{"id": "isac", "max_tlp": "TLP:GREEN"}]})
    out = run(tearsheet, "export", str(broken), "--format", "misp", "--profile", profile, "--destination", "isac")
    assert out.returncode == 2 and json.loads(out.stderr)["code"] == "destination-tlp-exceeded"
    # Flagged: the indicators that do not fit their type are kept as unchecked text in MISP.
    event = MISPEvent()
    event.load(export(tearsheet, broken, "misp").decode())
    assert any(a.type == "text" and "unchecked" in a.comment for a in event.attributes)
    unredacted = export(tearsheet, ROOT / "tests/fixtures/scanning.json", "misp", "--allow-unredacted")
    assert b"unredacted-export" in unredacted
