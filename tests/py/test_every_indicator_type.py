"""Every indicator type, with values that stress quoting (apostrophes, backslashes, Unicode),
through the STIX validator (which parses each pattern) and PyMISP."""

import email
import email.policy
import json

from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_string

from conftest import export

INDICATORS = [
    ("ipv4", "198.51.100[.]7"), ("ipv6", "2001:db8::7"), ("cidr", "2001:db8::/48"), ("cidr", "203.0.113.0/24"),
    ("domain", "bücher.example"), ("url", "hxxps://evil[.]example/a'b\\c?q=1"), ("email", "o'brien@evil.example"),
    ("md5", "d41d8cd98f00b204e9800998ecf8427e"), ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
    ("file_name", "inv'oice.pdf.exe"), ("mac_address", "00-1A-2B-3C-4D-5E"), ("asn", "AS64500"),
    ("user_agent", "Mozilla/5.0 (it's \\ odd)"), ("stix_pattern", "[ipv4-addr:value = '198.51.100.9']"),
]


def test_every_type_exports_valid_stix_and_misp(tearsheet, tmp_path):
    report = {
        "kind": "incident", "title": "Ünïcödé title with a \"quote\" and a very long tail " + "x" * 120,
        "tlp": "amber strict", "timestamps": {"reported": "2025-03-02T16:00:00.123+01:00"},
        "reporter": {"organization": "Example Corp", "organization_domain": "corp.example", "name": "Zoë O'Neil"},
        "detection": {"indicators": [{"type": t, "value": v, "purpose": "command_and_control"} for t, v in INDICATORS]},
        "attribution": {"actor": "APT-Example", "confidence": "speculative", "techniques": [{"id": "T1566.001"}, {"id": "AML.T0051"}]},
        "mitigations": {"remediation": "Blocked", "atlas_mitigations": ["AML.M0015"]},
        "redaction": {"applied": True},
    }
    path = tmp_path / "all.json"
    path.write_text(json.dumps(report))

    stix = export(tearsheet, path, "stix").decode()
    results = validate_string(stix, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    bundle = json.loads(stix)
    patterns = [o["pattern"] for o in bundle["objects"] if o["type"] == "indicator"]
    assert len(patterns) == len(INDICATORS)
    assert "[url:value = 'https://evil.example/a\\'b%5Cc?q=1']" in patterns
    assert "[mac-addr:value = '00:1a:2b:3c:4d:5e']" in patterns and "[autonomous-system:number = 64500]" in patterns
    actor = next(o for o in bundle["objects"] if o["type"] == "threat-actor")
    assert actor["confidence"] == 35

    event = MISPEvent()
    event.load(export(tearsheet, path, "misp").decode())
    assert {"tlp:amber+strict"} <= {t.name for t in event.tags}
    assert len([a for a in event.attributes if a.type != "text"]) == len(INDICATORS)

    msg = email.message_from_bytes(export(tearsheet, path, "email"), policy=email.policy.default)
    assert msg["Subject"].startswith("[TLP:AMBER+STRICT] Ünïcödé title")
    assert msg["From"].addresses[0].display_name == "Zoë O'Neil"
    assert not msg.defects
