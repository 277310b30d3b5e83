"""Turn a rule's documented examples into real messages.

Each :class:`~rules.base.Sample` is written out as RFC 5322 bytes and read
back through the real parser, so an example tests the whole path a seller's
mail takes, not a shortcut.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from auditor.message.classify import enrich
from auditor.message.model import Message
from auditor.message.parse import parse_message
from rules.base import Example, Rule, Sample


def sample_bytes(sample: Sample, index: int = 0) -> bytes:
    mail = EmailMessage()
    mail["From"] = sample.sender
    mail["To"] = sample.to
    mail["Subject"] = sample.subject
    mail["Date"] = format_datetime(datetime.fromisoformat(sample.date))
    mail["Message-ID"] = sample.message_id or make_msgid(f"example{index}", "rules.example")
    if sample.in_reply_to:
        mail["In-Reply-To"] = sample.in_reply_to
    for name, value in sample.headers:
        mail[name] = value
    mail.set_content(sample.text or "")
    if sample.html:
        mail.add_alternative(sample.html, subtype="html")
    for filename, ctype, size in sample.attachments:
        maintype, _, subtype = ctype.partition("/")
        mail.add_attachment(b"\0" * size, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(mail)


def example_messages(case: Example, rule: type[Rule] | None = None) -> list[Message]:
    name = rule.code if rule else "example"
    return [
        enrich(parse_message(sample_bytes(sample, i), f"{name}-example", str(i)))
        for i, sample in enumerate(case.samples)
    ]
