"""Held-out measurement of notice authenticity (issue #12): which mails
would change campaign state by themselves.

A seeded generator writes Amazon-looking restriction notices in six
languages, with header and sender shapes that none of the tests use: real
receiving servers' Authentication-Results layouts (Gmail, Fastmail, Postfix
with OpenDKIM/OpenDMARC, internal hops), and forgeries (missing results,
``spf=fail`` alone, untrusted servers, forged headers below the trusted one,
look-alike and sub-domain tricks, Reply-To elsewhere, DMARC for another From
domain, unaligned DKIM). Each mail goes through the real parser and
``detect()`` with ``trusted_authserv_ids = ["mx.shop-mail.example"]``.

Prints, per family, how many were detected, verified and would act. The
targets: no forged family ever verified; genuine families verified.

    python bench/authenticity_heldout.py [--per-family 60] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.message import parse_message
from auditor.message.classify import enrich
from auditor.notices import detect

TRUSTED = "mx.shop-mail.example"
SETTINGS = {"trusted_authserv_ids": [TRUSTED]}
TEXTS = {
    "en": (
        "Your selling account: messaging restricted",
        "We have restricted your ability to send proactive messages to buyers for 14 days.",
    ),
    "de": (
        "Ihr Verkäuferkonto: Nachrichten eingeschränkt",
        "Wir haben Ihre Möglichkeit, proaktiv Nachrichten an Käufer zu senden, für 14 Tage "
        "eingeschränkt.",
    ),
    "fr": (
        "Votre compte vendeur : messagerie restreinte",
        "Nous avons restreint votre capacité à envoyer des messages proactifs aux acheteurs "
        "pendant 14 jours.",
    ),
    "es": (
        "Tu cuenta de vendedor: mensajes restringidos",
        "Hemos restringido tu capacidad de enviar mensajes proactivos a los compradores "
        "durante 14 días.",
    ),
    "it": (
        "Il tuo account venditore: messaggi limitati",
        "Abbiamo limitato la tua possibilità di inviare messaggi proattivi agli acquirenti per "
        "14 giorni.",
    ),
    "ja": (
        "出品用アカウント：メッセージの制限",
        "購入者への積極的なメッセージ送信を14日間制限しました。",
    ),
}
DOMAINS = {
    "en": "amazon.com",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "ja": "amazon.co.jp",
}
LOCAL = ("seller-performance", "seller-notification", "no-reply", "account-health")


def _gmail(d: str, rng: random.Random) -> list[str]:
    return [
        f"mx.shop-mail.example;\r\n       dkim=pass header.i=@{d} header.s=rte{rng.randint(1, 9)}"
        f" header.b=Ab{rng.randint(100, 999)};\r\n       spf=pass (shop-mail.example: domain "
        f"of bounce-{rng.randint(1, 99999)}@bounces.{d} designates 54.240.{rng.randint(0, 255)}"
        f".1 as permitted sender) smtp.mailfrom=bounce@bounces.{d};\r\n       dmarc=pass "
        f"(p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={d}"
    ]


def _fastmail(d: str, rng: random.Random) -> list[str]:
    return [
        f"mx.shop-mail.example; dkim=pass (2048-bit rsa key sha256) header.d={d} "
        f"header.i=@{d} header.b=x{rng.randint(1, 99)} header.a=rsa-sha256 header.s=s1 "
        f"x-bits=2048; dmarc=pass policy.published-domain-policy=quarantine "
        f"header.from={d}; spf=pass smtp.mailfrom=bounces.{d}"
    ]


def _plain(d: str, rng: random.Random) -> list[str]:
    word = rng.choice(["dmarc=pass", "DMARC=PASS", "dmarc=pass (p=reject)"])
    return [f"{rng.choice([TRUSTED, TRUSTED.upper()])}; {word} header.from={d}"]


def _internal_hop(d: str, rng: random.Random) -> list[str]:
    return ["filter.internal.shop.example; none", *_plain(d, rng)]


def _aligned_dkim(d: str, rng: random.Random) -> list[str]:
    return [f"{TRUSTED}; dkim=pass header.d=sellercentral.{d} header.s=s2; spf=neutral"]


def _split_milters(d: str, rng: random.Random) -> list[str]:
    # Postfix with separate milters: one header each, DMARC below SPF
    return [f"{TRUSTED}; spf=pass smtp.mailfrom={d}", f"{TRUSTED}; dmarc=pass header.from={d}"]


GENUINE = {
    "gmail-layout": _gmail,
    "fastmail-layout": _fastmail,
    "plain-dmarc": _plain,
    "internal-hop-on-top": _internal_hop,
    "aligned-dkim-subdomain": _aligned_dkim,
    "split-milter-headers": _split_milters,
}


def _forged_pass(d: str) -> str:
    return (
        f"{TRUSTED}; dkim=pass header.d={d}; spf=pass smtp.mailfrom={d}; dmarc=pass header.from={d}"
    )


FORGED = {
    "no-results": lambda d, rng: ([], None, None),
    "spf-fail-only": lambda d, rng: ([f"{TRUSTED}; spf=fail smtp.mailfrom={d}"], None, None),
    "spf-softfail-dkim-none": lambda d, rng: (
        [f"{TRUSTED}; spf=softfail smtp.mailfrom={d}; dkim=none"],
        None,
        None,
    ),
    "untrusted-server-pass": lambda d, rng: (
        [_forged_pass(d).replace(TRUSTED, rng.choice(["mx.google.com", "relay.example"]))],
        None,
        None,
    ),
    "untrusted-dmarc-fail": lambda d, rng: (
        [f"mail.other.example; dmarc=fail header.from={d}"],
        None,
        None,
    ),
    "forged-below-trusted-none": lambda d, rng: (
        [f"{TRUSTED}; dkim=none; spf=none smtp.mailfrom={d}", _forged_pass(d)],
        None,
        None,
    ),
    "forged-below-unreadable-trusted": lambda d, rng: (
        [f"{TRUSTED} ;;; dkim", _forged_pass(d)],
        None,
        None,
    ),
    "dmarc-for-other-from": lambda d, rng: (
        [f"{TRUSTED}; dmarc=pass header.from=mailer-{rng.randint(1, 99)}.example"],
        None,
        None,
    ),
    "unaligned-dkim": lambda d, rng: (
        [f"{TRUSTED}; dkim=pass header.d=amazonses.com; spf=pass smtp.mailfrom=amazonses.com"],
        None,
        None,
    ),
    "reply-to-elsewhere": lambda d, rng: (
        [_forged_pass(d)],
        None,
        f"appeals-{rng.randint(1, 999)}@seller-desk.example",
    ),
    "lookalike-sender": lambda d, rng: (
        [_forged_pass("amazon-" + rng.choice(["notice", "seller", "alerts"]) + ".net")],
        rng.choice(
            [
                "amazon-notice.net",
                "arnazon.de",
                "amaz0n.fr",
                "xn--amzon-7ua.com",
                "sellercentral-amazon.help",
            ]
        ),
        None,
    ),
    "subdomain-trick": lambda d, rng: (
        [_forged_pass("verify-" + d.replace(".", "-") + ".example")],
        f"{d}.verify-{rng.randint(1, 99)}.example",
        None,
    ),
}


def _mail(lang: str, sender: str, auths: list[str], reply_to: str | None, n: int) -> bytes:
    subject, sentence = TEXTS[lang]
    head = "".join(f"Authentication-Results: {a}\r\n" for a in auths)
    head += f"From: Amazon Seller Performance <{sender}>\r\nTo: sales@shop.example\r\n"
    if reply_to:
        head += f"Reply-To: {reply_to}\r\n"
    head += (
        f"Subject: {subject}\r\nDate: Mon, 09 Nov 2026 08:12:00 +0000\r\n"
        f"Message-ID: <heldout-{n}@x.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return (head + f"{sentence}\r\n\r\nSeller Performance\r\n").encode()


def _judge(raw: bytes) -> str:
    notice = detect(enrich(parse_message(raw, "heldout", "x")), SETTINGS, raw=raw)
    return "missed" if notice is None else notice.authenticity.value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = 0
    rows = []
    for group, families in (("genuine", GENUINE), ("forged", FORGED)):
        for name, make in families.items():
            counts: Counter[str] = Counter()
            for _ in range(args.per_family):
                n += 1
                lang = rng.choice(sorted(TEXTS))
                domain = DOMAINS[lang]
                if group == "genuine":
                    auths, sender_domain, reply = make(domain, rng), domain, None
                else:
                    auths, sender_domain, reply = make(domain, rng)
                    sender_domain = sender_domain or domain
                sender = f"{rng.choice(LOCAL)}@{sender_domain}"
                counts[_judge(_mail(lang, sender, auths, reply, n))] += 1
            rows.append((group, name, counts))
    print(
        f"{'group':8} {'family':34} {'n':>4} {'verified':>9} {'unverified':>11} "
        f"{'suspicious':>11} {'missed':>7}"
    )
    for group, name, c in rows:
        total = sum(c.values())
        print(
            f"{group:8} {name:34} {total:>4} {c['verified']:>9} {c['unverified']:>11} "
            f"{c['suspicious']:>11} {c['missed']:>7}"
        )
    forged_verified = sum(c["verified"] for g, _, c in rows if g == "forged")
    forged_total = sum(sum(c.values()) for g, _, c in rows if g == "forged")
    genuine_verified = sum(c["verified"] for g, _, c in rows if g == "genuine")
    genuine_total = sum(sum(c.values()) for g, _, c in rows if g == "genuine")
    print(
        f"forged verified (would act by themselves): {forged_verified}/{forged_total} "
        f"(target 0: {'met' if forged_verified == 0 else 'NOT met'})"
    )
    print(f"genuine verified: {genuine_verified}/{genuine_total}")
    return 0 if forged_verified == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
