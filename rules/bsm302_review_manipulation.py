"""BSM302 review-manipulation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import View, find, lexicon, sentence

#: (location, evidence, span) of one finding before it becomes a Hit.
_Found = tuple[str, str, tuple[int, int]]

#: Words that make a sentence about a review, rating or feedback.
REVIEW_WORD = lexicon(
    en=[r"reviews?|reviewing|feedback|ratings?|rate|stars?",
        r"tell (?:others|other (?:buyers|customers|shoppers)|everyone|the world|your friends)"],
    de=[r"Bewertung\w*|Rezension\w*|bewerten|rezensieren|Feedback|Sterne\w*|Kundenmeinung\w*",
        r"erzählen Sie es (?:anderen|weiter)|sagen Sie es (?:anderen|weiter)"],
    fr=[r"avis|évaluation\w*|évaluer|commentaires?|étoiles|dites-le (?:aux autres|à tous)|"
        r"(?:une|la|bonne|meilleure) note|"
        r"noter (?:le|ce|notre|cet|cette) (?:produit|article|achat|vendeur)"],
    es=[r"reseñas?|opini[oó]n\w*|opinar|valoraci[oó]n\w*|valorar|calificaci[oó]n\w*|calificar|"
        r"comentarios?|estrellas|cu[ée]nt(?:e|a)selo a (?:otros|los demás)"],
    it=[r"recensi\w*|valutazion\w*|valutare|feedback|stell[ae]|opinion[ei]|giudizio|"
        r"lo dica agli altri|dillo agli altri"],
    ja=[r"レビュー|評価|感想|口コミ|クチコミ|フィードバック|星|★|他の(?:方|お客様)に(?:も)?(?:お伝え|教えて|広めて)"],
)

#: Asking for a positive or top rating.
POSITIVE = lexicon(
    en=[
        r"(?:5|five)[- ]?stars?|full (?:5 |five )?stars|full marks|top marks",
        r"(?:positive|good|great|glowing|favou?rable|excellent|top|perfect|nice|high|stellar|"
        r"rave|raving|awesome|amazing|5-star|five-star) (?:product )?(?:reviews?|feedback|"
        r"ratings?|comments?)",
    ],
    de=[
        r"(?:5|fünf)[- ]?Sterne\w*|volle (?:5 |fünf )?Sterne|volle Punktzahl",
        r"(?:sehr )?(?:gute|tolle|beste|hervorragende|super|positive|exzellente|top)[nrs]? "
        r"(?:Bewertung|Rezension|Feedback|Kommentar)\w*",
        r"Top-?Bewertung\w*|Bestbewertung\w*|Höchstbewertung\w*",
    ],
    fr=[
        r"(?:5|cinq) étoiles|note maximale|la note maximale",
        r"(?:avis|commentaires?|retours?) (?:positifs?|favorables?|élogieux|5 étoiles)",
        r"(?:bon|excellent|très bon|super|meilleur) (?:avis|commentaire|retour)",
        r"(?:bonne|excellente|très bonne|meilleure|belle) (?:note|évaluation)",
        r"évaluations? (?:positives?|favorables?)|notes? (?:positives?|maximales?)",
    ],
    es=[
        r"(?:5|cinco) estrellas|máxima (?:puntuación|valoración|calificación|nota)",
        r"(?:reseña|opinión|valoración|calificación|comentario)s? (?:positiv[ao]s?|favorables?|"
        r"excelentes?|de 5 estrellas)",
        r"(?:buena|excelente|mejor|gran|muy buena) (?:reseña|opinión|valoración|calificación)",
        r"(?:buen|excelente|gran) comentario",
    ],
    it=[
        r"(?:5|cinque) stelle|valutazione massima|massimo dei voti|punteggio (?:pieno|massimo)",
        r"(?:recensione|valutazione|opinione|feedback|giudizio|commento)(?: \w+)? "
        r"(?:positiv[ao]|favorevole|ottim[ao]|eccellente|a 5 stelle)",
        r"(?:buona|ottima|bella|eccellente|bellissima) (?:recensione|valutazione|opinione)",
        r"(?:buon|ottimo|bel) (?:feedback|giudizio|commento)",
    ],
    ja=[
        r"星[5５五](?:つ)?", r"[5５五]つ星", r"★[5５]", r"★★★★★", r"高評価", r"満点",
        r"(?:良い|よい|いい|素敵な|最高の|高い|ポジティブな|好意的な)(?:評価|レビュー|口コミ|感想)",
    ],
)

#: A request in the sentence: what makes "5 stars" an ask rather than a description.
ASK = lexicon(
    en=[r"please|pls|kindly|leave|give|rate|post|write|would|could|can you|will you|help|"
        r"appreciate|grateful|means?|love|hope|consider|deserve|earn|don't forget|remember"],
    de=[r"bitte|geben|vergeben|lassen|hinterlassen|würden|könnten|freuen|helfen|dankbar|"
        r"schenken|verdient|bedeutet|bedeuten"],
    fr=[r"merci|laissez|donnez|laisser|donner|aiderait|serait|mettez|attribuez|pourriez|"
        r"n'hésitez|accordez|signifie|signifierait|compte"],
    es=[r"por favor|deje|déjenos|déjanos|dé|dar|regale|regálenos|ayudaría|agradeceríamos|"
        r"podría|otorgue|regala|regálanos|significa|significaría"],
    it=[r"per favore|lasci|lasciaci|ci lasci|dia|dare|aiuterebbe|saremmo|potrebbe|metta|"
        r"assegni|significa|significherebbe"],
    ja=[r"お願い|ください|下さい|いただけ|頂け|幸い|嬉しい|励み|つけて|付けて"],
)

#: The sentence is about any rating (a scale, "positive or negative") or
#: reports what others wrote: a positive word there is not a request.
NEUTRAL = lexicon(
    en=[
        r"(?:1|one) (?:to|-|–|through|or) (?:5|five)|out of (?:5|five)",
        r"(?:positive|good|great) (?:or|and|and/or) (?:negative|bad|critical|neutral)",
        r"(?:negative|bad|critical) (?:or|and) (?:positive|good)",
        r"whether (?:it's|it is|you|positive|good|the)|regardless|no matter|whatever|"
        r"any (?:rating|review|star)|be it|or not",
        r"from other (?:customers|buyers)|we(?:'ve| have)? (?:received|had|got|earned)|"
        r"has (?:received|earned)|(?:is|been) rated",
    ],
    de=[
        r"(?:1|einem|einen|ein) bis (?:5|fünf)|von (?:5|fünf)",
        r"(?:positiv|gut)e?[nrs]? (?:oder|wie|und) (?:negativ|schlecht|kritisch)e?[nrs]?",
        r"(?:negativ|schlecht|kritisch)e?[nrs]? (?:oder|wie|und) (?:positiv|gut)e?[nrs]?",
        r"egal (?:ob|wie|welche)|ob positiv|unabhängig davon|jede (?:Bewertung|Meinung)|oder nicht",
        r"(?:haben|hat) (?:bereits |schon )?(?:\w+ )?(?:erhalten|bekommen)|andere Kunden|"
        r"bewertet mit",
    ],
    fr=[
        r"(?:1|une?) à (?:5|cinq)|sur (?:5|cinq)",
        r"(?:positi(?:f|ve)|bon(?:ne)?) ou (?:négati(?:f|ve)|mauvaise?|neutre)",
        r"(?:négati(?:f|ve)|mauvaise?) ou (?:positi(?:f|ve)|bon(?:ne)?)",
        r"qu'(?:il|elle) soit|quel(?:le)?s? que soi(?:t|ent)|peu importe|tout avis|ou (?:non|pas)",
        r"(?:avons|a) (?:déjà )?reçu|d'autres clients",
    ],
    es=[
        r"(?:1|una) a (?:5|cinco)|de (?:5|cinco) estrellas posibles",
        r"(?:positiv[ao]|buen[ao]) o (?:negativ[ao]|mal[ao]|neutral)",
        r"(?:negativ[ao]|mal[ao]) o (?:positiv[ao]|buen[ao])",
        r"sea (?:positiva|buena|cual sea)|cualquier (?:opinión|valoración|reseña)|"
        r"independientemente|sin importar|o no",
        r"(?:hemos|ha) recibido|otros clientes",
    ],
    it=[
        r"da (?:1|una) a (?:5|cinque)|su (?:5|cinque)",
        r"(?:positiv[ao]|buon[ao]?) o (?:negativ[ao]|cattiv[ao]|neutr[ao])",
        r"(?:negativ[ao]|cattiv[ao]) o (?:positiv[ao]|buon[ao]?)",
        r"che sia (?:positiv|buon)\w*|qualsiasi (?:opinione|valutazione|recensione)|"
        r"indipendentemente|o no|oppure no",
        r"(?:abbiamo|ha) ricevuto|altri clienti",
    ],
    ja=[
        r"[1１一](?:つ)?(?:から|～|〜|-)(?:星)?[5５五]",
        r"良い(?:評価|レビュー|点)?(?:も|でも|か)(?:悪い|厳しい)|良くも悪くも|どんな(?:評価|ご意見|感想)|"
        r"どのような(?:評価|ご意見|感想)",
        r"他のお客様|多くのお客様(?:から|に)|いただいて(?:おり|い)ます|かどうか|に(?:関わらず|かかわらず)",
    ],
)

#: "If you are happy…": asking only satisfied buyers (tied to a review nearby).
HAPPY_IF = lexicon(
    en=[
        r"if (?:you(?:'re| are| were| feel| have been)?|u r) (?:(?:very|really|completely|fully|"
        r"totally|truly|so|100%) )?(?:happy|satisfied|pleased|delighted|thrilled|content|"
        r"impressed)(?! to)",
        r"if you (?:love|like|loved|liked|enjoy|enjoyed|are enjoying|are loving|appreciate|"
        r"appreciated) (?:it|them|the|your|our|this|using|what)",
        r"if you had (?:a|an) (?:good|great|positive|pleasant|wonderful|nice|excellent|amazing|"
        r"5-star|five-star) (?:experience|time)",
        r"if (?:everything|all|it all|the (?:product|item|order)) (?:is|was|went|looks|arrived|"
        r"worked|works) (?:\w+ )?(?:ok|okay|fine|well|good|great|perfect|smoothly|as expected|"
        r"to your satisfaction|in (?:good|perfect) (?:condition|order))",
        r"if (?:the|our|this|your) (?:\w+ )?(?:met|meets|exceeded|exceeds|lived up to) your "
        r"expectations",
        r"otherwise",
    ],
    de=[
        r"(?:wenn|falls|sofern) (?:Sie|du) (?:mit (?:(?!nicht|kein)\w+ ){1,4})?(?:(?:voll|rundum|"
        r"sehr|ganz|absolut|wirklich) )*(?:zufrieden|glücklich|begeistert|happy) (?:sind|bist|"
        r"waren|warst)",
        r"(?:wenn|falls|sofern) (?:Ihnen|dir) (?:(?!nicht\b)\w+ ){0,3}(?:gefällt|gefallen hat|"
        r"zusagt)",
        r"(?:wenn|falls|sofern) alles (?:\w+ ){0,2}(?:in Ordnung|zu Ihrer Zufriedenheit|gut|"
        r"perfekt|reibungslos|bestens)(?: \w+)? (?:ist|war|hat)",
        r"(?:wenn|falls|sofern) (?:das Produkt|der Artikel|unser Produkt|Ihr Kauf) Ihre "
        r"Erwartungen (?:erfüllt|übertroffen)",
        r"andernfalls",
    ],
    fr=[
        r"si vous (?:êtes|étiez|avez été) (?:(?:très|pleinement|entièrement|vraiment|totalement) )?"
        r"(?:satisfaite?s?|contente?s?|ravie?s?|heureu(?:x|se)s?|conquise?s?)",
        r"si (?:le produit|l'article|notre produit|votre achat|cet article|ce produit|il|elle) "
        r"vous (?:a plu|plaît|convient|a convenu|a satisfait|satisfait)",
        r"si vous (?:avez aimé|aimez|appréciez|avez apprécié|adorez)",
        r"si tout (?:s'est bien passé|est en ordre|vous convient|est parfait|va bien)",
        r"si votre expérience (?:a été|était|est) (?:bonne|positive|agréable)",
        r"sinon|dans le cas contraire",
    ],
    es=[
        r"si (?:usted |tú )?(?:está|estás|quedó|quedaste|ha quedado|has quedado|se siente|"
        r"te sientes|estuvo|estuviste) (?:(?:muy|totalmente|completamente|plenamente) )?"
        r"(?:satisfech[oa]s?|content[oa]s?|encantad[oa]s?|feliz)",
        r"si (?:le|te|les) (?:ha gustado|gustó|gusta|ha encantado|encantó|encanta)",
        r"si todo (?:ha ido|fue|salió|ha salido|está|estuvo|llegó) (?:bien|perfecto|"
        r"correctamente|en orden)",
        r"si (?:el producto|el artículo|su compra|tu compra) (?:cumplió|ha cumplido|cumple|"
        r"superó) (?:con )?(?:sus|tus) expectativas",
        r"de lo contrario|en caso contrario",
    ],
    it=[
        r"se (?:è|sei|è stat[oa]|sei stat[oa]|è rimast[oa]|sei rimast[oa]|si ritiene|ti ritieni|"
        r"si sente) (?:(?:molto|pienamente|completamente|davvero) )?(?:soddisfatt[oaie]|"
        r"content[oaie]|felice|entusiast[ao])",
        r"se (?:il prodotto |l'articolo |l'acquisto |il nostro prodotto )?(?:le|ti|vi) "
        r"(?:è piaciut[oa]|piace|sono piaciut[ie])",
        r"se tutto (?:è andato bene|è in ordine|è perfetto|va bene|è arrivato bene)",
        r"se (?:il prodotto|l'articolo) (?:ha soddisfatto|ha superato|ha rispettato|soddisfa) "
        r"le (?:sue|tue) aspettative",
        r"altrimenti|in caso contrario",
    ],
    ja=[
        r"ご満足(?:いただけ|頂け)(?:ましたら|たなら|た場合|ましたなら|ているようでしたら|ていましたら|た方|"
        r"たお客様)",
        r"(?:気に入って|お気に召して)(?:いただけ|頂け)(?:ましたら|たら|たなら|た場合|た方|たお客様)",
        r"お気に召しましたら|満足(?:でしたら|された(?:場合|方|お客様|なら))",
        r"(?:商品に|製品に)?問題(?:が)?(?:なければ|ございませんでしたら|ない場合|なかった場合|なかったら)",
        r"(?:良い|よい|いい)(?:と|商品だと)(?:思って|感じて)(?:いただけ|頂け)(?:ましたら|たら|た場合|た方)",
    ],
)

#: "Are you happy with…?": asking about satisfaction, manipulation when the next
#: sentence goes on "If so, please review".
HAPPY_Q = lexicon(
    en=[r"(?:are|were) you (?:(?:happy|satisfied|pleased|delighted|thrilled) with|enjoying|"
        r"loving)[^.!?\n]{0,60}\?",
        r"(?:do|did) you (?:love|like|enjoy) (?:it|your|the|our)[^.!?\n]{0,60}\?"],
    de=[r"(?:sind|waren) Sie (?:mit (?:(?!nicht|kein)\w+ ){1,4})?(?:(?:voll|rundum|sehr) )?"
        r"zufrieden[^.!?\n]{0,40}\?",
        r"gefällt (?:Ihnen|dir) (?:Ihr|Ihre|dein|deine|der|die|das|unser|unsere)[^.!?\n]{0,40}\?"],
    fr=[r"(?:êtes|étiez)-vous (?:(?:satisfaite?s?|contente?s?|ravie?s?))[^.!?\n]{0,60}\?",
        r"(?:le produit|l'article|votre achat|notre produit) vous (?:plaît|a plu)[^.!?\n]{0,40}\?"],
    es=[r"¿?(?:está|estás|quedó|quedaste|ha quedado) (?:usted )?(?:satisfech[oa]|content[oa]|"
        r"encantad[oa])[^.!?\n]{0,60}\?",
        r"¿?(?:le|te) (?:ha gustado|gustó|gusta|encanta|ha encantado) (?:su|tu|el|la|nuestro)"
        r"[^.!?\n]{0,60}\?"],
    it=[r"(?:è|sei) (?:rimast[oa] )?(?:soddisfatt[oa]|content[oa])[^.!?\n]{0,60}\?",
        r"(?:le|ti) (?:è piaciut[oa]|piace)[^.!?\n]{0,60}\?"],
    ja=[r"(?:ご満足|満足)(?:いただけ|頂け|され|して)(?:まし|てい|てお)[^。！？\n]{0,10}か",
        r"(?:気に入って|お気に召して)(?:いただけ|頂け)(?:まし|てい)[^。！？\n]{0,10}か|お気に召しましたか|"
        r"気に入りましたか"],
)
#: The short form at a sentence's start ("Love it?", "Zufrieden?", "¿Contento?").
HAPPY_SHORT = lexicon(
    en=[r"(?:loving|love|liking|like|enjoying|happy with|satisfied with|pleased with|"
        r"delighted with|thrilled with) (?:it|them|your (?:new )?\w+(?: \w+)?)\s?\?|"
        r"(?:happy|satisfied|pleased|delighted)\s?\?"],
    de=[r"(?:zufrieden|begeistert|glücklich|happy)(?: mit (?:Ihrem|Ihrer|Ihren|deinem|deiner|dem|"
        r"der) (?:neuen )?\w+)?\s?\?"],
    fr=[r"(?:satisfaite?s?|contente?s?|ravie?s?|conquise?s?)(?: de (?:votre|ton|ta|cet|ce|cette) "
        r"(?:nouvel(?:le)? |nouveau )?\w+)?\s?\?"],
    es=[r"¿(?:satisfech[oa]|content[oa]|encantad[oa]|le gusta|te gusta|le encanta|te encanta)"
        r"[^.!?¿\n]{0,40}\?"],
    it=[r"(?:soddisfatt[oa]|content[oa]|entusiast[ao]|le piace|ti piace)[^.!?\n]{0,40}\?"],
)
#: The next sentence's opening that makes a question a condition ("If so, …").
IF_SO = lexicon(
    en=[r"if so|if yes|if you are|if you do|then|great|wonderful|awesome|fantastic"],
    de=[r"wenn ja|falls ja|dann|super|prima|toll|wunderbar"],
    fr=[r"si oui|si c'est le cas|alors|super|génial|parfait"],
    es=[r"si es así|si es el caso|entonces|en ese caso|genial|estupendo|perfecto"],
    it=[r"se sì|se è così|se la risposta è sì|allora|in tal caso|ottimo|perfetto"],
    ja=[r"でしたら|それでしたら|もしそうでしたら|そうでしたら"],
)

#: Asking to contact the seller before (or instead of) a negative review.
NEGATIVE = lexicon(
    en=[
        r"(?:before|prior to|instead of|rather than) (?:you )?(?:leave|leaving|post|posting|"
        r"write|writing|give|giving|submit|submitting|rate|rating|review|reviewing|"
        r"share|sharing)(?: us| the product| the item)?(?: (?:a|an|any|your))?(?: \w+)?"
        r"(?: (?:review|feedback|rating|comment))?",
        r"(?:don't|do not|please don't|never|avoid|refrain from) (?:leave|leaving|post|posting|"
        r"write|writing|give|giving) (?:us )?(?:a |an |any )?(?:negative|neutral|bad|poor|low|"
        r"critical|1-star|one-star|2-star|two-star) (?:review|feedback|rating)",
        r"(?:contact|message|email|write to|reach out to) us first|reach out first|"
        r"let us know first|talk to us first",
    ],
    de=[
        r"bevor Sie (?:uns )?(?:eine |Ihre |ein )?(?:\w+ )?(?:Bewertung|Rezension|Feedback|"
        r"Kundenmeinung)|bevor Sie (?:uns |das Produkt |den Artikel )?(?:bewerten|rezensieren)",
        r"(?:statt|anstatt|anstelle) (?:einer |eine )?(?:negativen?|schlechten?|neutralen?|"
        r"kritischen?) (?:Bewertung|Rezension)",
        r"(?:keine|nicht) (?:negative|schlechte|neutrale) (?:Bewertung|Rezension|Feedback)\w*",
        r"(?:kontaktieren Sie uns|melden Sie sich|schreiben Sie uns|wenden Sie sich) (?:bitte )?"
        r"(?:zuerst|zunächst|vorher)",
    ],
    fr=[
        r"avant de (?:nous )?(?:laisser|publier|donner|écrire|rédiger|poster|mettre|attribuer) "
        r"(?:un |une |votre )?(?:\w+ )?(?:avis|commentaire|évaluation|note)",
        r"avant d'(?:évaluer|attribuer une note|évaluer le produit)|avant de (?:noter|commenter)",
        r"(?:au lieu|plutôt que) de (?:laisser|publier|mettre|donner) (?:un |une )?(?:\w+ )?"
        r"(?:avis|commentaire|évaluation|note)",
        r"(?:ne laissez pas|évitez de laisser|ne mettez pas) (?:d'|de |un |une )?(?:\w+ )?"
        r"(?:avis|commentaire|évaluation|note)s? (?:négati\w+|neutres?|mauvais\w*)",
        r"(?:contactez|écrivez)-nous (?:d'abord|en premier|avant)",
    ],
    es=[
        r"antes de (?:dejar|escribir|publicar|poner|dar|dejarnos) (?:una |su |tu )?(?:\w+ )?"
        r"(?:opinión|reseña|valoración|calificación|comentario)",
        r"antes de (?:valorar|calificar|opinar|reseñar)",
        r"en (?:lugar|vez) de (?:dejar|escribir|publicar|poner) (?:una )?(?:\w+ )?"
        r"(?:opinión|reseña|valoración|calificación|comentario)",
        r"no (?:deje|dejes|ponga|pongas|escriba|escribas) (?:una )?(?:opinión|reseña|valoración|"
        r"calificación) (?:negativa|mala|neutral)",
        r"(?:contáctenos|contáctanos|escríbanos|escríbenos) (?:primero|antes)",
    ],
    it=[
        r"prima di (?:lasciare|scrivere|pubblicare|dare|rilasciare|lasciarci) (?:una |la sua |"
        r"la tua |un )?(?:\w+ )?(?:recensione|valutazione|feedback|opinione|commento)",
        r"prima di (?:recensire|valutare)",
        r"(?:invece di|anziché) (?:lasciare|scrivere|pubblicare) (?:una |un )?(?:\w+ )?"
        r"(?:recensione|valutazione|feedback)",
        r"non (?:lasci|lasciare|scriva|scrivere) (?:una |un )?(?:recensione|valutazione|feedback) "
        r"(?:negativ[ao]|neutr[ao])",
        r"(?:ci contatti|contattaci|ci scriva|scrivici) (?:prima|per primo)",
    ],
    ja=[
        r"(?:評価|レビュー|フィードバック|口コミ)(?:を)?(?:される|する|つける|付ける|投稿(?:される|する)?|"
        r"書(?:く|かれる)|残(?:す|される)|記入(?:される|する)?|いただく)?前に",
        r"(?:低評価|(?:悪い|低い)評価)(?:は|を)(?:せず|しないで|つけずに|付けずに|お控え)",
        r"まずは(?:当店|弊社|私たち)?(?:に|へ)?(?:ご連絡|お問い合わせ|ご相談)",
    ],
)
#: A contact request or a negative word that makes ``NEGATIVE``'s "before…" a filter.
CONTACT_OR_BAD = lexicon(
    en=[r"contact\w*|reach (?:out|us)|get in touch|let us know|message us|write to us|email us|"
        r"tell us|talk to us|reply|give us (?:a|the) chance|opportunity to (?:fix|resolve|make)|"
        r"negative|neutral|bad|poor|low|critical|unhappy|dissatisfied|unsatisfied|problems?|issues?"],
    de=[r"kontaktier\w*|Kontakt\w*|melden Sie sich|schreiben Sie uns|wenden Sie sich|Bescheid|"
        r"Nachricht|antworten|negativ\w*|neutral\w*|schlecht\w*|kritisch\w*|unzufrieden|Problem\w*"],
    fr=[r"contact\w*|écrivez|prévenez|faites-nous signe|répond\w*|négati\w*|neutre|mauvais\w*|"
        r"insatisfait\w*|problèmes?"],
    es=[r"contact\w*|escríb\w*|comuníque\w*|avís\w*|respond\w*|negativ\w*|mal[ao]|neutral|"
        r"insatisfech\w*|problemas?"],
    it=[r"contatt\w*|scriv\w*|avvis\w*|rispond\w*|negativ\w*|neutr\w*|cattiv\w*|insoddisfatt\w*|"
        r"problem\w*"],
    ja=[r"ご連絡|お問い合わせ|お問合せ|ご相談|お知らせ|ご一報|メッセージ|低評価|悪い|低い|不満|問題|不具合"],
)

#: Telling the buyer what to write.
STEER = lexicon(
    en=[
        r"(?:in|with|for) your (?:review|feedback|rating),? (?:please |kindly |could you |can you |"
        r"feel free to )?(?:mention|say|write|state|describe|highlight|include|note|talk about|"
        r"tell)",
        r"(?:please |kindly |could you |would you |can you |you could |feel free to |don't forget "
        r"to |remember to )(?:mention|say|write|state|highlight|note|tell (?:others|everyone|"
        r"other (?:buyers|customers)))(?: in your review)? (?:that|how (?:much|fast|quick|great|"
        r"good|easy|well|happy)|our (?:fast|quick|great|good|excellent|friendly|customer|service|"
        r"shipping|delivery)|the (?:fast|quick|great|good|excellent|friendly|shipping|delivery|"
        r"service|quality|packaging|brand))",
        r"(?:review|feedback|rating) (?:mentioning|that mentions|saying|that says|stating|"
        r"highlighting)",
        r"(?:use|include) (?:the |these )?(?:keywords?|phrases?)|(?:mention|include) (?:the )?"
        r"(?:product name|brand name|our brand|our name|our shop|our store)",
    ],
    de=[
        r"in (?:Ihrer|deiner) (?:Bewertung|Rezension),? (?:\w+ ){0,3}(?:erwähnen|schreiben|"
        r"beschreiben|hervorheben|angeben|betonen)",
        r"(?:erwähnen|schreiben|betonen) Sie (?:\w+,? ){0,5}?(?:dass|wie (?:schnell|gut|"
        r"zufrieden)|unseren? (?:schnellen|guten|tollen|freundlichen)|die (?:schnelle|gute))",
        r"(?:Bewertung|Rezension), (?:in der|die) (?:Sie )?(?:\w+ ){0,3}(?:erwähnen|schreiben)",
    ],
    fr=[
        r"dans votre (?:avis|commentaire|évaluation),? (?:merci de |pensez à |n'hésitez pas à |"
        r"veuillez )?(?:mentionner|préciser|indiquer|écrire|souligner|dire)",
        r"(?:mentionnez|précisez|soulignez|dites|écrivez|indiquez) (?:dans votre (?:avis|"
        r"commentaire) )?(?:que|combien|la rapidité|notre (?:service|livraison|rapidité)|"
        r"le (?:service|délai))",
    ],
    es=[
        r"en (?:su|tu) (?:reseña|opinión|valoración|comentario),? (?:por favor )?(?:mencione|"
        r"menciona|indique|indica|escriba|escribe|destaque|destaca|diga|di)",
        r"(?:mencione|menciona|destaque|destaca|diga|escriba|escribe|indique) (?:en (?:su|tu) "
        r"(?:reseña|opinión) )?(?:que|lo (?:rápido|bien|content[oa])|nuestro (?:servicio|envío)|"
        r"la rapidez|el (?:envío|servicio))",
    ],
    it=[
        r"nella (?:sua|tua) (?:recensione|valutazione|opinione),? (?:per favore )?(?:menzioni|"
        r"menziona|scriva|scrivi|indichi|evidenzi|dica|citi)",
        r"(?:menzioni|menziona|scriva|scrivi|evidenzi|sottolinei|dica|citi) (?:nella (?:sua|tua) "
        r"recensione )?(?:che|quanto|la (?:velocità|rapidità|qualità)|il nostro (?:servizio|"
        r"marchio)|la nostra (?:spedizione|assistenza))",
    ],
    ja=[
        r"(?:と|について|に触れて)(?:書いて|記入して|ご記入|記載して|触れて|お書き)(?:いただ|くださ|頂)",
        r"(?:商品名|ブランド名|ショップ名|店名|キーワード)(?:を|も)(?:入れて|記載|ご記入|書いて|含めて)",
    ],
)

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

    Flags a request for a positive or 5-star review or feedback; a request
    made only to satisfied buyers ("If you are happy with your purchase,
    please leave a review", "Wenn Sie zufrieden sind…", "Si vous êtes
    satisfait…", "Si está satisfecho…", "Se è soddisfatto…",
    "ご満足いただけましたら…"), also when the condition and the request are
    two sentences ("Love it? Review it!", "Are you happy? If so…"); asking
    buyers to contact the seller before or instead of leaving negative or
    neutral feedback; and instructions on what to write. "If you are not
    satisfied, please contact us" alone is a customer-service offer and is
    not flagged, nor is "we hope you are happy" before a neutral request, a
    rating scale ("1 to 5 stars"), or quoted text.
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
            "Wenn Sie mit dem Produkt zufrieden sind, freuen wir uns über eine "
            "5-Sterne-Bewertung.",
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
        """"Leave us 5 stars", "eine positive Bewertung"…, unless a scale or a description."""
        for location, evidence, span, match in find(POSITIVE, view):
            text = texts[location]
            rest = text[span[0] : match.start()] + " " + text[match.end() : span[1]]
            asked = "?" in rest or "？" in rest or ASK.search(rest) or REVIEW_WORD.search(rest)
            if asked and not NEUTRAL.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _negative_first(view: View) -> Iterator[_Found]:
        """"Contact us before leaving negative feedback" and its kin."""
        for location, evidence, span, _match in find(NEGATIVE, view):
            if CONTACT_OR_BAD.search(evidence) and REVIEW_WORD.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _what_to_write(view: View) -> Iterator[_Found]:
        """"In your review, please mention…"."""
        for location, evidence, span, _match in find(STEER, view):
            if REVIEW_WORD.search(evidence):
                yield location, evidence, span

    @staticmethod
    def _only_if_happy(view: View, texts: dict[str, str]) -> Iterator[_Found]:
        """"If you are happy…, please review", in one sentence or (when the
        condition stands alone: "If you're satisfied with our product.") two."""
        for location, evidence, span, match in find(HAPPY_IF, view):
            if NEUTRAL.search(evidence):
                continue
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
        """"Are you happy? If so, review" and the short "Love it? Review it!"."""
        for pattern, needs_if_so in ((HAPPY_Q, True), (HAPPY_SHORT, False)):
            for location, evidence, span, match in find(pattern, view):
                text = texts[location]
                if not needs_if_so and text[span[0] : match.start()].strip(" ¿¡"):
                    continue  # the short form only counts at a sentence's start
                following = _next_sentence(text, span[1])
                if not following or not REVIEW_WORD.search(following[0]):
                    continue
                if needs_if_so and not IF_SO.match(following[0]):
                    continue
                yield location, f"{evidence} {following[0]}", (span[0], following[2])
