"""The pipeline the fuzzers drive and the properties they check, shared by
``tests/hardening/test_fuzz.py`` and ``bench/fuzz.py``.

:func:`run_one` feeds one raw message through everything an audit does to
it: :func:`~auditor.message.parse.parse_message`,
:func:`~auditor.message.classify.enrich`, every rule of the
:class:`~rules.engine.Engine` and :func:`auditor.notices.detect`. The only
exception allowed out of it is the documented
:class:`~auditor.errors.MessageError`; anything else is a crash. Every text
the message, its findings and its notice carry must be a ``str`` that
encodes to UTF-8 (no lone surrogate: reports, the store and the language
model all refuse them).
"""

from __future__ import annotations

import dataclasses
import enum
import json
from datetime import datetime
from typing import Any

from auditor.errors import MessageError
from auditor.message.classify import enrich
from auditor.message.parse import parse_message
from auditor.notices import detect
from rules.engine import Engine


class Crash(AssertionError):
    """A message made the pipeline raise something other than MessageError,
    or produce text that is not clean UTF-8. Carries the input to replay it."""

    def __init__(self, data: bytes, stage: str, error: BaseException | str) -> None:
        self.data = data
        self.stage = stage
        super().__init__(f"{stage}: {error!r} on {data[:300]!r}…")


def _walk_text(value: Any, where: str) -> None:
    """Every str inside ``value`` (dataclasses, lists, tuples, dicts) encodes to UTF-8."""
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
    elif isinstance(value, (bool, int, float, type(None), datetime, enum.Enum, bytes)):
        return
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            if item.name != "raw":
                _walk_text(getattr(value, item.name), f"{where}.{item.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk_text(key, where)
            _walk_text(item, f"{where}[{key!r}]")
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _walk_text(item, where)
    else:
        raise TypeError(f"{where}: unexpected {type(value).__name__}")


def check_clean(msg: Any, findings: list[Any], notice: Any) -> None:
    """The properties every output must have (raises on a violation)."""
    for name in (
        "subject",
        "from_name",
        "from_addr",
        "text",
        "html",
        "html_text",
        "content_hash",
        "source",
        "key",
    ):
        if not isinstance(getattr(msg, name), str):
            raise TypeError(f"Message.{name} is {type(getattr(msg, name)).__name__}")
    _walk_text(msg, "message")
    for finding in findings:
        json.dumps(finding.to_dict(), ensure_ascii=False).encode("utf-8")
    if notice is not None:
        json.dumps(notice.to_dict(full=True), ensure_ascii=False).encode("utf-8")


def run_one(data: bytes, engine: Engine, key: str = "1") -> Any:
    """Audit ``data`` like the audit does; returns the Message, or None when
    the parser rejected it with MessageError. Raises :class:`Crash` otherwise."""
    stage = "parse"
    try:
        msg = enrich(parse_message(data, "fuzz", key))
    except MessageError:
        return None
    except Exception as exc:  # a crash: the input travels with it
        raise Crash(data, stage, exc) from exc
    try:
        stage = "rules"
        findings = engine.check(msg, None)
        stage = "notices"
        notice = None if msg.kind.value == "sent" else detect(msg, {}, raw=data)
        stage = "output"
        check_clean(msg, findings, notice)
    except Exception as exc:
        raise Crash(data, stage, exc) from exc
    return msg


def finish(engine: Engine) -> None:
    """The cross-message rules over everything checked so far."""
    try:
        for finding in engine.finish():
            json.dumps(finding.to_dict(), ensure_ascii=False).encode("utf-8")
    except Exception as exc:
        raise Crash(b"", "cross-message rules", exc) from exc
