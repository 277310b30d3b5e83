"""Which kind of notice a mail is: one small, documented unit per kind.

A kind is decided by what the notice says *happened to this seller*: its
**decision** sentences (:mod:`auditor.notices.decision`: never a quoted
earlier mail, an instruction or FAQ section, "you can ask the rights owner
to send a retraction…", or a conditional), its subject, and its sender.

Each :class:`KindRule` names its **core** signals (at least one must be
found in a decision sentence or the subject), its **support** signals
(subject wording, headings, ID labels, the sender, structure — these may
be found anywhere) and its **veto** signals (a decision that rules the kind
out, e.g. "remains suspended" for a full reinstatement). A kind is found
when a core signal matched, no veto did, and the weights of the distinct
signals that matched reach its threshold, which every rule sets above a core
signal's own weight: no kind rests on one sentence. The kind with the
highest score wins; on a tie the earlier rule in :data:`RULES` does, and
rules that bring bad news come before those that bring good news (a
complaint read as a retraction is the worst error for a seller). A
good-news decision next to a negation ("we cannot reinstate…") does not
count.

The phrases are data: ``phrases/<kind>.toml`` holds each kind's
documentation and, per language (en de fr es it ja), its ``decision``
phrases, its ``subject`` phrases and its own support phrases, with example
sentences that run as tests (``tests/test_phrase_files.py``). Facts and
known wording: ``docs/policy/notices.md``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.notices.decision import phrase_file
from auditor.notices.groups import FUTURE_KINDS, GOOD_NEWS_KINDS, NoticeKind
from auditor.notices.negation import negated
from auditor.notices.signals import (
    ACCOUNT_HEALTH,
    AMAZON_SENDER,
    APPEAL_WORD,
    ASIN_PRESENT,
    COMPLAINT_ID_LABEL,
    DEADLINE,
    ORDER_ID_PRESENT,
    PLAN_OF_ACTION,
    QUOTED_ORIGINAL,
    RELAY_SENDER,
    REVIEWED,
    RIGHTS_OWNER,
    SUBJECT_NOT_DELIVERED,
    Doc,
    Signal,
    weighted,
)
from auditor.notices.text import compile_languages, field_row, sentence_at

CORE = 3
K = NoticeKind


@dataclass(frozen=True)
class KindRule:
    """How one kind of notice is recognised (see the module docstring)."""

    kind: NoticeKind
    doc: str
    core: tuple[Signal, ...]
    support: tuple[Signal, ...] = ()
    veto: tuple[Signal, ...] = ()
    threshold: int = CORE + 1

    def __post_init__(self) -> None:
        if not self.doc.strip():
            raise ValueError(f"{self.kind}: a kind rule needs its documentation")
        if self.threshold <= max(s.weight for s in self.core):
            raise ValueError(f"{self.kind}: one core signal alone must not reach the threshold")

    def match(self, doc: Doc) -> KindMatch | None:
        """The score of ``doc`` for this kind, or None when the kind does not apply."""
        cores = [(s, s.find(doc)) for s in self.core]
        cores = [(s, hit) for s, hit in cores if hit]
        if not cores:
            return None
        if any(v.find(doc) for v in self.veto):
            return None
        names = [s.name for s, _ in cores]
        # a decision only the subject states weighs less than one the body states
        score = sum(s.weight - (hit[0] == "subject" and s.where != "text") for s, hit in cores)
        for signal in self.support:
            if signal.name not in names and signal.find(doc):
                names.append(signal.name)
                score += signal.weight
        if score < self.threshold:
            return None
        where, match = cores[0][1]
        if match is None:
            evidence = ""
        elif where == "subject":
            evidence = doc.subject
        elif where == "decision":
            text = match.string
            evidence = sentence_at(text, match.start())
        else:
            evidence = sentence_at(doc.body, match.start())
        in_body = any(hit[0] != "subject" for _, hit in cores)
        return KindMatch(self.kind, score, tuple(names), evidence, in_body)


@dataclass(frozen=True, slots=True)
class KindMatch:
    """A kind that applies, its score, the signals that matched, and the
    sentence that decided it."""

    kind: NoticeKind
    score: int
    signals: tuple[str, ...]
    evidence: str
    #: a core signal was found in the body, not only in the subject
    in_body: bool = True


def _phrases(kind: NoticeKind, group: str) -> dict[str, tuple[str, ...]]:
    found = phrase_file(kind.value)
    return {lang: by[group] for lang, by in found.phrases.items() if group in by}


def _decision(kind: NoticeKind, name: str) -> Signal:
    """The kind's decision phrases (``decision`` in its phrase file)."""
    where = "decision+" if kind in FUTURE_KINDS else "decision"
    return Signal(
        name, where, _phrases(kind, "decision"), weight=CORE, negatable=kind in GOOD_NEWS_KINDS
    )


def _group(kind: NoticeKind, group: str, name: str, where: str = "body", weight: int = 1) -> Signal:
    """One support group of a kind's phrase file."""
    return Signal(name, where, _phrases(kind, group), weight=weight)


def _subject(kind: NoticeKind, name: str) -> Signal:
    return _group(kind, "subject", name, "subject", 2)


def _sender(kind: NoticeKind, name: str) -> Signal:
    return _group(kind, "sender", name, "sender", 1)


def _rule(kind: NoticeKind, core: tuple[Signal, ...], **more: object) -> KindRule:
    return KindRule(kind, phrase_file(kind.value).doc, core, **more)  # type: ignore[arg-type]


# --- messaging restriction --------------------------------------------------------------
RESTRICTED = _decision(K.MESSAGING_RESTRICTION, "restricted-proactive")
SUBJECT_RESTRICTION = _subject(K.MESSAGING_RESTRICTION, "subject-restriction")
_RESTRICTION_SUPPORT = (
    SUBJECT_RESTRICTION,
    _group(
        K.MESSAGING_RESTRICTION, "recent-messages-not-delivered", "recent-messages-not-delivered"
    ),
    _group(K.MESSAGING_RESTRICTION, "prohibited-actions", "prohibited-actions"),
    _group(K.MESSAGING_RESTRICTION, "restriction-headings", "restriction-headings"),
    _group(K.MESSAGING_RESTRICTION, "selling-unaffected", "selling-unaffected"),
    AMAZON_SENDER,
)
MESSAGING_RESTRICTION = _rule(K.MESSAGING_RESTRICTION, (RESTRICTED,), support=_RESTRICTION_SUPPORT)

TEMPLATES_ONLY = _decision(K.TEMPLATES_ONLY_RESTRICTION, "templates-only")
#: Free-form messages switched off: the templates-only sanction said the other way round.
FREE_FORM_OFF = _group(K.TEMPLATES_ONLY_RESTRICTION, "free-form", "free-form-off", "decision", 2)
TEMPLATES_ONLY_RESTRICTION = _rule(
    K.TEMPLATES_ONLY_RESTRICTION,
    (TEMPLATES_ONLY,),
    support=(weighted(RESTRICTED, 2), FREE_FORM_OFF, *_RESTRICTION_SUPPORT),
    threshold=6,
)

# --- per-message notes ------------------------------------------------------------------
BLOCKED = _decision(K.MESSAGE_BLOCKED, "not-sent-guidelines")
MESSAGE_BLOCKED = _rule(
    K.MESSAGE_BLOCKED,
    (BLOCKED,),
    support=(
        SUBJECT_NOT_DELIVERED,
        ORDER_ID_PRESENT,
        _group(K.MESSAGE_BLOCKED, "communication-guidelines", "communication-guidelines"),
        QUOTED_ORIGINAL,
        AMAZON_SENDER,
    ),
)
UNDELIVERED = _decision(K.MESSAGE_UNDELIVERED, "not-delivered-restricted")
_NOT_DELIVERED = _group(K.MESSAGE_UNDELIVERED, "not-delivered", "not-delivered", "decision")
_TECHNICAL = _group(K.MESSAGE_UNDELIVERED, "technical-failure", "technical-failure", "decision")


def _failed_for_a_technical_reason(doc: Doc) -> re.Match[str] | None:
    """A "not delivered" sentence, when a technical cause is given too (the
    recipient's server, an attachment …): the sentence it was found in."""
    found = _NOT_DELIVERED.find(doc)
    return found[1] if found and _TECHNICAL.find(doc) else None


#: One message not delivered because of a technical failure, not a restriction
#: (its phrases are the "not-delivered" ones; the test adds the cause).
UNDELIVERED_TECHNICAL = Signal(
    "not-delivered-technical",
    "decision",
    _phrases(K.MESSAGE_UNDELIVERED, "not-delivered"),
    weight=CORE,
    test=_failed_for_a_technical_reason,
)
MESSAGE_UNDELIVERED = _rule(
    K.MESSAGE_UNDELIVERED,
    (UNDELIVERED, UNDELIVERED_TECHNICAL),
    support=(
        SUBJECT_NOT_DELIVERED,
        ORDER_ID_PRESENT,
        _group(K.MESSAGE_UNDELIVERED, "error-notification", "error-notification"),
        QUOTED_ORIGINAL,
        AMAZON_SENDER,
    ),
)
OPT_OUT = _decision(K.BUYER_OPT_OUT, "buyer-opted-out")
BUYER_OPT_OUT = _rule(
    K.BUYER_OPT_OUT,
    (OPT_OUT,),
    support=(
        _subject(K.BUYER_OPT_OUT, "subject-opt-out"),
        weighted(SUBJECT_NOT_DELIVERED, 1),
        ORDER_ID_PRESENT,
        _group(K.BUYER_OPT_OUT, "seller-support-signature", "seller-support-signature"),
        AMAZON_SENDER,
    ),
)

# --- intellectual property --------------------------------------------------------------
IP_REPORT = _decision(K.IP_COMPLAINT, "rights-owner-report")
LISTINGS_REMOVED = _group(K.IP_COMPLAINT, "listings-removed", "listings-removed")
RETRACTED = _decision(K.IP_RETRACTION, "complaint-retracted")


def _retracted(sentence: str, lang: str | None) -> bool:
    """Whether ``sentence`` says the complaint was retracted (not "has not
    been retracted")."""
    return any(not negated(sentence, m, lang) for m in RETRACTED.pattern.finditer(sentence))


#: A sentence that recalls the complaint a retraction is about ("Thank you
#: for contacting us regarding notice 123", "we had removed your offer after
#: a complaint"): it names the complaint, and says nothing of it standing.
RECAP = compile_languages(_phrases(K.IP_RETRACTION, "recap"))


def _reports(doc: Doc) -> list[bool | None]:
    """For each decision sentence that reports a complaint: whether it also
    says the complaint was retracted (None: it only recalls the complaint).
    A "label: value" row ("Type of infringement: Trademark") names the
    complaint; it reports nothing."""
    return [
        None if RECAP.search(sentence) else _retracted(sentence, doc.lang)
        for sentence in doc.reading.decision.splitlines()
        if IP_REPORT.pattern.search(sentence) and not field_row(sentence)
    ]


def _stands(doc: Doc) -> bool:
    return any(report is False for report in _reports(doc))


def _withdrawn(doc: Doc) -> bool:
    """No complaint stands, and a decision sentence says one was retracted."""
    return not _stands(doc) and any(
        _retracted(sentence, doc.lang) for sentence in doc.reading.decision.splitlines()
    )


#: A decision sentence reports a complaint without retracting it: the
#: notice is a complaint, whatever else it says of retractions.
COMPLAINT_STANDS = Signal("complaint-stands", "decision", test=_stands)
#: No sentence reports a complaint that stands, and one says it was
#: retracted (sentences that only recall the complaint do not count).
COMPLAINT_RETRACTED = Signal("complaint-retracted-only", "decision", test=_withdrawn)
IP_COMPLAINT = _rule(
    K.IP_COMPLAINT,
    (IP_REPORT,),
    support=(
        _subject(K.IP_COMPLAINT, "subject-ip"),
        _group(K.IP_COMPLAINT, "infringement-type", "infringement-type", weight=2),
        COMPLAINT_ID_LABEL,
        _group(K.IP_COMPLAINT, "ip-headings", "ip-headings"),
        LISTINGS_REMOVED,
        _group(K.IP_COMPLAINT, "rights-owner-contact", "rights-owner-contact"),
        ASIN_PRESENT,
        AMAZON_SENDER,
    ),
    veto=(COMPLAINT_RETRACTED,),
)
IP_RETRACTION = _rule(
    K.IP_RETRACTION,
    (RETRACTED,),
    support=(
        _subject(K.IP_RETRACTION, "subject-retraction"),
        ASIN_PRESENT,
        COMPLAINT_ID_LABEL,
        RIGHTS_OWNER,
        _sender(K.IP_RETRACTION, "retraction-sender"),
        AMAZON_SENDER,
    ),
    veto=(COMPLAINT_STANDS,),
)

# --- appeals ----------------------------------------------------------------------------
APPEAL_DECIDED = _decision(K.APPEAL_DECISION, "appeal-decided")
PARTIAL = _group(
    K.APPEAL_DECISION, "account-remains-suspended", "account-remains-suspended", where="decision"
)
APPEAL_DECISION = _rule(
    K.APPEAL_DECISION,
    (APPEAL_DECIDED,),
    support=(
        _subject(K.APPEAL_DECISION, "subject-decision"),
        PARTIAL,
        #: "we have reviewed your appeal / the documents you sent" (in the past)
        _group(K.APPEAL_DECISION, "appeal-reviewed", "appeal-reviewed", "decision", 2),
        APPEAL_WORD,
        _sender(K.APPEAL_DECISION, "appeals-sender"),
        AMAZON_SENDER,
    ),
)
APPEAL_GOT = _decision(K.APPEAL_RECEIVED, "appeal-received")
APPEAL_RECEIVED = _rule(
    K.APPEAL_RECEIVED,
    (APPEAL_GOT,),
    support=(
        _subject(K.APPEAL_RECEIVED, "subject-appeal"),
        _group(K.APPEAL_RECEIVED, "not-enough-information", "not-enough-information"),
        _sender(K.APPEAL_DECISION, "appeals-sender"),
        AMAZON_SENDER,
        DEADLINE,
    ),
    veto=(APPEAL_DECIDED,),
)

# --- clearance and reinstatement --------------------------------------------------------
CLEARED = _decision(K.VIOLATION_CLEARED, "violation-cleared")
VIOLATION_CLEARED = _rule(
    K.VIOLATION_CLEARED,
    (CLEARED,),
    support=(
        _subject(K.VIOLATION_CLEARED, "subject-cleared"),
        ASIN_PRESENT,
        _group(K.VIOLATION_CLEARED, "case-id", "case-id", where="text"),
        ACCOUNT_HEALTH,
        REVIEWED,
        AMAZON_SENDER,
    ),
)
SUBJECT_REINSTATED = _subject(K.LISTING_REINSTATED, "subject-reinstated")
LISTING_BACK = _decision(K.LISTING_REINSTATED, "listing-reinstated")
LISTING_REINSTATED = _rule(
    K.LISTING_REINSTATED,
    (LISTING_BACK,),
    support=(SUBJECT_REINSTATED, ASIN_PRESENT, REVIEWED, AMAZON_SENDER),
    veto=(PARTIAL,),
)
ACCOUNT_BACK = _decision(K.ACCOUNT_REINSTATED, "account-reinstated")
ACCOUNT_REINSTATED = _rule(
    K.ACCOUNT_REINSTATED,
    (ACCOUNT_BACK,),
    support=(SUBJECT_REINSTATED, APPEAL_WORD, PLAN_OF_ACTION, AMAZON_SENDER),
    veto=(PARTIAL,),
)

# --- account level ----------------------------------------------------------------------
AT_RISK = _decision(K.ACCOUNT_AT_RISK, "at-risk-of-deactivation")
PERFORMANCE_SENDER = _sender(K.ACCOUNT_AT_RISK, "performance-sender")
ACCOUNT_AT_RISK = _rule(
    K.ACCOUNT_AT_RISK,
    (AT_RISK,),
    support=(
        _subject(K.ACCOUNT_AT_RISK, "subject-at-risk"),
        DEADLINE,
        ACCOUNT_HEALTH,
        PLAN_OF_ACTION,
        PERFORMANCE_SENDER,
        AMAZON_SENDER,
    ),
)
DEACTIVATED = _decision(K.ACCOUNT_DEACTIVATED, "account-deactivated")
ACCOUNT_DEACTIVATED = _rule(
    K.ACCOUNT_DEACTIVATED,
    (DEACTIVATED,),
    support=(
        _subject(K.ACCOUNT_DEACTIVATED, "subject-deactivated"),
        _group(K.ACCOUNT_DEACTIVATED, "deactivation-headings", "deactivation-headings"),
        LISTINGS_REMOVED,
        _group(K.ACCOUNT_DEACTIVATED, "funds-on-hold", "funds-on-hold"),
        PLAN_OF_ACTION,
        PERFORMANCE_SENDER,
        AMAZON_SENDER,
    ),
    veto=(ACCOUNT_BACK,),
)
WARNING = _decision(K.POLICY_WARNING, "policy-warning")
POLICY_WARNING = _rule(
    K.POLICY_WARNING,
    (WARNING,),
    support=(
        _subject(K.POLICY_WARNING, "subject-warning"),
        _group(K.POLICY_WARNING, "no-action-required", "no-action-required"),
        ASIN_PRESENT,
        PERFORMANCE_SENDER,
        AMAZON_SENDER,
    ),
)

# --- buyers -----------------------------------------------------------------------------
#: A buyer's own words (quoted text removed by the caller) decide: "text".
COMPLAINT_WORDS = Signal(
    "buyer-complaint-words", "text", _phrases(K.BUYER_COMPLAINT, "decision"), weight=CORE
)
#: Amazon tells the seller that one buyer reported or complained about a
#: message (a decision sentence of Amazon's own mail).
BUYER_REPORTED = _group(K.BUYER_COMPLAINT, "reported", "buyer-reported-message", "decision", CORE)
BUYER_COMPLAINT = _rule(
    K.BUYER_COMPLAINT,
    (COMPLAINT_WORDS, BUYER_REPORTED),
    support=(
        RELAY_SENDER,
        _group(K.BUYER_COMPLAINT, "subject", "reply-subject", "subject"),
        _group(K.BUYER_COMPLAINT, "subject-reported", "subject-reported", "subject", 2),
        ORDER_ID_PRESENT,
        AMAZON_SENDER,
    ),
    threshold=CORE + RELAY_SENDER.weight,
)
#: The same kind in Amazon's mail: only Amazon's report of a complaint
#: decides (a notice's own words, "spam", "unsubscribe", are no buyer's).
BUYER_COMPLAINT_FROM_AMAZON = dataclasses.replace(BUYER_COMPLAINT, core=(BUYER_REPORTED,))

#: Every rule, in tie-break order (the earlier wins a tie): bad news first.
RULES: tuple[KindRule, ...] = (
    BUYER_COMPLAINT,
    MESSAGE_UNDELIVERED,
    MESSAGE_BLOCKED,
    BUYER_OPT_OUT,
    TEMPLATES_ONLY_RESTRICTION,
    MESSAGING_RESTRICTION,
    IP_COMPLAINT,
    APPEAL_DECISION,
    ACCOUNT_DEACTIVATED,
    ACCOUNT_AT_RISK,
    POLICY_WARNING,
    IP_RETRACTION,
    VIOLATION_CLEARED,
    LISTING_REINSTATED,
    ACCOUNT_REINSTATED,
    APPEAL_RECEIVED,
)


def classify(doc: Doc, rules: Sequence[KindRule] = RULES) -> KindMatch | None:
    """The best-scoring kind for ``doc``, or None when no rule applies."""
    best: KindMatch | None = None
    for rule in rules:
        found = rule.match(doc)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def scores(doc: Doc, rules: Sequence[KindRule] = RULES) -> dict[str, int]:
    """Every applicable kind's score (for debugging and tests)."""
    out = {}
    for rule in rules:
        found = rule.match(doc)
        if found is not None:
            out[found.kind.value] = found.score
    return out
