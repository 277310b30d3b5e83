"""Build a held-out notice set: ``python tests/notices/unseen/build.py [DIR]``
(DIR: ``tests/notices/unseen`` by default, or ``tests/notices/unseen2``).

The mails are written in ``mails_*.py`` (one module per group of kinds), in
wording of their own (not taken from tests/notices/cases.py), in realistic
Amazon layouts: long IP notices with retraction instructions and FAQ, appeal
decisions with "However", opt-out bounces, quoted originals, HTML-only.
This script writes one .eml per mail and ``expected.json``; the .eml files
and expected.json are committed, so the set is read without running it.
"""

from __future__ import annotations

import base64
import html
import json
import sys
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
DOMAIN = {
    "en": "amazon.com",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "ja": "amazon.co.jp",
}


def _header(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def _html(body: str) -> str:
    blocks = [b for b in body.split("\n\n") if b.strip()]
    parts = []
    for block in blocks:
        lines = block.splitlines()
        if all(line.startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        elif len(lines) == 1 and lines[0].endswith("?") and len(lines[0]) < 80:
            parts.append(f"<h3>{html.escape(lines[0])}</h3>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return (
        "<html><head><style>p{font-family:Arial}</style></head><body>"
        '<table width="600"><tr><td>' + "\n".join(parts) + "</td></tr></table>"
        "</body></html>"
    )


def render(mail: dict) -> bytes:
    lang = mail["lang"]
    sender = mail["sender"]
    if "@" not in sender:
        sender = f"{sender}@{DOMAIN[lang]}"
    name = mail.get("name", "Amazon Services" if "marketplace." not in sender else "Buyer")
    headers = [
        ("From", f"{_header(name)} <{sender}>"),
        ("To", "Acme Home <sales@acme-home.example>"),
        ("Subject", _header(mail["subject"])),
        ("Date", format_datetime(DATE)),
        ("Message-ID", f"<{mail['id']}@unseen.example>"),
        ("MIME-Version", "1.0"),
    ]
    body = mail["body"].strip("\n") + "\n"
    if mail.get("html"):
        content = _html(body)
        ctype = "text/html"
    else:
        content = body
        ctype = "text/plain"
    encoded = base64.encodebytes(content.encode("utf-8")).decode()
    headers += [
        ("Content-Type", f"{ctype}; charset=utf-8"),
        ("Content-Transfer-Encoding", "base64"),
    ]
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return (head + "\r\n" + encoded.replace("\n", "\r\n")).encode("ascii")


def main() -> None:
    here = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE
    mails: list[dict] = []
    for path in sorted(here.glob("mails_*.py")):
        namespace: dict = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
        mails += namespace["MAILS"]
    ids = [m["id"] for m in mails]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for old in here.glob("*.eml"):
        old.unlink()
    expected = []
    for mail in mails:
        (here / f"{mail['id']}.eml").write_bytes(render(mail))
        entry = {"file": f"{mail['id']}.eml", "kind": mail["kind"], "lang": mail["lang"]}
        entry.update(mail.get("expect", {}))
        if mail.get("note"):
            entry["note"] = mail["note"]
        expected.append(entry)
    (here / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(mails)} mails written")


if __name__ == "__main__":
    main()
