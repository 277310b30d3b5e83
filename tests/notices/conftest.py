"""Helpers for the notice tests: parse raw mail the way the audit does."""

from __future__ import annotations

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
