"""Helpers for the notice tests: parse raw mail the way the audit does."""

from __future__ import annotations

import base64
from email.header import Header
from pathlib import Path

import pytest

from auditor.message import parse_message
from auditor.message.classify import enrich
from auditor.message.model import Message
from auditor.notices import Notice, detect

MAIL_DIR = Path(__file__).parent / "mail"
#: The receiving servers of the test mail, trusted as a seller's config
#: ``[notices] trusted_authserv_ids`` would (with none, nothing is verified).
TRUSTED = {"trusted_authserv_ids": ["mx.seller-mail.example", "mx.acme-mail.example", "mx.example"]}


def parse(raw: bytes, key: str = "test.eml", source: str = "test") -> Message:
    return enrich(parse_message(raw, source, key))


def notice_of(raw: bytes, settings: dict | None = None, key: str = "test.eml") -> Notice | None:
    return detect(parse(raw, key), TRUSTED if settings is None else settings, raw=raw)


@pytest.fixture(scope="session")
def corpus_notices(corpus: Path) -> list[Notice]:
    """Every notice in the shared corpus, with its raw bytes."""
    found = []
    for path in sorted(corpus.glob("*.eml")):
        raw = path.read_bytes()
        notice = detect(parse(raw, path.name, str(path.parent)), TRUSTED, raw=raw)
        if notice is not None:
            found.append(notice)
    return found


def assert_decided(kind: object, raw: bytes) -> Notice:
    """``raw`` is a notice of ``kind``, decided by a sentence it quotes."""
    notice = notice_of(raw)
    assert notice is not None
    assert notice.kind is kind, notice.signals
    assert notice.evidence
    return notice


def amazon_mail(sender: str, subject: str, body: str, message_id: str = "<c@example.org>") -> bytes:
    """A plain-text mail from ``sender`` (base64 body, encoded subject)."""
    encoded = base64.encodebytes(body.encode()).decode()
    return (
        f"From: Amazon <{sender}>\r\nTo: shop@example.org\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        f"Date: Tue, 17 Nov 2026 10:00:00 +0000\r\nMessage-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}"
    ).encode()
