"""A cheap test that a big phrase pattern cannot match: its required words.

A signal's pattern joins the phrases of six languages, a few thousand
characters of alternatives. Python's ``re`` tries every alternative at every
position of the text: 100-200 µs for a short notice even when nothing
matches, which is the common case, most signals being about another kind.

:class:`Prefilter` reads the syntax tree of each phrase (each alternative of
the pattern) and collects pieces of literal text one of which every match of
it must contain (the longest run of plain characters in it, looking into
groups that must match and into alternatives that must all have one).
:meth:`Prefilter.pattern_for` looks for the pieces with ``str``'s own
substring search (a regular expression of the pieces would cost as much as
the pattern) and returns a pattern of only the phrases whose pieces are in
the text, in their order, with the same flags: it finds the same matches as
the whole pattern, since a phrase left out cannot match there. Under
``IGNORECASE`` both the text and the pieces are folded character by
character the way ``re`` compares them (its simple lower case, and the few
letters it treats as equal besides: "ı"/"i", "ſ"/"s", "ς"/"σ"…), so a text
the pattern matches always contains a folded piece. If none is there, the
pattern cannot match; otherwise the pattern decides. An alternative with no
required literal (one that starts with a character class, say) means no
prefilter: the pattern always runs.
"""

from __future__ import annotations

import re
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
    try:
        tree = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):  # pragma: no cover - it compiles as a whole
        return None
    pieces = _sequence(tree)
    return sorted(set(pieces), key=lambda p: (-len(p), p)) if pieces else None


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
    """Which phrases of a phrase pattern can match a text (module docstring)."""

    def __init__(self, alternatives: list[str], flags: int) -> None:
        self.alternatives = tuple(alternatives)
        self.flags = flags
        self.ignore_case = bool(flags & re.IGNORECASE)
        #: per alternative: its folded pieces, or None (always kept)
        self.pieces: list[tuple[str, ...] | None] = []
        for alternative in alternatives:
            found = required_pieces(alternative, flags)
            self.pieces.append(
                None
                if found is None
                else tuple(dict.fromkeys(fold(p) if self.ignore_case else p for p in found))
            )
        self.useful = any(p is not None for p in self.pieces)
        self._always = frozenset(i for i, p in enumerate(self.pieces) if p is None)
        by_piece: dict[str, set[int]] = {}
        for i, pieces in enumerate(self.pieces):
            for piece in pieces or ():
                by_piece.setdefault(piece, set()).add(i)
        #: each distinct piece with the phrases that need it
        self._by_piece = [(piece, frozenset(found)) for piece, found in by_piece.items()]
        self._patterns: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def pattern_for(self, text: str) -> re.Pattern[str] | None:
        """A pattern of the phrases that may match ``text``, in their order
        (it finds what the whole pattern finds there); None when none may."""
        haystack = fold(text) if self.ignore_case else text
        hits = [found for piece, found in self._by_piece if piece in haystack]
        kept = tuple(sorted(self._always.union(*hits))) if hits else tuple(sorted(self._always))
        found = self._patterns.get(kept, False)
        if found is False:
            found = (
                re.compile("|".join(self.alternatives[i] for i in kept), self.flags)
                if kept
                else None
            )
            if len(self._patterns) >= _MAX_PATTERNS:
                self._patterns.clear()
            self._patterns[kept] = found
        return found


#: Subsets of phrases compiled per signal (texts share a few subsets).
_MAX_PATTERNS = 256


def prefilter(alternatives: list[str], flags: int) -> Prefilter | None:
    """The :class:`Prefilter` of a phrase pattern made of ``alternatives``
    joined with ``|``, or None when no phrase has a required literal."""
    found = Prefilter(alternatives, flags)
    return found if found.useful else None
