"""The prohibited actions a restriction notice names, as rule codes.

The six triggers of Amazon's restriction e-mail (policy/guidelines.md, "The
six triggers") map to the rule catalogue (policy/rules.md):

=====================================================  ==================
trigger                                                codes
=====================================================  ==================
"[Important]" in the subject / "Additional              BSM101
Information Required"
marketing or promotions                                BSM201
incentivizing … reviews / manipulating … reviews       BSM301 / BSM302
(also asking for positive reviews)                     BSM302
(asking to change or remove a review)                  BSM303
asking for the same review repeatedly                  BSM304
links / attachments not necessary for the order        BSM401 / BSM403
an excessive number of buyer complaints                BSM702
=====================================================  ==================

When the notice lists the triggers ("…at least one of the following
prohibited actions:" and a bulleted list), only the list is read, so a
sentence such as "links necessary to complete the order are still allowed"
names nothing. Without a list every sentence is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.notices.text import compile_phrases, sentences

_REVIEW = (
    r"(?:reviews?|feedback|bewertung\w*|rezension\w*|avis|commentaires?|évaluations?|"
    r"reseñas?|opiniones?|valoraci\w+|recension\w*|valutazion\w*|レビュー|評価)"
)


@dataclass(frozen=True)
class Trigger:
    """One trigger of the restriction notice and the rule codes it maps to."""

    codes: tuple[str, ...]
    name: str
    pattern: re.Pattern[str]


def _trigger(codes: tuple[str, ...], name: str, *phrases: str) -> Trigger:
    return Trigger(codes, name, compile_phrases(phrases))


TRIGGERS: tuple[Trigger, ...] = (
    _trigger(
        ("BSM101",),
        "important-subject",
        r"\[\s*(?:important|wichtig|importante|importance|重要)\s*\]",
        r"additional information required",
        r"zusätzliche informationen erforderlich",
        r"informations supplémentaires requises",
        r"se requiere información adicional",
        r"informazioni aggiuntive richieste",
        r"追加情報が必要",
    ),
    _trigger(
        ("BSM201",),
        "marketing",
        r"marketing",
        r"promotion",
        r"werbe",
        r"werbung",
        r"publicidad",
        r"promoci",
        r"pubblicit",
        r"promozion",
        r"マーケティング",
        r"宣伝",
        r"販促",
        r"プロモーション",
    ),
    _trigger(
        ("BSM301",),
        "review-incentive",
        rf"incentivi[sz]\w*…{_REVIEW}",
        rf"{_REVIEW}…incentiv",
        rf"anreiz\w*…{_REVIEW}",
        rf"{_REVIEW}…(?:anreiz|gegenleistung)",
        rf"(?:incit\w*|incitation)…{_REVIEW}",
        rf"(?:incentiv\w*|incentivo)…{_REVIEW}",
        rf"{_REVIEW}…(?:incentivo|incentivi|incentivar)",
        rf"(?:インセンティブ|見返り|報酬|特典)…{_REVIEW}",
        rf"{_REVIEW}…(?:インセンティブ|見返り|報酬|特典)",
    ),
    _trigger(
        ("BSM302",),
        "review-manipulation",
        rf"manipul\w*…{_REVIEW}",
        rf"{_REVIEW}…manipul",
        rf"manipol\w*…{_REVIEW}",
        rf"{_REVIEW}…manipol",
        rf"(?:操作|誘導)…{_REVIEW}",
        rf"{_REVIEW}…(?:操作|誘導)",
        # asking for positive / five-star reviews
        rf"\b(?:positive?|5-star|five-star|good) {_REVIEW}",
        rf"{_REVIEW} (?:positi[vf]\w*|favorables?)\b",
        rf"\b(?:positiv\w*|gut(?:e[nrs]?)?|5-sterne-?) ?{_REVIEW}",
        r"(?:高評価|星5|5つ星)",
    ),
    _trigger(
        ("BSM303",),
        "review-change-request",
        rf"\b(?:chang\w*|remov\w*|delet\w*|updat\w*|modif\w*|revis\w*|withdraw\w*)…{_REVIEW}",
        rf"{_REVIEW}…\b(?:ändern|entfernen|löschen|zurückziehen|modifier|supprimer|retirer|"
        rf"cambiar|eliminar|retirar|modificar|rimuovere|cancellare)",
        rf"\b(?:änder\w*|entfern\w*|lösch\w*|supprim\w*|retir\w*|cambi\w*|elimin\w*|"
        rf"rimuov\w*|cancell\w*)…{_REVIEW}",
        rf"{_REVIEW}(?:の)?(?:変更|削除|修正)",
    ),
    _trigger(
        ("BSM304",),
        "repeated-review-request",
        rf"same {_REVIEW}…(?:repeated|more than once|again|multiple times)",
        rf"(?:repeated(?:ly)?|multiple times|more than once)…same {_REVIEW}",
        rf"(?:dieselbe|dieselben|gleiche|gleichen|selbe|selben) {_REVIEW}…(?:wiederholt|mehrfach|"
        rf"mehrmals)",
        rf"(?:wiederholt|mehrfach|mehrmals)…(?:dieselbe|gleiche|selbe)\w* {_REVIEW}",
        rf"(?:même|mêmes) {_REVIEW}…(?:plusieurs (?:reprises|fois)|répétée?s?|à répétition)",
        rf"(?:plusieurs (?:reprises|fois)|de manière répétée|répétée?s?)…(?:même|mêmes) {_REVIEW}",
        rf"(?:misma|mismas|mismo) {_REVIEW}…(?:repetidamente|varias veces|reiterada)",
        rf"(?:repetidamente|varias veces|reiteradamente|repetid\w*|reiterad\w*)…(?:misma|mismo) "
        rf"{_REVIEW}",
        rf"(?:stessa|stesse|stesso) {_REVIEW}…(?:ripetutamente|più volte|ripetut)",
        rf"(?:ripetut\w*|più volte)…(?:stessa|stesso) {_REVIEW}",
        rf"同じ{_REVIEW}…(?:繰り返し|何度も|複数回)",
        rf"(?:繰り返し|何度も|複数回)…同じ{_REVIEW}",
    ),
    _trigger(
        ("BSM401",),
        "unnecessary-link",
        r"\blinks?\b",
        r"\blien(?:s)?\b",
        r"\benlaces?\b",
        r"\bcollegament[oi]\b",
        r"リンク",
        r"\burls?\b",
    ),
    _trigger(
        ("BSM403",),
        "unnecessary-attachment",
        r"attachments?",
        r"(?:datei)?anh(?:a|ä)ng(?:e|en)?\b",
        r"pièces? jointes?",
        r"(?:archivos )?adjuntos?",
        r"allegat[oi]",
        r"添付",
    ),
    _trigger(
        ("BSM702",),
        "buyer-complaints",
        r"(?:complaints?|negative (?:responses|feedback)) (?:\w+ ){0,4}(?:from )?(?:buyers?|"
        r"customers?)",
        r"(?:buyers?|customers?)'? complaints?",
        r"(?:buyer|customer) complain",
        r"beschwerden (?:\w+ ){0,3}(?:von )?(?:käufern|kunden)",
        r"(?:käufer|kunden)beschwerden",
        r"(?:plaintes|réclamations) (?:\w+ ){0,3}(?:des |de |d')?(?:acheteurs|clients)",
        r"(?:quejas|reclamaciones) (?:\w+ ){0,3}(?:de )?(?:los )?(?:compradores|clientes)",
        r"(?:reclami|lamentele) (?:\w+ ){0,4}(?:acquirenti|clienti)",
        r"(?:購入者|お客様)(?:から|様から)?の?(?:苦情|クレーム)",
    ),
)
_LIST_INTRO = compile_phrases(
    (
        r"following (?:prohibited )?(?:actions|activities|reasons)",
        r"folgenden",
        r"(?:actions|activités) (?:interdites|suivantes)",
        r"suivantes",
        r"(?:acciones|actividades) (?:prohibidas|siguientes)",
        r"siguientes",
        r"(?:azioni|attività) (?:vietate|seguenti)",
        r"seguenti",
        r"以下の",
        r"prohibited actions?",
        r"禁止(?:されている)?(?:行為|事項)",
    )
)
_ITEM = re.compile(r"^(?:[-*•・●◦▪►]|\d{1,2}[.)])\s*")


def _listed_items(lines: list[str]) -> list[str]:
    items: list[str] = []
    for i, line in enumerate(lines):
        if not _LIST_INTRO.search(line):
            continue
        for following in lines[i + 1 :]:
            if not _ITEM.match(following):
                break
            items.append(_ITEM.sub("", following))
        if items:
            return items
    return items


def violations(lines: Sequence[str]) -> list[str]:
    """The rule codes of the triggers named in ``lines`` (a notice's
    normalised logical lines, subject first), sorted."""
    lines = list(lines)
    pieces = _listed_items(lines) or sentences(lines)
    codes: set[str] = set()
    for piece in pieces:
        for trigger in TRIGGERS:
            if trigger.pattern.search(piece):
                codes.update(trigger.codes)
    return sorted(codes)
