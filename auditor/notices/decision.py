"""Which sentences of a notice may decide its kind.

A notice's kind is what it says *happened to this seller* ("we removed your
listing because a rights owner reported…", "we cannot reinstate your
account"). Much of a notice is something else, and must never decide:

* a quoted earlier mail (below "-----Original Message-----", "On … wrote:",
  or ``>`` lines): the seller's own message under a bounce, an older notice;
* instruction, how-to-appeal and FAQ sections (everything under a heading
  such as "How do I reactivate my listing?" or "Frequently asked questions",
  up to the next heading; in an FAQ its questions are headings of the FAQ
  itself, so the answers stay ignored);
* instruction sentences anywhere ("you can ask the rights owner to send a
  retraction to notice-retraction@amazon.com") and statements about sellers
  at large ("Sellers with a rating below 200 are at risk…");
* footers ("This email was sent from a notification-only address that
  cannot accept incoming email.", "Please do not reply…");
* conditional sentences ("If the rights owner retracts…", "Wenn Sie…",
  "…場合"): they are kept apart, because they do decide the kinds that are
  about a future (an account at risk, a policy warning).

The phrase lists are data: ``phrases/quoted.toml``, ``instructions.toml``,
``conditional.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from auditor.notices.text import logical_lines, sentences, unbulleted
from auditor.phrases import PhraseSet, load

PHRASES = Path(__file__).parent / "phrases"
_QUOTE_LINE = re.compile(r"^\s*>")
#: A heading: a short line ending in a question mark (or an FAQ/instruction
#: heading from the phrase file, which may end without one).
_MAX_HEADING = 100
#: Decoration around a heading: "【…】", "■ …", "[…]", "== … ==", a final colon.
_DECORATION = re.compile(r"^[\s【\[■□◆◇#=*]+|[\s】\]=*:：]+$")
_BRACKETED = re.compile(r"^\s*【[^】]{1,40}】\s*$")


#: The sentence groups of ``instructions.toml`` that never decide: instructions
#: and statements about sellers at large, and footers.
_NEVER_DECIDE = ("sentence", "footer")


@cache
def phrase_file(name: str) -> PhraseSet:
    """One of the notice phrase files (``phrases/<name>.toml``)."""
    return load(PHRASES / f"{name}.toml")


@dataclass(frozen=True, slots=True)
class Reading:
    """A notice body split by what its sentences may decide. Each field is
    sentences joined by newlines (so one phrase never spans two of them)."""

    decision: str  #: statements of what happened: these decide a kind
    conditional: str  #: conditional statements (decide only future kinds)
    ignored: str  #: quoted mail, instruction sections and sentences


def _langs(lang: str | None, phrase_set: PhraseSet) -> str | None:
    return lang if lang in phrase_set.languages else None


def _cut_quote(lines: list[str]) -> tuple[list[str], list[str]]:
    quoted = phrase_file("quoted")
    for index, line in enumerate(lines):
        if quoted.find(line.strip()):
            return lines[:index], lines[index:]
    return lines, []


def _heading(line: str) -> tuple[bool, bool, bool]:
    """Whether ``line`` is a heading, whether it opens an instruction
    section, and whether that section is an FAQ. Decoration around a
    heading ("【よくある質問】", "■ FAQ", "[Next steps]") does not hide it; a
    bracketed line is a heading whatever it says ("【理由】")."""
    instructions = phrase_file("instructions")
    if len(line) > _MAX_HEADING:
        return False, False, False
    text = _DECORATION.sub("", line)
    faq = instructions.find(text, group="faq") is not None
    instruction = faq or instructions.find(text, group="heading") is not None
    heading = instruction or line.rstrip().endswith(("?", "？")) or bool(_BRACKETED.match(line))
    return heading, instruction, faq


def _sentences(line: str) -> list[str]:
    """The sentences of one logical line; a piece that starts in lower case
    continues the one before ("Harbor Lane Inc. alleging that…")."""
    out: list[str] = []
    for piece in sentences([line]):
        if out and piece[:1].islower():
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def read(body: str, lang: str | None = None, join: bool = True) -> Reading:
    """The :class:`Reading` of a normalised notice ``body``. ``lang`` (the
    notice's language, when known) narrows the instruction and conditional
    phrases to that language; unknown: every language."""
    raw_lines = [line for line in body.splitlines() if not _QUOTE_LINE.match(line)]
    own, quoted = _cut_quote(raw_lines)
    instructions = phrase_file("instructions")
    conditional = phrase_file("conditional")
    decision: list[str] = []
    hypothetical: list[str] = []
    ignored: list[str] = list(logical_lines("\n".join(quoted), join))
    in_instructions = in_faq = False
    for line in logical_lines("\n".join(own), join):
        is_heading, opens_instructions, faq = _heading(line)
        if is_heading:
            # the questions of an FAQ are its own headings: the FAQ goes on
            question = not opens_instructions and not _BRACKETED.match(line)
            in_faq = faq or (in_faq and question)
            in_instructions = opens_instructions or in_faq
            ignored.append(line)
            continue
        if in_instructions:
            ignored.append(line)
            continue
        for sentence in _sentences(line):
            bare = unbulleted(sentence)  # "- If we …" is a condition too
            if instructions.find(bare, _langs(lang, instructions), group=_NEVER_DECIDE):
                ignored.append(sentence)
            elif conditional.find(bare, _langs(lang, conditional)):
                hypothetical.append(sentence)
            else:
                decision.append(sentence)
    return Reading("\n".join(decision), "\n".join(hypothetical), "\n".join(ignored))
