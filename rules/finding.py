"""A finding: one rule breached by one message, as reports and the store see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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
