"""Authenticity: verified / unverified / suspicious, look-alike domains,
trusted Authentication-Results, forwards, and the live DKIM check."""

from __future__ import annotations

import pytest

from auditor.notices.authenticity import lookalike, skeleton
from tests.notices.conftest import MAIL_DIR, notice_of

BODY = (
    "Your Amazon Seller account has been deactivated. Your listings have been removed.\n\n"
    "How do I reactivate my account?\nSubmit a plan of action through Account Health.\n"
)


def mail(
    sender: str = "Seller Performance <seller-performance@amazon.com>",
    auth: list[str] | None = None,
    body: str = BODY,
    extra: str = "",
    subject: str = "Your Amazon.com selling account has been deactivated",
    html: str | None = None,
) -> bytes:
    head = "".join(f"Authentication-Results: {a}\r\n" for a in auth or [])
    head += (
        f"From: {sender}\r\nTo: sales@acme-home.example\r\nSubject: {subject}\r\n"
        f"Date: Sat, 14 Nov 2026 06:03:00 +0000\r\nMessage-ID: <auth-test@x.example>\r\n"
        f"{extra}MIME-Version: 1.0\r\n"
    )
    if html is not None:
        return (head + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()
    return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


PASS = (
    "mx.acme-mail.example; dkim=pass header.d=amazon.com; spf=pass smtp.mailfrom=amazon.com; "
    "dmarc=pass header.from=amazon.com"
)
FAIL = (
    "mx.acme-mail.example; dkim=fail header.d=amazon.com; spf=fail smtp.mailfrom=amazon.com; "
    "dmarc=fail header.from=amazon.com"
)


@pytest.mark.parametrize(
    "host",
    [
        "amazon-seller-support.example",
        "sellercentral-amazon.account-verify.example",
        "amaz0n.com",
        "arnazon.de",
        "amazon.de.verify-login.com",
        "amazom.com",
        "amzn-secure.net",
        "seller-central-verify.example",
        "xn--mazon-3ve.com",
        "аmazon.com",
        "amazοn.co.uk",
        "login.amazon-de.info",
        "mail.amaozn.com",
    ],
)
def test_lookalikes(host: str) -> None:
    assert lookalike(host) is not None


@pytest.mark.parametrize(
    "host",
    [
        "amazon.com",
        "sellercentral.amazon.de",
        "amazon.co.jp",
        "m.media-amazon.com",
        "amzn.to",
        "amazonses.com",
        "acme-home.example",
        "woodcraft-studio.example",
        "amazing-deals.example",
        "canon.com",
        "example.com",
        "",
    ],
)
def test_not_lookalikes(host: str) -> None:
    assert lookalike(host) is None


def test_skeleton_maps_homoglyphs_and_punycode() -> None:
    assert skeleton("xn--mazon-3ve.com") == "amazon.com"
    assert skeleton("arnaz0n.de") == "amazon.de"


def test_extra_allowed_link_domains() -> None:
    assert lookalike("amazon-partner.example") is not None
    assert lookalike("amazon-partner.example", ["amazon-partner.example"]) is None


def test_genuine_mail_with_dmarc_pass_is_verified() -> None:
    notice = notice_of(mail(auth=[PASS]))
    assert notice.authenticity.value == "verified"
    assert notice.kind.value == "account_deactivated"


def test_exported_mail_without_results_is_unverified() -> None:
    assert notice_of(mail()).authenticity.value == "unverified"


def test_failed_dmarc_is_suspicious() -> None:
    notice = notice_of(mail(auth=[FAIL]))
    assert notice.authenticity.value == "suspicious"
    assert notice.phishing


def test_aligned_dkim_pass_verifies_without_dmarc() -> None:
    aligned = "mx.acme-mail.example; dkim=pass header.d=amazon.com; spf=neutral"
    unaligned = "mx.acme-mail.example; dkim=pass header.d=amazonses.com; spf=pass"
    assert notice_of(mail(auth=[aligned])).authenticity.value == "verified"
    assert notice_of(mail(auth=[unaligned])).authenticity.value == "unverified"


def test_dkim_and_spf_failing_without_dmarc_is_suspicious() -> None:
    both = "mx.acme-mail.example; dkim=fail header.d=amazon.com; spf=fail smtp.mailfrom=amazon.com"
    assert notice_of(mail(auth=[both])).authenticity.value == "suspicious"


def test_nothing_is_trusted_by_default() -> None:
    """With no trusted_authserv_ids, no header verifies, and an untrusted
    failure does not condemn: both only name the server in the reasons."""
    for auth in ([PASS], [PASS, FAIL]):
        notice = notice_of(mail(auth=auth), {})
        assert notice.authenticity.value == "unverified", auth
        assert any(
            "mx.acme-mail.example" in r and "not trusted" in r for r in notice.authenticity_reasons
        ), notice.authenticity_reasons
    # a failure at the top is evidence against the mail even from an untrusted server
    failing = notice_of(mail(auth=[FAIL]), {})
    assert failing.authenticity.value == "suspicious"
    assert any("from a server not trusted" in r for r in failing.authenticity_reasons)
    bare = notice_of(mail(), {})
    assert bare.authenticity.value == "unverified"
    assert "no Authentication-Results header" in bare.authenticity_reasons


def test_only_the_topmost_trusted_header_counts() -> None:
    """A passing header bearing the trusted id below the real one is forged
    by the sender: the trusted server's own (topmost) header decides."""
    forged_below = [FAIL, PASS]
    assert notice_of(mail(auth=forged_below)).authenticity.value == "suspicious"
    assert notice_of(mail(auth=[PASS, FAIL])).authenticity.value == "verified"


def test_untrusted_headers_never_verify() -> None:
    untrusted = PASS.replace("mx.acme-mail.example", "relay.example")
    settings = {"trusted_authserv_ids": ["mx.acme-mail.example"]}
    notice = notice_of(mail(auth=[untrusted]), settings)
    assert notice.authenticity.value == "unverified"
    assert any("untrusted servers (relay.example)" in r for r in notice.authenticity_reasons)
    # a forged passing header under an untrusted one that fails: never verified
    forged = [
        untrusted.replace("pass", "fail"),
        PASS.replace("mx.acme-mail.example", "mx.forged.example"),
    ]
    assert notice_of(mail(auth=forged), settings).authenticity.value == "suspicious"


def test_spf_fail_alone_never_verifies() -> None:
    spf_only = "mx.acme-mail.example; spf=fail smtp.mailfrom=amazon.com"
    notice = notice_of(mail(auth=[spf_only]))
    assert notice.authenticity.value == "unverified"
    assert any("spf=fail only" in r for r in notice.authenticity_reasons)
    assert (
        notice_of(
            mail(auth=["mx.acme-mail.example; spf=pass smtp.mailfrom=amazon.com"])
        ).authenticity.value
        == "unverified"
    )


def test_dmarc_pass_for_another_from_domain_does_not_verify() -> None:
    other = PASS.replace(
        "dmarc=pass header.from=amazon.com", "dmarc=pass header.from=bulk-mailer.example"
    ).replace("dkim=pass header.d=amazon.com", "dkim=pass header.d=bulk-mailer.example")
    assert notice_of(mail(auth=[other])).authenticity.value == "unverified"


@pytest.mark.parametrize("reply_to", ["appeals@seller-help.example", "amazon.support@gmail.com"])
def test_reply_to_outside_amazon_is_suspicious(reply_to: str) -> None:
    notice = notice_of(mail(auth=[PASS], extra=f"Reply-To: {reply_to}\r\n"))
    assert notice.authenticity.value == "suspicious"
    assert any(reply_to in r for r in notice.authenticity_reasons)
    fine = notice_of(mail(auth=[PASS], extra="Reply-To: seller-performance@amazon.com\r\n"))
    assert fine.authenticity.value == "verified"


def test_unreadable_results_are_not_usable() -> None:
    assert notice_of(mail(auth=["garbage;;; ="])).authenticity.value == "unverified"


@pytest.mark.parametrize(
    "sender",
    [
        "Amazon Seller Central <alerts@amazon-seller-support.example>",
        "Amazon Services <seller-notification@amaz0n.com>",
        "Amazon.de <seller-performance@arnazon.de>",
        "Seller Performance <notice@amazon.de.verify-login.com>",
        "Amazon <account@xn--mazon-3ve.com>",
        "Amazon Seller Support <amazon.help.desk@gmail.example>",
    ],
)
def test_lookalike_or_foreign_senders_are_suspicious(sender: str) -> None:
    notice = notice_of(mail(sender=sender, auth=[PASS.replace("dmarc=pass", "dmarc=none")]))
    assert notice is not None
    assert notice.authenticity.value == "suspicious", notice.authenticity_reasons


def test_lookalike_link_makes_even_dmarc_pass_suspicious() -> None:
    body = BODY + "\nSign in: https://sellercentral.amazon.com.account-check.example/login\n"
    notice = notice_of(mail(auth=[PASS], body=body))
    assert notice.authenticity.value == "suspicious"
    assert any("account-check.example" in r for r in notice.authenticity_reasons)


def test_anchor_text_showing_amazon_but_linking_elsewhere_is_suspicious() -> None:
    html = (
        "<p>Your Amazon Seller account has been deactivated.</p><p>How do I reactivate my "
        "account?</p><p><a href='https://login.verify-now.example/x'>"
        "https://sellercentral.amazon.com</a></p>"
    )
    notice = notice_of(mail(auth=[PASS], html=html))
    assert notice.authenticity.value == "suspicious"
    assert any("link text shows" in r for r in notice.authenticity_reasons)


def test_amazon_links_keep_a_notice_verified() -> None:
    html = (
        "<p>Your Amazon Seller account has been deactivated.</p><p>How do I reactivate my "
        "account?</p><p><a href='https://sellercentral.amazon.com/performance'>Account "
        "Health</a><img src='https://m.media-amazon.com/logo.png'></p>"
    )
    assert notice_of(mail(auth=[PASS], html=html)).authenticity.value == "verified"


def test_vendor_newsletter_mentioning_amazon_is_not_a_notice() -> None:
    raw = mail(
        sender="FeedbackFive <news@ecomengine.example>",
        subject="Your Amazon reviews report for November",
        body="Here is how your review requests performed this month.\n",
    )
    assert notice_of(raw) is None


def _forward(quoted_from: str, auth: list[str] | None = None, link: str = "") -> bytes:
    body = (
        "FYI - can you look at this?\n\n---------- Forwarded message ---------\n"
        f"From: Seller Performance <{quoted_from}>\n"
        "Date: Sat, Nov 14, 2026 at 6:03 AM\n"
        "Subject: Your Amazon.com selling account has been deactivated\n"
        "To: <sales@acme-home.example>\n\n" + BODY + link
    )
    return mail(
        sender="Mia Keller <mia@acme-home.example>",
        auth=auth,
        body=body,
        subject="Fwd: Your Amazon.com selling account has been deactivated",
    )


def test_forward_of_genuine_notice_is_at_most_unverified() -> None:
    colleague_pass = (
        "mx.acme-mail.example; dkim=pass header.d=acme-home.example; "
        "dmarc=pass header.from=acme-home.example"
    )
    notice = notice_of(_forward("seller-performance@amazon.com", [colleague_pass]))
    assert notice.forwarded
    assert notice.authenticity.value == "unverified"
    assert notice.sender == "seller-performance@amazon.com"
    assert notice.received_at.isoformat() == "2026-11-14T06:03:00+00:00"


def test_forward_of_phishing_is_suspicious() -> None:
    notice = notice_of(_forward("alerts@amazon-seller-support.example"))
    assert notice.forwarded and notice.authenticity.value == "suspicious"
    link = "\nhttps://amazon.de.verify-login.com/signin\n"
    notice = notice_of(_forward("seller-performance@amazon.com", link=link))
    assert notice.authenticity.value == "suspicious"


def test_forward_failing_dmarc_is_suspicious() -> None:
    spoofed = "mx.acme-mail.example; dmarc=fail header.from=acme-home.example"
    notice = notice_of(_forward("seller-performance@amazon.com", [spoofed]))
    assert notice.authenticity.value == "suspicious"


# --- live DKIM (dkimpy), DNS answer injected ---------------------------------------------


def _signed(domain: str = "amazon.com", tamper: bool = False, signer: str | None = None) -> bytes:
    dkim = pytest.importorskip("dkim")
    key = (MAIL_DIR / "dkim-test-key.pem").read_bytes()
    raw = (
        mail(sender=f"Seller Performance <seller-performance@{domain}>")
        .replace(b"\r\n", b"\n")
        .replace(b"\n", b"\r\n")
    )
    signature = dkim.sign(
        raw,
        b"s1",
        (signer or domain).encode(),
        key,
        include_headers=[b"from", b"to", b"subject", b"date", b"message-id"],
    )
    signed = signature + raw
    return signed.replace(b"Submit a plan", b"Send a plan") if tamper else signed


def _dns(name: bytes, timeout: int = 5) -> bytes:
    public = (MAIL_DIR / "dkim-test-key.pub.b64").read_text().strip()
    return f"v=DKIM1; k=rsa; p={public}".encode()


def test_live_dkim_verifies_an_exported_notice() -> None:
    raw = _signed()
    settings = {"dkim_verify": True, "dkim_dnsfunc": _dns}
    assert notice_of(raw).authenticity.value == "unverified"
    notice = notice_of(raw, settings)
    assert notice.authenticity.value == "verified"
    assert any("verifies" in r for r in notice.authenticity_reasons)


def test_live_dkim_failure_is_recorded_not_suspicious() -> None:
    notice = notice_of(_signed(tamper=True), {"dkim_verify": True, "dkim_dnsfunc": _dns})
    assert notice.authenticity.value == "unverified"
    assert any("does not verify" in r for r in notice.authenticity_reasons)


def test_live_dkim_of_another_domain_does_not_verify() -> None:
    settings = {"dkim_verify": True, "dkim_dnsfunc": _dns}
    notice = notice_of(_signed(signer="bulk-mailer.example"), settings)
    assert notice.authenticity.value == "unverified"
    assert any("not aligned" in r for r in notice.authenticity_reasons)
