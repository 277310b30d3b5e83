"""Write demo/mailbox.mbox: a small seller mailbox to try auditor on.

Deterministic: run it again and the file is byte-identical. It holds four
campaigns in three languages (two compliant, two not), a reminder that asks
for the same review twice, a buyer who complains, and Amazon's notices: a
30-day messaging restriction, an IP complaint and its clearance, and a
phishing mail dressed as a deactivation.

    python demo/make_demo.py
"""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

SHOP = "Birch & Co <orders@birch-co.example>"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
BUYERS = ["Emma", "Lukas", "Chloé", "Noah", "Mia", "Léo", "Hannah", "Oliver"]

CAMPAIGNS = {
    "review-en": (
        "amazon.com",
        "How is your order {order}?",
        "Hello {name},\n\nThank you for your order {order} of the Birch cutting board.\n\n"
        "If you have a moment, we would appreciate your honest review on Amazon. It helps "
        "other customers decide.\n\nIf anything is wrong with the order, simply reply to this "
        "message.\n\nBirch & Co",
    ),
    "review-de": (
        "amazon.de",
        "Ihre Bestellung {order}",
        "Hallo {name},\n\nvielen Dank für Ihre Bestellung {order}.\n\nWenn Sie einen Moment "
        "Zeit haben, freuen wir uns über Ihre ehrliche Bewertung auf Amazon.\n\nBirch & Co",
    ),
    "important-en": (
        "amazon.com",
        "[Important] Your review of order {order}",
        "Hi {name},\n\nIf you are happy with order {order}, please leave us a 5-star review! "
        "If not, contact us first before leaving negative feedback.\n\nBirch & Co",
    ),
    "promo-fr": (
        "amazon.fr",
        "Un cadeau pour vous - commande {order}",
        "Bonjour {name},\n\nMerci pour votre commande {order}. Utilisez le code MERCI15 pour "
        "15 % de réduction sur votre prochain achat dans notre boutique : "
        "https://birch-co.example/promo\n\nBirch & Co",
    ),
}


def order_id(n: int) -> str:
    return f"{111 + n % 3}-{4829104 + n * 7919:07d}-{7712093 + n * 104729:07d}"


def mail(sender, to, subject, body, when, mid, headers=()) -> EmailMessage:
    msg = EmailMessage()
    for name, value in headers:
        msg[name] = value
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = mid
    msg.set_content(body)
    return msg


def sent_messages() -> list[EmailMessage]:
    out = []
    n = 0
    for day in range(6):
        for name, (market, subject, body) in CAMPAIGNS.items():
            n += 1
            buyer = BUYERS[n % len(BUYERS)]
            order = order_id(n)
            when = START + timedelta(days=day, minutes=13 * n)
            out.append(
                mail(
                    SHOP,
                    f"{buyer.lower()}{n}x@marketplace.{market}",
                    subject.format(order=order),
                    body.format(name=buyer, order=order),
                    when,
                    f"<demo-{name}-{n}@birch-co.example>",
                )
            )
    first = order_id(1)
    out.append(
        mail(
            SHOP,
            "emma1x@marketplace.amazon.com",
            f"Reminder: your review of {first}",
            f"Hello Emma,\n\nWe have not seen your review of order {first} yet. Could you "
            "leave a review on Amazon?\n\nBirch & Co",
            START + timedelta(days=7),
            "<demo-reminder-1@birch-co.example>",
        )
    )
    return out


def amazon(
    subject,
    body,
    when,
    mid,
    sender="Amazon Services <seller-notification@amazon.com>",
    domain="amazon.com",
) -> EmailMessage:
    auth = (
        f"mx.birch-co.example; dkim=pass header.d={domain} header.s=notif; "
        f"spf=pass smtp.mailfrom={domain}; dmarc=pass header.from={domain}"
    )
    return mail(sender, SHOP, subject, body, when, mid, [("Authentication-Results", auth)])


def inbox_messages() -> list[EmailMessage]:
    complaint_order = order_id(3)
    return [
        mail(
            "Noah <noah3x@marketplace.amazon.com>",
            SHOP,
            f"RE: [Important] Your review of order {complaint_order}",
            f"Please stop emailing me about order {complaint_order}. This is spam and I will "
            "report you to Amazon.",
            START + timedelta(days=2, hours=5),
            "<reply-noah@marketplace.amazon.com>",
            [("In-Reply-To", "<demo-important-en-3@birch-co.example>")],
        ),
        amazon(
            "Notice: Policy Warning",
            "Hello,\n\nWe removed some of your listings because we received a report from a "
            "rights owner that they may infringe the rights owner's copyright.\n\n"
            "How do I reactivate my listing?\nIf you do not provide the information within "
            "90 days, you will receive a request to remove the inventory.\n\nASIN: B0DEMO1234\n"
            "Title: Birch cutting board\nInfringement type: Copyright Image\n"
            "Complaint ID: 7712093001\n\nThese are the rights owner's contact details:\n"
            "Oakline Studio\nlegal@oakline.example\n\nSeller Performance Team",
            START + timedelta(days=3),
            "<demo-ip@amazon.com>",
            sender="Amazon Seller Performance <seller-performance@amazon.com>",
        ),
        amazon(
            "Violation cleared for ASIN B0DEMO1234",
            "Hello,\n\nWe reviewed the information about ASIN B0DEMO1234 and the violation "
            "has been cleared. Your listing will be reinstated within 48 hours.\n\n"
            "Reference: Case ID 18827710233\n",
            START + timedelta(days=5),
            "<demo-cleared@amazon.com>",
            sender="Amazon <no-reply@amazon.com>",
        ),
        amazon(
            "Your Amazon.com selling account: proactive messaging restricted",
            "Dear Seller,\n\nSome of the messages you recently sent were not delivered to "
            "customers.\n\nWhy did I receive this message?\nWe detected that you committed at "
            "least one of the following prohibited actions when sending messages to buyers:\n"
            '- Using "[Important]" in the subject line when it is not necessary to complete '
            "an order\n- Sending marketing or promotions\n\nAs a result, you are restricted "
            "from proactively initiating new email conversations with customers for 30 days."
            "\n\nHow does this restriction impact my ability to sell on Amazon?\nYour ability "
            "to sell is not affected. Customers may return items within 30 days of receipt."
            "\n\nSeller Performance Team",
            START + timedelta(days=8),
            "<demo-restriction@amazon.com>",
        ),
        mail(
            "Amazon Seller Central <alerts@amazon-seller-verify.example>",
            SHOP,
            "URGENT: Your Amazon Seller account has been deactivated",
            "Dear Seller,\n\nYour Amazon Seller account has been deactivated due to policy "
            "violations. Verify your identity within 24 hours:\n"
            "https://sellercentral-amazon.login-verify.example/signin\n",
            START + timedelta(days=9),
            "<phish@amazon-seller-verify.example>",
        ),
    ]


# The Authentication-Results above are stamped by mx.birch-co.example, the demo
# seller's receiving server: demo/auditor.toml trusts it (README, "Try it").
def main() -> None:
    target = Path(__file__).with_name("mailbox.mbox")
    target.unlink(missing_ok=True)
    box = mailbox.mbox(str(target))
    box.lock()
    try:
        for msg in sent_messages() + inbox_messages():
            entry = mailbox.mboxMessage(msg)
            entry.set_from("MAILER-DAEMON", START.timetuple())
            box.add(entry)
        box.flush()
    finally:
        box.unlock()
        box.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
