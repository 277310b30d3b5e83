"""Every user mistake is one line on stderr naming the thing at fault, and
exit 2 (issue #13): bad dates, rule codes that name no rule, unknown
campaigns, input that holds no mail or cannot be read, output and store
paths in directories that do not exist, a closed pipe. Each case runs the
real command and checks the exact status and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (
    b"From: s@shop.example\nTo: a@marketplace.amazon.com\nSubject: Your order\n"
    b"Date: Tue, 03 Nov 2026 14:20:00 +0000\nMessage-ID: <good@shop.example>\n\n"
    b"Thank you for your order 113-1234567-1234567.\n"
)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.eml"
    path.write_bytes(GOOD)
    return path


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("command", ["audit", "notices", "timeline", "run"])
def test_since_not_a_date(cli, good, command):
    no_store = [] if command == "run" else ["--no-store"]  # run always keeps a store
    status, out, err = cli(command, good, "--since", "2026-13-45", *no_store)
    assert status == 2 and out == ""
    assert one_line(err) == "auditor: --since: '2026-13-45' is not a date (use YYYY-MM-DD)\n"


def test_since_accepts_a_date_and_a_time(cli, good):
    assert cli("audit", good, "--no-store", "--since", "2026-11-01")[0] == 0
    assert cli("audit", good, "--no-store", "--since", "2026-11-01T10:00:00+01:00")[0] == 0
    status, out, _ = cli("audit", good, "--no-store", "--since", "2026-11-04", "--format", "json")
    assert status == 0 and json.loads(out)["summary"]["messages"] == 0  # older: skipped


def test_pause_until_not_a_date(cli, good):
    cli("audit", good)  # the campaign is known to the default store
    status, _, err = cli("pause", "local-default", "--reason", "x", "--until", "next week")
    assert status == 2
    assert one_line(err) == (
        "auditor: --until: 'next week' is not a date (use ISO-8601, e.g. 2026-12-01T09:00)\n"
    )


@pytest.mark.parametrize(
    "option, value",
    [("--select", "NOPE999"), ("--ignore", "BSM9"), ("--select", "BSM3,BSM30X")],
)
def test_rule_codes_that_name_no_rule(cli, good, option, value):
    status, out, err = cli("audit", good, "--no-store", option, value)
    bad = value.split(",")[-1]
    assert status == 2 and out == ""
    assert one_line(err) == (
        f"auditor: {option}: '{bad}' is not a rule code or prefix (see 'auditor rules')\n"
    )


def test_rule_codes_and_prefixes_are_accepted(cli, good):
    for value in ("BSM3", "bsm301", "ALL", "BSM101,BSM6"):
        assert cli("audit", good, "--no-store", "--select", value)[0] == 0, value
    status, _, err = cli("lint", good, "--ignore", "XYZ")
    assert status == 2 and "--ignore: 'XYZ'" in one_line(err)


@pytest.mark.parametrize("command", ["gate", "pause", "resume"])
def test_unknown_campaign(cli, command):
    args = [command, "no-such-campaign"] + ([] if command == "gate" else ["--reason", "x"])
    status, out, err = cli(*args)
    assert status == 2 and out == ""
    assert (
        one_line(err) == "auditor: no-such-campaign: no such campaign (see 'auditor campaigns')\n"
    )


def test_directory_of_random_files_is_not_a_clean_audit(cli, tmp_path):
    folder = tmp_path / "random"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(os.urandom(300))
    (folder / "notes.txt").write_text("hello\n")
    status, out, err = cli("audit", folder, "--no-store")
    assert status == 2
    assert (
        one_line(err) == f"auditor: {folder}: no .eml files in this directory: nothing to audit\n"
    )
    assert "unreadable" in out  # the summary says it too


def test_empty_mbox(cli, tmp_path):
    box = tmp_path / "Sent.mbox"
    box.write_bytes(b"")
    status, out, err = cli("audit", box, "--no-store", "--format", "json")
    assert status == 2
    assert one_line(err) == f"auditor: {box}: empty mbox file: nothing to audit\n"
    report = json.loads(out)
    assert report["summary"]["unreadable"] == 1 and report["summary"]["messages"] == 0


def test_empty_maildir(cli, tmp_path):
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "md" / sub).mkdir(parents=True)
    status, _, err = cli("notices", tmp_path / "md", "--no-store")
    assert status == 2
    assert "no messages in this Maildir" in one_line(err)


def test_non_mail_file_given_directly(cli, tmp_path):
    blob = tmp_path / "invoice.pdf"
    blob.write_bytes(b"%PDF-1.7\n" + os.urandom(200))
    status, _, err = cli("audit", blob, "--no-store")
    assert status == 2
    assert one_line(err) == f"auditor: {blob}: no mail headers found\n"


def test_unreadable_message_goes_to_stderr_counts_and_the_rest_is_audited(cli, tmp_path, good):
    """stderr names the file; the JSON keeps the contract's SOURCE#KEY."""
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a-good.eml").write_bytes(GOOD)
    (folder / "b-dangling.eml").symlink_to(tmp_path / "gone.eml")  # unreadable, even as root
    (folder / "c-binary.eml").write_bytes(os.urandom(64).replace(b":", b"").replace(b"\n", b""))
    status, out, err = cli("audit", folder, "--no-store", "--format", "json")
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"auditor: {folder / 'b-dangling.eml'}: cannot read: ")
    assert lines[1] == f"auditor: {folder / 'c-binary.eml'}: no mail headers found"
    report = json.loads(out)
    assert {e["source"] for e in report["errors"]} == {
        f"{folder}#b-dangling.eml",
        f"{folder}#c-binary.eml",
    }
    assert report["summary"]["messages"] == 1 and report["summary"]["unreadable"] == 2
    assert {e["level"] for e in report["errors"]} == {"error"}
    # the table's summary line counts them too
    _, table, _ = cli("audit", folder, "--no-store")
    assert "; 2 unreadable" in " ".join(table.split())  # the summary may wrap on narrow terminals


def test_many_unreadable_messages_are_capped_on_stderr(cli, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    for n in range(25):
        (folder / f"{n:02d}.eml").write_bytes(b"")
    status, _, err = cli("audit", folder, "--no-store")
    lines = err.splitlines()
    assert status == 2 and len(lines) == 21
    assert lines[-1] == "auditor: … and 5 more problems with the input (see --format json)"


def test_output_directory_is_never_created(cli, good, tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "x"
    status, out, err = cli("audit", good, "--no-store", "-o", target)
    assert status == 2 and out == ""
    assert one_line(err) == f"auditor: -o {target}: directory {target.parent} does not exist\n"
    assert not (tmp_path / "nonexistent").exists()
    status, _, err = cli("rules", "-o", tmp_path)
    assert status == 2 and one_line(err) == f"auditor: -o {tmp_path}: is a directory\n"


def test_evidence_directory_parent_is_never_created(cli, corpus, tmp_path):
    target = tmp_path / "nonexistent" / "appeal"
    status, _, err = cli("timeline", corpus, "--no-store", "--evidence", target)
    assert status == 2
    assert one_line(err) == (
        f"auditor: --evidence {target}: directory {target.parent} does not exist\n"
    )
    assert not target.parent.exists()
    status, _, err = cli("timeline", corpus, "--no-store", "--evidence", tmp_path / "appeal")
    assert status == 0, err
    assert (tmp_path / "appeal").is_dir()  # the directory named is created, its parent exists


def test_store_directory_is_never_created(cli, good, tmp_path):
    url = f"sqlite:///{tmp_path / 'nonexistent' / 'dir' / 'x.db'}"
    status, out, err = cli("audit", good, "--store", url)
    assert status == 2 and out == ""
    assert one_line(err) == (
        f"auditor: store {url}: directory {tmp_path / 'nonexistent' / 'dir'} does not exist\n"
    )
    assert not (tmp_path / "nonexistent").exists()
    # the file itself is created in a directory that exists
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert cli("audit", good, "--store", url)[0] == 0 and (tmp_path / "x.db").exists()


def test_default_store_directory_is_created(cli, good, tmp_path):
    assert cli("audit", good)[0] == 0  # the user data dir (in tmp_path/home) is ours to create


def _auditor(*args: str, home: Path) -> list[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return [sys.executable, "-m", "auditor", *args], env


@pytest.mark.parametrize(
    "args",
    [("campaigns", "--format", "json"), ("rules",), ("audit", "{corpus}", "--no-store")],
    ids=["campaigns", "rules", "audit"],
)
def test_closed_pipe_is_one_line_and_exit_2(tmp_path, corpus, args):
    """``auditor … | true``: the reader is gone before the output is written."""
    home = tmp_path / "home"
    home.mkdir()
    command, env = _auditor(*(a.format(corpus=corpus) for a in args), home=home)
    reader, writer = os.pipe()
    os.close(reader)  # like `| true` that has already exited
    try:
        done = subprocess.run(
            command, stdout=writer, stderr=subprocess.PIPE, env=env, cwd=tmp_path, timeout=120
        )
    finally:
        os.close(writer)
    assert done.returncode == 2
    assert done.stderr.decode() == "auditor: stdout: closed before the output was complete\n"


def test_every_problem_line_has_the_same_shape(cli, tmp_path, good):
    """One style: ``auditor: THING: what is wrong``."""
    cases = [
        cli("audit", good, "--no-store", "--since", "yesterday"),
        cli("audit", good, "--no-store", "--select", "X"),
        cli("audit", tmp_path / "missing.mbox"),
        cli("gate", "nope"),
    ]
    for status, _, err in cases:
        assert status == 2
        prefix, thing, problem = one_line(err).split(": ", 2)
        assert prefix == "auditor" and thing and problem.strip()


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ("audit", "--formt", "json"),
            "auditor: audit: No such option '--formt'. Did you mean '--format'? "
            "(see 'auditor audit --help')",
        ),
        (
            ("audit", "x.mbox", "--format", "nope"),
            "auditor: audit: Invalid value for '--format': 'nope' is not one of 'table', "
            "'json', 'csv', 'sarif', 'html', 'md'. (see 'auditor audit --help')",
        ),
        (("gate",), "auditor: gate: Missing argument 'CAMPAIGN'. (see 'auditor gate --help')"),
        (
            ("resume", "shop"),
            "auditor: resume: Missing option '--reason'. (see 'auditor resume --help')",
        ),
        (("nope",), "auditor: No such command 'nope'. (see 'auditor --help')"),
    ],
    ids=["option", "choice", "argument", "reason", "command"],
)
def test_click_usage_errors_are_one_line_too(cli, args, line):
    status, out, err = cli(*args)
    assert status == 2 and out == ""
    assert one_line(err) == line + "\n"


def test_help_and_version_still_exit_0(cli):
    assert cli("--version")[0] == 0
    status, out, _ = cli("audit", "--help")
    assert status == 0 and "audit [OPTIONS] [SOURCES]" in out


def test_a_file_named_relative_to_the_working_directory(cli, tmp_path):
    work = Path.cwd()  # the cli fixture runs in an empty directory
    (work / "x.eml").write_text("garbage\n")
    status, _, err = cli("audit", "x.eml", "--no-store")
    assert status == 2 and one_line(err) == "auditor: x.eml: no mail headers found\n"
