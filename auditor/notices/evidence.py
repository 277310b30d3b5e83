"""``--evidence DIR``: copy each notice's .eml into DIR with an index, ready
to attach to an appeal.

File names are generated here (``001_2026-11-09_ip_complaint.eml``), never
taken from mail content. Nothing is written outside DIR: every target is a
plain name inside the resolved directory, written to a new temporary file
and renamed over the name, so a planted symbolic or hard link is replaced,
never written through. The index (``index.csv`` or
``index.md``) names file, date, kind, subject, authenticity and IDs; its
cells are escaped (CSV formula prefixes, Markdown table syntax).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from auditor.cells import cell, md_cell
from auditor.errors import AuditorError
from auditor.notices.model import Notice

INDEX_FORMATS = ("csv", "md")
_COLUMNS = (
    "file",
    "date",
    "kind",
    "authenticity",
    "subject",
    "sender",
    "asins",
    "order_ids",
    "complaint_ids",
    "case_ids",
    "message_id",
)


class EvidenceError(AuditorError):
    """The evidence directory cannot be created or written."""


def _raw(notice: Notice) -> bytes | None:
    if notice.raw is not None:
        return notice.raw
    candidate = Path(notice.source) / notice.key if notice.source and notice.key else None
    if candidate is not None and candidate.is_file() and candidate.suffix.lower() == ".eml":
        return candidate.read_bytes()
    return None


def _write(directory: Path, name: str, data: bytes) -> Path:
    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise EvidenceError(f"refusing evidence file name {name!r}")
    target = directory / name
    # A new file (O_EXCL, random name) renamed over the name: a planted symbolic
    # *or hard* link is replaced, never written through (O_TRUNC on a hard link
    # would rewrite the file outside DIR it shares its inode with).
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _row(name: str, notice: Notice) -> dict[str, str]:
    return {
        "file": name,
        "date": notice.received_at.isoformat() if notice.received_at else "",
        "kind": notice.kind.value,
        "authenticity": notice.authenticity.value,
        "subject": notice.subject,
        "sender": notice.sender,
        "asins": " ".join(notice.asins),
        "order_ids": " ".join(notice.order_ids),
        "complaint_ids": " ".join(notice.complaint_ids),
        "case_ids": " ".join(notice.case_ids),
        "message_id": notice.message_id,
    }


def _index(rows: list[dict[str, str]], fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(v) for k, v in row.items()})
        return out.getvalue()
    lines = [
        "# Evidence index",
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "---|" * len(_COLUMNS),
    ]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(row[c]) for c in _COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def write_evidence(notices: Iterable[Notice], directory: str | Path, fmt: str = "csv") -> Path:
    """Copy every notice's mail into ``directory`` (created if missing) in
    date order and write the index; returns the index's path. A notice
    whose bytes are unknown (``Notice.raw`` unset and no .eml at
    ``source/key``) is listed in the index with an empty file name."""
    if fmt not in INDEX_FORMATS:
        raise EvidenceError(f"evidence index format must be one of {INDEX_FORMATS}, not {fmt!r}")
    try:
        root = Path(directory).expanduser()
        root.mkdir(parents=True, exist_ok=True)
        root = root.resolve(strict=True)
    except OSError as exc:
        raise EvidenceError(f"{directory}: cannot create evidence directory: {exc}") from exc
    if not root.is_dir():
        raise EvidenceError(f"{directory}: not a directory")
    ordered = sorted(
        notices, key=lambda n: (n.received_at is None, n.received_at or 0, n.message_id)
    )
    rows = []
    try:
        for number, notice in enumerate(ordered, 1):
            raw = _raw(notice)
            name = ""
            if raw is not None:
                day = notice.received_at.date().isoformat() if notice.received_at else "undated"
                name = f"{number:03d}_{day}_{notice.kind.value}.eml"
                _write(root, name, raw)
            rows.append(_row(name, notice))
        index_name = f"index.{fmt}"
        return _write(root, index_name, _index(rows, fmt).encode("utf-8"))
    except OSError as exc:
        raise EvidenceError(f"{directory}: cannot write evidence: {exc}") from exc
