"""Shared text tools for rules: the parts of a message a rule reads,
multilingual phrase patterns, and evidence sentences.

A rule reads the seller's own words. Quoted mail (``>`` lines, "On … wrote:",
"----- Original message -----" and their translations) and the signature /
legal footer (after ``-- ``, an Impressum) are blanked out with spaces, so
that a quoted buyer review saying "5 stars" or a German Impressum with an
e-mail address is not the seller's doing, and offsets stay valid for
highlighting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from auditor.message.model import Message
from auditor.phrases import PhraseFileError, phrase
from auditor.phrases import load as load_phrases
from rules.phrasegroup import PhraseGroup, phrase_group

T = TypeVar("T")

_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_QUOTE_START = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|"
    r"weitergeleitete nachricht|message d'origine|message transféré|mensaje original|"
    r"mensaje reenviado|messaggio originale|messaggio inoltrato|元のメッセージ|転送メッセージ)"
    r"\s*-{2,}"
    r"|on .{4,120} wrote:|am .{4,120} schrieb .{0,80}:|le .{4,120} a écrit\s*:|"
    r"el .{4,120} escribió:|il .{4,120} ha scritto:|.{4,120}に.{0,40}が書きました[:：]?"
    r"|from: .{3,120}\n(?:sent|date): )",
    re.IGNORECASE | re.MULTILINE,
)
_FOOTER_START = re.compile(
    r"^(?:-- ?$|_{5,}\s*$|impressum\b|legal notice\b|mentions légales\b|aviso legal\b|"
    r"note legali\b|特定商取引法)",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n\s*\n|\n(?=\s*[-*•])|(?<=[。！？])")


def own_text(text: str, keep_footer: bool = False) -> str:
    """``text`` with quoted mail (and, unless ``keep_footer``, the signature
    or legal footer) replaced by spaces; same length, so offsets still hold."""
    if not text:
        return text
    cut = len(text)
    match = _QUOTE_START.search(text)
    if match:
        cut = match.start()
    if not keep_footer:
        footer = _FOOTER_START.search(text, 0, cut)
        # A footer marker in the first lines is a heading, not a signature.
        if footer and footer.start() > min(200, cut // 3):
            cut = footer.start()
    kept = _QUOTE_LINE.sub(lambda m: " " * len(m.group(0)), text[:cut])
    return kept + " " * (len(text) - cut)


@dataclass(slots=True)
class View:
    """The readable parts of one message, computed once and shared by every rule."""

    msg: Message
    _cache: dict[tuple[bool], list[tuple[str, str]]] = field(default_factory=dict)

    def computed(self) -> dict[tuple[bool], list[tuple[str, str]]]:
        """The sections worked out so far (a worker sends them along with its
        result, so the process that runs the cross-message rules does not
        work them out again: ``View(msg, computed)``)."""
        return self._cache

    def sections(self, keep_footer: bool = False) -> list[tuple[str, str]]:
        """``[(location, text)]`` for the subject, the plain text and the HTML's text."""
        key = (keep_footer,)
        if key not in self._cache:
            parts = [("subject", self.msg.subject)]
            if self.msg.text:
                parts.append(("text", own_text(self.msg.text, keep_footer)))
            if self.msg.html_text:
                parts.append(("html", own_text(self.msg.html_text, keep_footer)))
            self._cache[key] = parts
        return self._cache[key]

    def body(self, keep_footer: bool = False) -> str:
        """The seller's own body text (plain part, else the HTML's text)."""
        for location, text in self.sections(keep_footer):
            if location != "subject" and text.strip():
                return text
        return ""

    def all_text(self, keep_footer: bool = False) -> str:
        return "\n".join(text for _, text in self.sections(keep_footer))


_MEMO: dict[tuple[str, str], Any] = {}
_MEMO_LIMIT = 100_000


def per_template(name: str, view: View, compute: Callable[[], T]) -> T:
    """``compute()`` once per template for facts that depend only on the
    template's words (is it a review request?), not on names or order IDs."""
    template = view.msg.template
    if not template:
        return compute()
    key = (name, template)
    try:
        return _MEMO[key]
    except KeyError:
        pass
    value = compute()
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = value
    return value


def lexicon(flags: int = re.IGNORECASE, **languages: list[str]) -> re.Pattern[str]:
    """One compiled pattern from regex fragments per language.

    Fragments are regular expressions; a plain space matches any run of
    white space, and " ?" an optional one. Latin-script fragments are
    bounded by word edges, Japanese ones (``ja=``) are not, since Japanese
    has no spaces between words.
    Merging every language into one alternation lets one pass find them all.
    """
    latin, japanese = [], []
    for lang, fragments in languages.items():
        for fragment in fragments:
            body = fragment.replace(" ?", r"\s?").replace(" ", r"\s+")
            (japanese if lang == "ja" else latin).append(f"(?:{body})")
    return phrase_group(latin, japanese, flags).pattern


#: The rules' phrase data files: ``rules/phrases/<name>.toml`` (format: :mod:`auditor.phrases`).
PHRASE_DIR = Path(__file__).parent / "phrases"


@cache
def phrases(name: str, group: str) -> PhraseGroup:
    """The phrase group ``group`` of ``rules/phrases/<name>.toml``, every
    language in one :class:`~rules.phrasegroup.PhraseGroup` (searched as one
    alternation, Latin-script phrases bounded by word edges, Japanese ones
    not, as :func:`lexicon` does). Built once per process; a group that no
    language of the file has is a :class:`~auditor.phrases.PhraseFileError`."""
    data = load_phrases(PHRASE_DIR / f"{name}.toml")
    latin, japanese = [], []
    for lang in data.languages:
        for text in data.phrases[lang].get(group, ()):
            body = f"(?:{phrase(text, data.gap)})"
            (japanese if lang == "ja" else latin).append(body)
    if not latin and not japanese:
        raise PhraseFileError(f"{data.source}: {group}: no such phrase group in any language")
    return phrase_group(latin, japanese)


def sentence(text: str, start: int, end: int, limit: int = 240) -> tuple[str, int, int]:
    """The sentence around ``text[start:end]``, trimmed to ``limit``
    characters, with its own (start, end) in ``text``."""
    # Look back no further than ``limit``: a long text without punctuation
    # must not be rescanned from its start for every match.
    window = max(0, start - limit)
    left = window
    for match in _SENTENCE_END.finditer(text, window, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, end + limit)
    right = right_match.start() if right_match else len(text)
    if right - left > limit:
        left = max(left, start - limit // 2)
        right = min(right, max(end, left + limit))
    snippet = text[left:right]
    stripped = snippet.strip()
    offset = left + (len(snippet) - len(snippet.lstrip()))
    return " ".join(stripped.split()), offset, offset + len(stripped)


def find(
    pattern: re.Pattern[str] | PhraseGroup,
    view: View,
    keep_footer: bool = False,
    locations: tuple = (),
) -> Iterator[tuple[str, str, tuple[int, int], re.Match[str]]]:
    """Each match of ``pattern`` in the message: (location, evidence sentence,
    span of the sentence, match)."""
    for location, text in view.sections(keep_footer):
        if locations and location not in locations:
            continue
        for match in pattern.finditer(text):
            evidence, left, right = sentence(text, match.start(), match.end())
            yield location, evidence, (left, right), match
