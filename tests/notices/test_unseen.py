"""Floors on the held-out notice sets (tests/notices/unseen … unseen8): mails
in six languages written apart from the hand-written variants, measured by
``python bench/notice_accuracy.py [--set tests/notices/unseen3]``.

The worst error — bad news (a complaint, a refused appeal, a deactivation…)
read as good news (a retraction, a reinstatement…) — must never occur; the
accuracy per kind and per language may not fall below what was measured
(bench/README.md) minus a margin."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.benchmods import load_bench

ROOT = Path(__file__).resolve().parents[2]
SETS = [
    ROOT / "tests" / "notices" / name
    for name in (
        "unseen",
        "unseen2",
        "unseen3",
        "unseen4",
        "unseen5",
        "unseen6",
        "unseen7",
        "unseen8",
    )
]


def _bench():
    return load_bench("notice_accuracy")


@pytest.fixture(scope="module")
def results() -> dict[str, list[dict]]:
    bench = _bench()
    return {folder.name: bench.evaluate(folder)["rows"] for folder in SETS}


def _accuracy(rows: list[dict]) -> float:
    return sum(r["expected"] == r["got"] for r in rows) / len(rows)


def test_sets_cover_every_kind_in_six_languages(results) -> None:
    rows = [r for rows in results.values() for r in rows]
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kinds[row["expected"]].add(row["lang"])
    assert len(kinds) == 17
    assert all(len(langs) >= 4 for langs in kinds.values()), kinds
    assert {r["lang"] for r in rows} == {"en", "de", "fr", "es", "it", "ja"}
    assert all(sum(r["expected"] == k for r in rows) >= 6 for k in kinds)


def test_bad_news_is_never_read_as_good_news(results) -> None:
    bench = _bench()
    wrong = [
        (name, r["file"], r["got"])
        for name, rows in results.items()
        for r in rows
        if bench.dangerous(r["expected"], r["got"])
    ]
    assert wrong == []
    complaints = [r for rows in results.values() for r in rows if r["expected"] == "ip_complaint"]
    assert all(r["got"] != "ip_retraction" for r in complaints)


#: Measured before each set was looked at: unseen2 95.4 %, unseen3 94.1 %,
#: unseen4 67.1 %, unseen5 81.0 %, unseen6 71.2 %, unseen7 88.1 % (one
#: dangerous error), unseen8 80.0 %; now 100 % on the first seven and 94.3 %
#: on unseen8 (four misses left, none dangerous: bench/README.md). The floors
#: leave a margin of about 10 points; unseen8's is what was first measured.
FLOORS = {
    "unseen": 0.9,
    "unseen2": 0.9,
    "unseen3": 0.9,
    "unseen4": 0.9,
    "unseen5": 0.9,
    "unseen6": 0.9,
    "unseen7": 0.88,
    "unseen8": 0.8,
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_accuracy_floor(results, name: str) -> None:
    assert _accuracy(results[name]) >= FLOORS[name]


def test_accuracy_per_kind_and_language_floor(results) -> None:
    rows = [r for rows in results.values() for r in rows]
    for key in ("expected", "lang"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            groups[row[key]].append(row)
        low = {k: round(_accuracy(g), 2) for k, g in groups.items() if _accuracy(g) < 0.85}
        assert low == {}, key


def test_every_notice_decided_by_a_sentence_quotes_it(results) -> None:
    for rows in results.values():
        for row in rows:
            if row["got"] not in ("other_amazon", "none"):
                assert row["evidence"], row["file"]


def test_periods_hold(results) -> None:
    periods = [r for rows in results.values() for r in rows if "ends_at_ok" in r]
    assert periods and all(r["ends_at_ok"] for r in periods)
