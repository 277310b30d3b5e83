"""Every documented example of every rule runs: bad ones fire, good ones don't."""

from __future__ import annotations

import pytest

from rules.base import iter_examples, registry
from rules.engine import Context, Engine
from rules.examples import example_messages

CASES = [
    pytest.param(code, verdict, case, id=f"{code}-{verdict}{i}-{case.lang}")
    for code, cls in registry().items()
    for i, (verdict, case) in enumerate(iter_examples(cls))
]


def run_rule(code, case):
    cls = registry()[code]
    engine = Engine([cls()], Context())
    findings = []
    for msg in example_messages(case, cls):
        findings.extend(engine.check(msg, campaign="example"))
    findings.extend(engine.finish())
    return [f for f in findings if f.rule == code]


@pytest.mark.parametrize(("code", "verdict", "case"), CASES)
def test_documented_example(code, verdict, case):
    fired = run_rule(code, case)
    if verdict == "bad":
        assert fired, f"{code} did not fire on its bad example: {case.samples[0].text[:80]!r}"
        for finding in fired:
            assert finding.evidence.strip()
    else:
        assert not fired, f"{code} fired on its good example: {[f.evidence for f in fired]}"


def test_every_rule_documents_all_six_languages_somewhere():
    """Each rule's examples together cover the six supported languages, or the
    rule's case file does (tests/rules/cases/CODE.toml)."""
    from tests.rule_cases import case_languages

    missing = {}
    for code, cls in registry().items():
        langs = {case.lang for _, case in iter_examples(cls)} | case_languages(code)
        lacking = {"en", "de", "fr", "es", "it", "ja"} - langs
        if lacking:
            missing[code] = sorted(lacking)
    assert not missing, f"rules without examples in some languages: {missing}"
