"""The command line as users script against it (CONTRACT.md): exit codes,
formats, selection, waivers, errors."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest


def test_missing_source_is_one_line_exit_2(cli, tmp_path):
    status, out, err = cli("audit", tmp_path / "nope.mbox")
    assert status == 2
    assert err.strip().count("\n") == 0
    assert "nope.mbox: no such file or directory" in err
    assert "Traceback" not in err + out


def test_no_source_and_no_accounts(cli):
    status, _, err = cli("audit")
    assert status == 2 and "no SOURCE given" in err


def test_bad_config_names_file_and_key(cli, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text('[accounts.shop]\nhost = "h"\nusername = "u"\nport = "abc"\n')
    status, _, err = cli("--config", config, "audit", tmp_path)
    assert status == 2
    assert f"{config}: accounts.shop.port: expected an integer, got 'abc'" in err
    config.write_text("[audit]\nfail_onn = 'error'\n")
    status, _, err = cli("audit", tmp_path, "--config", config)
    assert status == 2 and "audit.fail_onn: unknown key" in err
    config.write_text("[accounts.shop]\nhost='h'\nusername='u'\npassword='hunter22'\n")
    status, out, err = cli("audit", tmp_path, "--config", config)
    assert status == 2 and "secrets are never read from the config file" in err
    assert "hunter22" not in out + err
    config.write_text("[audit\n")
    status, _, err = cli("audit", tmp_path, "--config", config)
    assert status == 2 and "invalid TOML" in err


def test_clean_message_exits_0_and_error_exits_1(cli, corpus):
    status, out, _ = cli("audit", corpus / "m01-review-request-ok-en.eml", "--no-store")
    assert status == 0, out
    status, out, _ = cli("audit", corpus / "m03-important-subject.eml", "--no-store")
    assert status == 1
    assert "BSM101" in out and "[Important]" in out


def test_fail_on_and_select_ignore(cli, corpus):
    m03 = corpus / "m03-important-subject.eml"
    assert cli("audit", m03, "--no-store", "--fail-on", "never")[0] == 0
    status, out, _ = cli("audit", m03, "--no-store", "--ignore", "BSM1", "--format", "json")
    assert status == 0
    assert not [f for f in json.loads(out)["findings"] if f["rule"].startswith("BSM1")]
    status, out, _ = cli("audit", corpus, "--no-store", "--select", "BSM5", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules and all(r.startswith("BSM5") for r in rules)
    status, out, _ = cli(
        "audit", corpus, "--no-store", "--select", "BSM5", "--ignore", "BSM503", "--format", "json"
    )
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "BSM503" not in rules and rules


def test_waiver_with_reason(cli, corpus, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text(
        '[[campaigns]]\nname = "care-guide"\nsubject = "^Your order"\n'
        '[[waivers]]\ncampaign = "care-guide"\nrules = ["BSM4"]\n'
        'reason = "care guide link approved by Seller Support case 123"\n'
    )
    _status, out, _ = cli(
        "--config",
        config,
        "audit",
        corpus / "m08-link-and-pixel.eml",
        "--no-store",
        "--format",
        "json",
    )
    report = json.loads(out)
    assert not [f for f in report["findings"] if f["rule"].startswith("BSM4")]
    waived = report["waived"]
    assert {w["rule"] for w in waived} >= {"BSM401", "BSM405"}
    assert all(w["reason"].startswith("care guide link approved") for w in waived)
    assert all(w["campaign"] == "care-guide" for w in waived)


def test_csv_and_sarif(cli, corpus):
    _, out, _ = cli("audit", corpus, "--no-store", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"rule", "severity", "evidence", "message_id"} <= set(rows[0])
    _, out, _ = cli("audit", corpus, "--no-store", "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(res["ruleId"] in ids for res in run["results"])
    assert {res["level"] for res in run["results"]} <= {"error", "warning", "note"}


def test_csv_cells_cannot_become_formulas():
    from auditor.report.csvfmt import cell

    assert cell('=HYPERLINK("http://x")').startswith("'=")
    assert cell("+1 555") == "'+1 555"
    assert cell("plain") == "plain"


def test_output_file_and_table_escapes_markup(cli, tmp_path):
    mail = tmp_path / "x.eml"
    mail.write_bytes(
        b"From: s@shop.example\nTo: a@marketplace.amazon.com\n"
        b"Subject: [Important] [bold red]x\x1b[2J\n"
        b"Date: Tue, 03 Nov 2026 14:20:00 +0000\n\n"
        b"Please leave a review of order 113-1234567-1234567.\n"
    )
    (tmp_path / "out").mkdir()  # an output directory is never created (test_errors.py)
    target = tmp_path / "out" / "report.txt"
    status, out, _ = cli("audit", mail, "--no-store", "-o", target)
    assert status == 1 and out == ""
    text = target.read_text()
    assert "[bold red]" in text  # shown literally, not interpreted
    assert "\x1b" not in text


def test_malformed_message_reported_and_others_audited(cli, corpus, tmp_path):
    folder = tmp_path / "mail"
    shutil.copytree(corpus, folder)
    (folder / "zz-broken.eml").write_bytes(
        b"From: s@shop.example\nTo: a@marketplace.amazon.com\nSubject: broken\n"
        b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain; '
        b"charset=bogus-8\nContent-Transfer-Encoding: base64\n\nSGVsbG8gd29"
    )
    (folder / "zz-empty.eml").write_bytes(b"")
    _status, out, _ = cli("audit", folder, "--no-store", "--format", "json")
    report = json.loads(out)
    errors = {e["source"]: e["error"] for e in report["errors"]}
    assert any(k.endswith("#zz-empty.eml") and "empty message" in v for k, v in errors.items())
    broken = [v for k, v in errors.items() if k.endswith("#zz-broken.eml")]
    assert broken and "no Date header" in broken[0] and "bogus-8" in broken[0]
    assert report["summary"]["messages"] == 26  # 25 corpus + the broken one, audited anyway


def test_store_tells_new_from_old(cli, corpus, store_url):
    _, first, _ = cli("audit", corpus, "--store", store_url, "--format", "json")
    _, second, _ = cli("audit", corpus, "--store", store_url, "--format", "json")
    first, second = json.loads(first), json.loads(second)
    assert first["findings"] and all(f["new"] for f in first["findings"])
    assert not any(f["new"] for f in second["findings"])
    assert len(first["findings"]) == len(second["findings"])


def test_lint_templates(cli, tmp_path):
    good = tmp_path / "review.txt"
    good.write_text(
        "Subject: Your order 113-1234567-1234567\nHello,\n\nWe would appreciate "
        "your honest review of order 113-1234567-1234567.\n"
    )
    bad = tmp_path / "promo.html"
    bad.write_text(
        "Subject: [Important] A gift for you\n<p>Order 113-1234567-1234567: use code "
        "SAVE20 for 20% off your next order!</p>"
    )
    assert cli("lint", good)[0] == 0
    status, out, _ = cli("lint", good, bad, "--format", "json")
    assert status == 1
    rules = {(f["campaign"], f["rule"]) for f in json.loads(out)["findings"]}
    assert ("promo.html", "BSM101") in rules and ("promo.html", "BSM201") in rules
    assert not [r for r in rules if r[0] == "review.txt"]
    assert cli("lint", tmp_path / "missing.txt")[0] == 2


def test_rules_catalogue_and_one_rule(cli):
    status, out, _ = cli("rules")
    assert status == 0
    for code in ("BSM101", "BSM304", "BSM702"):
        assert code in out
    status, out, _ = cli("rules", "BSM301")
    assert status == 0
    assert "review-incentive" in out and "guidelines.md" in out and "Bad" in out and "Good" in out
    status, out, _ = cli("rules", "bsm301", "--format", "json")
    assert json.loads(out)["code"] == "BSM301"
    assert cli("rules", "BSM999")[0] == 2


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "sarif"])
def test_every_format_renders_the_corpus(cli, corpus, fmt):
    status, out, err = cli("audit", corpus, "--no-store", "--format", fmt)
    assert status == 1 and out and not err.strip()
