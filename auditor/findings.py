"""The findings of one audit, kept in bounded memory.

A year of mail can hold a hundred thousand findings; keeping them all as
objects would make memory grow with the mailbox. :class:`FindingLog` keeps
the newest few thousand in memory and spills older ones, pickled in chunks,
to an anonymous temporary file that vanishes when the log is closed or the
process ends. Iterating reads them back in the order they were added.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from rules.finding import Finding


class FindingLog:
    """An append-only sequence of findings that spills to disk past ``keep``."""

    def __init__(self, keep: int = 2000) -> None:
        self.keep = keep
        self._buffer: list[Finding] = []
        self._spill: IO[bytes] | None = None
        self._count = 0

    def append(self, finding: Finding) -> None:
        self._buffer.append(finding)
        self._count += 1
        if len(self._buffer) >= self.keep:
            self._flush()

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def _flush(self) -> None:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="auditor-findings-")
        self._spill.seek(0, 2)
        pickle.dump(self._buffer, self._spill, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffer = []

    def __iter__(self) -> Iterator[Finding]:
        if self._spill is not None:
            position = self._spill.tell()
            self._spill.seek(0)
            end = self._spill.seek(0, 2)
            self._spill.seek(0)
            while self._spill.tell() < end:
                chunk = pickle.load(self._spill)  # noqa: S301 - our own temp file
                yield from chunk
            self._spill.seek(position)
        yield from list(self._buffer)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None
