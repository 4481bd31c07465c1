"""`tearsheet lint-stix` on bundles written by another tool (the OASIS `stix2` library): it
finds the TLP problems the OASIS validator lets through."""

import json

import stix2
from stix2validator import ValidationOptions, validate_string

from conftest import run

VENDOR_STRICT = "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"
AMBER2 = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
GREEN2 = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
EXT = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"


def indicator(**kw):
    return stix2.Indicator(name="C2", pattern="[ipv4-addr:value = '198.51.100.7']", pattern_type="stix",
                           valid_from="2025-03-02T00:00:00Z", **kw)


def lint(tearsheet, bundle_json):
    out = run(tearsheet, "lint-stix", "-", stdin=bundle_json.encode())
    return out.returncode, json.loads(out.stdout)["findings"]


def test_tlp_1_0_from_the_stix2_library_is_flagged_with_its_2_0_id(tearsheet):
    bundle = stix2.Bundle(stix2.TLP_WHITE, indicator(object_marking_refs=[stix2.TLP_WHITE]))
    text = bundle.serialize()
    assert validate_string(text, ValidationOptions(version="2.1")).is_valid
    code, findings = lint(tearsheet, text)
    assert code == 0  # a warning, not an error
    assert [f["code"] for f in findings] == ["stix-tlp-1-0"]
    assert "94868c89-83c2-464b-929b-a1a8aa3c8487" in findings[0]["message"]  # TLP:CLEAR 2.0


def test_problems_the_oasis_validator_lets_through(tearsheet):
    ind = indicator(object_marking_refs=[AMBER2, VENDOR_STRICT, GREEN2])
    doc = json.loads(stix2.Bundle(ind).serialize())
    # A vendor's own AMBER+STRICT definition, and the official TLP 2.0 GREEN id named TLP:RED.
    doc["objects"].append({"type": "marking-definition", "spec_version": "2.1", "id": VENDOR_STRICT,
                           "created": "2022-01-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
                           "definition_type": "statement", "definition": {"statement": "TLP:AMBER+STRICT"}})
    doc["objects"].append({"type": "marking-definition", "spec_version": "2.1", "id": GREEN2,
                           "created": "2022-10-01T00:00:00.000Z", "name": "TLP:RED",
                           "extensions": {EXT: {"extension_type": "property-extension", "tlp_2_0": "red"}}})
    text = json.dumps(doc)
    assert validate_string(text, ValidationOptions(version="2.1")).is_valid, "the OASIS validator accepts it"
    code, findings = lint(tearsheet, text)
    assert code == 1
    found = {(f["code"], f["path"]) for f in findings}
    assert found == {
        ("stix-tlp-multiple-levels", "/objects/0/object_marking_refs"),
        ("stix-marking-missing", "/objects/0/object_marking_refs/0"),
        ("stix-tlp-unofficial-id", "/objects/1/id"),
        ("stix-tlp-id-mismatch", "/objects/2/id"),
    }, findings


def test_tlp_clear_on_the_tlp_1_0_white_id_is_a_mismatch(tearsheet):
    white = json.loads(stix2.TLP_WHITE.serialize())
    white["name"] = "TLP:CLEAR"
    doc = json.loads(stix2.Bundle(indicator(object_marking_refs=[stix2.TLP_WHITE])).serialize())
    doc["objects"].append(white)
    code, findings = lint(tearsheet, json.dumps(doc))
    assert code == 1
    assert ("stix-tlp-id-mismatch", "/objects/1/id") in {(f["code"], f["path"]) for f in findings}
