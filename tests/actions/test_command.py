"""The command action with real subprocesses."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from auditor.actions import ActionError, deliver_pending
from auditor.actions.command import deliver
from auditor.secrets import register
from tests.actions.conftest import NOW, add_rows, config, event, rows

RECORDER = """\
import json, os, sys
out = sys.argv[1]
data = sys.stdin.read()
env = {k: v for k, v in os.environ.items() if k.startswith("AUDITOR_") or k == "SMTP_PW"}
with open(out, "w") as f:
    json.dump({"stdin": data, "env": env, "argv": sys.argv[2:]}, f)
"""


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[list[str], Path]:
    script = tmp_path / "record.py"
    script.write_text(RECORDER)
    out = tmp_path / "out.json"
    return [sys.executable, str(script), str(out), "--quiet"], out


def test_event_on_stdin_and_in_environment(store, recorder):
    argv, out = recorder
    add_rows(store, "tool", event("birch/review-request/event-9"))
    report = deliver_pending(
        store, config({"type": "command", "name": "tool", "command": argv}), now=NOW
    )
    assert report.delivered == 1
    seen = json.loads(out.read_text())
    assert json.loads(seen["stdin"])["idempotency_key"] == "birch/review-request/event-9"
    assert seen["argv"] == ["--quiet"]
    env = seen["env"]
    assert env["AUDITOR_EVENT_TYPE"] == "campaign.paused"
    assert env["AUDITOR_IDEMPOTENCY_KEY"] == "birch/review-request/event-9"
    assert env["AUDITOR_CAMPAIGN"] == "review-request"
    assert env["AUDITOR_ACCOUNT"] == "birch"
    assert env["AUDITOR_STATE"] == "paused"
    assert env["AUDITOR_UNTIL"] == "2026-12-09T00:00:00+00:00"
    assert env["AUDITOR_REASON"].startswith("messaging restriction")
    assert json.loads(env["AUDITOR_EVENT"]) == json.loads(seen["stdin"])
    assert rows(store)[0].delivered_at == NOW


def test_no_shell_interpretation(recorder):
    argv, out = recorder
    deliver(event("k", reason="$(touch /tmp/pwned); `id`"), {"command": argv})
    assert json.loads(out.read_text())["env"]["AUDITOR_REASON"] == "$(touch /tmp/pwned); `id`"


def test_missing_values_are_empty_strings(recorder):
    argv, out = recorder
    deliver(
        {"type": "phishing.suspected", "idempotency_key": "p-1", "campaign": None},
        {"command": argv},
    )
    env = json.loads(out.read_text())["env"]
    assert env["AUDITOR_CAMPAIGN"] == "" and env["AUDITOR_UNTIL"] == ""


def test_registered_secrets_are_not_passed_on(recorder, monkeypatch):
    argv, out = recorder
    monkeypatch.setenv("SMTP_PW", "pw-not-for-commands-42")
    register("pw-not-for-commands-42")
    deliver(event("k"), {"command": argv})
    assert "SMTP_PW" not in json.loads(out.read_text())["env"]


def test_nonzero_exit_fails_with_last_stderr_line(tmp_path):
    script = tmp_path / "fail.py"
    script.write_text(
        "import sys\nprint('warming up', file=sys.stderr)\n"
        "print('campaign unknown to the tool', file=sys.stderr)\nsys.exit(3)\n"
    )
    with pytest.raises(ActionError) as caught:
        deliver(event("k"), {"command": [sys.executable, str(script)]})
    assert str(caught.value).endswith("exited with status 3: campaign unknown to the tool")


def test_timeout_kills_the_command(tmp_path):
    script = tmp_path / "slow.py"
    script.write_text("import time\ntime.sleep(30)\n")
    started = time.monotonic()
    with pytest.raises(ActionError, match=r"did not finish within 0\.5 s; killed"):
        deliver(event("k"), {"command": [sys.executable, str(script)], "timeout": 0.5})
    assert time.monotonic() - started < 5


def test_command_not_found():
    with pytest.raises(ActionError, match="command not found: /no/such/program"):
        deliver(event("k"), {"command": ["/no/such/program"]})


def test_command_not_reading_stdin_is_fine():
    deliver(event("k", reason="x" * 200_000), {"command": [sys.executable, "-c", "pass"]})
