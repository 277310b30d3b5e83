"""Floors on the intent rules' held-out sets, measured by
``python bench/rule_accuracy.py --set heldout|unseen|unseen2|clean``.

Each set was measured once before anything was tuned on it (figures in
bench/README.md, "Rule accuracy"); these floors keep what was reached since:
no false alarm on compliant templates, and precision and recall of BSM202,
BSM302 and BSM303 at or above 0.9 on every labelled set."""

from __future__ import annotations

import pytest

from tests.benchmods import load_bench

BENCH = load_bench("rule_accuracy")


@pytest.mark.parametrize("name", ["heldout", "unseen", "unseen2"])
def test_precision_and_recall_hold_on_each_labelled_set(name: str) -> None:
    counts = BENCH.measure(BENCH.load(BENCH.SETS[name]), BENCH.MEASURED, verbose=False)
    for code in BENCH.MEASURED:
        tp, fp, fn = counts[(code, "all")]
        assert tp + fn > 0, f"{name}: no case for {code}"
        assert tp / (tp + fp) >= 0.9, f"{name} {code}: precision {tp}/{tp + fp}"
        assert tp / (tp + fn) >= 0.9, f"{name} {code}: recall {tp}/{tp + fn}"


def test_compliant_templates_raise_no_intent_finding() -> None:
    cases = BENCH.load(BENCH.SETS["clean"])
    assert len(cases) >= 20
    flagged = [(c["lang"], c["text"][:60], BENCH.fired(c, BENCH.MEASURED)) for c in cases]
    assert [row for row in flagged if row[2]] == []


#: unseen3 (bench/data/rule_unseen3.toml, every per-message rule): precision and recall
#: floors per rule over all languages, what the fixes reached minus a margin
#: (bench/README.md, "rule_unseen3"). BSM302 recall stays below 1: see the README.
UNSEEN3_FLOORS = {code: (0.9, 0.9) for code in BENCH.ALL_MEASURED} | {"BSM302": (0.9, 0.85)}


def test_every_rule_holds_its_floor_on_unseen3() -> None:
    counts = BENCH.measure(BENCH.load(BENCH.SETS["unseen3"]), BENCH.ALL_MEASURED, verbose=False)
    for code, (precision, recall) in UNSEEN3_FLOORS.items():
        tp, fp, fn = counts[(code, "all")]
        assert tp + fn > 0, f"unseen3: no case for {code}"
        assert tp / (tp + fp) >= precision, f"unseen3 {code}: precision {tp}/{tp + fp}"
        assert tp / (tp + fn) >= recall, f"unseen3 {code}: recall {tp}/{tp + fn}"
