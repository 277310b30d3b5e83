"""Text tools for the notice parsers: normalisation, logical lines, sentences,
and the small phrase notation every phrase set in this package is written in.

Phrase notation (see :func:`phrase`): phrases are lower-case regular
expressions in which a space matches any run of white space (so hard-wrapped
plain text still matches) and ``…`` matches up to 80 characters inside one
sentence (`` ?`` is an optional space; `` … `` between words may be a
single space). That keeps the multilingual phrase sets readable, and lets
them name *concepts* ("restricted … proactive") instead of exact sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from auditor import phrases as phrase_files

_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_PUNCT = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
    }
)
#: Up to 80 characters that do not end a sentence (a dot followed by a
#: non-space, as in "15.12.2026" or "Amazon.de", does not end one).
GAP = r"(?:[^.!?。！？\n]|[.](?=\S)){0,80}"
_BULLET = re.compile(r"^(?:[-*•・●◦▪►]|\d{1,2}[.)]|[a-z][)])\s*")
_LABEL = re.compile(r"^[^\W\d][\w .'/-]{0,40}\s?:\s*\S")
#: A sentence ends at . ! ? followed by white space, except after a number
#: ("bis zum 15. Dezember"), or at a Japanese full stop.
_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])\s+|(?<=[。！？])")
_QUOTE_PREFIX = re.compile(r"^(?:\s*>)+\s?")
#: A line after which the next one starts anew: a finished sentence, a list
#: intro (":"), a short salutation ("Dear Seller,"), or a bracketed heading
#: ("【理由】").
_ENDS_LINE = re.compile(r"[.!?。！？:：】]$|^.{0,40},$")
#: A short line that opens its paragraph without a final stop, followed by a
#: line that starts with a capital: a plain-text heading ("What happened",
#: "Questions fréquentes") over its first sentence, not the start of a
#: hard-wrapped sentence (a wrapped line is nearly as long as the width).
_HEADING_LINE = re.compile(r"^[^\u3040-\u30ff\u3400-\u9fff]{1,40}$")
_CAPITAL = re.compile(r"^[\"'(]?[^\W\d_a-zß-ÿ]")
#: Hard-wrapped Japanese (or Chinese) joins without a space.
_CJK_END = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff]$")
_CJK_START = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


#: A sentence's final stop (a "label: value" row has none).
_STOP = re.compile(r"[.!?。！？]\s*$")


def field_row(line: str) -> bool:
    """Whether ``line`` is a "label: value" row ("Type of infringement:
    Trademark", "Art der Rechtsverletzung: Marke") rather than a sentence: a
    label as :func:`logical_lines` knows it, then a value without a stop."""
    return bool(_LABEL.match(line)) and not _STOP.search(line)


def unbulleted(line: str) -> str:
    """``line`` without its list bullet ("- Si …", "• If …", "2) Wenn …"):
    what phrases anchored at a sentence's start read."""
    return _BULLET.sub("", line, count=1)


def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets become ASCII), zero-width
    characters dropped, typographic quotes and dashes made plain. Case is
    kept (evidence sentences are quoted as written); every pattern here
    ignores case."""
    text = unicodedata.normalize("NFKC", text)
    return _ZERO_WIDTH.sub("", text).translate(_PUNCT)


def phrase(pattern: str) -> str:
    """One phrase in the notation above, as a regular expression (the
    notation of the phrase data files, :mod:`auditor.phrases`)."""
    return phrase_files.phrase(pattern)


#: The flags every phrase pattern is compiled with.
PHRASE_FLAGS = re.IGNORECASE | re.MULTILINE


def alternatives(phrases: Iterable[str]) -> list[str]:
    """The regular expression of each of ``phrases``, in order, as
    :func:`compile_phrases` joins them."""
    return [f"(?:{phrase(p)})" for p in phrases]


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` (notation above)."""
    joined = alternatives(phrases)
    if not joined:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(joined), PHRASE_FLAGS)


def compile_languages(by_language: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """One pattern for a phrase set given per language (all languages at
    once: a notice's language guess must not decide whether it is found)."""
    return compile_phrases(p for phrases in by_language.values() for p in phrases)


def logical_lines(text: str, join: bool = True) -> list[str]:
    """``text`` as logical lines: quote markers (``>``) removed, hard-wrapped
    lines of one paragraph joined (unless ``join`` is False: text rendered
    from HTML has one line per block already), list items and ``Label:
    value`` lines kept apart."""
    out: list[str] = []
    joinable = False
    heading = False  # the line before opens its paragraph and looks like a heading
    for raw_line in text.splitlines():
        line = _QUOTE_PREFIX.sub("", raw_line).strip()
        if not line:
            joinable = heading = False
            continue
        starts_item = bool(_BULLET.match(line)) or bool(_LABEL.match(line))
        after_heading = heading and bool(_CAPITAL.match(line))
        if (
            join
            and joinable
            and not starts_item
            and not after_heading
            and out
            and not _ENDS_LINE.search(out[-1])
        ):
            cjk = _CJK_END.search(out[-1]) and _CJK_START.match(line)
            out[-1] = f"{out[-1]}{'' if cjk else ' '}{line}"
            heading = False
        else:
            out.append(line)
            heading = (
                not starts_item and bool(_HEADING_LINE.match(line)) and not _ENDS_LINE.search(line)
            )
        joinable = not _LABEL.match(line)
    return out


def sentences(lines: Iterable[str]) -> list[str]:
    """The sentences of logical lines (a line never joins its neighbour)."""
    out: list[str] = []
    for line in lines:
        out.extend(piece.strip() for piece in _SENTENCE.split(line) if piece.strip())
    return out


def sentence_at(text: str, position: int, limit: int = 240) -> str:
    """The sentence of ``text`` around ``position``, at most ``limit`` characters."""
    start = max(text.rfind("\n", 0, position), 0)
    for mark in (". ", "! ", "? ", "。"):
        found = text.rfind(mark, start, position)
        if found != -1:
            start = max(start, found + len(mark))
    end_candidates = [text.find(mark, position) for mark in ("\n", ". ", "。", "! ", "? ")]
    ends = [e for e in end_candidates if e != -1]
    end = min(ends) + 1 if ends else len(text)
    snippet = " ".join(text[start:end].split())
    return snippet[:limit]
