"""Signals: the evidence a notice kind is recognised by.

A :class:`Signal` is one concept ("the account is restricted from proactive
messaging", "a Complaint ID label", "sent from a seller-performance
address") with its phrases in English, German, French, Spanish, Italian and
Japanese, written in the notation of :mod:`auditor.notices.text`. The
phrases are data: the signals several kinds share are the groups of
``phrases/support.toml``; each kind's own phrases are in
``phrases/<kind>.toml`` (:mod:`auditor.notices.kinds`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

from auditor.message.amazon import is_amazon_domain
from auditor.message.ids import ASIN, ORDER_ID
from auditor.notices.decision import Reading, phrase_file, read
from auditor.notices.negation import negated
from auditor.notices.text import PHRASE_FLAGS, alternatives, compile_languages
from auditor.prefilter import Prefilter, prefilter

LANGUAGES = ("en", "de", "fr", "es", "it", "ja")
#: Where a signal looks: the subject, the body, either, or the sender
#: address; "decision": the subject and the sentences that may decide a kind
#: (:mod:`auditor.notices.decision`); "decision+": those and the conditional
#: sentences (for kinds about a future).
WHERE = ("subject", "body", "text", "sender", "decision", "decision+")


@dataclass(frozen=True, slots=True)
class Doc:
    """What the signals read: the notice's subject and body (normalised,
    logical lines joined by newlines) and its sender address.

    ``reading`` splits the body into the sentences that may decide a kind
    and those that may not (:mod:`auditor.notices.decision`); it is made
    from ``raw_body`` (the normalised body before quote markers were
    removed) when given, else from ``body``."""

    subject: str
    body: str
    sender: str = ""
    relay: bool = False  #: sent from a buyer relay address (a buyer's reply)
    lang: str | None = None  #: the notice's language, when known
    raw_body: str = ""
    reading: Reading = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.reading is None:
            object.__setattr__(self, "reading", read(self.raw_body or self.body, self.lang))


@dataclass(frozen=True)
class Signal:
    """One concept with its multilingual phrases (or a test on the Doc).

    ``weight`` is what the signal adds to a kind's score; :func:`weighted`
    gives the same concept another weight for another kind.
    """

    name: str
    where: str
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    weight: int = 1
    test: Callable[[Doc], re.Match[str] | bool | None] | None = None
    #: a "decision" signal that a negation in its clause cancels (good news;
    #: :mod:`auditor.notices.negation`)
    negatable: bool = False

    def __post_init__(self) -> None:
        if self.where not in WHERE:
            raise ValueError(f"signal {self.name}: where must be one of {WHERE}")
        if self.test is None and not self.phrases:
            raise ValueError(f"signal {self.name}: needs phrases or a test")

    # Compiled on first use, once per set of phrases (a weighted() copy
    # shares its original's): a process that never reads a notice (a
    # template check, the mail gate, an audit worker given only sent mail)
    # does not pay for them.
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The phrases of every language as one pattern."""
        return _pattern(_key(self.phrases))

    @cached_property
    def quick(self) -> Prefilter | None:
        """Finds something wherever :attr:`pattern` matches; None: no quick
        test (:mod:`auditor.prefilter`)."""
        return _quick(_key(self.phrases))

    def _finditer(self, text: str) -> Iterator[re.Match[str]]:
        """:attr:`pattern`'s matches in ``text``, through the prefilter
        when there is one (the same matches, found faster)."""
        return self.pattern.finditer(text) if self.quick is None else self.quick.finditer(text)

    def _search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.quick is None else self.quick.search(text)

    def find(self, doc: Doc) -> tuple[str, re.Match[str] | None] | None:
        """Where the signal matched (``"subject"``/``"body"``/…) and the match,
        or None."""
        if self.test is not None:
            result = self.test(doc)
            if not result:
                return None
            return self.where, result if isinstance(result, re.Match) else None
        if self.where in ("decision", "decision+"):
            return self._decide(doc)
        if self.where in ("body", "text"):
            match = self._search(doc.body)
            if match:
                return "body", match
        if self.where in ("subject", "text"):
            match = self._search(doc.subject)
            if match:
                return "subject", match
        if self.where == "sender":
            match = self.pattern.search(doc.sender)
            if match:
                return "sender", match
        return None

    def _decide(self, doc: Doc) -> tuple[str, re.Match[str] | None] | None:
        texts = [doc.reading.decision]
        if self.where == "decision+":
            texts.append(doc.reading.conditional)
        for text in texts:
            for match in self._finditer(text):
                if not (self.negatable and negated(text, match, doc.lang)):
                    return "decision", match
        match = self._search(doc.subject)
        if match and not (self.negatable and negated(doc.subject, match, doc.lang)):
            return "subject", match
        return None


_Key = tuple[tuple[str, tuple[str, ...]], ...]


def _key(phrases: Mapping[str, tuple[str, ...]]) -> _Key:
    return tuple((lang, tuple(found)) for lang, found in phrases.items())


@cache
def _pattern(key: _Key) -> re.Pattern[str]:
    return compile_languages(dict(key))


@cache
def _quick(key: _Key) -> Prefilter | None:
    return prefilter(alternatives([p for _, found in key for p in found]), PHRASE_FLAGS)


def weighted(signal: Signal, weight: int) -> Signal:
    """``signal`` with another weight (the same concept matters more or less
    for another kind)."""
    return dataclasses.replace(signal, weight=weight)


def _amazon_sender(doc: Doc) -> bool:
    local, _, domain = doc.sender.rpartition("@")
    return bool(local) and is_amazon_domain(domain) and bool(_NOTICE_LOCALS.match(local))


_NOTICE_LOCALS = re.compile(
    r"^(?:seller-(?:notification|performance\S*)|no-?reply\S*|donotreply|no-replies\S*|"
    r"notice(?:-\S+)?|cb-seller-notification|atoz-guarantee-no-reply|seller-?support\S*|"
    r"appeals?\S*)$",
    re.IGNORECASE,
)

#: Sent from an address Amazon sends notices from (policy/notices.md, "Senders").
AMAZON_SENDER = Signal("amazon-notice-sender", "sender", test=_amazon_sender)
#: An order ID in the subject or body.
ORDER_ID_PRESENT = Signal(
    "order-id", "text", test=lambda d: ORDER_ID.search(d.body) or ORDER_ID.search(d.subject)
)
#: An ASIN in the subject or body (upper-case, as Amazon writes them).
ASIN_PRESENT = Signal(
    "asin",
    "text",
    test=lambda d: ASIN.search(d.body.upper()) is not None or ASIN.search(d.subject.upper()),
)
#: Sent from a buyer relay address (@marketplace.amazon.*).
RELAY_SENDER = Signal("buyer-relay", "sender", weight=2, test=lambda d: d.relay)


def _shared(name: str, where: str, weight: int = 1) -> Signal:
    """A support signal from ``phrases/support.toml`` (one group per concept)."""
    found = phrase_file("support")
    phrases = {lang: by[name] for lang, by in found.phrases.items() if name in by}
    return Signal(name, where, phrases, weight=weight)


#: Amazon quotes the seller's message below a bounce.
QUOTED_ORIGINAL = _shared("quoted-original", "body")
#: The subject says a message was not delivered / not sent / blocked.
SUBJECT_NOT_DELIVERED = _shared("subject-not-delivered", "subject", weight=2)
#: The account-health dashboard is named.
ACCOUNT_HEALTH = _shared("account-health", "text")
#: A plan of action is asked for or named.
PLAN_OF_ACTION = _shared("plan-of-action", "body")
#: Amazon says it reviewed something.
REVIEWED = _shared("reviewed", "body")
#: The word "appeal" (or a localised form).
APPEAL_WORD = _shared("appeal", "text")
#: Rights owners are named.
RIGHTS_OWNER = _shared("rights-owner", "body")
#: A Complaint ID label with its number.
COMPLAINT_ID_LABEL = _shared("complaint-id", "body")
#: A deadline in hours or days ("within 72 hours").
DEADLINE = _shared("deadline", "body")
