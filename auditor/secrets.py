"""Secrets: fetched when needed, remembered only to be hidden.

Every password or token the auditor obtains is registered here, and every
log record and error message passes through :func:`redact`, so a secret that
slips into an exception text (a server echoing the login, a URL with a
password) is printed as ``***``.
"""

from __future__ import annotations

import logging
import threading

_LOCK = threading.Lock()
_SECRETS: set[str] = set()


def register(secret: str | None) -> None:
    """Remember ``secret`` so it is blanked out of all output."""
    if secret and len(secret) >= 3:
        with _LOCK:
            _SECRETS.add(secret)


def redact(text: str) -> str:
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that renders the message and removes every secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string still gets logged, redacted
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            import traceback

            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        return True
