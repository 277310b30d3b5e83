"""The gate's decision on whole messages in six languages: every dev case
must come out as written; the held-out set is measured and must stay at or
above the figure reported in bench/README.md."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.gate.decide import Gate
from auditor.store import open_store
from tests.gate.conftest import mail

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict]:
    return tomllib.loads((CASES / f"{name}.toml").read_text(encoding="utf-8"))["case"]


def outcome(gate: Gate, case: dict) -> str:
    to = case.get("to", "a1b2c3@marketplace.amazon.com")
    if "text" in case:
        message = mail(case["text"], case["subject"], to=to, html=case.get("html"))
    else:  # an HTML-only message
        message = mail("", case["subject"], to=to)
        message.set_content(case["html"], subtype="html")
    return gate.decide(bytes(message), [to]).kind


@pytest.fixture(scope="module")
def gate(tmp_path_factory) -> Gate:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('cases') / 'gate.db'}")
    return Gate(Config(), store, checks=[])


@pytest.mark.parametrize(
    "case", load("dev"), ids=lambda c: f"{c['lang']}-{c['expect']}-{c['note'][:30]}"
)
def test_dev_case(gate, case):
    assert outcome(gate, case) == case["expect"]


HELD_OUT_MINIMUM = 0.8


def test_held_out_cases(gate):
    cases = load("heldout")
    wrong = [
        (c["lang"], c["note"], outcome(gate, c)) for c in cases if outcome(gate, c) != c["expect"]
    ]
    accuracy = 1 - len(wrong) / len(cases)
    assert accuracy >= HELD_OUT_MINIMUM, wrong
