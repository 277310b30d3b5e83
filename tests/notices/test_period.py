"""Restriction periods: the stated forms count, other numbers never do."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from auditor.notices.kinds import RESTRICTED, TEMPLATES_ONLY
from auditor.notices.period import Period, extract_period, parse_date, permanence
from auditor.notices.text import logical_lines, normalize

START = datetime(2026, 11, 9, 8, 12, tzinfo=UTC)


def period(
    text: str,
    lang: str = "en",
    market: str | None = "amazon.com",
    start: datetime | None = START,
    subject: str = "",
) -> Period:
    return extract_period(
        subject,
        logical_lines(normalize(text)),
        start,
        lang,
        market,
        context=(RESTRICTED.pattern, TEMPLATES_ONLY.pattern),
    )


@pytest.mark.parametrize(
    ("text", "lang", "length"),
    [
        (
            "You are restricted from proactively messaging buyers for 30 days.",
            "en",
            timedelta(days=30),
        ),
        ("Your proactive messaging is restricted for the next 30 days.", "en", timedelta(days=30)),
        ("Proactive messages are restricted for a period of 14 days.", "en", timedelta(days=14)),
        (
            "Your account is restricted from sending proactive messages for 120 hours.",
            "en",
            timedelta(hours=120),
        ),
        ("The restriction of proactive messages will last 2 weeks.", "en", timedelta(weeks=2)),
        ("Proaktive Nachrichten sind für 30 Tage eingeschränkt.", "de", timedelta(days=30)),
        ("Les messages proactifs sont restreints pendant 7 jours.", "fr", timedelta(days=7)),
        ("Los mensajes proactivos quedan restringidos durante 10 días.", "es", timedelta(days=10)),
        ("I messaggi proattivi sono limitati per 21 giorni.", "it", timedelta(days=21)),
        ("積極的なメッセージの送信は30日間制限されます。", "ja", timedelta(days=30)),
        ("積極的なメッセージの送信は３０日間制限されます。", "ja", timedelta(days=30)),
        ("積極的なメッセージの送信は72時間制限されます。", "ja", timedelta(hours=72)),
        # numbers in words
        (
            "You are restricted from proactively messaging buyers for two weeks.",
            "en",
            timedelta(weeks=2),
        ),
        ("Proactive messaging is restricted for one month.", "en", timedelta(days=30)),
        (
            "Sie können für zwei Wochen keine proaktiven Nachrichten senden.",
            "de",
            timedelta(weeks=2),
        ),
        ("Proaktive Nachrichten sind für einen Monat eingeschränkt.", "de", timedelta(days=30)),
        ("Les messages proactifs sont restreints pendant quinze jours.", "fr", timedelta(days=15)),
        (
            "El envío de mensajes proactivos queda restringido durante un mes.",
            "es",
            timedelta(days=30),
        ),
        (
            "L'invio di messaggi proattivi è limitato per quattro settimane.",
            "it",
            timedelta(weeks=4),
        ),
    ],
)
def test_lengths(text: str, lang: str, length: timedelta) -> None:
    found = period(text, lang)
    assert found.duration == length
    assert found.ends_at == START + length
    assert found.starts_at == START
    assert found.duration_stated and not found.permanent


@pytest.mark.parametrize(
    ("text", "lang", "market", "day"),
    [
        (
            "You are restricted from proactive messaging until November 30, 2026.",
            "en",
            "amazon.com",
            "2026-11-30",
        ),
        (
            "Your proactive messages are restricted until 11/30/2026.",
            "en",
            "amazon.com",
            "2026-11-30",
        ),
        (
            "Your proactive messages are restricted until 30/11/2026.",
            "en",
            "amazon.co.uk",
            "2026-11-30",
        ),
        (
            "Proactive messaging is restricted until 1 December 2026.",
            "en",
            "amazon.co.uk",
            "2026-12-01",
        ),
        (
            "Proaktive Nachrichten sind bis zum 15.12.2026 eingeschränkt.",
            "de",
            "amazon.de",
            "2026-12-15",
        ),
        (
            "Proaktive Nachrichten sind bis 15. Dezember 2026 gesperrt.",
            "de",
            "amazon.de",
            "2026-12-15",
        ),
        (
            "L'envoi de messages proactifs est restreint jusqu'au 20 décembre 2026.",
            "fr",
            "amazon.fr",
            "2026-12-20",
        ),
        (
            "El envío de mensajes proactivos está restringido hasta el 30 de noviembre de 2026.",
            "es",
            "amazon.es",
            "2026-11-30",
        ),
        (
            "L'invio di messaggi proattivi è limitato fino al 30 novembre 2026.",
            "it",
            "amazon.it",
            "2026-11-30",
        ),
        (
            "2026年11月30日まで積極的なメッセージの送信が制限されます。",
            "ja",
            "amazon.co.jp",
            "2026-11-30",
        ),
        ("Proactive messaging is restricted until December 15.", "en", "amazon.com", "2026-12-15"),
        # a Japanese date without a year: the next such day (dateparser misreads it)
        (
            "12月15日まで、購入者への積極的なメッセージ送信が制限されます。",
            "ja",
            "amazon.co.jp",
            "2026-12-15",
        ),
        (
            "1月5日まで、購入者への積極的なメッセージ送信が制限されます。",
            "ja",
            "amazon.co.jp",
            "2027-01-05",
        ),
    ],
)
def test_end_dates(text: str, lang: str, market: str, day: str) -> None:
    found = period(text, lang, market)
    assert found.ends_at is not None and found.ends_at.date() == date.fromisoformat(day)
    assert found.duration_stated and not found.permanent
    assert found.ends_at.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Your account is permanently restricted from sending proactive messages.", "en"),
        ("Proactive messaging has been suspended indefinitely.", "en"),
        ("Proaktive Nachrichten sind dauerhaft gesperrt.", "de"),
        ("L'envoi de messages proactifs est restreint définitivement.", "fr"),
        ("Los mensajes proactivos están restringidos de forma permanente.", "es"),
        ("I messaggi proattivi sono limitati a tempo indeterminato.", "it"),
        ("積極的なメッセージの送信は無期限で制限されます。", "ja"),
    ],
)
def test_permanent(text: str, lang: str) -> None:
    found = period(text, lang)
    assert found.permanent and found.duration_stated
    assert found.ends_at is None


@pytest.mark.parametrize(
    "text",
    [
        "You are restricted from proactively initiating new email conversations with customers.",
        "Customers may return items within 30 days of receipt.",
        "Your account was restricted after we reviewed invoices of the last 365 days.",
        "This restriction is based on messages you sent in the past 90 days.",
        "If you do not respond within 90 days, you will receive a request to remove inventory.",
        "Proactive messaging is restricted; your account may be deactivated within 72 hours.",
        "If you violate the guidelines again, you may be restricted for 90 days.",
        "Repeated restrictions may become permanent.",
        "We restricted your proactive messages. Keep your invoices for 365 days.",
        "この制限は過去365日間に送信されたメッセージに基づいています。",
        "制限に関する異議申し立ては30日以内に行ってください。",
        "Diese Einschränkung beruht auf Nachrichten der letzten 365 Tage.",
        "Cette restriction concerne les messages des 30 derniers jours.",
        "We restricted your proactive messages. A few days ago you sent a link.",
        "If you violate the guidelines again, you may be restricted for two weeks.",
    ],
)
def test_no_period(text: str) -> None:
    found = period(text)
    assert found.ends_at is None
    assert not found.duration_stated and not found.permanent


def test_first_stated_period_wins_over_later_numbers() -> None:
    text = (
        "You are restricted from proactive messaging for 30 days.\n"
        "Customers may return items within 30 days. Invoices of the last 365 days stay "
        "available. We may contact you within 72 hours."
    )
    assert period(text).ends_at == START + timedelta(days=30)


def test_subject_can_state_the_period() -> None:
    found = period(
        "Some of the messages you sent were not delivered.",
        subject="Proactive messaging restricted for 7 days",
    )
    assert found.ends_at == START + timedelta(days=7)


def test_unknown_start_keeps_the_length() -> None:
    found = period("Proactive messaging is restricted for 30 days.", start=None)
    assert found.duration == timedelta(days=30)
    assert found.ends_at is None and found.duration_stated


def test_an_end_date_before_the_notice_is_ignored() -> None:
    assert period("Proactive messaging was restricted until 1 January 2020.").ends_at is None


def test_relative_words_are_not_dates() -> None:
    assert parse_date("30 days", "en", START) is None
    assert parse_date("30/11/2026", "en", START, month_first=True) == datetime(
        2026, 11, 30, tzinfo=UTC
    )


def test_deactivation_permanence() -> None:
    assert permanence("", logical_lines("Your account has been permanently deactivated."))
    assert not permanence(
        "", logical_lines("Your account has been deactivated. To avoid permanent closure, reply.")
    )
