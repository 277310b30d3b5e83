"""How long a restriction lasts, as the notice states it.

Only sentences about the restriction itself are read (they name a
restriction, proactive messaging, a suspension…), and only three forms
count:

* a length introduced as a length: "for 30 days", "for a period of 14 days",
  "for 120 hours", "für 30 Tage", "pendant 30 jours", "durante 30 días",
  "per 30 giorni", "30日間", with the number also in words ("for two weeks",
  "für einen Monat", "durante un mes") or both ways ("thirty (30) days");
* an end date: "until November 30, 2026", "until 30/11/2026", "bis zum
  15.12.2026", "jusqu'au 20 décembre 2026", "hasta el 30 de noviembre de
  2026", "fino al 30 novembre 2026", "2026年11月30日まで" (read by dateparser;
  no month table here);
* permanence: "permanently", "indefinitely", "dauerhaft", "définitivement",
  "無期限"…

Numbers introduced otherwise are deadlines or evidence ranges and are never a
period: "within 30 days" (a return window, a 90-day inventory deadline, a
72-hour warning), "in the last 365 days", "過去365日間", "30日以内". A
sentence that is a condition ("if you violate again, you may be restricted
for 90 days") states no period either.

``ends_at`` counts from the notice's own date (for a forward: the quoted
original's). A stated period starting at an unknown date gives a duration
but no ``ends_at``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from auditor.notices.text import compile_phrases, normalize, sentences

_UNITS = {
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=30),
}
_UNIT_WORDS = {
    "hour": (
        "hour",
        "hours",
        "stunde",
        "stunden",
        "heure",
        "heures",
        "hora",
        "horas",
        "ora",
        "ore",
        "時間",
    ),
    "day": (
        "day",
        "days",
        "tag",
        "tage",
        "tagen",
        "jour",
        "jours",
        "día",
        "días",
        "dia",
        "dias",
        "giorno",
        "giorni",
        "日",
        "日間",
    ),
    "week": (
        "week",
        "weeks",
        "woche",
        "wochen",
        "semaine",
        "semaines",
        "semana",
        "semanas",
        "settimana",
        "settimane",
        "週",
        "週間",
    ),
    "month": (
        "month",
        "months",
        "monat",
        "monate",
        "monaten",
        "mois",
        "mes",
        "meses",
        "mese",
        "mesi",
        "か月",
        "ヶ月",
        "カ月",
        "ヵ月",
        "か月間",
        "ヶ月間",
        "カ月間",
    ),
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_UNIT = "(" + "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True)) + ")"
#: Numbers written as words ("for two weeks", "für einen Monat", "durante un
#: mes"): what a notice may spell out. Only read before a unit word.
_NUMBER_WORDS = {
    1: ("one", "a", "an", "ein", "eine", "einen", "einem", "un", "une", "uno", "una"),
    2: ("two", "zwei", "deux", "dos", "due"),
    3: ("three", "drei", "trois", "tres", "tre"),
    4: ("four", "vier", "quatre", "cuatro", "quattro"),
    5: ("five", "fünf", "cinq", "cinco", "cinque"),
    6: ("six", "sechs", "seis", "sei"),
    7: ("seven", "sieben", "sept", "siete", "sette"),
    8: ("eight", "acht", "huit", "ocho", "otto"),
    9: ("nine", "neun", "neuf", "nueve", "nove"),
    10: ("ten", "zehn", "dix", "diez", "dieci"),
    12: ("twelve", "zwölf", "douze", "doce", "dodici"),
    14: ("fourteen", "vierzehn", "quatorze", "catorce", "quattordici"),
    15: ("fifteen", "fünfzehn", "quinze", "quince", "quindici"),
    30: ("thirty", "dreißig", "trente", "treinta", "trenta"),
    60: ("sixty", "sechzig", "soixante", "sesenta", "sessanta"),
    90: ("ninety", "neunzig", "quatre-vingt-dix", "noventa", "novanta"),
}
_NUMBER_OF = {word: n for n, words in _NUMBER_WORDS.items() for word in words}
_N = r"(\d{1,4}|" + "|".join(sorted(map(re.escape, _NUMBER_OF), key=len, reverse=True)) + r")"
#: A number in words and in digits side by side, as contracts write it:
#: "thirty (30) days", "soixante (60) jours", "30 (dreißig) Tage".
_BOTH_FORMS = re.compile(
    r"\b(?:([^\W\d_]+(?:-[^\W\d_]+)*) ?\((\d{1,4})\)|(\d{1,4}) ?\(([^\W\d_]+(?:-[^\W\d_]+)*)\))",
    re.IGNORECASE,
)


def _one_form(sentence: str) -> str:
    """``sentence`` with a number written both ways kept once, in digits,
    when both forms agree ("thirty (30) days" -> "30 days")."""

    def digits(match: re.Match[str]) -> str:
        word = (match[1] or match[4]).lower()
        number = match[2] or match[3]
        return number if _NUMBER_OF.get(word) == int(number) else match[0]

    return _BOTH_FORMS.sub(digits, sentence)


#: Words that make a sentence about the restriction (or a deactivation).
CONTEXT = compile_phrases(
    (
        r"restrict",
        r"proactive",
        r"suspend",
        r"deactivat",
        r"blocked from",
        r"templates",
        r"einschränk",
        r"eingeschränkt",
        r"beschränk",
        r"proaktiv",
        r"gesperrt",
        r"sperre",
        r"deaktivier",
        r"vorlagen",
        r"restreint",
        r"restriction",
        r"proacti",
        r"suspendu",
        r"désactiv",
        r"limité",
        r"restring",
        r"restricción",
        r"proactiv",
        r"suspendid",
        r"desactiv",
        r"limitad",
        r"limitat",
        r"limitazion",
        r"restrizion",
        r"proattiv",
        r"sospes",
        r"disattiv",
        r"制限",
        r"停止",
        r"積極的",
        r"プロアクティブ",
        r"能動的",
        r"à votre initiative",
        r"propre initiative",
        r"iniciativa propia",
        r"propria iniziativa",
        r"von sich aus",
    )
)
#: A sentence that is a condition or a possibility states no period.
_CONDITIONAL = compile_phrases(
    (
        r"\bif\b",
        r"\bunless\b",
        r"\b(?:may|could|might) (?:be|become|result|lead)",
        r"\bwenn\b",
        r"\bfalls\b",
        r"\bkönnte",
        r"\bkann …(?:werden|führen)",
        r"\bsi (?:vous|votre|tu|usted|su|el|la|se|continú|vuelv|reincid)",
        r"\bpourrai",
        r"\bpodría",
        r"\bpuede (?:ser|dar|llevar)",
        r"\bse (?:continu|dovess|viol|il tuo|l'account)",
        r"\bpotrebbe",
        r"\bpuò (?:essere|portare)",
        r"場合(?:は|には)",
        r"可能性",
    )
)
_LENGTH = compile_phrases(
    (
        # English
        rf"\bfor (?:the next |the following |a (?:period|duration|total|minimum) of |at least |"
        rf"a further |another |an additional |up to )?{_N} ?-?{_UNIT}\b",
        rf"\b(?:lasts|will last|to last|duration of|period of) (?:at least )?{_N} ?{_UNIT}\b",
        rf"\b(?:lifted|removed|end|ends|expire|expires) (?:automatically )?(?:after|in) "
        rf"{_N} {_UNIT}\b",
        rf"\b{_N}-{_UNIT} (?:restriction|suspension|period|block)",
        # German
        rf"\b(?:für|während) (?:die nächsten |die kommenden |einen zeitraum von |eine dauer von |"
        rf"mindestens |weitere )?{_N} {_UNIT}\b",
        rf"\b(?:nach|in) {_N} {_UNIT} (?:automatisch |wieder )?(?:aufgehoben|beendet|freigegeben)",
        rf"\b{_N}-(?:tägig|stündig)\w* (?:einschränkung|sperre)",
        rf"\b{_N} {_UNIT} lang\b",
        # French
        rf"\b(?:pendant|pour|durant) (?:les |une (?:période|durée) de |au moins |au minimum |"
        rf"encore )?{_N} {_UNIT}\b",
        rf"\b(?:levée|supprimée|prendra fin) (?:automatiquement )?(?:après|dans|au bout de) "
        rf"{_N} {_UNIT}\b",
        # Spanish
        rf"\b(?:durante|por) (?:los próximos |las próximas |un (?:período|periodo|plazo) de |al "
        rf"menos |un mínimo de )?{_N} {_UNIT}\b",
        rf"\b(?:se levantará|finalizará|terminará) (?:automáticamente )?(?:después de|"
        rf"tras|en) "
        rf"{_N} {_UNIT}\b",
        # Italian
        rf"\b(?:per|durante) (?:i prossimi |le prossime |un periodo di |almeno |un minimo di )?"
        rf"{_N} {_UNIT}\b",
        rf"\b(?:revocata|rimossa|terminerà) (?:automaticamente )?(?:dopo|tra|fra) {_N} {_UNIT}\b",
        # Japanese: "30日間", "120時間", "2週間", "3か月間" (not "30日以内", not "過去365日間")
        r"(?<!過去)(?<!直近)(?<!最近)(?<!以内の)(?<!\d)(\d{1,4}) ?(日間|時間|週間|か月間|ヶ月間|カ"
        r"月間)(?!以内)",
    )
)
_DATE = (
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:\d{4}年 ?)?\d{1,2}月 ?\d{1,2}日"
    r"|(?:[^\W\d_]+,? )?\d{1,2}(?:st|nd|rd|th|er|\.)? (?:de )?[^\W\d_]{3,12}\.?,?(?: (?:de )?"
    r"\d{4})?|(?:[^\W\d_]+,? )?[^\W\d_]{3,12}\.? \d{1,2}(?:st|nd|rd|th)?,?(?: \d{4})?)"
)
_UNTIL = compile_phrases(
    (
        rf"\b(?:until|till|through|thru) (?:the end of )?{_DATE}",
        rf"\b(?:ends?|expires?|lifted|will be lifted) on {_DATE}",
        rf"\bbis (?:zum |einschließlich |am |zum ende des )?{_DATE}",
        rf"\bjusqu'(?:au|à|à la fin du) (?:le )?{_DATE}",
        rf"\bhasta (?:el )?{_DATE}",
        rf"\b(?:fino|sino) (?:al|a|all') ?{_DATE}",
        rf"{_DATE} ?(?:まで)",
    )
)
_PERMANENT = compile_phrases(
    (
        r"\bpermanent(?:ly|e)?\b",
        r"\bindefinite(?:ly)?\b",
        r"until further notice",
        r"dauerhaft",
        r"unbefristet",
        r"auf unbestimmte zeit",
        r"bis auf weiteres",
        r"définitive?(?:ment)?",
        r"de (?:manière|façon) permanente",
        r"indéfiniment",
        r"(?:pour une|à) durée indéterminée",
        r"jusqu'à nouvel ordre",
        r"permanentemente",
        r"de (?:forma|manera) (?:permanente|indefinida)",
        r"indefinidamente",
        r"hasta nuevo aviso",
        r"in modo permanente",
        r"a tempo indeterminato",
        r"definitivamente",
        r"fino a nuovo avviso",
        r"無期限",
        r"永久",
        r"恒久的",
    )
)
_TEMPORARY = compile_phrases(
    (r"temporar", r"vorübergehend", r"temporaire", r"temporal", r"temporane", r"一時的")
)
#: Day-first unless the marketplace writes month first.
_MONTH_FIRST = frozenset({"amazon.com", "amazon.ca"})


@dataclass(frozen=True, slots=True)
class Period:
    """What a notice says about how long it applies."""

    starts_at: datetime | None = None
    ends_at: datetime | None = None
    permanent: bool = False
    duration_stated: bool = False
    duration: timedelta | None = None
    text: str | None = None  #: the words it was read from


NO_PERIOD = Period()


def parse_date(
    text: str, language: str | None, base: datetime | None, month_first: bool = False
) -> datetime | None:
    """A date written in ``language`` (dateparser; the notice's date is the
    base for a date without a year), as an aware UTC datetime at midnight."""
    import dateparser

    languages = [language] if language in ("en", "de", "fr", "es", "it", "ja") else []
    languages += [code for code in ("en", "de", "fr", "es", "it", "ja") if code not in languages]
    settings: dict[str, object] = {
        "DATE_ORDER": "MDY" if month_first else "DMY",
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "REQUIRE_PARTS": ["day", "month"],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
    cleaned = text.strip().rstrip(".,")
    if any(word.lower() in _UNIT_OF for word in re.findall(r"[a-zà-ÿ]+", cleaned.lower())):
        return None  # "30 days" is a length, and dateparser would read it as a relative date
    month_day = re.fullmatch(r"(\d{1,2})月 ?(\d{1,2})日", cleaned)
    if month_day:
        # A Japanese date without a year ("12月15日"), which dateparser reads
        # wrongly or not at all: the next such day from the notice's own date.
        start = (base or datetime.now(UTC)).astimezone(UTC)
        try:
            day = datetime(start.year, int(month_day[1]), int(month_day[2]), tzinfo=UTC)
            if day < start - timedelta(days=1):
                day = day.replace(year=start.year + 1)
        except ValueError:
            return None
        return day
    parsed = dateparser.parse(cleaned, languages=languages, settings=settings)
    if parsed is None and re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", cleaned):
        settings["DATE_ORDER"] = "DMY" if month_first else "MDY"
        parsed = dateparser.parse(cleaned, languages=languages, settings=settings)
    if parsed is None:
        return None
    parsed = parsed.astimezone(UTC)
    return parsed.replace(hour=0, minute=0, second=0, microsecond=0)


def _length(match: re.Match[str]) -> timedelta | None:
    groups = [g for g in match.groups() if g is not None]
    if len(groups) < 2:
        return None
    number, unit_word = groups[0].lower(), groups[1].lower()
    unit = _UNIT_OF.get(unit_word)
    count = int(number) if number.isdigit() else _NUMBER_OF.get(number)
    if unit is None or count is None:
        return None
    return count * _UNITS[unit]


def extract_period(
    subject: str,
    lines: Sequence[str],
    start: datetime | None,
    language: str | None = None,
    marketplace: str | None = None,
    context: Sequence[re.Pattern[str]] = (),
) -> Period:
    """The period stated in a restriction notice (see the module docstring).

    ``lines`` are the body's normalised logical lines. A sentence is about
    the restriction when it has one of :data:`CONTEXT`'s words or matches
    one of ``context`` (the kind's own core phrases)."""
    month_first = marketplace in _MONTH_FIRST or (marketplace is None and language == "en")
    for sentence in [normalize(subject), *map(_one_form, sentences(lines))]:
        about = CONTEXT.search(sentence) or any(p.search(sentence) for p in context)
        if not about or _CONDITIONAL.search(sentence):
            continue
        found = _PERMANENT.search(sentence)
        if found and not _TEMPORARY.search(sentence[: found.start()][-30:]):
            return Period(start, None, True, True, None, found.group(0))
        for match in _UNTIL.finditer(sentence):
            raw = next(g for g in match.groups() if g is not None)
            ends = parse_date(raw, language, start, month_first)
            if ends is not None and (start is None or ends >= start - timedelta(days=1)):
                return Period(start, ends, False, True, None, match.group(0))
        match = _LENGTH.search(sentence)
        if match:
            length = _length(match)
            if length:
                ends = start + length if start is not None else None
                return Period(start, ends, False, True, length, match.group(0))
    return Period(starts_at=start)


def permanence(subject: str, lines: Sequence[str]) -> bool:
    """True when the notice says its sanction is permanent (used for
    deactivations, which state no length)."""
    for sentence in [normalize(subject), *sentences(lines)]:
        if CONTEXT.search(sentence) and not _CONDITIONAL.search(sentence):
            if _PERMANENT.search(sentence):
                return True
    return False
