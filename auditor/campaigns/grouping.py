"""Group sent messages into campaigns.

First the matchers in config (``[[campaigns]]`` with ``subject``, ``header``
or ``sender`` patterns), in order; a message no matcher claims goes to an
auto-discovered campaign named after its template: the subject with order
IDs, ASINs, numbers, dates and the buyer's name masked, plus a short digest
of the masked body, so two templates that share a subject stay apart.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from auditor.errors import ConfigError
from auditor.message.model import Message
from auditor.message.template import template_key

_SLUG = re.compile(r"[^\w#]+", re.UNICODE)


def template_name(msg: Message) -> str:
    """The auto-discovered campaign name: ``auto:how-was-your-order-#-3f9a1c``."""
    if not (msg.masked_subject or msg.masked_body):
        template_key(msg)  # sets the masked subject and body
    subject = msg.masked_subject.lower().strip()
    slug = _SLUG.sub("-", subject).strip("-")[:48].strip("-") or "no-subject"
    body = " ".join(msg.masked_body[:400].split())
    digest = hashlib.blake2b(body.encode("utf-8", "replace"), digest_size=3).hexdigest()
    return f"auto:{slug}-{digest}"


@dataclass(frozen=True, slots=True)
class Matcher:
    """One ``[[campaigns]]`` entry of the config."""

    name: str
    kind: str
    subject: re.Pattern[str] | None
    sender: re.Pattern[str] | None
    header: tuple[str, re.Pattern[str]] | None
    marketplace: str | None

    def matches(self, msg: Message) -> bool:
        if self.subject is None and self.sender is None and self.header is None:
            return False
        if self.marketplace and msg.marketplace and self.marketplace != msg.marketplace:
            return False
        if self.subject is not None and not self.subject.search(msg.subject):
            return False
        if self.sender is not None and not self.sender.search(msg.from_addr):
            return False
        if self.header is not None:
            name, pattern = self.header
            values = msg.header_all(name)
            if not any(pattern.search(v) for v in values):
                return False
        return True


def _compile(pattern: str | None, where: str) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid regular expression: {exc}") from exc


class Grouper:
    """Assigns each sent message to a campaign name."""

    def __init__(self, campaigns: list[dict[str, Any]], config_path: str = "config") -> None:
        self.matchers: list[Matcher] = []
        for index, entry in enumerate(campaigns):
            where = f"{config_path}: campaigns[{index}]"
            header = entry.get("header")
            self.matchers.append(
                Matcher(
                    name=entry["name"],
                    kind=entry.get("kind", "free_form"),
                    subject=_compile(entry.get("subject"), f"{where}.subject"),
                    sender=_compile(entry.get("sender"), f"{where}.sender"),
                    header=(header["name"], _compile(header.get("value", ".*"), f"{where}.header"))
                    if header
                    else None,
                    marketplace=entry.get("marketplace"),
                )
            )
        self.kinds = {m.name: m.kind for m in self.matchers}

    def assign(self, msg: Message) -> str:
        for matcher in self.matchers:
            if matcher.matches(msg):
                return matcher.name
        return template_name(msg)

    def kind_of(self, campaign: str) -> str:
        return self.kinds.get(campaign, "free_form")
