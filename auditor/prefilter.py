"""A cheap way to run a big phrase pattern: only the phrases a text can match.

A signal's pattern joins the phrases of six languages, a few thousand
characters of alternatives. Python's ``re`` tries every alternative at every
position of the text: 100-200 µs for a short notice even when nothing
matches, which is the common case, most signals being about another kind.

:class:`Prefilter` reads the syntax tree of each phrase (each alternative of
the pattern) and collects pieces of literal text one of which every match of
it must contain (the longest run of plain characters in it, looking into
groups that must match and into alternatives that must all have one). For a
text, it keeps the phrases whose pieces are in it, found with ``str``'s own
substring search (a regular expression of the pieces would cost as much as
the pattern); a phrase left out cannot match there. Under ``IGNORECASE``
both the text and the pieces are folded character by character the way
``re`` compares them (its simple lower case, and the few letters it treats
as equal besides: "ı"/"i", "ſ"/"s", "ς"/"σ"…), so a text a phrase matches
always contains one of its folded pieces. A phrase with no required literal
(one that starts with a character class, say) is always kept.

:meth:`Prefilter.finditer` then gives the matches the whole pattern's
``finditer`` gives, from the kept phrases alone, each compiled once on its
own (so memory is bounded by the phrases, not by the texts seen): the
leftmost match of any kept phrase, the earliest phrase winning at one
position, as ``re`` chooses among alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# re's own syntax tree and case table (the modules of Python 3.11 and later)
from re import _casefix
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

#: A required piece shorter than this filters too little to be worth a scan
#: (two characters are enough for a piece with a CJK or accented letter:
#: "停止", "警告").
MIN_LENGTH = 3


def _useful(run: str) -> bool:
    return len(run) >= MIN_LENGTH or (len(run) >= 2 and not run.isascii())


def _sequence(items: Any) -> list[str] | None:
    """Literal pieces one of which every match of the sequence ``items``
    contains (the best of its mandatory items), or None."""
    best: list[str] | None = None
    run = ""
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if _useful(run):
            best = _better(best, [run])
        run = ""
        if op is None:
            break
        best = _better(best, _item(op, av))
    return best


def _item(op: Any, av: Any) -> list[str] | None:
    """The required pieces of one non-literal item of a sequence."""
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None  # another case rule inside: leave it to the full pattern
        return _sequence(sub)
    if op is sre.BRANCH:
        pieces: list[str] = []
        for alternative in av[1]:
            found = _sequence(alternative)
            if found is None:
                return None  # this alternative can match without any literal
            pieces.extend(found)
        return pieces
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    return None


def _better(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """Of two sets of required pieces, the one whose shortest piece is longer
    (it filters more), preferring fewer pieces on a tie."""
    if a is None:
        return b
    if b is None:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def required_pieces(pattern: str, flags: int) -> list[str] | None:
    """Literal pieces one of which every match of ``pattern`` contains, or None."""
    return list(_analysed(pattern, flags)[1] or ()) or None


@lru_cache(maxsize=8192)
def _analysed(pattern: str, flags: int) -> tuple[bool, tuple[str, ...] | None]:
    """Whether ``pattern`` can match an empty string, and its required
    pieces (:func:`required_pieces`). Parsed once per pattern and flags in a
    process: the same phrase is in several signals and phrase sets (a
    weighted signal, a union of groups)."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):  # pragma: no cover - it compiles as a whole
        return False, None
    pieces = _sequence(tree)
    found = tuple(sorted(set(pieces), key=lambda p: (-len(p), p))) if pieces else None
    return tree.getwidth()[0] == 0, found


def _fold_table() -> dict[int, int]:
    """Each letter ``re`` treats as equal to another under IGNORECASE (beyond
    their lower case) mapped to one of its class."""
    table: dict[int, int] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        canonical = min(code, *others)
        for member in (code, *others):
            table[member] = min(table.get(member, canonical), canonical)
    return {k: v for k, v in table.items() if k != v}


_FOLD = _fold_table()


@lru_cache(maxsize=16)
def fold(text: str) -> str:
    """``text`` as ``re`` compares it under IGNORECASE, one character for one:
    lower case ("İ" to "i", as ``re`` lowers it, not to "i̇"), then the equal
    letters to one of them. Cached: one text is tested by many signals."""
    return text.replace("\u0130", "i").lower().translate(_FOLD)


class Prefilter:
    """The phrases of a phrase pattern that can match a text (module docstring)."""

    def __init__(self, alternatives: list[str], flags: int) -> None:
        self.alternatives = tuple(alternatives)
        self.flags = flags
        self.ignore_case = bool(flags & re.IGNORECASE)
        #: per alternative: its folded pieces, or None (always kept)
        self.pieces: list[tuple[str, ...] | None] = []
        empty = False  # a phrase that can match nothing: finditer's rules differ
        for alternative in alternatives:
            can_be_empty, found = _analysed(alternative, flags)
            empty = empty or can_be_empty
            self.pieces.append(
                None
                if found is None
                else tuple(dict.fromkeys(fold(p) if self.ignore_case else p for p in found))
            )
        self.useful = not empty and any(p is not None for p in self.pieces)
        self._always = frozenset(i for i, p in enumerate(self.pieces) if p is None)
        by_piece: dict[str, set[int]] = {}
        for i, pieces in enumerate(self.pieces):
            for piece in pieces or ():
                by_piece.setdefault(piece, set()).add(i)
        #: each distinct piece with the phrases that need it
        self._by_piece = [(piece, frozenset(found)) for piece, found in by_piece.items()]
        self._compiled: list[re.Pattern[str] | None] = [None] * len(alternatives)

    def kept(self, text: str) -> list[int]:
        """The phrases (by index, in order) that may match ``text``."""
        haystack = fold(text) if self.ignore_case else text
        hits = [found for piece, found in self._by_piece if piece in haystack]
        return sorted(self._always.union(*hits)) if hits else sorted(self._always)

    def _phrase(self, index: int) -> re.Pattern[str]:
        compiled = self._compiled[index]
        if compiled is None:
            compiled = self._compiled[index] = re.compile(self.alternatives[index], self.flags)
        return compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the whole pattern in ``text``, in order."""
        for _index, match in self.finditer_indexed(text):
            yield match

    def finditer_indexed(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """:meth:`finditer`'s matches, each with the index of the phrase
        (alternative) that matched: what ``match.lastgroup`` tells of a
        pattern whose alternatives are named groups."""
        kept = self.kept(text)
        patterns = [self._phrase(i) for i in kept]
        if len(patterns) <= 1:
            for match in patterns[0].finditer(text) if patterns else ():
                yield kept[0], match
            return
        ahead: list[re.Match[str] | None] = [p.search(text) for p in patterns]
        pos = 0
        while True:
            best, best_j = None, -1
            for j, found in enumerate(ahead):
                if found is not None and found.start() < pos:
                    found = ahead[j] = patterns[j].search(text, pos)
                if found is not None and (best is None or found.start() < best.start()):
                    best, best_j = found, j  # strictly left: the earliest phrase wins ties
            if best is None:
                return
            yield kept[best_j], best
            pos = best.end()

    def search(self, text: str) -> re.Match[str] | None:
        """The whole pattern's ``search``."""
        return next(self.finditer(text), None)


def prefilter(alternatives: list[str], flags: int) -> Prefilter | None:
    """The :class:`Prefilter` of a phrase pattern made of ``alternatives``
    joined with ``|``, or None when it would not help (no phrase has a
    required literal, or one can match an empty string)."""
    found = Prefilter(alternatives, flags)
    return found if found.useful else None
