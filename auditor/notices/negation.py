"""Whether a good-news phrase is negated: "we cannot reinstate your account",
"Votre offre ne peut pas être réactivée", "Ihr Konto wird derzeit nicht
wieder aktiviert", "アカウントを再開することはできかねます".

Reading bad news as good news is the worst error for a seller, so a
good-news decision counts only when no negation reaches it. The scope is the
phrase's *clause*, however long it is (no character window):

* a negation anywhere before the phrase in its clause ("…, we are still not
  in a position to reinstate…");
* a negation inside the phrase's own gap ("offre … réactivée" read over
  "offre ne peut pas être réactivée"); a phrase that is negative itself
  ("no longer has any violations") is not negated by its own words: a
  negation counts only when the phrase still matches without it;
* a negation after the verb that closes the clause (German "Wir reaktivieren
  Ihr Konto nicht", Japanese "再開できません", "いたしかねます");
* a negation left open before a comma reaches across it ("We cannot, at this
  stage, reinstate…"), and so does a French "ne" not yet closed by "pas",
  "plus", "jamais"… ("Nous ne pouvons, à ce stade, réactiver…").

A clause ends at "; : ( )", a dash, or a comma or conjunction that opens a new
clause (", your account…", ", wurde…", "ので、"), so "we have not found any
further issues, your account has been reinstated" stays good news. The
words are data: ``phrases/negation.toml``.
"""

from __future__ import annotations

import re

from auditor.notices.decision import phrase_file
from auditor.phrases import PhraseSet

#: Punctuation that ends a clause in every language (a French "ne" reaches
#: across commas, never across these).
_STRONG = re.compile(r"[;:()\[\]]|\s-\s")


def _langs(lang: str | None, negation: PhraseSet) -> str | None:
    return lang if lang in negation.languages else None


def _clause(
    line: str, start: int, end: int, negation: PhraseSet, langs: str | None
) -> tuple[int, int]:
    """Where the clause around ``line[start:end]`` begins and ends."""
    begin, finish = 0, len(line)
    for bound in negation.finditer(line, langs, group="clause"):
        if bound.end() <= start:
            begin = max(begin, bound.end())
        elif bound.start() >= end:
            finish = min(finish, bound.start())
    return begin, finish


def _in_gap(line: str, match: re.Match[str], start: int, end: int, hit: re.Match[str]) -> bool:
    """Whether the negation ``hit`` (inside the phrase) is not one of the
    phrase's own words: the phrase still matches with it blanked out."""
    a, b = start + hit.start(), start + hit.end()
    masked = line[:a] + "x" * (b - a) + line[b:]
    return any(m.start() < end and m.end() > start for m in match.re.finditer(masked))


def _open_french_ne(before: str, negation: PhraseSet, langs: str | None) -> bool:
    """A "ne"/"n'" earlier in the clause (commas do not end it here, "; : ( )"
    do) not closed by "pas", "plus", "jamais"… after it, nor by "aucun",
    "rien", "jamais"… before it ("Aucune action n'est requise"): the bracket
    is still open over the phrase ("Nous ne pouvons, à ce stade, réactiver…")."""
    segment = before[max((m.end() for m in _STRONG.finditer(before)), default=0) :]
    openers = list(negation.finditer(segment, langs, group="open"))
    if not openers:
        return False
    last = openers[-1]
    since = openers[-2].end() if len(openers) > 1 else 0
    closed_before = negation.find(segment[since : last.start()], langs, group="close")
    closed_after = negation.find(segment[last.end() :], langs, group="close")
    return closed_before is None and closed_after is None


def negated(text: str, match: re.Match[str], lang: str | None) -> bool:
    """Whether ``match`` (a good-news phrase found in ``text``, sentences
    joined by newlines) is negated; ``lang`` narrows the negation words to
    the notice's language (None: every language)."""
    negation = phrase_file("negation")
    langs = _langs(lang, negation)
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : len(text) if line_end == -1 else line_end]
    start, end = match.start() - line_start, match.end() - line_start
    begin, finish = _clause(line, start, end, negation, langs)
    before = line[:start]
    if negation.find(line[begin:start], langs, group="negation"):
        return True
    if negation.find(before, langs, group="dangling"):
        return True
    if _open_french_ne(before, negation, langs):
        return True
    inside = line[start:end]
    for hit in negation.finditer(inside, langs, group=("negation", "trailing")):
        rest = inside[hit.end() :]
        crosses = negation.find(rest, langs, group="clause") is not None
        if not crosses and _in_gap(line, match, start, end, hit):
            return True
    return negation.find(line[end:finish], langs, group="trailing") is not None
