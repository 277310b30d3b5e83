"""The ``command`` action: run a program with the event.

Settings::

    [[actions]]
    type = "command"
    name = "feedback-tool"
    command = ["/usr/local/bin/pause-campaign", "--quiet"]   # argv, no shell
    timeout = 30                   # seconds, default 30; then the process group is killed
    cwd = "/srv/feedback"          # optional working directory

The program gets the event as JSON on stdin and, for scripts that would
rather not parse JSON, in its environment (on top of the auditor's own):
``AUDITOR_EVENT_TYPE``, ``AUDITOR_IDEMPOTENCY_KEY``, ``AUDITOR_ACCOUNT``,
``AUDITOR_CAMPAIGN``, ``AUDITOR_STATE`` (the state after the change),
``AUDITOR_FROM_STATE``, ``AUDITOR_UNTIL`` (ISO-8601 or empty),
``AUDITOR_REASON``, ``AUDITOR_ACTOR``, ``AUDITOR_NOTICE`` and
``AUDITOR_EVENT`` (the whole JSON, empty if over 32 KiB; stdin always has it;
other values are cut at 32 KiB); variables whose value holds a secret the
auditor has registered (a password it read) are left out. Missing values are
empty strings. Exit status 0 means delivered; anything else fails the
delivery, and the last line the program wrote to stderr goes into the error.
The command runs without a shell, so nothing in an event can be interpreted
as shell syntax.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from typing import Any

from auditor.actions.base import ActionError, bounded, idempotency_key, requires
from auditor.secrets import redact

DEFAULT_TIMEOUT = 30.0
#: Longest value put in one variable (Linux refuses a single one over 128 KiB).
ENV_LIMIT = 32 * 1024


def environment(event: dict[str, Any]) -> dict[str, str]:
    """The ``AUDITOR_*`` variables describing ``event``."""

    def text(value: Any) -> str:
        return "" if value is None else str(value).replace("\0", "")[:ENV_LIMIT]

    whole = json.dumps(event, ensure_ascii=False, default=str).replace("\0", "")
    return {
        "AUDITOR_EVENT_TYPE": text(event.get("type")),
        "AUDITOR_IDEMPOTENCY_KEY": text(idempotency_key(event)),
        "AUDITOR_ACCOUNT": text(event.get("account")),
        "AUDITOR_CAMPAIGN": text(event.get("campaign")),
        "AUDITOR_STATE": text(event.get("to")),
        "AUDITOR_FROM_STATE": text(event.get("from")),
        "AUDITOR_UNTIL": text(event.get("until")),
        "AUDITOR_REASON": text(event.get("reason")),
        "AUDITOR_ACTOR": text(event.get("actor")),
        "AUDITOR_NOTICE": text(event.get("notice")),
        "AUDITOR_EVENT": whole if len(whole) <= ENV_LIMIT else "",
    }


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the command and anything it started (it runs in its own session)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - not POSIX
            process.kill()
    except ProcessLookupError:
        pass


@requires("command")
def deliver(event: dict[str, Any], settings: dict[str, Any]) -> None:
    """Run the configured argv with ``event`` on stdin; raise :class:`ActionError`
    unless it exits 0 within the timeout."""
    argv = [str(part) for part in settings.get("command") or []]
    if not argv:
        raise ActionError("command is empty")
    program = os.path.basename(argv[0])
    timeout = float(settings.get("timeout", DEFAULT_TIMEOUT))
    # The auditor's own environment, minus variables holding a secret it has
    # fetched (an SMTP or IMAP password): the command gets the event, not those.
    env = {name: value for name, value in os.environ.items() if redact(value) == value}
    env.update(environment(event))
    data = json.dumps(event, ensure_ascii=False, default=str).encode("utf-8")
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=settings.get("cwd"),
            start_new_session=True,
        )
    except FileNotFoundError:
        raise ActionError(f"command not found: {argv[0]}") from None
    except PermissionError:
        raise ActionError(f"command not executable: {argv[0]}") from None
    except OSError as exc:
        raise ActionError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None
    try:
        _, stderr = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        raise ActionError(f"{program} did not finish within {timeout:g} s; killed") from None
    except BaseException:
        _kill(process)
        process.wait()
        raise
    if process.returncode != 0:
        lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        said = f": {bounded(redact(lines[-1]), 300)}" if lines else ""
        if process.returncode < 0:
            raise ActionError(f"{program} was killed by signal {-process.returncode}{said}")
        raise ActionError(f"{program} exited with status {process.returncode}{said}")
