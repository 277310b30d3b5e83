"""Amazon's own example messages are the baseline (tests/amazon_examples/).

Every message Amazon's Seller Central help calls acceptable audits with no
error-level finding from any rule; every example Amazon calls a violation
gets the rules it breaks. Each runs through the real parser and the whole
engine, the way an audited mailbox does.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rules.base import Example, Sample, Severity
from rules.engine import Context, Engine
from rules.examples import example_messages

EXAMPLE_DIR = Path(__file__).parent / "amazon_examples"
LANGUAGES = ("en", "de", "fr", "es", "it", "ja")


def load_examples() -> list[dict]:
    examples = []
    for path in sorted(EXAMPLE_DIR.glob("*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8"))["example"]:
            examples.append(dict(raw, lang=path.stem))
    return examples


EXAMPLES = load_examples()


def audit(entry: dict) -> list:
    sample = Sample(text=entry["text"], subject=entry.get("subject", "About your order"))
    engine = Engine.from_settings(context=Context())
    findings = []
    for msg in example_messages(Example((sample,), lang=entry["lang"])):
        findings.extend(engine.check(msg, campaign="amazon-example"))
    findings.extend(engine.finish())
    return findings


@pytest.mark.parametrize("entry", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_amazon_example(entry: dict) -> None:
    findings = audit(entry)
    if entry["acceptable"]:
        errors = [(f.rule, f.evidence) for f in findings if f.severity == Severity.ERROR]
        assert not errors, f"{entry['id']} is acceptable per Amazon, yet: {errors}"
    else:
        fired = {f.rule for f in findings}
        missing = set(entry["rules"]) - fired
        assert not missing, f"{entry['id']} breaks {sorted(missing)}, which did not fire"


def test_the_set_is_sourced_and_covers_every_language() -> None:
    ids = [e["id"] for e in EXAMPLES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for entry in EXAMPLES:
        assert entry["source"].startswith(("http", "reconstructed")), entry["id"]
        assert entry["acceptable"] or entry["rules"], entry["id"]
    for lang in LANGUAGES:
        kinds = {e["acceptable"] for e in EXAMPLES if e["lang"] == lang}
        assert kinds == {True, False}, f"{lang}: needs acceptable and violation examples"
