"""``mask`` (auditor.message.template) against the plain regular-expression
substitutions it is a faster form of: the greeting tried only at line starts
and the ID pattern behind a lookahead must change exactly what
``_GREETING.sub`` and the bare alternation change, on mail of every shape."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from auditor.message import template
from auditor.message.parse import parse_message

#: The substitutions as they were written before (the reference).
_ID_OR_NUMBER = re.compile(r"\bB0[A-Z0-9]{8}\b|\d+(?:[./:-]\d+)*")


def reference(text: str) -> str:
    text = template._GREETING.sub(r"\1 <name>\2", text)
    if "様" in text or "さま" in text:
        text = template._SAMA.sub(r"<name>\1", text)
    if "@" in text:
        text = template._EMAIL.sub("@", text)
    return _ID_OR_NUMBER.sub("#", text)


WRITTEN = [
    "",
    "Hello Jane,\nThanks for order 302-1234567-1234567.",
    "\n\n  Hello Jane,\nthanks",
    "Hi Bob! Hi Bob!\nHi again, Bob:\nhi",
    "> Dear Mr Smith,\n> thanks\n\nDear Ann, all good",
    "Sehr geehrte Frau Müller,\r\nvielen Dank für Ihre Bestellung B0ABCDEFGH vom 12.05.2026.",
    "Bonjour Marie,\nmerci ! Chère cliente, à bientôt",
    "Hola Juan,\nEstimados clientes: gracias\nBuenos días Ana,",
    "Ciao Luca,\nGentile cliente, grazie\nBuongiorno Sara!",
    "山田様\nご注文ありがとうございます。注文番号：２５０-１２３４５６７",
    "Guten Tag Herr Meier,\n\n\nLiebe Grüße\nHallo Tim,",
    "Order B0ABCDEFGH1 and xB0ABCDEFGH and B0abcdefgh and B0ABCDEFGH.",
    "hellothere, dear\nHELLO WORLD,\nHeLLo you:",
    "Thank you,\nHello",
    "ſalve amici,\nHEY there,\n\u212aey,",  # case-insensitive matches beyond ASCII
    "Hello " + "x" * 80 + ",\nHello y,",
    "\n",
    "Hello,\n",
    "١٢٣ ٤٥٦-٧٨٩ and ① 2.5:3/4-5",
]

WORDS = [
    "Hello",
    "hi",
    "Dear",
    "Hallo",
    "Liebe",
    "Sehr geehrter",
    "Bonjour",
    "Chère",
    "Hola",
    "Estimado",
    "Ciao",
    "Caro",
    "Gentile",
    "Jane",
    "Müller",
    "様",
    "thanks",
    "B0ABCDEFGH",
    "302-1234567-1234567",
    "12.05.2026",
    "a@b.example",
    ">",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    ",",
    "!",
    ":",
    "。",
    "x" * 70,
]


def generated(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 40))) for _ in range(count)]


@pytest.mark.parametrize("text", WRITTEN)
def test_mask_is_the_plain_substitutions_on_written_text(text: str) -> None:
    assert template.mask(text) == reference(text)


def test_mask_is_the_plain_substitutions_on_generated_text() -> None:
    texts = generated(3000, seed=14)
    assert sum(template.mask(t) != t for t in texts) > 1000  # masking did happen
    assert [template.mask(t) for t in texts] == [reference(t) for t in texts]


def test_mask_is_the_plain_substitutions_on_the_corpus() -> None:
    checked = 0
    for path in sorted((Path(__file__).parent / "corpus").glob("*.eml")):
        msg = parse_message(path.read_bytes(), str(path), "1")
        for text in (msg.subject, msg.text, msg.html_text):
            assert template.mask(text) == reference(text), path.name
            checked += 1
    assert checked >= 30
