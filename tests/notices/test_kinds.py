"""The kind rules: documented, multilingual, and never resting on one sentence."""

from __future__ import annotations

import json

import pytest

from auditor.notices.kinds import RESTRICTED, RULES, KindRule, classify, scores
from auditor.notices.model import CONTRACT_KEYS, Authenticity, Notice, NoticeKind
from auditor.notices.signals import LANGUAGES, Doc, Signal
from auditor.notices.text import logical_lines, normalize
from tests.notices.conftest import notice_of, parse


def test_every_kind_but_other_has_one_rule() -> None:
    kinds = [rule.kind for rule in RULES]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == set(NoticeKind) - {NoticeKind.OTHER_AMAZON}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind.value)
def test_rule_is_documented_and_multilingual(rule: KindRule) -> None:
    assert len(rule.doc.split()) >= 15
    for signal in rule.core:
        assert set(signal.phrases) == set(LANGUAGES), signal.name
    assert rule.threshold > max(signal.weight for signal in rule.core)


def test_a_rule_needs_documentation_and_several_signals() -> None:
    with pytest.raises(ValueError):
        KindRule(NoticeKind.POLICY_WARNING, "", core=(RESTRICTED,))
    with pytest.raises(ValueError):
        KindRule(NoticeKind.POLICY_WARNING, "doc", core=(RESTRICTED,), threshold=3)
    with pytest.raises(ValueError):
        Signal("nothing", "body")


def _doc(subject: str, body: str, sender: str = "") -> Doc:
    return Doc(normalize(subject), "\n".join(logical_lines(normalize(body))), sender)


def test_one_key_sentence_alone_is_not_enough() -> None:
    sentence = (
        "As a result, you are restricted from proactively initiating new email "
        "conversations with customers."
    )
    assert classify(_doc("Hello", sentence)) is None
    found = classify(_doc("Hello", sentence, "seller-notification@amazon.com"))
    assert found is not None and found.kind is NoticeKind.MESSAGING_RESTRICTION
    assert found.signals == ("restricted-proactive", "amazon-notice-sender")
    assert "restricted from proactively" in found.evidence


def test_a_warning_of_a_restriction_to_come_is_not_a_restriction() -> None:
    body = (
        "We received a report that you offered a buyer a refund for removing negative "
        "feedback. Further violations may result in you being unable to initiate new "
        "conversations with customers."
    )
    sender = "seller-notification@amazon.com"
    assert "messaging_restriction" not in scores(_doc("Notice from Amazon", body, sender))
    stated = body.replace("may result in you being unable", "mean you are unable")
    assert "messaging_restriction" in scores(_doc("Notice from Amazon", stated, sender))


def test_evidence_quotes_the_deciding_sentence() -> None:
    found = classify(
        _doc(
            "Your Amazon.com selling account has been deactivated",
            "Hello,\nYour Amazon Seller account has been deactivated. Your "
            "listings have been removed.\nWhy is this happening?",
        )
    )
    assert found.kind is NoticeKind.ACCOUNT_DEACTIVATED
    assert found.evidence == "Your Amazon Seller account has been deactivated."


def test_ip_complaint_titled_policy_warning_is_an_ip_complaint(corpus) -> None:
    doc_scores = scores(
        _doc("Notice: Policy Warning", (corpus / "n06-ip-complaint-copyright.eml").read_text())
    )
    assert doc_scores["ip_complaint"] > doc_scores["policy_warning"]


def test_restriction_that_mentions_templates_is_not_templates_only() -> None:
    body = (
        "You are restricted from proactively initiating new email conversations with "
        "customers. You can still respond to buyer messages and use Amazon's message "
        "templates.\nHow does this restriction impact my ability to sell on Amazon?"
    )
    found = classify(_doc("proactive messaging restricted", body, "seller-notification@amazon.com"))
    assert found.kind is NoticeKind.MESSAGING_RESTRICTION


def test_partial_reinstatement_is_not_a_reinstatement() -> None:
    found = classify(
        _doc(
            "Appeal update",
            "We have restored your ability to list in Toys; your account remains suspended.",
            "no-reply@amazon.com",
        )
    )
    assert found.kind is NoticeKind.APPEAL_DECISION


# --- detect() edges ----------------------------------------------------------------------


def _raw(sender: str, subject: str, body: str, extra: str = "") -> bytes:
    return (
        f"From: {sender}\r\nTo: sales@acme-home.example\r\nSubject: {subject}\r\n"
        f"{extra}Message-ID: <edge@x.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()


def test_buyer_reply_without_complaint_is_no_notice() -> None:
    raw = _raw(
        "Jane <abc@marketplace.amazon.de>",
        "AW: Ihre Bestellung",
        "Danke, alles angekommen!\n",
        "Date: Mon, 09 Nov 2026 08:12:00 +0000\r\n",
    )
    assert parse(raw).kind.value == "reply"
    assert notice_of(raw) is None


def test_buyer_complaint_words_in_the_quote_do_not_count() -> None:
    raw = _raw(
        "Jane <abc@marketplace.amazon.com>",
        "RE: your order",
        "Thanks, the item arrived.\n\nOn Mon, Nov 2, 2026 Acme wrote:\n"
        "> Reply STOP to unsubscribe from our spam-free newsletter.\n",
        "Date: Mon, 09 Nov 2026 08:12:00 +0000\r\n",
    )
    assert notice_of(raw) is None


def test_amazon_words_in_a_buyer_reply_are_no_notice() -> None:
    raw = _raw(
        "Jane <abc@marketplace.amazon.com>",
        "RE: order",
        "Your account has been deactivated? I could not find your shop.\n",
    )
    assert notice_of(raw) is None


def test_amazon_bounce_from_a_relay_address_is_message_undelivered() -> None:
    """Amazon also sends "not delivered, your account is restricted" from the
    buyer's relay address: a per-message note, linked by that relay."""
    raw = _raw(
        "x1y2z3@marketplace.amazon.it",
        "Messaggio non consegnato: ordine 171-1234567-7654321",
        "Non siamo riusciti a recapitare il tuo messaggio perché l'invio di messaggi "
        "proattivi è temporaneamente limitato sul tuo account.\n\n"
        "----- Messaggio originale -----\nGrazie per l'acquisto!\n",
        "Date: Mon, 09 Nov 2026 08:12:00 +0000\r\n",
    )
    notice = notice_of(raw)
    assert notice is not None and notice.kind is NoticeKind.MESSAGE_UNDELIVERED
    assert notice.relays == ["x1y2z3@marketplace.amazon.it"]
    assert notice.order_ids == ["171-1234567-7654321"]
    assert notice.marketplace == "amazon.it"


def test_a_buyer_relay_never_brings_other_amazon_kinds() -> None:
    raw = _raw(
        "Jane <abc@marketplace.amazon.com>",
        "RE: order 111-1234567-7654321",
        "We restricted you from sending proactive messages for 30 days? Odd.\n",
    )
    assert notice_of(raw) is None


def test_notice_without_date() -> None:
    raw = _raw(
        "Amazon <seller-notification@amazon.com>",
        "proactive messaging restricted",
        "You are restricted from sending proactive messages for 30 days.\n"
        "Why did I receive this message?\n",
    )
    notice = notice_of(raw)
    assert notice.kind is NoticeKind.MESSAGING_RESTRICTION
    assert notice.received_at is None and notice.ends_at is None
    assert notice.duration_stated and notice.duration.days == 30
    assert notice.to_dict()["received_at"] is None


def test_to_dict_is_exactly_the_contract(corpus_notices: list[Notice]) -> None:
    for notice in corpus_notices:
        data = notice.to_dict()
        assert tuple(data) == CONTRACT_KEYS
        json.dumps(data)
        full = notice.to_dict(full=True)
        assert "raw" not in full and full["phishing"] is notice.phishing
        json.dumps(full)
    n09 = next(n for n in corpus_notices if n.authenticity is Authenticity.SUSPICIOUS)
    assert n09.to_dict()["authenticity"] == "suspicious"


def test_from_dict_restores_what_to_dict_wrote(corpus_notices: list[Notice]) -> None:
    for notice in corpus_notices:
        again = Notice.from_dict(json.loads(json.dumps(notice.to_dict(full=True))), raw=b"x")
        assert again.to_dict(full=True) == notice.to_dict(full=True)
        assert again.raw == b"x" and again.duration == notice.duration
        assert Notice.from_dict(notice.to_dict()).to_dict() == notice.to_dict()


def _buyer_reply(domain: str, subject: str, words: str) -> bytes:
    return (
        f"From: Buyer <q7x2k9@marketplace.{domain}>\nTo: sales@acme-home.example\n"
        f"Subject: {subject}\nDate: Mon, 09 Nov 2026 08:12:00 +0000\n"
        "Message-ID: <reply@marketplace.example>\nContent-Type: text/plain; charset=utf-8\n"
        f"\n{words}\n\n> On Mon, Acme wrote:\n> We hope you love it. Please leave a review.\n"
    ).encode()


@pytest.mark.parametrize(
    ("domain", "words"),
    [
        ("amazon.com", "I don't want any more emails from you."),
        ("amazon.com", "No more messages please, I already left a review."),
        ("amazon.fr", "Je ne veux plus recevoir vos messages."),
        ("amazon.es", "Por favor, no me escribáis más. Ya he dejado mi opinión."),
        ("amazon.es", "No quiero recibir más correos."),
        ("amazon.it", "Basta con queste email! Vi segnalo ad Amazon."),
        ("amazon.it", "Non voglio più ricevere niente da voi."),
    ],
)
def test_buyer_complaints_in_other_words(domain: str, words: str) -> None:
    notice = notice_of(_buyer_reply(domain, "Re: your order", words))
    assert notice is not None and notice.kind is NoticeKind.BUYER_COMPLAINT


@pytest.mark.parametrize(
    ("domain", "words"),
    [
        ("amazon.com", "Thanks, the product works great! Where can I buy the refill?"),
        ("amazon.es", "Gracias, todo perfecto. ¿Tenéis más colores?"),
        ("amazon.it", "Grazie, tutto a posto. Basta poco per essere felici!"),
    ],
)
def test_a_happy_reply_is_no_complaint(domain: str, words: str) -> None:
    assert notice_of(_buyer_reply(domain, "Re: your order", words)) is None


@pytest.mark.parametrize(
    "kind", [k for k in NoticeKind if k is not NoticeKind.OTHER_AMAZON], ids=lambda k: k.value
)
def test_every_kind_has_a_phrase_file_in_six_languages(kind: NoticeKind) -> None:
    """One data file per kind (auditor/notices/phrases/<kind>.toml): its
    documentation, and per language decision phrases with sentences that
    must and must not match (they run in tests/test_phrase_files.py)."""
    from auditor.notices.decision import phrase_file

    phrases = phrase_file(kind.value)
    assert len(phrases.doc.split()) >= 15
    examples = list(phrases.examples())
    for lang in LANGUAGES:
        assert phrases.phrases[lang].get("decision"), lang
        assert any(e.lang == lang and e.should_match for e in examples), lang
        assert any(e.lang == lang and not e.should_match for e in examples), lang
