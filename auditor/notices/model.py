"""The typed result of notice detection: :class:`Notice`.

``Notice.to_dict()`` is exactly the ``Notice`` object of CONTRACT.md (the
``notices`` and ``audit`` JSON). Everything else on the dataclass is for
auditor's own use (timeline, evidence, linking, the report) and is only
serialised by ``to_dict(full=True)``.
"""

from __future__ import annotations

import enum
import shlex
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from auditor.notices.groups import LINKABLE_KINDS, RESTRICTION_KINDS, NoticeKind

__all__ = [
    "CONTRACT_KEYS",
    "LINKABLE_KINDS",
    "RESTRICTION_KINDS",
    "Authenticity",
    "Notice",
    "NoticeKind",
]


class Authenticity(enum.StrEnum):
    """How far a notice can be trusted to come from Amazon (CONTRACT.md, "Authenticity")."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    SUSPICIOUS = "suspicious"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


#: The keys of CONTRACT.md's Notice object, in its order.
CONTRACT_KEYS = (
    "kind",
    "message_id",
    "subject",
    "received_at",
    "marketplace",
    "language",
    "authenticity",
    "starts_at",
    "ends_at",
    "permanent",
    "duration_stated",
    "violations",
    "asins",
    "order_ids",
    "complaint_ids",
    "case_ids",
    "forwarded",
    "evidence",
)


@dataclass(slots=True)
class Notice:
    """One Amazon notice (or one buyer complaint about being messaged).

    Contract fields come first. ``received_at`` is the notice's own date: for
    a forwarded notice, the quoted original's date (``forwarded_at`` keeps
    the forward's). ``sender`` is the address the notice came from (the
    quoted original's for a forward; ``forwarded_by`` is the forwarder).
    """

    kind: NoticeKind
    message_id: str
    subject: str
    received_at: datetime | None
    authenticity: Authenticity
    marketplace: str | None = None
    language: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    permanent: bool = False
    duration_stated: bool = False
    violations: list[str] = field(default_factory=list)
    asins: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    forwarded: bool = False
    # --- beyond the contract ---
    source: str = ""
    key: str = ""
    sender: str = ""  #: the notice's From address (the quoted original's for a forward)
    sender_name: str = ""
    forwarded_by: str | None = None  #: the forward's outer From address
    forwarded_at: datetime | None = None  #: the forward's own date
    rights_owner: str | None = None  #: the rights owner's contact block of an IP complaint
    evidence: str = ""  #: the sentence that decided the kind
    signals: list[str] = field(default_factory=list)  #: names of the signals that matched
    period_text: str | None = None  #: the words the period was read from
    duration: timedelta | None = None  #: a stated length ("for 30 days"), when there is one
    authenticity_reasons: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  #: In-Reply-To, References, quoted IDs
    relays: list[str] = field(default_factory=list)  #: buyer relay addresses named in the mail
    linked: list[str] = field(default_factory=list)  #: sent messages this notice concerns
    raw: bytes | None = field(default=None, repr=False, compare=False)  #: never serialised
    store_id: int | None = None  #: the notice's number in the store (``notices confirm N``)
    #: a person's confirmation ({"by", "at", "reason"}) from the store, or None
    confirmation: dict[str, Any] | None = None

    @property
    def phishing(self) -> bool:
        """A suspicious notice is reported as possible phishing and changes no state."""
        return self.authenticity is Authenticity.SUSPICIOUS

    @property
    def needs_confirmation(self) -> bool:
        """A restriction not verified by a trusted server changes no campaign
        state until a person runs ``auditor notices confirm``."""
        return (
            self.kind in RESTRICTION_KINDS
            and self.authenticity is not Authenticity.VERIFIED
            and self.confirmation is None
        )

    @property
    def confirm_command(self) -> str:
        """The command that confirms this notice: by its number in the store,
        else by its Message-ID (shell-quoted, without angle brackets)."""
        if self.store_id is not None:
            return f"auditor notices confirm {self.store_id}"
        return f"auditor notices confirm {shlex.quote(self.message_id.strip('<>'))}"

    def to_dict(self, full: bool = False) -> dict[str, Any]:
        """The contract's Notice object; ``full`` adds auditor's own fields."""
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "message_id": self.message_id,
            "subject": self.subject,
            "received_at": _iso(self.received_at),
            "marketplace": self.marketplace,
            "language": self.language,
            "authenticity": self.authenticity.value,
            "starts_at": _iso(self.starts_at),
            "ends_at": _iso(self.ends_at),
            "permanent": self.permanent,
            "duration_stated": self.duration_stated,
            "violations": list(self.violations),
            "asins": list(self.asins),
            "order_ids": list(self.order_ids),
            "complaint_ids": list(self.complaint_ids),
            "case_ids": list(self.case_ids),
            "forwarded": self.forwarded,
            "evidence": self.evidence or None,
        }
        if full:
            out.update(
                source=self.source,
                key=self.key,
                sender=self.sender,
                sender_name=self.sender_name,
                forwarded_by=self.forwarded_by,
                forwarded_at=_iso(self.forwarded_at),
                rights_owner=self.rights_owner,
                signals=list(self.signals),
                period_text=self.period_text,
                duration_seconds=(
                    int(self.duration.total_seconds()) if self.duration is not None else None
                ),
                authenticity_reasons=list(self.authenticity_reasons),
                references=list(self.references),
                relays=list(self.relays),
                linked=list(self.linked),
                phishing=self.phishing,
                id=self.store_id,
                needs_confirmation=self.needs_confirmation,
                confirm_command=self.confirm_command if self.needs_confirmation else None,
                confirmation=dict(self.confirmation) if self.confirmation else None,
            )
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], raw: bytes | None = None) -> Notice:
        """The notice ``to_dict()`` (or ``to_dict(full=True)``) wrote, e.g.
        from the store; keys it does not know are ignored."""
        seconds = data.get("duration_seconds")
        return cls(
            kind=NoticeKind(data["kind"]),
            message_id=data["message_id"],
            subject=data.get("subject", ""),
            received_at=_when(data.get("received_at")),
            authenticity=Authenticity(data["authenticity"]),
            marketplace=data.get("marketplace"),
            language=data.get("language"),
            starts_at=_when(data.get("starts_at")),
            ends_at=_when(data.get("ends_at")),
            permanent=bool(data.get("permanent", False)),
            duration_stated=bool(data.get("duration_stated", False)),
            violations=list(data.get("violations", ())),
            asins=list(data.get("asins", ())),
            order_ids=list(data.get("order_ids", ())),
            complaint_ids=list(data.get("complaint_ids", ())),
            case_ids=list(data.get("case_ids", ())),
            forwarded=bool(data.get("forwarded", False)),
            source=data.get("source", ""),
            key=data.get("key", ""),
            sender=data.get("sender", ""),
            sender_name=data.get("sender_name", ""),
            forwarded_by=data.get("forwarded_by"),
            forwarded_at=_when(data.get("forwarded_at")),
            rights_owner=data.get("rights_owner"),
            evidence=data.get("evidence") or "",
            signals=list(data.get("signals", ())),
            period_text=data.get("period_text"),
            duration=timedelta(seconds=seconds) if seconds is not None else None,
            authenticity_reasons=list(data.get("authenticity_reasons", ())),
            references=list(data.get("references", ())),
            relays=list(data.get("relays", ())),
            linked=list(data.get("linked", ())),
            raw=raw,
            store_id=data.get("id"),
            confirmation=data.get("confirmation"),
        )
