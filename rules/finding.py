"""A finding: one rule breached by one message, as reports and the store see it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Characters of the message text kept on each side of the evidence, and at
#: most this much of the evidence itself: an excerpt stays under ~600 chars.
CONTEXT_RADIUS = 150
CONTEXT_MARK_LIMIT = 300
_SPACE_RUN = re.compile(r"\s+")


@dataclass(slots=True)
class Finding:
    """Field names and meanings follow ``Finding`` in CONTRACT.md."""

    rule: str
    name: str
    severity: str
    message_id: str
    campaign: str | None
    order_id: str | None
    date: datetime | None
    subject: str
    location: str
    evidence: str
    related: list[str] = field(default_factory=list)
    source: str = ""
    span: tuple[int, int] | None = None
    waived: str | None = None  #: the recorded reason, when a waiver covers it
    new: bool = True  #: not in the store before this audit (set when stored)
    #: A bounded excerpt of the location's text around the evidence (the HTML
    #: report shows it with the evidence highlighted), and the evidence's
    #: (start, end) inside the excerpt. Only findings carry it; the audit keeps
    #: no message bodies. Not part of the contract's JSON.
    context: str | None = None
    context_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape (plus ``source``)."""
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message_id": self.message_id,
            "campaign": self.campaign,
            "order_id": self.order_id,
            "date": self.date.isoformat() if self.date else None,
            "subject": self.subject,
            "location": self.location,
            "evidence": self.evidence,
            "related": list(self.related),
            "source": self.source,
        }


def _squeeze(part: str) -> str:
    """White space runs made one space, or one line break when they hold one."""
    return _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", part)


def excerpt(
    text: str,
    span: tuple[int, int] | None,
    evidence: str | None = None,
    radius: int = CONTEXT_RADIUS,
) -> tuple[str, tuple[int, int]] | None:
    """A bounded excerpt of ``text`` around ``text[span[0]:span[1]]``, and
    that part's (start, end) inside the excerpt; None when the span does not
    fit the text, or (given ``evidence``) when the spanned words are not in
    the evidence: a span into another text must not highlight the wrong words.

    The excerpt starts and ends at a word edge ("…" marks a cut) and has its
    white space squeezed, so it is at most about ``2 * radius`` plus
    :data:`CONTEXT_MARK_LIMIT` characters, whatever the message's size.
    """
    if span is None:
        return None
    start, end = span
    if not 0 <= start < end <= len(text):
        return None
    truncated = end - start > CONTEXT_MARK_LIMIT
    if evidence is not None:
        words = " ".join(text[start : min(end, start + CONTEXT_MARK_LIMIT)].split())
        if not words or words not in evidence:
            return None
    if truncated:
        end = start + CONTEXT_MARK_LIMIT
    left = max(0, start - radius)
    if left > 0:
        gap = _SPACE_RUN.search(text, left, start)
        left = gap.end() if gap else left  # no space: CJK text, cut anywhere
    right = end if truncated else min(len(text), end + radius)
    if right < len(text) and not truncated:
        cuts = [gap.start() for gap in _SPACE_RUN.finditer(text, end, right)]
        right = cuts[-1] if cuts else right
    before = _squeeze(text[left:start]).lstrip()
    marked = _squeeze(text[start:end]) + ("…" if truncated else "")
    after = _squeeze(text[end:right]).rstrip()
    if left > 0:
        before = "…" + before
    if right < len(text) and not truncated:
        after += "…"
    return before + marked + after, (len(before), len(before) + len(marked))
