"""What an audit hands the store, without the store's database code: the
audit's worker processes import this module, not SQLAlchemy (25 MB of
memory per worker)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rules.finding import Finding


@dataclass(slots=True)
class MessageRecord:
    """What one audited message leaves in the store."""

    account: str
    content_hash: str
    message_id: str | None
    source: str
    key: str
    kind: str
    date: datetime | None
    subject: str
    from_addr: str
    to_addr: str
    marketplace: str | None
    language: str | None
    campaign: str | None
    order_ids: list[str]
    review_request: bool = False
    folder: str | None = None
    findings: list[Finding] = field(default_factory=list)
    notice: dict[str, Any] | None = None
    raw: bytes | None = None


def finding_fingerprint(finding: Finding) -> str:
    text = f"{finding.rule}|{finding.location}|{finding.evidence}"
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()
