"""Edge cases per rule, from tests/rules/cases/CODE.toml, in all six languages."""

from __future__ import annotations

import pytest

from tests.rule_cases import all_cases
from tests.test_rule_examples import run_rule

CASES = [
    pytest.param(code, expect, case, id=f"{code}-{expect}{i}-{case.lang}")
    for i, (code, expect, case) in enumerate(all_cases())
]


@pytest.mark.parametrize(("code", "expect", "case"), CASES)
def test_rule_case(code, expect, case):
    fired = run_rule(code, case)
    if expect == "fire":
        assert fired, f"{code} should fire: {case.note or case.samples[0].text[:100]!r}"
    else:
        assert not fired, f"{code} should pass ({case.note}): {[f.evidence for f in fired]}"
