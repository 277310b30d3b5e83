"""Identifiers in a notice: ASINs, order IDs, complaint and case IDs, the
rights owner's contact, Message-IDs and buyer relay addresses (for linking).

Order IDs and product ASINs use the message layer's patterns
(:mod:`auditor.message.ids`); an ASIN after an ``ASIN:`` label may also be a
book's ISBN-10. Complaint and case IDs are read after their labels, in the
six languages.
"""

from __future__ import annotations

import re

from auditor.message.ids import ASIN, MESSAGE_ID, order_ids
from auditor.notices.text import compile_phrases

_LABELLED_ASIN = re.compile(r"\bASIN\s*[:#：]?\s*([A-Z0-9]{10})\b", re.IGNORECASE)
_COMPLAINT = compile_phrases(
    (
        r"\bcomplaint (?:id|number|no\.?|#)",
        r"\bbeschwerde-?(?:id|nummer)",
        r"(?:id|identifiant|numéro) (?:de (?:la )?)?(?:plainte|réclamation)\b",
        r"(?:id|número) (?:de (?:la )?)?(?:reclamación|queja|denuncia)",
        r"(?:id|numero) (?:del )?(?:reclamo|segnalazione)",
        r"(?:苦情|申し立て|申立)(?:id|番号)",
    )
)
_CASE = compile_phrases(
    (
        r"\bcase(?: (?:id|number|no\.?|#))?",
        r"\bfall-?(?:id|nummer)",
        r"(?:id|numéro) (?:du |de )?(?:cas|dossier)\b",
        r"(?:id|número) (?:del |de )?caso",
        r"(?:id|numero) (?:del )?caso",
        r"ケース(?:id|番号)",
    )
)
_VALUE = re.compile(r"\s*[:#：]?\s*([A-Z0-9][A-Z0-9-]{4,30})", re.IGNORECASE)
_CONTACT = compile_phrases(
    (
        r"rights?[- ]?owner'?s? contact (?:details|information)[^:\n]*:",
        r"contact (?:details|information) (?:of|for) the rights?[- ]?owner[^:\n]*:",
        r"kontaktdaten des rechte-?inhabers[^:\n]*:",
        r"coordonnées du (?:titulaire|détenteur|propriétaire) des droits[^:\n]*:",
        r"(?:datos|información) de contacto del titular[^:\n]*:",
        r"(?:dati|informazioni|recapiti) di contatto del titolare[^:\n]*:",
        r"権利(?:所有|保有)者の連絡先[^:\n]*[:：]",
    )
)
#: Starts only where a run of address characters starts (else quadratic on a long word).
_RELAY = re.compile(r"(?<![\w.+-])[\w.+-]+@marketplace\.amazon\.[a-z.]+[a-z]", re.IGNORECASE)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def asins(text: str) -> list[str]:
    """ASINs in order of appearance: every ``B0…`` product ASIN, and any
    ten-character code after an ``ASIN:`` label."""
    found = [m.group(1).upper() for m in _LABELLED_ASIN.finditer(text)]
    found += [m.group(1) for m in ASIN.finditer(text.upper())]
    return _unique([a for a in found if any(c.isdigit() for c in a)])


def _labelled(label: re.Pattern[str], text: str, digits: int) -> list[str]:
    out = []
    for match in label.finditer(text):
        value = _VALUE.match(text, match.end())
        if value and sum(c.isdigit() for c in value.group(1)) >= digits:
            out.append(value.group(1).upper())
    return _unique(out)


def complaint_ids(text: str) -> list[str]:
    """IDs after a "Complaint ID" label (any of the six languages)."""
    return _labelled(_COMPLAINT, text, 5)


def case_ids(text: str) -> list[str]:
    """IDs after a "Case ID" label; at least six digits ("in case 2" is no case)."""
    return _labelled(_CASE, text, 6)


def rights_owner(text: str) -> str | None:
    """The rights owner's contact block of an IP complaint (up to five lines
    after "These are the rights owner's contact details:"), joined by "; "."""
    match = _CONTACT.search(text)
    if not match:
        return None
    lines = []
    for line in text[match.end() :].splitlines():
        line = line.strip()
        if not line:
            if lines:
                break
            continue
        lines.append(line)
        if len(lines) == 5:
            break
    return "; ".join(lines)[:300] or None


def message_ids(text: str) -> list[str]:
    """Message-IDs quoted in ``text`` (a bounce quoting the original's headers)."""
    return _unique(MESSAGE_ID.findall(text))


def relays(text: str) -> list[str]:
    """Buyer relay addresses named in ``text``."""
    return _unique([m.group(0).lower() for m in _RELAY.finditer(text)])


__all__ = [
    "asins",
    "case_ids",
    "complaint_ids",
    "message_ids",
    "order_ids",
    "relays",
    "rights_owner",
]
