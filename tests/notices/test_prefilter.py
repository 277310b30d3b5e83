"""The phrase prefilter (auditor.prefilter) finds exactly what the
whole pattern finds: its required pieces are really required, its case
folding is ``re``'s, and on real notices every signal gives the same matches
with and without it."""

from __future__ import annotations

import gc
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from auditor.notices import kinds  # noqa: F401 - defines the signals
from auditor.notices.signals import Signal
from auditor.notices.text import PHRASE_FLAGS, alternatives, logical_lines
from auditor.prefilter import Prefilter, fold, prefilter, required_pieces

SETS = Path(__file__).parent


@pytest.mark.parametrize(
    ("pattern", "pieces"),
    [
        (r"restricted\s+for", ["restricted"]),
        (r"(?:cannot|can't|could\s+not)\s+be\s+reinstated", ["reinstated"]),
        # re's parser takes the common "c" out of the alternatives
        (r"(?:cannot|can't|could\s+not)\s+be", ["annot", "an't", "ould"]),
        (r"(?:please\s+)?retract", ["retract"]),  # an optional group is not required
        (r"(?:a|an)\s+b", None),  # pieces under three letters filter nothing
        (r"[a-z]+ed\s+it", None),  # a class first, two letters after: nothing required
        (r"(?:abc){1,3}xy", ["abc"]),  # a repeat of at least one is required
        (r"(?:abc){0,3}xy", None),
        (r"(?<=foo)bar\s+baz", ["bar"]),  # a lookbehind is not part of the match
        (r"(?-i:Amazon)\s+store", ["store"]),  # another case rule inside: not used
        (r"停止(?:の)?おそれ", ["おそれ"]),  # CJK: two characters are a piece
    ],
)
def test_required_pieces(pattern: str, pieces: list[str] | None) -> None:
    found = required_pieces(pattern, PHRASE_FLAGS)
    assert (sorted(found) if found else None) == (sorted(pieces) if pieces else None)


def _chars() -> list[str]:
    codes = [*range(0x20, 0x250), *range(0x370, 0x400), *range(0x400, 0x460)]
    codes += [0x1E61, 0x1E9B, 0x1E9E, 0x1FBE, 0x1FD3, 0x1FE3, 0x212A, 0x212B, 0xFB05, 0xFB06]
    return [chr(c) for c in codes]


def test_fold_is_how_re_compares_letters_ignoring_case() -> None:
    chars = _chars()
    for a in chars:
        same = re.compile(re.escape(a), re.IGNORECASE)
        for b in chars:
            assert (same.fullmatch(b) is not None) == (fold(a) == fold(b)), (a, b)


def test_fold_keeps_one_character_for_one() -> None:
    text = "İSTANBUL ΟΔΟΣ straße ſ K"
    assert len(fold(text)) == len(text)
    assert fold("İD") == fold("id")


def test_a_text_keeps_only_the_phrases_whose_pieces_it_holds() -> None:
    quick = prefilter(alternatives(["restricted for", "deactivated"]), PHRASE_FLAGS)
    assert quick is not None
    assert quick.kept("Your order has shipped.") == []
    assert quick.search("Your order has shipped.") is None
    assert quick.kept("Your account was DEACTIVATED today.") == [1]
    found = quick.search("Your account was DEACTIVATED today.")
    assert found is not None and found.group(0) == "DEACTIVATED"


def test_phrases_without_pieces_are_always_kept() -> None:
    quick = Prefilter(alternatives(["[a-z]+ed it", "deactivated"]), PHRASE_FLAGS)
    assert quick.useful
    assert quick.kept("nothing here") == [0]
    assert quick.search("We reactivated it.") is not None
    assert prefilter(alternatives(["[a-z]+ed it"]), PHRASE_FLAGS) is None


def test_a_phrase_that_can_match_nothing_means_no_prefilter() -> None:
    assert prefilter(alternatives(["deactivated", "(?:account)?"]), PHRASE_FLAGS) is None


def test_at_one_position_the_earlier_phrase_wins_as_in_re() -> None:
    phrases = ["account suspended", "account suspended for good", "suspended"]
    whole = re.compile("|".join(alternatives(phrases)), PHRASE_FLAGS)
    quick = prefilter(alternatives(phrases), PHRASE_FLAGS)
    assert quick is not None
    text = "Your account suspended for good; suspended again; account suspended."
    assert [m.group(0) for m in quick.finditer(text)] == [m.group(0) for m in whole.finditer(text)]
    assert [m.span() for m in quick.finditer(text)] == [m.span() for m in whole.finditer(text)]


def _texts() -> list[str]:
    texts = []
    for folder in ("unseen7", "unseen8", "unseen4"):
        for path in sorted((SETS / folder).glob("*.eml")):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            texts.append(str(mail["subject"] or ""))
            body = mail.get_body(preferencelist=("plain", "html"))
            if body is not None:
                content = body.get_content()
                texts.extend(logical_lines(content)[:40])
    return texts


def test_every_signal_finds_the_same_matches_with_the_prefilter() -> None:
    texts = _texts()
    assert len(texts) > 2000
    signals = [s for s in gc.get_objects() if isinstance(s, Signal) and s.quick is not None]
    assert len(signals) > 40
    matched = 0
    for signal in signals:
        for text in texts:
            whole = [m.span() for m in signal.pattern.finditer(text)]
            quick = [m.span() for m in signal.quick.finditer(text)]
            assert whole == quick, (signal.name, text)
            matched += bool(whole)
    assert matched > 500  # the texts do hold notices' phrases


def test_every_signal_compiles_once_per_set_of_phrases() -> None:
    """Signals compile on first use (not at import): every one must compile,
    and a weighted copy shares its original's pattern and prefilter."""
    from auditor.notices.kinds import RESTRICTED
    from auditor.notices.signals import weighted

    signals = [s for s in gc.get_objects() if isinstance(s, Signal)]
    assert len(signals) > 60
    for signal in signals:
        assert signal.pattern.pattern is not None, signal.name
    heavier = weighted(RESTRICTED, 5)
    assert heavier.pattern is RESTRICTED.pattern
    assert heavier.quick is RESTRICTED.quick
