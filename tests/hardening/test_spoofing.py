"""Spoofed notices through ``auditor run`` into a store: a restriction that
fails DMARC, one from a look-alike domain that passes DMARC for its own
domain, one whose trusted (top) Authentication-Results fails under a forged
passing one, one from an Amazon address linking to a look-alike, and one
*forwarded from outside* the seller's organisation. None may pause a
campaign, nor lift, shorten or resume a real pause; each is reported as
possible phishing. A genuine restriction is the control: it does pause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.receivers import serve

RESTRICTED = (
    "Dear Seller,\n\nSome of the messages you recently sent were not delivered.\n\n"
    "As a result, you are restricted from proactively initiating new email "
    "conversations with customers for {days} days.\n\nRegards,\n"
    "Seller Performance Team\nAmazon.com\n"
)
CLEARED = (
    "Dear Seller,\n\nAfter review, the violation has been cleared and your messaging "
    "permissions are restored. No further action is needed.\n\nSeller Performance Team\n"
)
PASS = (
    "Authentication-Results: mx.seller-mail.example; dkim=pass header.d={d}; "
    "spf=pass smtp.mailfrom={d}; dmarc=pass header.from={d}\n"
)
FAIL = (
    "Authentication-Results: mx.seller-mail.example; dkim=fail header.d={d}; "
    "spf=fail smtp.mailfrom={d}; dmarc=fail header.from={d}\n"
)


def mail(
    name: str,
    sender: str,
    subject: str,
    body: str,
    auth: str = "",
    date: str = "Mon, 09 Nov 2026 08:12:00 +0000",
    to: str = "sales@acme-home.example",
) -> tuple[str, bytes]:
    return name, (
        f"{auth}From: {sender}\nTo: Acme Home Goods <{to}>\nSubject: {subject}\n"
        f"Date: {date}\nMessage-ID: <{name}@spoof.example>\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()


def forward(name: str, forwarder: str, auth: str, days: int = 30) -> tuple[str, bytes]:
    body = (
        "FYI\n\n---------- Forwarded message ---------\n"
        "From: Amazon Services <seller-notification@amazon.com>\n"
        "Date: Mon, 9 Nov 2026 at 08:12\n"
        "Subject: Your Amazon.com selling account: proactive messaging restricted\n"
        "To: Acme Home Goods <sales@acme-home.example>\n\n" + RESTRICTED.format(days=days)
    )
    return mail(
        name,
        forwarder,
        "Fwd: Your Amazon.com selling account: proactive messaging restricted",
        body,
        auth,
        date="Mon, 09 Nov 2026 09:00:00 +0000",
    )


SUBJECT = "Your Amazon.com selling account: proactive messaging restricted"
AMAZON = "Amazon Services <seller-notification@amazon.com>"
SPOOFS = dict(
    [
        mail("dmarc-fail", AMAZON, SUBJECT, RESTRICTED.format(days=2), FAIL.format(d="amazon.com")),
        mail(
            "lookalike",
            "Amazon Services <seller-notification@amaz0n-services.com>",
            SUBJECT,
            RESTRICTED.format(days=2),
            PASS.format(d="amaz0n-services.com"),
        ),
        mail(
            "forged-lower-results",
            AMAZON,
            SUBJECT,
            RESTRICTED.format(days=2),
            FAIL.format(d="amazon.com") + PASS.format(d="amazon.com"),
        ),
        mail(
            "lookalike-link",
            AMAZON,
            SUBJECT,
            RESTRICTED.format(days=2)
            + "Appeal here: https://sellercentral.amazon.com.appeal-review.example/login\n",
        ),
        forward(
            "outside-forward",
            "Helpful Stranger <stranger@evil-agency.example>",
            PASS.format(d="evil-agency.example"),
            days=2,
        ),
        mail(
            "display-name",
            "Amazon Seller Performance <alerts@seller-verify.example>",
            SUBJECT,
            RESTRICTED.format(days=2),
        ),
    ]
)
RESUME_SPOOFS = dict(
    [
        mail(
            "cleared-dmarc-fail",
            AMAZON,
            "Your messaging permissions have been restored",
            CLEARED,
            FAIL.format(d="amazon.com"),
            date="Tue, 10 Nov 2026 08:00:00 +0000",
        ),
        mail(
            "cleared-lookalike",
            "Amazon <notification@amazon-seller-notice.example>",
            "Your messaging permissions have been restored",
            CLEARED,
            date="Tue, 10 Nov 2026 08:00:00 +0000",
        ),
        mail(
            "short-restriction-fail",
            AMAZON,
            SUBJECT,
            RESTRICTED.format(days=1),
            FAIL.format(d="amazon.com"),
            date="Tue, 10 Nov 2026 08:00:00 +0000",
        ),
    ]
)
GENUINE = dict(
    [mail("genuine", AMAZON, SUBJECT, RESTRICTED.format(days=30), PASS.format(d="amazon.com"))]
)


def sent(number: int) -> bytes:
    order = f"113-48291{number:02d}-77120{number:02d}"
    return (
        f"From: Acme Home Goods <sales@acme-home.example>\nTo: b{number}x@marketplace."
        f"amazon.com\nSubject: How was your order {order}?\n"
        f"Date: Tue, 03 Nov 2026 10:00:00 +0000\nMessage-ID: <sent-{number}@acme-home"
        f".example>\n\nThank you for your order {order}. We would appreciate your honest "
        "review.\n"
    ).encode()


TRUST = '[notices]\ntrusted_authserv_ids = ["mx.seller-mail.example"]\n'


@pytest.fixture
def shop(tmp_path: Path, cli, monkeypatch):
    """A mailbox folder, a config that trusts the seller's receiving server
    (mx.seller-mail.example) and sends every event to a real loopback HTTP
    receiver, and a SQLite store; ``run(mails, now)`` adds mail and runs
    ``auditor run``."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "mailbox"
    folder.mkdir()
    for number in range(3):
        (folder / f"sent-{number}.eml").write_bytes(sent(number))
    config = tmp_path / "auditor.toml"
    store = f"sqlite:///{tmp_path / 'store.db'}"
    receivers = serve()
    receiver = next(receivers)
    config.write_text(
        '[[campaigns]]\nname = "review-request"\nsubject = "^How was your order"\n'
        + TRUST
        + f'[[actions]]\ntype = "webhook"\nname = "ops"\n'
        f'url = "{receiver.url}/hook"\ntimeout = 5\n'
    )

    def run(mails: dict[str, bytes], now: str) -> dict:
        for name, data in mails.items():
            (folder / f"{name}.eml").write_bytes(data)
        monkeypatch.setenv("AUDITOR_NOW", now)
        status, out, err = cli(
            "run", folder, "--store", store, "--config", config, "--format", "json"
        )
        assert status in (0, 1), err
        assert "action failed" not in err, err
        return json.loads(out)

    def campaign() -> dict:
        status, out, err = cli(
            "campaigns", "--store", store, "--config", config, "--format", "json", "--history"
        )
        assert status == 0, err
        return {c["name"]: c for c in json.loads(out)["campaigns"]}["review-request"]

    def auditor(*args: str) -> tuple[int, str, str]:
        return cli(*args, "--store", store, "--config", config)

    def events(kind: str | None = None) -> list[dict]:
        with receiver.lock:
            accepted = list(receiver.accepted)
        return [e for e in accepted if kind is None or e.get("type") == kind]

    run.campaign = campaign  # type: ignore[attr-defined]
    run.folder = folder  # type: ignore[attr-defined]
    run.config = config  # type: ignore[attr-defined]
    run.auditor = auditor  # type: ignore[attr-defined]
    run.events = events  # type: ignore[attr-defined]
    yield run
    receivers.close()


def test_spoofed_restrictions_pause_nothing(shop):
    report = shop(SPOOFS, now="2026-11-10T12:00:00+00:00")
    judged = {
        n["message_id"].split("@")[0].strip("<"): n["authenticity"] for n in report["notices"]
    }
    assert {k: v for k, v in judged.items() if k in SPOOFS} == dict.fromkeys(SPOOFS, "suspicious")
    campaign = shop.campaign()
    assert campaign["state"] == "active" and campaign["history"] == []

    # the control: a genuine restriction pauses, so the test above could fail
    shop(GENUINE, now="2026-11-10T13:00:00+00:00")
    campaign = shop.campaign()
    assert campaign["state"] == "paused"
    assert campaign["until"] == "2026-12-09T08:12:00+00:00"


def test_spoofed_notices_neither_resume_nor_shorten_a_real_pause(shop):
    shop(GENUINE, now="2026-11-09T12:00:00+00:00")
    before = shop.campaign()
    assert before["state"] == "paused" and before["until"] == "2026-12-09T08:12:00+00:00"
    report = shop(RESUME_SPOOFS, now="2026-11-12T12:00:00+00:00")
    assert {
        n["authenticity"]
        for n in report["notices"]
        if n["message_id"].strip("<").split("@")[0] in RESUME_SPOOFS
    } == {"suspicious"}
    after = shop.campaign()
    assert after["state"] == "paused" and after["until"] == before["until"]
    assert after["history"] == before["history"]


def test_forward_from_a_colleague_waits_for_confirmation(shop):
    """Inside the organisation (a recipient's domain), a forward is at most
    unverified: it flags, and pauses once a person confirms it."""
    colleague = dict(
        [
            forward(
                "colleague",
                "Mia Keller <mia@acme-home.example>",
                PASS.format(d="acme-home.example"),
            )
        ]
    )
    report = shop(colleague, now="2026-11-10T12:00:00+00:00")
    [notice] = [n for n in report["notices"] if n["forwarded"]]
    assert notice["authenticity"] == "unverified" and notice["needs_confirmation"]
    assert shop.campaign()["state"] == "flagged"
    status, _, err = shop.auditor("notices", "confirm", notice["message_id"], "--by", "ann")
    assert status == 0, err
    shop({}, now="2026-11-10T13:00:00+00:00")
    assert shop.campaign()["state"] == "paused"


def test_trusted_forwarders_decide_when_configured(shop):
    """With ``[notices] trusted_forwarders``, only those forwarders count:
    the agency named there is unverified (it waits for a person), a
    colleague not named is suspicious."""
    shop.config.write_text(
        shop.config.read_text().replace(
            "[notices]\n", '[notices]\ntrusted_forwarders = ["evil-agency.example"]\n'
        )
    )
    mails = dict(
        [
            forward(
                "agency", "Agency <ops@evil-agency.example>", PASS.format(d="evil-agency.example")
            ),
            forward(
                "colleague",
                "Mia Keller <mia@acme-home.example>",
                PASS.format(d="acme-home.example"),
            ),
        ]
    )
    report = shop(mails, now="2026-11-10T12:00:00+00:00")
    judged = {n["forwarded_by"]: n["authenticity"] for n in report["notices"]}
    assert judged == {
        "ops@evil-agency.example": "unverified",
        "mia@acme-home.example": "suspicious",
    }
    assert shop.campaign()["state"] == "flagged"


# --- issue #12: automation acts only on verified notices ------------------------------
TRUSTED_NONE = (
    "Authentication-Results: mx.seller-mail.example; dkim=none; spf=none smtp.mailfrom=amazon.com\n"
)
UNVERIFIED = {
    "no-results": "",
    "spf-fail-only": "Authentication-Results: mx.seller-mail.example; spf=fail "
    "smtp.mailfrom=amazon.com\n",
    "untrusted-pass": PASS.format(d="amazon.com").replace(
        "mx.seller-mail.example", "mx.relay.example"
    ),
    "forged-below-trusted": TRUSTED_NONE + PASS.format(d="amazon.com"),
}
SUSPICIOUS = {
    "untrusted-dmarc-fail": (
        AMAZON,
        FAIL.format(d="amazon.com").replace("mx.seller-mail.example", "mx.relay.example"),
        "",
    ),
    "forged-below-failing": (AMAZON, FAIL.format(d="amazon.com") + PASS.format(d="amazon.com"), ""),
    "lookalike-sender": (
        "Amazon Services <seller-notification@arnazon-seller.com>",
        PASS.format(d="arnazon-seller.com"),
        "",
    ),
    "lookalike-link": (
        AMAZON,
        PASS.format(d="amazon.com"),
        "Review it here: https://sellercentral.amazon.com.case-review.example/x\n",
    ),
    "reply-to-elsewhere": (
        AMAZON,
        "Reply-To: Seller Performance <appeals@seller-help.example>\n"
        + PASS.format(d="amazon.com"),
        "",
    ),
}
CASES = [
    pytest.param(name, AMAZON, auth, "", "unverified", id=name) for name, auth in UNVERIFIED.items()
] + [
    pytest.param(name, sender, auth, extra, "suspicious", id=name)
    for name, (sender, auth, extra) in SUSPICIOUS.items()
]
ALERTS = {"unverified": "notice.unconfirmed", "suspicious": "phishing.suspected"}


@pytest.mark.parametrize(("name", "sender", "auth", "extra", "authenticity"), CASES)
def test_unverified_notice_changes_nothing_until_a_person_confirms_it(
    shop, name, sender, auth, extra, authenticity
):
    shop({}, now="2026-11-09T00:00:00+00:00")  # the campaign exists, active
    spoof = dict([mail(name, sender, SUBJECT, RESTRICTED.format(days=2) + extra, auth)])
    report = shop(spoof, now="2026-11-10T12:00:00+00:00")
    [notice] = report["notices"]
    assert notice["kind"] == "messaging_restriction"
    assert notice["authenticity"] == authenticity, notice["authenticity_reasons"]
    assert notice["needs_confirmation"] is True and notice["authenticity_reasons"]

    def unchanged() -> None:
        campaign = shop.campaign()
        assert campaign["state"] in ("active", "flagged") and campaign["until"] is None
        assert all("paused" not in (h["from"], h["to"]) for h in campaign["history"])
        assert shop.auditor("gate", "review-request")[0] == 0
        assert [e["type"] for e in shop.events() if e["campaign"] is None] == [ALERTS[authenticity]]
        assert not shop.events("campaign.paused") and not shop.events("campaign.resumed")

    unchanged()
    if authenticity == "unverified":
        flag = shop.campaign()["flag_reason"]
        assert (
            flag == f"unverified restriction notice — confirm with 'auditor notices confirm "
            f"{notice['id']}'"
        )
        alert = shop.events("notice.unconfirmed")[0]
        assert alert["confirm"] == f"auditor notices confirm {notice['id']}"
    shop({}, now="2026-11-10T12:30:00+00:00")  # a second run: nothing new, no second alert
    unchanged()

    status, table, err = shop.auditor("notices", shop.folder)
    assert status == 0, err
    assert f"needs confirming: auditor notices confirm {notice['id']}" in " ".join(table.split())

    status, out, err = shop.auditor(
        "notices",
        "confirm",
        str(notice["id"]),
        "--by",
        "ann",
        "--reason",
        "shown in Seller Central",
    )
    assert status == 0, err
    assert "confirmed by ann" in out
    assert shop.auditor("notices", "confirm", notice["message_id"])[1].count("already") == 1
    shop({}, now="2026-11-10T13:00:00+00:00")
    campaign = shop.campaign()
    assert campaign["state"] == "paused"
    assert campaign["until"] == "2026-11-11T08:12:00+00:00"
    assert "confirmed by ann" in campaign["reason"]
    shop({}, now="2026-11-10T14:00:00+00:00")
    paused = shop.events("campaign.paused")
    assert len(paused) == 1 and paused[0]["confirmed_by"] == "ann"
    listed = json.loads(shop.auditor("notices", shop.folder, "--format", "json")[1])
    [again] = listed["notices"]
    assert again["needs_confirmation"] is False
    assert again["confirmation"]["by"] == "ann"
    assert again["confirmation"]["reason"] == "shown in Seller Central"


def test_a_verified_notice_needs_no_confirmation(shop):
    report = shop(GENUINE, now="2026-11-10T12:00:00+00:00")
    [notice] = report["notices"]
    assert notice["authenticity"] == "verified" and notice["needs_confirmation"] is False
    assert shop.campaign()["state"] == "paused"
    status, out, _ = shop.auditor("notices", "confirm", str(notice["id"]))
    assert status == 0 and "verified by a trusted server" in out


def test_without_trusted_servers_nothing_is_verified(shop):
    """With no trusted_authserv_ids, even a header that says dmarc=pass is
    something anyone could have written: the notice waits for a person."""
    shop.config.write_text(shop.config.read_text().replace(TRUST, ""))
    report = shop(GENUINE, now="2026-11-10T12:00:00+00:00")
    [notice] = report["notices"]
    assert notice["authenticity"] == "unverified" and notice["needs_confirmation"]
    assert any("no [notices] trusted_authserv_ids" in r for r in notice["authenticity_reasons"])
    assert shop.campaign()["state"] == "flagged"


@pytest.mark.parametrize("ident", ["999", "<nobody@nowhere.example>", "garbage"])
def test_confirming_an_unknown_notice_is_one_line_and_exit_2(shop, ident):
    shop({}, now="2026-11-10T12:00:00+00:00")
    status, out, err = shop.auditor("notices", "confirm", ident)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and ident in err and "no such notice" in err


def test_a_forged_notice_is_dismissed_by_clearing_the_flag(shop):
    spoof = dict([mail("no-results-2", AMAZON, SUBJECT, RESTRICTED.format(days=2))])
    shop(spoof, now="2026-11-10T12:00:00+00:00")
    assert shop.campaign()["state"] == "flagged"
    status, _, err = shop.auditor(
        "resume",
        "review-request",
        "--clear-flag",
        "--reason",
        "forged: Account Health shows no restriction",
        "--by",
        "ann",
    )
    assert status == 0, err
    shop({}, now="2026-11-10T13:00:00+00:00")
    campaign = shop.campaign()
    assert campaign["state"] == "active" and not campaign["flagged"]
    assert len(shop.events("notice.unconfirmed")) == 1


def test_the_projection_counts_a_notice_only_once_confirmed(shop):
    """'auditor audit' says what the next run would do: nothing for an
    unverified restriction, a pause once a person confirmed it."""
    spoof = dict([mail("no-results-3", AMAZON, SUBJECT, RESTRICTED.format(days=2))])
    report = shop(spoof, now="2026-11-10T12:00:00+00:00")
    [notice] = report["notices"]

    def would() -> str | None:
        status, out, err = shop.auditor("audit", shop.folder, "--format", "json")
        assert status in (0, 1), err
        return {c["name"]: c["would"] for c in json.loads(out)["campaigns"]}["review-request"]

    assert would() is None
    assert shop.auditor("notices", "confirm", str(notice["id"]))[0] == 0
    assert would() == "pause"
    shop({}, now="2026-11-10T13:00:00+00:00")
    assert shop.campaign()["state"] == "paused" and would() is None
