"""The rules' phrase groups (rules.phrasegroup) find exactly what their whole
patterns find: every group of every rule module, on every text of the rule
cases, the labelled rule groups and the rule examples — the same spans from
``finditer``, the same first match from ``search``, and for a labelled
union the same label ``match.lastgroup`` gives."""

from __future__ import annotations

import gc
import re
import tomllib
from pathlib import Path

import pytest

import rules
from rules.base import registry
from rules.phrasegroup import PhraseGroup, phrase_group, union

ROOT = Path(__file__).resolve().parents[2]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if len(value) > 8 else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts() -> list[str]:
    files = [*sorted((ROOT / "tests/rules/cases").glob("*.toml"))]
    files += sorted((ROOT / "bench/data").glob("rule_*.toml"))
    texts = [s for path in files for s in _strings(tomllib.loads(path.read_text("utf-8")))]
    for rule in registry().values():
        for example in (*rule.bad, *rule.good):
            for sample in example.samples:
                texts += [t for t in (sample.subject, sample.text, sample.html) if t]
    return list(dict.fromkeys(texts))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = _texts()
    assert len(found) > 1500
    return found


def _groups() -> list[PhraseGroup]:
    rules.load_all()
    return [s for s in gc.get_objects() if isinstance(s, PhraseGroup)]


def test_every_phrase_group_finds_what_its_whole_pattern_finds(texts: list[str]) -> None:
    sets = _groups()
    assert len(sets) > 30
    assert sum(s.quick is not None for s in sets) > 25  # most sets do use the prefilter
    matched = 0
    for phrases in sets:
        for text in texts:
            whole = [m.span() for m in phrases.pattern.finditer(text)]
            assert [m.span() for m in phrases.finditer(text)] == whole, (phrases.source[:80], text)
            first = phrases.search(text)
            assert (first.span() if first else None) == (whole[0] if whole else None)
            matched += bool(whole)
    assert matched > 2000  # the texts do hold the rules' phrases


def test_a_labelled_union_names_the_group_as_lastgroup_does(texts: list[str]) -> None:
    labelled = [s for s in _groups() if any(s.labels)]
    assert labelled
    for phrases in labelled:
        for text in texts:
            whole = [(m.lastgroup, m.span()) for m in phrases.pattern.finditer(text)]
            assert [(label, m.span()) for label, m in phrases.labelled(text)] == whole


def test_at_one_position_the_earlier_phrase_and_group_win() -> None:
    short = phrase_group([r"(?:thank\s+you)"], [])
    long = phrase_group([r"(?:thank\s+you\s+for\s+your\s+order)"], ["ご注文"])
    both = union(first=short, second=long)
    text = "Thank you for your order! ご注文 THANK YOU."
    assert [(label, m.group(0)) for label, m in both.labelled(text)] == [
        ("first", "Thank you"),
        ("second", "ご注文"),
        ("first", "THANK YOU"),
    ]
    swapped = union(second=long, first=short)
    assert [label for label, _ in swapped.labelled(text)] == ["second", "second", "first"]


def test_word_edges_hold_for_each_phrase_as_for_the_group() -> None:
    phrases = phrase_group([r"(?:order)", r"(?:orders\s+shipped)"], [])
    assert phrases.quick is not None
    text = "reorder; orders shipped; order."
    assert [m.group(0) for m in phrases.finditer(text)] == ["orders shipped", "order"]
    assert [m.group(0) for m in phrases.finditer(text)] == [
        m.group(0) for m in phrases.pattern.finditer(text)
    ]


def test_groups_of_different_flags_do_not_join() -> None:
    with pytest.raises(ValueError):
        union(phrase_group(["(?:a b c)"], []), phrase_group(["(?:a b c)"], [], flags=re.NOFLAG))
