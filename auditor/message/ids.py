"""Identifiers found in Amazon mail: order IDs, ASINs and the like."""

from __future__ import annotations

import re
from functools import lru_cache

#: Amazon order ID: 3-7-7 digits (policy/guidelines.md, "Mandatory content").
ORDER_ID = re.compile(r"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])")
#: ASINs are ten characters; product ASINs start with B0, book ASINs are ISBN-10s.
ASIN = re.compile(r"\b(B0[A-Z0-9]{8})\b")
MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s]+>")


def order_ids(*texts: str) -> list[str]:
    """Distinct order IDs in ``texts``, in order of first appearance."""
    return list(_order_ids(texts))


@lru_cache(maxsize=32)
def _order_ids(texts: tuple[str, ...]) -> tuple[str, ...]:
    # Memoized: the audit, the linker and three rules each ask for the same
    # message's IDs (a str caches its hash, so a repeated call costs nothing).
    seen: dict[str, None] = {}
    for text in texts:
        for match in ORDER_ID.finditer(text):
            seen.setdefault(match.group(0), None)
    return tuple(seen)


def asins(*texts: str) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        for match in ASIN.finditer(text):
            seen.setdefault(match.group(1), None)
    return list(seen)
