"""BSM302 review-manipulation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import View, find, phrases, sentence

#: (location, evidence, span) of one finding before it becomes a Hit.
_Found = tuple[str, str, tuple[int, int]]

#: Words that make a sentence about a review, rating or feedback.
REVIEW_WORD = phrases("review_manipulation", "review_word")

#: Asking for a positive or top rating.
POSITIVE = phrases("review_manipulation", "positive")

#: A request in the sentence: what makes "5 stars" an ask rather than a description.
ASK = phrases("review_manipulation", "ask")

#: The sentence is about any rating (a scale, "positive or negative") or
#: reports what others wrote: a positive word there is not a request.
NEUTRAL = phrases("review_manipulation", "neutral")

#: "If you are happy…": asking only satisfied buyers (tied to a review nearby).
HAPPY_IF = phrases("review_manipulation", "happy_if")

#: "Are you happy with…?": asking about satisfaction, manipulation when the next
#: sentence goes on "If so, please review".
HAPPY_Q = phrases("review_manipulation", "happy_q")
#: The short form at a sentence's start ("Love it?", "Zufrieden?", "¿Contento?").
HAPPY_SHORT = phrases("review_manipulation", "happy_short")
#: The next sentence's opening that makes a question a condition ("If so, …").
IF_SO = phrases("review_manipulation", "if_so")
#: "We hope you like it": a hope that gates only when the next sentence opens
#: with a plain "If so, …" (:data:`IF_YES`), not with "Then" or "Great".
HOPE = phrases("review_manipulation", "hope")
IF_YES = phrases("review_manipulation", "if_yes")

#: Asking to contact the seller before (or instead of) a negative review.
NEGATIVE = phrases("review_manipulation", "negative")
#: A contact request or a negative word that makes ``NEGATIVE``'s "before…" a filter.
CONTACT_OR_BAD = phrases("review_manipulation", "contact_or_bad")

#: Telling the buyer what to write.
STEER = phrases("review_manipulation", "steer")

#: The problem was solved: "satisfied that we have resolved…" is a condition on
#: the resolution, not on liking the product.
RESOLVED = phrases("review_manipulation", "resolved")
#: Updating or removing feedback already given (BSM303's phrases).
CHANGE_EXISTING = phrases("review_change", "change")

_BREAK = re.compile(r"[,;:、，—–]")


def _next_sentence(text: str, right: int) -> tuple[str, int, int] | None:
    """The sentence after the one ending at ``right``, or None at the end."""
    start = right
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    return sentence(text, start, min(start + 1, len(text)))


class ReviewManipulation(Rule):
    """Steers the review: asks for a positive one, only happy buyers, or contact first.

    Reads intent, not one idiom: flags a request for a positive or 5-star
    review or feedback; a request made only to satisfied buyers, whatever
    words carry the condition ("If you are happy with your purchase, please
    leave a review", the non-native "if our products and service make you
    satisfactory, we sincerely hope you can leave us feedback", "Should the
    lamp meet your expectations…", "Wenn Ihnen der Artikel gefällt…", "Si
    notre service vous a plu…", "Si le ha gustado…", "Se le è piaciuto…",
    "ご満足いただけましたら…"), also when the condition and the request are two
    sentences ("Love it? Review it!", "Are you happy? If so…", "Hope you like
    it! If so…"); asking buyers to contact the seller before or instead of
    leaving negative or neutral feedback; and instructions on what to write,
    including copying seller feedback into a product review ("simply copy your
    feedback as product review"). The phrases are data:
    ``rules/phrases/review_manipulation.toml``.

    Not flagged: "If you are not satisfied, please contact us" (a
    customer-service offer), "we hope you are happy" before a neutral
    request, a rating scale ("1 to 5 stars"), quoted text, and Amazon's own
    acceptable notification after a resolved problem ("If you are satisfied
    that we have resolved your concerns, it is possible to update or remove
    the feedback", Seller Central help 202126280): that condition is on the
    resolution, not on liking the product, and BSM303 judges it.
    """

    code = "BSM302"
    name = "review-manipulation"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Reviews": not allowed is "asking for a positive review; asking only '
        "buyers who had a good experience; asking buyers to contact the seller before leaving "
        'a negative review; … instructions on what to write". Trigger 3 of "The six triggers '
        'named in Amazon\'s restriction e-mail": "Incentivizing or manipulating product or '
        'seller reviews."'
    )
    fix = (
        "Ask every buyer the same neutral question, with no condition, no star count and no "
        'script: "We would appreciate your honest feedback." Offer help for problems in a '
        "separate sentence that does not mention reviews."
    )
    bad = (
        example("If you love it, please leave 5 stars!"),
        example("Before leaving negative feedback, please contact us first."),
        example("Si vous êtes satisfait, laissez un avis.", lang="fr"),
        example(
            "Wenn Sie mit dem Produkt zufrieden sind, freuen wir uns über eine 5-Sterne-Bewertung.",
            lang="de",
        ),
        example("Si está satisfecho con su compra, déjenos una reseña positiva.", lang="es"),
        example(
            "Prima di lasciare una recensione negativa, la preghiamo di contattarci.", lang="it"
        ),
        example("ご満足いただけましたら、星5つのレビューをお願いいたします。", lang="ja"),
        example(
            html="<p>Love it?</p><p>Leave us a review!</p>",
            note="the condition and the request in two sentences, HTML",
        ),
        example(
            "In your review, please mention how fast the shipping was.",
            note="telling the buyer what to write",
        ),
        example(
            "If our products and service make you satisfactory, we sincerely hope you can "
            "leave us feedback.",
            note="non-native review gating",
        ),
        example(
            "Thank you for the seller feedback! Simply copy your feedback as product review.",
            note="steering seller feedback into a product review",
        ),
    )
    good = (
        example("We would appreciate your honest feedback."),
        example(
            "If you are not satisfied, please contact us and we will make it right.",
            note="a customer-service offer, not tied to a review",
        ),
        example(
            "We hope you are happy with your purchase. We would appreciate your honest review.",
            note="an unconditional hope before a neutral request",
        ),
        example("Ihre ehrliche Bewertung hilft anderen Kunden.", lang="de"),
        example("Votre avis sincère, positif ou négatif, nous aide à progresser.", lang="fr"),
        example(
            "Your order summary:\n> Rated 5 stars by 2,000 buyers\n\nWe'd value your review.",
            note="'5 stars' in quoted Amazon text",
        ),
        example("率直なご感想をお聞かせいただければ幸いです。", lang="ja"),
        example(
            "If you are satisfied that we have resolved your concerns, it is possible to update "
            "or remove the feedback you originally provided here.",
            note="Amazon's acceptable notification (Seller Central help 202126280)",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        texts = dict(ctx.view.sections())
        seen: set[tuple[str, int]] = set()
        for found in (
            self._positive(ctx.view, texts),
            self._negative_first(ctx.view),
            self._what_to_write(ctx.view),
            self._only_if_happy(ctx.view, texts),
            self._happy_question(ctx.view, texts),
        ):
            for location, evidence, span in found:
                if (location, span[0]) not in seen:
                    seen.add((location, span[0]))
                    yield Hit(location, evidence, span=span)

    @staticmethod
    def _positive(view: View, texts: dict[str, str]) -> Iterator[_Found]:
        """ "Leave us 5 stars", "eine positive Bewertung"…, unless a scale or a description."""
        for location, evidence, span, match in find(POSITIVE, view):
            text = texts[location]
            rest = text[span[0] : match.start()] + " " + text[match.end() : span[1]]
            asked = "?" in rest or "？" in rest or ASK.search(rest) or REVIEW_WORD.search(rest)
            if asked and not NEUTRAL.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _negative_first(view: View) -> Iterator[_Found]:
        """ "Contact us before leaving negative feedback" and its kin."""
        for location, evidence, span, _match in find(NEGATIVE, view):
            if CONTACT_OR_BAD.search(evidence) and REVIEW_WORD.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _what_to_write(view: View) -> Iterator[_Found]:
        """ "In your review, please mention…"."""
        for location, evidence, span, _match in find(STEER, view):
            if REVIEW_WORD.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _only_if_happy(view: View, texts: dict[str, str]) -> Iterator[_Found]:
        """ "If you are happy…, please review", in one sentence or (when the
        condition stands alone: "If you're satisfied with our product.") two."""
        for location, evidence, span, match in find(HAPPY_IF, view):
            if NEUTRAL.search(evidence):
                continue
            if RESOLVED.search(evidence) and CHANGE_EXISTING.search(evidence):
                continue  # after a resolved problem, about existing feedback: BSM303 decides
            if REVIEW_WORD.search(evidence):
                yield location, evidence, span
                continue
            rest = texts[location][match.end() : span[1]]
            if len(rest) > 80 or _BREAK.search(rest):
                continue
            following = _next_sentence(texts[location], span[1])
            if following and REVIEW_WORD.search(following[0]):
                yield location, f"{evidence} {following[0]}", (span[0], following[2])

    @staticmethod
    def _happy_question(view: View, texts: dict[str, str]) -> Iterator[_Found]:
        """ "Are you happy? If so, review", "Hope you like it! If so, review" and the
        short "Love it? Review it!"."""
        for pattern, opener in ((HAPPY_Q, IF_SO), (HOPE, IF_YES), (HAPPY_SHORT, None)):
            for location, evidence, span, match in find(pattern, view):
                text = texts[location]
                if opener is None and text[span[0] : match.start()].strip(" ¿¡"):
                    continue  # the short form only counts at a sentence's start
                following = _next_sentence(text, span[1])
                if not following or not REVIEW_WORD.search(following[0]):
                    continue
                if opener is not None and not opener.match(following[0]):
                    continue
                yield location, f"{evidence} {following[0]}", (span[0], following[2])
