"""Phrase data files: multilingual vocabularies as TOML, compiled once.

A phrase file holds one *concept*: the decision sentences of one notice kind,
the trigger phrases of one rule, the words of one label. Detectors load it
with :func:`load` and ask the resulting :class:`PhraseSet` whether (and where)
a text says the concept; they never carry phrase lists in code. Adding a
language or a phrase touches one data file, and the file's own example
sentences run as tests (``tests/test_phrase_files.py`` finds every file with
:func:`discover`).

File format (``<package>/phrases/<name>.toml``)::

    doc = "Amazon restricted the account from sending proactive messages."
    # gap = 80            # optional: how far "…" reaches (characters)

    [en]
    decision = [
        "restricted … (?:proactive|unsolicited) messag",
        "(?:can|may) no longer (?:send|contact) … buyers",
    ]
    subject = ["messaging (?:restriction|privileges)"]
    match = [
        "We have restricted your account from sending proactive messages.",
    ]
    no_match = [
        "If you send unsolicited messages, your account may be restricted.",
    ]

    [de]
    decision = [
        "(?:eingeschränkt|gesperrt) … (?:proaktive|unaufgeforderte) nachrichten",
        "(?:proaktive|unaufgeforderte) nachrichten … (?:eingeschränkt|gesperrt)",
    ]
    match = { decision = ["Wir haben Ihr Konto für proaktive Nachrichten gesperrt."] }

* ``doc`` (required): one line saying what the concept is.
* One table per language, keyed by its code (``en de fr es it ja`` today;
  any two-letter code is accepted, so a new language is a new table).
* In a language table every key but ``match``/``no_match`` is a named
  *phrase group* (a list of phrases): ``decision``, ``subject``,
  ``instruction`` … as the detector needs. Group names are the detector's
  choice; :meth:`PhraseSet.find` can ask for one group.
* ``match`` / ``no_match``: example sentences that must / must not be found
  in that language. Either a list (tested against all the language's groups)
  or a table ``{group = [sentences]}`` (tested against that group only).

Phrase notation (the one :mod:`auditor.notices.text` has always used):
phrases are lower-case regular expressions matched case-insensitively and
per line (``^``/``$`` are line anchors), where

* a space matches any run of white space (hard-wrapped text still matches),
* `` ?`` (space, question mark) is an optional white space,
* ``…`` matches up to ``gap`` (80) characters *within one sentence*: it does
  not cross a line break or a sentence end (``. ! ? 。 ！ ？``; a dot followed
  by a non-space, as in ``15.12.2026`` or ``Amazon.de``, or by a lower-case
  word, as in "Harbor Lane Inc. alleging", is not an end);
  `` … `` between spaces is the gap between two words: it may be a single
  space or punctuation (``"restricted … proactive"`` matches "restricted
  proactive" and "bitten, die Beschwerde zurückzuziehen" alike), and a
  line break inside it counts as a space (hard-wrapped text; an empty line
  ends it).

So ``"restricted … proactive"`` reads as the concept "restricted, and later
in the same sentence, proactive". Texts are searched as given: callers
normalise them first (NFKC, plain quotes and dashes), as
:func:`auditor.notices.text.normalize` does.

A file that is not valid TOML, misses ``doc``, has a key of the wrong type
or a phrase that is not a valid regular expression raises
:class:`PhraseFileError`, whose one-line message names the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from re import _parser as sre_parse
from typing import NamedTuple

from auditor.errors import AuditorError

#: The languages every phrase file is expected to cover.
LANGUAGES = ("en", "de", "fr", "es", "it", "ja")
#: Keys of a language table that hold examples, not phrases.
EXAMPLE_KEYS = ("match", "no_match")
#: Top-level keys that are not language tables.
META_KEYS = ("doc", "gap")
DEFAULT_GAP = 80

_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
_GROUP_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_NEVER = re.compile(r"(?!x)x")


class PhraseFileError(AuditorError):
    """A phrase data file cannot be used: unreadable, not TOML, a missing or
    mistyped key, or a phrase that is not a regular expression. The message
    is one line: ``<file>: <key>: <problem>``."""


#: A dot that ends no sentence: inside a token ("15.12.2026", "Amazon.de")
#: or after an abbreviation before a lower-case word ("Harbor Lane Inc. alleging").
_INNER_DOT = r"[.](?=\S|\s+(?-i:[a-zà-ÿ]))"


def gap_pattern(gap: int = DEFAULT_GAP) -> str:
    """What ``…`` stands for: up to ``gap`` characters that do not end a
    sentence or a line."""
    return rf"(?:[^.!?。！？\n]|{_INNER_DOT}){{0,{gap}}}"


def phrase(pattern: str, gap: int = DEFAULT_GAP) -> str:
    """One phrase in the notation above, as a regular expression.

    ``"a … b"`` (the gap between spaces) is the gap between two *words*: it
    starts and ends at a non-word character, so ``"a b"``, ``"a, then b"``
    and ``"a x y b"`` match but ``"ab"`` does not."""
    gap_re = gap_pattern(gap)
    # between words a hard wrap (a line break) counts as a space
    word_gap = rf"(?=\W)(?:[^.!?。！？\n]|{_INNER_DOT}|\n(?!\s*\n)){{0,{gap}}}(?<=\W)"
    pieces = pattern.split(" … ")
    pieces = [p.replace("…", gap_re).replace(" ?", r"\s?").replace(" ", r"\s+") for p in pieces]
    return word_gap.join(pieces)


def compile_phrases(phrases: Iterable[str], gap: int = DEFAULT_GAP) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``phrases`` (never
    matching when there are none)."""
    alternatives = [f"(?:{phrase(p, gap)})" for p in phrases]
    if not alternatives:
        return _NEVER
    return re.compile("|".join(alternatives), re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a phrase set was found: the language and group whose phrase
    matched, and the match itself."""

    lang: str
    group: str
    match: re.Match[str]

    @property
    def text(self) -> str:
        """The matched text."""
        return self.match.group(0)


class Example(NamedTuple):
    """One example sentence of a phrase file."""

    lang: str
    sentence: str
    should_match: bool
    group: str | None = None  #: None: any group of the language


class PhraseSet:
    """The compiled phrases of one file: per language, per group.

    Build it with :func:`load` (cached per file). ``find``/``finditer`` take
    an optional ``lang`` (one code or several; None: every language, so a
    wrong language guess never hides a phrase) and an optional ``group``
    (one name or several; None: every group).
    """

    def __init__(
        self,
        name: str,
        doc: str,
        groups: dict[str, dict[str, tuple[str, ...]]],
        examples: tuple[Example, ...] = (),
        gap: int = DEFAULT_GAP,
        source: str = "",
    ) -> None:
        self.name = name
        self.doc = doc
        self.gap = gap
        self.source = source
        #: lang -> group -> phrases, as written in the file.
        self.phrases = {lang: dict(by_group) for lang, by_group in groups.items()}
        #: (lang, group) -> pattern, compiled on first use: most users of a
        #: file read only its phrases (the notice signals compile their own)
        self._compiled: dict[tuple[str, str], re.Pattern[str]] = {}
        self._examples = examples

    def __repr__(self) -> str:
        return f"PhraseSet({self.name!r}, languages={self.languages})"

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes the file has tables for."""
        return tuple(self.phrases)

    def groups(self, lang: str | None = None) -> tuple[str, ...]:
        """The group names (of one language, or of any)."""
        names: dict[str, None] = {}
        for code, by_group in self.phrases.items():
            if lang is None or code == lang:
                names.update(dict.fromkeys(by_group))
        return tuple(names)

    def pattern(self, lang: str, group: str) -> re.Pattern[str]:
        """The compiled pattern of one language's group (never-matching when
        the file has no such group)."""
        compiled = self._compiled.get((lang, group))
        if compiled is None:
            phrases = self.phrases.get(lang, {}).get(group)
            if phrases is None:
                return _NEVER
            try:
                compiled = compile_phrases(phrases, self.gap)
            except re.error as exc:  # beyond what the load's parse checks (a look-behind)
                raise _fail(self.source or self.name, f"{lang}.{group}", str(exc)) from None
            self._compiled[(lang, group)] = compiled
        return compiled

    def _selected(
        self, lang: str | Iterable[str] | None, group: str | Iterable[str] | None
    ) -> list[tuple[str, str, re.Pattern[str]]]:
        langs = {lang} if isinstance(lang, str) else (set(lang) if lang is not None else None)
        names = {group} if isinstance(group, str) else (set(group) if group is not None else None)
        return [
            (code, name, self.pattern(code, name))
            for code, by_group in self.phrases.items()
            if langs is None or code in langs
            for name in by_group
            if names is None or name in names
        ]

    def hits(
        self,
        text: str,
        lang: str | Iterable[str] | None = None,
        group: str | Iterable[str] | None = None,
    ) -> Iterator[Hit]:
        """Every match in ``text``, in text order (overlapping matches of
        different languages or groups are all reported)."""
        found = [
            Hit(code, name, match)
            for code, name, pattern in self._selected(lang, group)
            for match in pattern.finditer(text)
        ]
        found.sort(key=lambda hit: (hit.match.start(), -hit.match.end()))
        return iter(found)

    def locate(
        self,
        text: str,
        lang: str | Iterable[str] | None = None,
        group: str | Iterable[str] | None = None,
    ) -> Hit | None:
        """The first hit in ``text`` (earliest start), or None."""
        best: Hit | None = None
        for code, name, pattern in self._selected(lang, group):
            match = pattern.search(text)
            if match and (best is None or match.start() < best.match.start()):
                best = Hit(code, name, match)
        return best

    def find(
        self,
        text: str,
        lang: str | Iterable[str] | None = None,
        group: str | Iterable[str] | None = None,
    ) -> re.Match[str] | None:
        """The first match in ``text``, or None."""
        hit = self.locate(text, lang, group)
        return hit.match if hit else None

    def finditer(
        self,
        text: str,
        lang: str | Iterable[str] | None = None,
        group: str | Iterable[str] | None = None,
    ) -> Iterator[re.Match[str]]:
        """Every match in ``text``, in text order."""
        return (hit.match for hit in self.hits(text, lang, group))

    def examples(self) -> Iterator[Example]:
        """The file's example sentences: ``(lang, sentence, should_match,
        group)``, group None when the example is for any group."""
        return iter(self._examples)

    def check_examples(self, lang: str | None = None) -> list[str]:
        """One line per example (of ``lang``, or of every language) that does
        not behave as written; empty when all do."""
        problems = []
        for ex in self._examples:
            if lang is not None and ex.lang != lang:
                continue
            found = self.find(ex.sentence, lang=ex.lang, group=ex.group)
            if bool(found) != ex.should_match:
                where = f"{ex.lang}.{'match' if ex.should_match else 'no_match'}"
                if ex.group:
                    where += f".{ex.group}"
                what = f"matched {found.group(0)!r}" if found else "not found"
                problems.append(f"{self.source or self.name}: {where}: {ex.sentence!r}: {what}")
        return problems


def _fail(source: str, key: str, problem: str) -> PhraseFileError:
    return PhraseFileError(f"{source}: {key}: {problem}" if key else f"{source}: {problem}")


def _strings(source: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, key, "expected a list of strings")
    return tuple(value)


def parse(data: dict[str, object], source: str, name: str = "") -> PhraseSet:
    """A :class:`PhraseSet` from already-parsed TOML ``data`` (``source``
    names it in errors)."""
    doc = data.get("doc")
    if not isinstance(doc, str) or not doc.strip():
        raise _fail(source, "doc", "required: one line saying what the phrases mean")
    gap = data.get("gap", DEFAULT_GAP)
    if not isinstance(gap, int) or isinstance(gap, bool) or not 0 < gap <= 400:
        raise _fail(source, "gap", "expected an integer between 1 and 400")
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    examples: list[Example] = []
    for lang, table in data.items():
        if lang in META_KEYS:
            continue
        if not _LANGUAGE_CODE.match(lang) or not isinstance(table, dict):
            raise _fail(source, lang, "expected a language table such as [en] (two letters)")
        groups[lang] = _phrase_groups(source, lang, table, gap)
        examples.extend(_examples(source, lang, table, groups[lang]))
    return PhraseSet(name or source, doc.strip(), groups, tuple(examples), gap, source)


def _phrase_groups(
    source: str, lang: str, table: dict[str, object], gap: int
) -> dict[str, tuple[str, ...]]:
    """The phrase groups of one language table; a phrase that does not
    compile is refused with its place in the file (``en.decision[2]``)."""
    by_group: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        if key in EXAMPLE_KEYS:
            continue
        if not _GROUP_NAME.match(key):
            raise _fail(source, f"{lang}.{key}", "a group name is lower-case letters, - or _")
        phrases = _strings(source, f"{lang}.{key}", value)
        for index, text in enumerate(phrases):
            try:
                # Parsed, not compiled: half the cost, the same syntax errors;
                # the group compiles on first use (PhraseSet.pattern).
                sre_parse.parse(phrase(text, gap), re.IGNORECASE | re.MULTILINE)
            except re.error as exc:
                raise _fail(
                    source, f"{lang}.{key}[{index}]", f"bad phrase {text!r}: {exc}"
                ) from None
        by_group[key] = phrases
    return by_group


def _examples(
    source: str, lang: str, table: dict[str, object], by_group: dict[str, tuple[str, ...]]
) -> list[Example]:
    """The ``match`` / ``no_match`` sentences of one language table: a list
    (for any group) or a table by group (each group must exist)."""
    examples = []
    for key in EXAMPLE_KEYS:
        value = table.get(key)
        if value is None:
            continue
        should = key == "match"
        if isinstance(value, dict):
            for group, sentences in value.items():
                if group not in by_group:
                    raise _fail(source, f"{lang}.{key}.{group}", "no such phrase group")
                for s in _strings(source, f"{lang}.{key}.{group}", sentences):
                    examples.append(Example(lang, s, should, group))
        else:
            for s in _strings(source, f"{lang}.{key}", value):
                examples.append(Example(lang, s, should))
    return examples


@cache
def _load(resolved: str) -> PhraseSet:
    path = Path(resolved)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PhraseFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PhraseFileError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise PhraseFileError(f"{path}: not valid TOML: {exc}") from None
    return parse(data, str(path), path.stem)


def load(path: str | Path) -> PhraseSet:
    """The phrase set of one file, compiled once (cached per file)."""
    return _load(str(Path(path).resolve()))


def load_dir(directory: str | Path) -> dict[str, PhraseSet]:
    """Every ``*.toml`` of one ``phrases/`` directory, by file stem."""
    return {path.stem: load(path) for path in sorted(Path(directory).glob("*.toml"))}


def discover(root: str | Path) -> list[Path]:
    """Every phrase file below ``root``: ``**/phrases/*.toml``, sorted."""
    return sorted(Path(root).glob("**/phrases/*.toml"))
