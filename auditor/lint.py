"""``auditor lint``: templates checked before they are sent.

A template is a .txt (plain body), an .html (HTML body) or an .eml file. A
.txt or .html file may start with ``Subject: …``. Each is turned into the
message it would become and audited as a sent buyer message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from auditor.audit import AuditResult, CampaignSummary
from auditor.config import Config
from auditor.errors import MessageError, SourceError
from auditor.message.classify import detect_language
from auditor.message.model import Kind, Message
from auditor.message.parse import parse_message
from rules.base import Sample
from rules.engine import Context, Engine
from rules.examples import sample_bytes


def template_message(path: Path, marketplace: str, subject: str | None) -> Message:
    """The message ``path`` would be once sent to a buyer on ``marketplace``."""
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
        if first.lower().startswith("subject:"):
            subject, text = first.split(":", 1)[1].strip(), rest
        html = text if suffix in (".html", ".htm") else ""
        sample = Sample(
            text="" if html else text,
            html=html,
            subject=subject or path.stem,
            to=f"buyer@marketplace.{marketplace}",
            date=datetime.now(UTC).isoformat(),
            message_id=f"<template-{path.name}@auditor.lint>",
        )
        msg = parse_message(sample_bytes(sample), str(path.parent), path.name)
    msg.kind = Kind.SENT
    msg.marketplace = msg.marketplace or marketplace
    msg.language = detect_language(f"{msg.subject}\n{msg.body}")
    return msg


def lint_files(
    config: Config,
    files: Sequence[str],
    marketplace: str = "amazon.com",
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
    for path in paths:
        try:
            msg = template_message(path, marketplace, subject)
        except MessageError as exc:
            result.errors.append({"source": str(path), "message_id": None, "error": str(exc)})
            continue
        result.messages += 1
        result.sent_messages += 1
        campaign = path.name
        summary = result.campaigns[("lint", campaign)] = CampaignSummary(campaign, messages=1)
        for finding in engine.check(msg, campaign):
            result.add(finding)
            if not finding.waived:
                summary.findings[finding.severity] += 1
    for finding in engine.finish():
        result.add(finding)
    return result
