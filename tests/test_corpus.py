"""Acceptance of the audit issue: expected.json's rule expectations hold on
``auditor audit tests/corpus --format json``."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def audit_json(corpus, tmp_path_factory):
    from click.testing import CliRunner

    from auditor.cli import cli

    store = tmp_path_factory.mktemp("store") / "s.db"
    result = CliRunner().invoke(
        cli, ["audit", str(corpus), "--format", "json", "--store", f"sqlite:///{store}"]
    )
    assert result.exit_code == 1, result.output  # corpus has errors and a running restriction
    return json.loads(result.stdout)


def _by_message(audit):
    found: dict[str, list[dict]] = {}
    for finding in audit["findings"]:
        found.setdefault(finding["message_id"], []).append(finding)
    return found


def test_contract_shape(audit_json):
    assert audit_json["schema"] == "auditor.audit/1"
    assert set(audit_json["summary"]) == {
        "messages",
        "sent_messages",
        "notices",
        "findings",
        "unreadable",  # an addition: messages or sources that could not be read
    }
    assert audit_json["summary"]["messages"] == 25
    assert audit_json["summary"]["sent_messages"] == 14
    for finding in audit_json["findings"]:
        assert {
            "rule",
            "name",
            "severity",
            "message_id",
            "campaign",
            "order_id",
            "date",
            "subject",
            "location",
            "evidence",
            "related",
        } <= set(finding)
        assert finding["location"] in {"subject", "text", "html", "attachment", "headers", "thread"}
    for campaign in audit_json["campaigns"]:
        assert campaign["state"] in {"active", "paused", "flagged"}


def test_rules_must_and_must_not(audit_json, expected):
    found = _by_message(audit_json)
    failures = []
    for case in expected:
        mine = found.get(case["message_id"], [])
        codes = {f["rule"] for f in mine}
        for code in case.get("rules_must", []):
            if code not in codes:
                failures.append(f"{case['file']}: {code} not found (found {sorted(codes)})")
        for code in case.get("rules_must_not", []):
            if code == "*error":
                errors = [f["rule"] for f in mine if f["severity"] == "error"]
                if errors:
                    failures.append(f"{case['file']}: error-level findings {errors}")
            elif code in codes:
                failures.append(f"{case['file']}: {code} must not fire")
    assert not failures, "\n".join(failures)


def test_cross_message_findings_name_related(audit_json):
    repeated = [
        f
        for f in audit_json["findings"]
        if f["rule"] == "BSM304" and f["message_id"] == "<m07b-review-request-again@corpus.example>"
    ]
    assert repeated and repeated[0]["related"]
    complaint = [f for f in audit_json["findings"] if f["rule"] == "BSM702"]
    assert complaint
    assert complaint[0]["related"] == ["<m-review-1@acme-home.example>"]
    assert complaint[0]["campaign"] is not None
