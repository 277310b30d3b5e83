"""A rule's phrase group as one object: ``re.Pattern``'s ``search`` and
``finditer``, found through the phrase prefilter (:mod:`auditor.prefilter`).

A phrase group joins a few hundred phrases of six languages into one
alternation; ``re`` tries each of them at every position of a text, about
100 µs for a short message even when none is there (the common case). The
prefilter keeps only the phrases whose required words the text holds, found
by substring tests, and merges their matches in the order the whole pattern
would give. :attr:`PhraseGroup.pattern` stays the whole pattern, the reference
the differential test (tests/rules/test_phrasegroup.py) compares against.

:func:`union` joins groups into one (a pattern ``A|B|C``); with names it
also tells which group matched (:meth:`PhraseGroup.labelled`, the
``match.lastgroup`` of ``(?P<a>A)|(?P<b>B)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from auditor.prefilter import Prefilter, prefilter


@dataclass(frozen=True)
class PhraseGroup:
    """Phrases searched as one alternation.

    ``alternatives`` are the phrases, each a regular expression that stands
    on its own (word edges included), in the order the whole pattern tries
    them; ``labels`` names the group each came from (for :func:`union`);
    ``pattern`` is the whole pattern, compiled from ``source``. Both are
    built on first use: a process that never searches a group (the audit's
    main process, which runs only the cross-message rules) does not pay
    for compiling it."""

    source: str
    alternatives: tuple[str, ...]
    labels: tuple[str, ...]
    flags: int = re.IGNORECASE

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The whole pattern."""
        return re.compile(self.source, self.flags)

    @cached_property
    def quick(self) -> Prefilter | None:
        """The prefilter over the alternatives (None where it cannot help)."""
        return prefilter(list(self.alternatives), self.flags)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, as ``pattern.search(text)``."""
        return self.pattern.search(text) if self.quick is None else self.quick.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, as ``pattern.finditer(text)``."""
        return self.pattern.finditer(text) if self.quick is None else self.quick.finditer(text)

    def match(self, text: str) -> re.Match[str] | None:
        """A match at the start of ``text``, as ``pattern.match(text)`` (one
        position: the whole pattern is as quick as the prefilter there)."""
        return self.pattern.match(text)

    def labelled(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Every match with the label of the group it belongs to."""
        if self.quick is None:
            for match in self.pattern.finditer(text):
                yield str(match.lastgroup or ""), match
            return
        for index, match in self.quick.finditer_indexed(text):
            yield self.labels[index], match


def phrase_group(latin: list[str], japanese: list[str], flags: int = re.IGNORECASE) -> PhraseGroup:
    """The group of Latin-script phrases (bounded by word edges) and Japanese
    ones (not: Japanese has no spaces between words). The whole pattern
    checks the word edges once around all Latin phrases (several times
    faster in ``re`` than once per phrase); each alternative has its own."""
    whole = [r"(?<!\w)(?:" + "|".join(latin) + r")(?!\w)"] if latin else []
    whole.extend(japanese)
    alternatives = tuple([rf"(?<!\w)(?:{p})(?!\w)" for p in latin] + japanese)
    return PhraseGroup("|".join(whole), alternatives, ("",) * len(alternatives), flags)


def union(*sets: PhraseGroup, **named: PhraseGroup) -> PhraseGroup:
    """One group of the phrases of ``sets`` (unlabelled) or ``named`` (each
    labelled with its name, a pattern of named groups), in that order."""
    parts = [("", s) for s in sets] + list(named.items())
    flags = parts[0][1].flags
    if any(s.flags != flags for _, s in parts):
        raise ValueError("phrase groups with different flags")
    source = "|".join(f"(?P<{name}>{s.source})" if name else s.source for name, s in parts)
    alternatives = tuple(a for _, s in parts for a in s.alternatives)
    labels = tuple(name for name, s in parts for _ in s.alternatives)
    return PhraseGroup(source, alternatives, labels, flags)
