"""BSM303 review-change-request."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import find, lexicon, sentence

_VERB_EN = (
    r"(?:chang(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|revis(?:e|es|ed|ing)|edit(?:s|ed|ing)?|"
    r"modif(?:y|ies|ied|ying)|amend(?:s|ed|ing)?|remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|"
    r"withdraw(?:s|n|ing)?|retract(?:s|ed|ing)?|reconsider(?:s|ed|ing)?|tak(?:e|ing) down|"
    r"adjust(?:s|ed|ing)?|rais(?:e|es|ed|ing)|upgrad(?:e|es|ed|ing)|rewrit(?:e|es|ing)|"
    r"redo(?:ing)?|bump(?:ing)? up)"
)

#: Asking to change, update or remove a review or feedback (the review named in the phrase).
CHANGE = lexicon(
    en=[
        _VERB_EN + r" (?:your|the|this|that|its|his|her|their) (?:[\w-]+ ){0,2}?"
        r"(?:product )?(?:reviews?|feedback|ratings?|star ratings?|stars|comments?)",
        r"(?:reviews?|feedback|ratings?) (?:be |being |to be )?(?:removed|changed|updated|revised|"
        r"deleted|edited|amended|withdrawn|retracted|taken down|adjusted|raised|upgraded)",
        r"(?:review|feedback|rating) (?:removal|revision|update|change|deletion|withdrawal)s?",
        r"(?:an? )?(?:updated|revised|amended) (?:review|rating|feedback)",
        r"re-?rat(?:e|ing)|re-?review(?:ing)?",
    ],
    de=[
        r"(?:Ihre|deine|die|diese|Ihr|dein|das|Ihrer|der) (?:\w+ )?(?:Bewertung|Rezension|"
        r"Kundenrezension|Sternebewertung|Produktbewertung|Verkäuferbewertung|Feedback)"
        r"(?: \w+){0,4}? (?:zu )?(?:ändern|anpassen|anzupassen|aktualisieren|überarbeiten|"
        r"entfernen|löschen|zurückziehen|zurückzuziehen|korrigieren|revidieren|überdenken|"
        r"hochsetzen|hochzusetzen|anheben|anzuheben|abändern|abzuändern)",
        r"(?:ändern|aktualisieren|überarbeiten|entfernen|löschen|korrigieren|überdenken|anpassen|"
        r"revidieren) Sie (?:bitte |doch |gerne |noch einmal |nochmals )*(?:Ihre|die|Ihr|das) "
        r"(?:\w+ )?(?:Bewertung|Rezension|Feedback)",
        r"(?:Änderung|Anpassung|Aktualisierung|Löschung|Entfernung|Überarbeitung) (?:Ihrer|der|"
        r"Ihres|des) (?:\w+ )?(?:Bewertung|Rezension|Feedbacks)",
        r"(?:Bewertungs|Rezensions|Feedback)-?(?:änderung|löschung|entfernung)",
    ],
    fr=[
        r"(?:modifier|changer|mettre à jour|retirer|supprimer|réviser|revoir|reconsidérer|"
        r"corriger|actualiser|rehausser|ajuster|effacer|enlever|modifiez|changez|retirez|"
        r"supprimez|révisez|revoyez|reconsidérez|corrigez) (?:votre |vos |l'|cet |ce |le |la |"
        r"cette |son |sa )(?:\w+ )?(?:avis|évaluation|commentaire|note)",
        r"(?:modification|suppression|mise à jour|révision|retrait) de (?:votre |vos |l'|cet |ce |"
        r"la )(?:\w+ )?(?:avis|évaluation|commentaire|note)",
        r"(?:avis|évaluation|commentaire) (?:modifiée?|supprimée?|mise? à jour|retirée?|révisée?)",
    ],
    es=[
        r"(?:(?:cambi|modific|actualiz|elimin|retir|borr|edit|reconsider|quit|mejor)(?:ar|ara|ase)|"
        r"(?:cambi|elimin|retir|borr|edit|reconsider|quit|mejor)e|modifique|actualice|"
        r"correg(?:ir|iera|iese)|corrija|sub(?:ir|a|iera|iese)) (?:su |tu |la |esa |esta |el |sus |"
        r"tus )(?:[\w-]+ )?"
        r"(?:opinión|reseña|valoración|calificación|comentario|puntuación)",
        r"(?:cambio|modificación|actualización|eliminación|retirada) de (?:su|tu|la) (?:\w+ )?"
        r"(?:opinión|reseña|valoración|calificación|comentario)",
    ],
    it=[
        r"(?:modificare|cambiare|aggiornare|rimuovere|eliminare|cancellare|rivedere|ritirare|"
        r"correggere|alzare|migliorare|modifichi|cambi|aggiorni|rimuova|elimini|cancelli|riveda|"
        r"ritiri|corregga|alzi|(?:modific|cambi|aggiorn|rimuov|elimin|cancell|rived|ritir|"
        r"corregg)(?:asse|esse)) (?:la sua |la tua |la |questa |quella |il suo |il tuo |il )"
        r"(?:\w+ )?(?:recensione|valutazione|feedback|opinione|giudizio|commento|punteggio)",
        r"(?:modifica|rimozione|cancellazione|aggiornamento|revisione) (?:della|del) (?:sua |tua )?"
        r"(?:\w+ )?(?:recensione|valutazione|feedback)",
    ],
    ja=[
        r"(?:レビュー|評価|フィードバック|口コミ|星(?:の数)?)(?:の|を)?(?:内容)?(?:を)?(?:変更|修正|削除|"
        r"取り消し|取消|更新|見直し|書き換え|書き直し|編集|撤回|訂正|取り下げ)",
        r"(?:レビュー|評価|口コミ)(?:を)?(?:書き直|消し|消して|上げ|上げて)",
        r"評価を(?:星|★)?[5５五](?:つ)?に",
    ],
)
#: "Could you update it?": the thing changed is named in this or the previous sentence.
CHANGE_IT = lexicon(
    en=[r"(?:(?:could|would|can|will|might) you (?:\w+ ){0,3}?|please (?:\w+ )?|(?:consider|mind) )"
        r"(?:change|update|revise|edit|modify|amend|remove|delete|withdraw|reconsider|adjust|"
        r"changing|updating|revising|editing|removing|deleting|withdrawing|reconsidering|"
        r"adjusting) (?:it|them)"],
    de=[r"(?:sie|es|diese) (?:\w+ )?(?:zu )?(?:ändern|anpassen|anzupassen|aktualisieren|"
        r"überarbeiten|entfernen|löschen|zurückziehen|zurückzuziehen|überdenken|abzuändern)"],
    fr=[r"(?:la|le|les) (?:modifier|changer|mettre à jour|retirer|supprimer|réviser|revoir|"
        r"reconsidérer|corriger)|(?:modifiez|retirez|supprimez|révisez|revoyez)-(?:la|le)"],
    es=[r"(?:modificarla|cambiarla|actualizarla|eliminarla|retirarla|borrarla|editarla|"
        r"reconsiderarla|modificarlo|cambiarlo|actualizarlo|eliminarlo|retirarlo|borrarlo|"
        r"editarlo|reconsiderarlo)"],
    it=[r"(?:modificarla|cambiarla|aggiornarla|rimuoverla|eliminarla|cancellarla|rivederla|"
        r"ritirarla|modificarlo|cambiarlo|aggiornarlo|rimuoverlo|eliminarlo|cancellarlo|"
        r"rivederlo|ritirarlo)"],
    ja=[r"(?:変更|修正|削除|更新|見直し|書き直し|撤回|取り下げ)(?:していただ|いただ|をお願い|をご検討|"
        r"して(?:ください|下さい|もらえ))"],
)
#: A review, rating or feedback named.
REVIEW_WORD = lexicon(
    en=[r"reviews?|feedback|ratings?|stars?"],
    de=[r"Bewertung\w*|Rezension\w*|Feedback\w*|Sterne\w*"],
    fr=[r"avis|évaluation\w*|commentaires?|étoiles"],
    es=[r"reseñas?|opini[oó]n\w*|valoraci[oó]n\w*|calificaci[oó]n\w*|comentarios?|estrellas"],
    it=[r"recension\w*|valutazion\w*|feedback|stell[ae]|opinion[ei]|giudizio"],
    ja=[r"レビュー|評価|口コミ|フィードバック|星"],
)


def _previous_sentence(text: str, left: int) -> str:
    """The sentence before the one starting at ``left`` ("" at the start)."""
    end = left
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return ""
    return sentence(text, end - 1, end)[0]


class ReviewChangeRequest(Rule):
    """Asks the buyer to change, update or remove a review or feedback.

    Flags "update your review", "would you consider removing your feedback",
    "Ihre Bewertung zu ändern", "modifier votre avis", "actualizar su
    reseña", "modificare la sua recensione", "レビューの変更", and "could you
    update it?" when the sentence or the one before names the review, in the
    subject, plain text or HTML. Quoted mail and the legal footer are not
    read.
    """

    code = "BSM303"
    name = "review-change-request"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Reviews": not allowed is "asking to change or remove a review or '
        'feedback". Trigger 3 of "The six triggers named in Amazon\'s restriction e-mail": '
        '"Incentivizing or manipulating product or seller reviews."'
    )
    fix = (
        "Solve the buyer's problem without mentioning the review or feedback; the buyer can "
        "edit it on their own if they wish. A review that breaks Amazon's rules is reported to "
        "Amazon, not raised with the buyer."
    )
    bad = (
        example("Now that we have sent a replacement, could you please update your review?"),
        example(
            "Wir haben das Problem gelöst. Wären Sie bereit, Ihre Bewertung zu ändern?",
            lang="de",
        ),
        example("Pourriez-vous modifier votre avis maintenant que le problème est réglé ?",
                lang="fr"),
        example("Le agradeceríamos que eliminara su reseña negativa.", lang="es"),
        example("Potrebbe gentilmente aggiornare la sua recensione?", lang="it"),
        example("問題は解決いたしましたので、評価の変更をご検討いただけますか。", lang="ja"),
        example(
            "We saw your 2-star rating. Would you consider changing it?",
            note="the review named in the previous sentence",
        ),
    )
    good = (
        example("Please reply if you need to update your delivery address."),
        example("Thank you for your review; we have passed your comments to our team."),
        example(
            "Wir haben die Anleitung dank Ihres Feedbacks überarbeitet.",
            lang="de",
            note="the seller changed its own manual",
        ),
        example("Merci pour votre avis sincère sur le produit.", lang="fr"),
        example("ご注文内容の変更をご希望の場合はご返信ください。", lang="ja"),
        example(
            "You wrote:\n> I will update my review once the replacement arrives.\n\n"
            "The replacement ships today.",
            note="the buyer's words, quoted",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(CHANGE, ctx.view):
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
        texts = dict(ctx.view.sections())
        for location, evidence, span, _match in find(CHANGE_IT, ctx.view):
            if (location, span) in seen:
                continue
            before = _previous_sentence(texts[location], span[0])
            if REVIEW_WORD.search(evidence) or REVIEW_WORD.search(before):
                seen.add((location, span))
                evidence = f"{before} {evidence}".strip() if before else evidence
                yield Hit(location, evidence, span=span)
