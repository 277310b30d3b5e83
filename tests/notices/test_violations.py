"""The triggers a restriction notice names, read as rule codes."""

from __future__ import annotations

import pytest

from auditor.notices.violations import violations


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Asking customers to change or remove their reviews", ["BSM303"]),
        ("Kunden bitten, ihre Bewertung zu ändern", ["BSM303"]),
        ("Demander aux clients de supprimer leurs avis", ["BSM303"]),
        ("Pedir a los compradores que eliminen sus reseñas", ["BSM303"]),
        ("Chiedere di rimuovere le recensioni negative", ["BSM303"]),
        ("レビューの削除を依頼すること", ["BSM303"]),
        ("Requesting positive reviews", ["BSM302"]),
        ("Um gute Bewertungen bitten", ["BSM302"]),
        ("Solliciter des avis positifs", ["BSM302"]),
        ("Richieste di recensioni positive", ["BSM302"]),
        ("高評価のレビューを依頼すること", ["BSM302"]),
        ("Richiesta ripetuta della stessa recensione", ["BSM304"]),
        ("Demandes répétées du même avis", ["BSM304"]),
        ("Solicitudes repetidas de la misma reseña", ["BSM304"]),
        # "exchange" holds "change"; "goodwill" holds "good": neither is a trigger
        ("Offering incentives in exchange for product reviews", ["BSM301"]),
        ("Reviews written in goodwill are welcome", []),
    ],
)
def test_trigger_line(line: str, codes: list[str]) -> None:
    lines = [
        "We detected that you committed at least one of the following prohibited actions:",
        f"- {line}",
    ]
    assert violations(lines) == codes
