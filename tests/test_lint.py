"""``auditor lint``: templates as messaging tools store them (placeholders,
a subject line in the template's language) are audited as the mail they
become."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Config
from auditor.lint import fill_placeholders, lint_files, template_message


def _rules(tmp_path: Path, files: dict[str, str], **options) -> dict[str, set[str]]:
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = lint_files(Config(), paths, **options)
    found: dict[str, set[str]] = {name: set() for name in files}
    for finding in result.findings:
        found[finding.campaign].add(finding.rule)
    return found


@pytest.mark.parametrize(
    "placeholder",
    [
        "[[order-id]]",
        "{{order_id}}",
        "{{ order.id }}",
        "{order_id}",
        "%ORDER_ID%",
        "${orderNumber}",
        "<<order-number>>",
        "[[Bestellnummer]]",
    ],
)
def test_an_order_id_placeholder_is_an_order_id(tmp_path: Path, placeholder: str) -> None:
    text = (
        f"Subject: Your order {placeholder}\nHello [[buyer-name]],\n\nWe would appreciate "
        f"your honest review of order {placeholder}.\n"
    )
    assert _rules(tmp_path, {"t.txt": text}) == {"t.txt": set()}


def test_without_a_placeholder_the_order_id_is_missing(tmp_path: Path) -> None:
    text = "Subject: Your order\nHello,\n\nWe would appreciate your honest review.\n"
    assert "BSM503" in _rules(tmp_path, {"t.txt": text})["t.txt"]


def test_other_placeholders_stay_as_written() -> None:
    filled = fill_placeholders(
        "Hi {{buyer_name}}, see [[review-link]] for {{product_title}}", "111-0000007-0000007"
    )
    assert filled == "Hi Alex, see [[review-link]] for the item"
    assert fill_placeholders("p{color:red} %ORDER_ID%", "111-0000007-0000007") == (
        "p{color:red} 111-0000007-0000007"
    )


@pytest.mark.parametrize(
    ("heading", "language", "marketplace"),
    [
        ("Betreff: Ihre Bestellung {{order_id}}", "de", "amazon.de"),
        ("Objet : Votre commande {{order_id}}", "fr", "amazon.fr"),
        ("件名：ご注文 {{order_id}} について", "ja", "amazon.co.jp"),
    ],
)
def test_localized_subject_line_and_marketplace_of_the_language(
    tmp_path: Path, heading: str, language: str, marketplace: str
) -> None:
    bodies = {
        "de": "Hallo {{buyer_name}},\n\nvielen Dank für Ihre Bestellung {{order_id}}. Wir "
        "würden uns über Ihre ehrliche Bewertung freuen.\n",
        "fr": "Bonjour {{buyer_name}},\n\nmerci pour votre commande {{order_id}}. Nous "
        "aimerions connaître votre avis sincère sur le produit.\n",
        "ja": "{{buyer_name}} 様\nこの度はご注文 {{order_id}} ありがとうございます。"
        "商品のご感想をお聞かせいただければ幸いです。\n",
    }
    path = tmp_path / "t.txt"
    path.write_text(f"{heading}\n{bodies[language]}", encoding="utf-8")
    msg = template_message(path, None, None, "111-0000001-0000001")
    assert msg.subject.endswith(("111-0000001-0000001", "111-0000001-0000001 について"))
    assert (msg.language, msg.marketplace) == (language, marketplace)
    assert _rules(tmp_path, {"t.txt": path.read_text(encoding="utf-8")}) == {"t.txt": set()}
    # a marketplace given on the command line still decides
    wrong = _rules(tmp_path, {"t.txt": path.read_text(encoding="utf-8")}, marketplace="amazon.com")
    assert wrong == {"t.txt": {"BSM504"}}


def test_templates_linted_together_are_not_one_order(tmp_path: Path) -> None:
    request = (
        "Subject: Order {{order_id}}\nHello,\n\nWe would appreciate your honest review "
        "of order {{order_id}}.\n"
    )
    found = _rules(tmp_path, {"a.txt": request, "b.txt": request})
    assert found == {"a.txt": set(), "b.txt": set()}  # no BSM304 across templates


def test_leave_us_five_stars_is_a_review_request(tmp_path: Path) -> None:
    text = (
        "Subject: [Important] Your order [[order-id]]\nHi [[buyer-name]],\n\nThanks for "
        "buying [[product-name]]! If you love it, please leave us 5 stars.\n"
    )
    found = _rules(tmp_path, {"t.txt": text})["t.txt"]
    assert {"BSM101", "BSM302"} <= found
    assert "BSM502" not in found  # not a "thank-you only" message
