"""``auditor lint``: templates checked before they are sent.

A template is a .txt (plain body), an .html (HTML body) or an .eml file. A
.txt or .html file may start with ``Subject: …`` (or ``Betreff:``,
``Objet :``, ``Asunto:``, ``Oggetto:``, ``件名：``). Each is turned into the
message it would become and audited as a sent buyer message.

Messaging tools fill placeholders when they send: ``[[order-id]]``,
``{{order_id}}``, ``{order_id}``, ``%ORDER_ID%``, ``${order_id}``,
``<<order-id>>``. The order ID, buyer name and product placeholders are
filled with sample values first, so a template that names the order is not
told it lacks an order ID; other placeholders stay as written. The
marketplace is the one given, else the one of the template's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from auditor.audit import AuditResult, CampaignSummary
from auditor.config import Config
from auditor.errors import MessageError, SourceError
from auditor.message.amazon import MARKETPLACES
from auditor.message.classify import detect_language
from auditor.message.model import Kind, Message
from auditor.message.parse import parse_message
from auditor.notices.forward import SUBJECT_LABELS
from rules.base import Sample
from rules.engine import Context, Engine
from rules.examples import sample_bytes

_SUBJECT_LINE = re.compile(
    r"^\ufeff?\s*(?:" + "|".join(SUBJECT_LABELS) + r")\s*[:：]\s*", re.IGNORECASE
)
_PLACEHOLDER = re.compile(
    r"\[\[\s*([\w .-]{1,40}?)\s*\]\]|\{\{\s*([\w .-]{1,40}?)\s*\}\}|%([A-Za-z][\w-]{0,39})%"
    r"|\$\{([\w.-]{1,40})\}|<<\s*([\w .-]{1,40}?)\s*>>|\{([A-Za-z_][\w.-]{0,39})\}"
)
#: What a sent message holds where a template names these (sample values;
#: the order ID is the template's own, see :func:`sample_order_id`).
_ORDER = re.compile(
    r"order.?(?:id|number|no|nr|num)|^order$|bestellnummer|commande|pedido"
    r"|ordine|注文番号"
)
_SAMPLES = (
    (
        re.compile(
            r"buyer|customer|first.?name|last.?name|^name$|kunde|client|cliente|お客様|購入者"
        ),
        "Alex",
    ),
    (re.compile(r"product|item|title|artikel|produit|producto|prodotto|商品"), "the item"),
)


def sample_order_id(number: int) -> str:
    """A distinct order ID per template: templates linted together are not
    requests for the same order (BSM304)."""
    return f"111-{number % 10**7:07d}-{number % 10**7:07d}"


def fill_placeholders(text: str, order_id: str = sample_order_id(1)) -> str:
    """``text`` with its order ID, buyer name and product placeholders
    replaced by sample values (see the module docstring)."""

    def sample(match: re.Match[str]) -> str:
        name = next(g for g in match.groups() if g is not None).strip().lower()
        if _ORDER.search(name):
            return order_id
        for pattern, value in _SAMPLES:
            if pattern.search(name):
                return value
        return match.group(0)

    return _PLACEHOLDER.sub(sample, text)


def _marketplace_of(language: str | None) -> str:
    for domain, lang in MARKETPLACES.items():
        if lang == language:
            return domain
    return "amazon.com"


def template_message(
    path: Path, marketplace: str | None, subject: str | None, order_id: str = sample_order_id(1)
) -> Message:
    """The message ``path`` would be once sent to a buyer on ``marketplace``
    (None: the marketplace of the template's language), its order ID
    placeholders filled with ``order_id``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    if suffix == ".eml":
        msg = parse_message(data, str(path.parent), path.name)
    else:
        text = data.decode("utf-8", "replace")
        first, _, rest = text.partition("\n")
        heading = _SUBJECT_LINE.match(first)
        if heading:
            subject, text = first[heading.end() :].strip(), rest
        text = fill_placeholders(text, order_id)
        subject = fill_placeholders(subject, order_id) if subject else subject
        html = text if suffix in (".html", ".htm") else ""
        sample = Sample(
            text="" if html else text,
            html=html,
            subject=subject or path.stem,
            to=f"buyer@marketplace.{marketplace or 'amazon.com'}",
            date=datetime.now(UTC).isoformat(),
            message_id=f"<template-{path.name}@auditor.lint>",
        )
        msg = parse_message(sample_bytes(sample), str(path.parent), path.name)
        msg.marketplace = marketplace  # not the placeholder recipient's
    msg.kind = Kind.SENT
    msg.language = detect_language(f"{msg.subject}\n{msg.body}")
    msg.marketplace = msg.marketplace or marketplace or _marketplace_of(msg.language)
    return msg


def lint_files(
    config: Config,
    files: Sequence[str],
    marketplace: str | None = None,
    subject: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
) -> AuditResult:
    audit_cfg = config.section("audit")
    result = AuditResult(
        generated_at=datetime.now(UTC), fail_on=fail_on or audit_cfg.get("fail_on", "error")
    )
    paths = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise SourceError(f"{name}: no such file")
        paths.append(path)
    rules_cfg = config.section("rules")
    engine = Engine.from_settings(
        select=list(select) or audit_cfg.get("select", []),
        ignore=list(ignore) + audit_cfg.get("ignore", []),
        rule_options=rules_cfg.get("options", {}),
        context=Context(settings=rules_cfg),
    )
    for number, path in enumerate(paths, 1):
        try:
            msg = template_message(path, marketplace, subject, sample_order_id(number))
        except MessageError as exc:
            result.errors.append({"source": str(path), "message_id": None, "error": str(exc)})
            continue
        result.messages += 1
        result.sent_messages += 1
        campaign = path.name
        summary = CampaignSummary(campaign, messages=1, state=None)  # no store: no state
        result.campaigns[("lint", campaign)] = summary
        for finding in engine.check(msg, campaign):
            result.add(finding)
            if not finding.waived:
                summary.findings[finding.severity] += 1
    for finding in engine.finish():
        result.add(finding)
    return result
