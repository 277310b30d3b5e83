"""Local mail: an mbox file, a Maildir, one .eml file, a directory of .eml files.

All four only read: files are opened read-only and nothing is renamed (a
Maildir's ``new/`` messages stay in ``new/``). Each is streamed, so a
mailbox of any size costs the memory of its largest message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import SourceError
from connectors.base import READ_ONLY, Connector, RawMail

#: One message bigger than this is skipped with an error rather than read whole.
MAX_MESSAGE_BYTES = 128 * 2**20


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

    def messages(self) -> Iterator[RawMail]:
        index = 0
        chunk: list[bytes] = []
        size = 0
        too_big = False
        previous_blank = True
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            raise SourceError(f"{self.spec}: cannot read: {exc.strerror or exc}") from exc
        with handle:
            for line in handle:
                if line.startswith(b"From ") and previous_blank:
                    if index:
                        yield self._emit(index, chunk, too_big, size)
                    index += 1
                    chunk, size, too_big = [], 0, False
                    previous_blank = False
                    continue
                previous_blank = line in (b"\n", b"\r\n")
                if index == 0:
                    index = 1  # a file with no leading From line: one message
                size += len(line)
                if size > MAX_MESSAGE_BYTES:
                    too_big = True
                    chunk = []
                    continue
                if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
                    line = line[1:]  # mboxrd un-escaping
                chunk.append(line)
            if index:
                yield self._emit(index, chunk, too_big, size)

    def _emit(self, index: int, chunk: list[bytes], too_big: bool, size: int) -> RawMail:
        if too_big:
            return RawMail(self.spec, str(index), b"", f"message of {size} bytes is too large")
        return RawMail(self.spec, str(index), b"".join(chunk))


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

    def messages(self) -> Iterator[RawMail]:
        files = sorted(p for p in self.path.rglob("*") if p.suffix.lower() == ".eml")
        for file in files:
            if not file.is_dir():  # a dangling link or unreadable file is reported, not skipped
                yield _read_file(file, self.spec, str(file.relative_to(self.path)))
