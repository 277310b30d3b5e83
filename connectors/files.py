"""Local mail: an mbox file, a Maildir, one .eml file, a directory of .eml files.

All four only read: files are opened read-only and nothing is renamed (a
Maildir's ``new/`` messages stay in ``new/``). Each is streamed, so a
mailbox of any size costs the memory of its largest message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import SourceError
from connectors.base import READ_ONLY, Connector, RawMail

#: One message bigger than this is skipped with an error rather than read whole.
MAX_MESSAGE_BYTES = 128 * 2**20

_DAY = rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = rb"\d{2}:\d{2}(?::\d{2})?"
_ZONE = rb"(?:[A-Za-z]{1,5}|[+-]\d{4})"
_YEAR = rb"\d{4}"
#: A From_ line as Dovecot's ``mbox_from_parse`` reads it (and mutt's
#: ``is_from``, where the two agree): ``From`` sender weekday month day time
#: [zone] year [more], the asctime() form mbox writers use; also the RFC 5322
#: order some exporters write (weekday, day month year time zone).
#: tests/test_mbox_boundaries.py checks it against Dovecot itself.
_FROM_LINE = re.compile(
    rb"From (?:\"[^\"]*\"\S*|[^\s\"]\S*) +"
    + _DAY
    + rb",? +(?:"
    + (_MONTH + rb" +\d{1,2} +" + _TIME + rb" +(?:" + _ZONE + rb" +)?" + _YEAR)
    + rb"|"
    + (rb"\d{1,2} +" + _MONTH + rb" +" + _YEAR + rb" +" + _TIME)
    + rb")(?: +\S.*)?\s*$",
    re.IGNORECASE,
)
#: A header field line (RFC 5322 field name, then a colon).
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")


def _check_path(spec: str) -> Path:
    path = Path(spec).expanduser()
    if not path.exists():
        raise SourceError(f"{spec}: no such file or directory")
    if not os.access(path, os.R_OK):
        raise SourceError(f"{spec}: permission denied")
    return path


def _read_file(path: Path, source: str, key: str) -> RawMail:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            return RawMail(source, key, b"", f"message file of {size} bytes is too large")
        return RawMail(source, key, path.read_bytes())
    except OSError as exc:
        return RawMail(source, key, b"", f"cannot read: {exc.strerror or exc}")


def _looks_like_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


class MboxConnector(Connector):
    """An mbox file (mboxo / mboxrd): messages separated by ``From `` lines.

    Boundaries are found as mutt and Dovecot find them: a line that starts
    with ``From `` *and* reads as a From_ line (a sender, then a date) starts a
    message, whether or not a blank line precedes it; any other ``From `` line
    is body text. Damage is reported on the message it concerns, never
    silent: a From_ line without the blank line RFC 4155 asks for before it
    (the previous message lost its last line), a From_ line without a
    date that is followed by a header, a file that does not start with one.

    The key of each message is its 1-based position in the file.
    """

    name = "mbox"
    capabilities = frozenset({READ_ONLY})

    @classmethod
    def accepts(cls, spec: str) -> bool:
        path = Path(spec).expanduser()
        return path.is_file() and (path.suffix.lower() == ".mbox" or _looks_like_mbox(path))

    def open(self) -> None:
        self.path = _check_path(self.spec)

    def empty_reason(self) -> str:
        try:
            empty = self.path.stat().st_size == 0
        except OSError:
            empty = False
        return "empty mbox file" if empty else "no messages in this mbox file"

    def volume(self) -> int | None:
        try:
            return self.path.stat().st_size
        except OSError:
            return None

    def messages(self) -> Iterator[RawMail]:
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            raise SourceError(f"{self.spec}: cannot read: {exc.strerror or exc}") from exc
        with handle:
            yield from _MboxSplitter(self.spec).split(handle)


class _MboxSplitter:
    """The line-by-line state of one mbox read (see :class:`MboxConnector`)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.index = 0
        self.chunk: list[bytes] = []
        self.size = 0
        self.too_big = False
        self.warning: str | None = None
        self.previous_blank = True

    def split(self, lines: Iterator[bytes]) -> Iterator[RawMail]:
        pending: tuple[bytes, int] | None = None  # a dateless From line: body or boundary?
        lineno = 0
        for line in lines:
            lineno += 1
            if pending is not None:
                candidate, at = pending
                pending = None
                if _HEADER_LINE.match(line):  # read as body, as Dovecot does, but said
                    self._warn(
                        f"line {at} looks like a damaged 'From ' line (no sender and date); "
                        "read as part of this message, as Dovecot reads it"
                    )
                self._body(candidate)
            if self.index == 0 and not self.chunk and line.strip() == b"":
                continue  # blank lines before the first message
            if line.startswith(b"From "):
                if _FROM_LINE.match(line):
                    damaged = None
                    if self.index and not self.previous_blank:
                        damaged = (
                            f"no blank line before the 'From ' line at line {lineno}: the "
                            f"previous message may have lost its last line"
                        )
                    yield from self._start(damaged)
                    continue
                if self.index == 0 and not self.chunk:
                    yield from self._start(f"malformed 'From ' line at line {lineno} (no date)")
                    continue
                if self.previous_blank:
                    pending = (line, lineno)
                    self.previous_blank = False
                    continue
            if self.index == 0:
                self.index = 1  # no leading From line: the file starts with a message
                self.warning = "the mbox file does not start with a 'From ' line"
            self._body(line)
        if pending is not None:
            self._body(pending[0])
        if self.index:
            yield self._emit()

    def _warn(self, text: str) -> None:
        self.warning = f"{self.warning}; {text}" if self.warning else text

    def _start(self, warning: str | None) -> Iterator[RawMail]:
        if self.index:
            yield self._emit()
        self.index += 1
        self.chunk, self.size, self.too_big = [], 0, False
        self.warning = warning
        self.previous_blank = False

    def _body(self, line: bytes) -> None:
        self.previous_blank = line in (b"\n", b"\r\n")
        self.size += len(line)
        if self.size > MAX_MESSAGE_BYTES:
            self.too_big = True
            self.chunk = []
            return
        if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            line = line[1:]  # mboxrd un-escaping
        self.chunk.append(line)

    def _emit(self) -> RawMail:
        key = str(self.index)
        if self.too_big:
            return RawMail(
                self.spec, key, b"", f"message of {self.size} bytes is too large", warning=None
            )
        return RawMail(self.spec, key, b"".join(self.chunk), warning=self.warning)


class MaildirConnector(Connector):
    """A Maildir: a directory holding ``cur/``, ``new/`` and ``tmp/``.

    Sub-folders in the Maildir++ layout (``.Sent``, ``.INBOX.Archive``) are
    read too. The key is the folder and file name.
    """

    name = "maildir"
    capabilities = frozenset({READ_ONLY})

    @classmethod
    def accepts(cls, spec: str) -> bool:
        path = Path(spec).expanduser()
        return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()

    def open(self) -> None:
        self.path = _check_path(self.spec)

    def empty_reason(self) -> str:
        return "no messages in this Maildir (cur/ and new/ are empty)"

    def _folders(self) -> list[tuple[str, Path]]:
        folders = [("", self.path)]
        for child in sorted(self.path.iterdir()):
            if child.name.startswith(".") and (child / "cur").is_dir():
                folders.append((child.name.lstrip("."), child))
        return folders

    def messages(self) -> Iterator[RawMail]:
        for folder, base in self._folders():
            for sub in ("cur", "new"):
                directory = base / sub
                try:
                    names = sorted(os.listdir(directory))
                except OSError:
                    continue
                for name in names:
                    if name.startswith("."):
                        continue
                    key = f"{folder}/{sub}/{name}" if folder else f"{sub}/{name}"
                    yield _read_file(directory / name, self.spec, key)


class EmlConnector(Connector):
    """One message file (``.eml``, or any file that is not an mbox)."""

    name = "eml"
    capabilities = frozenset({READ_ONLY})

    @classmethod
    def accepts(cls, spec: str) -> bool:
        return Path(spec).expanduser().is_file()

    def open(self) -> None:
        self.path = _check_path(self.spec)

    def messages(self) -> Iterator[RawMail]:
        yield _read_file(self.path, str(self.path.parent), self.path.name)


class EmlDirConnector(Connector):
    """A directory of ``.eml`` files, searched recursively, read in name order."""

    name = "emldir"
    capabilities = frozenset({READ_ONLY})

    @classmethod
    def accepts(cls, spec: str) -> bool:
        return Path(spec).expanduser().is_dir()

    def open(self) -> None:
        self.path = _check_path(self.spec)

    def empty_reason(self) -> str:
        return "no .eml files in this directory"

    def messages(self) -> Iterator[RawMail]:
        files = sorted(p for p in self.path.rglob("*") if p.suffix.lower() == ".eml")
        for file in files:
            if not file.is_dir():  # a dangling link or unreadable file is reported, not skipped
                yield _read_file(file, self.spec, str(file.relative_to(self.path)))
