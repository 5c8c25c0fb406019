"""English or French: lingua restricted to the two, with the grammar words as a second voice.

Players write French with English nouns ("mon cashout est pending depuis 3 jours") and the
reverse. Lingua weighs every word alike and can call such a message English; the small words
that hold a sentence together (je, mon, est, pas, depuis / I, my, is, not, since) are rarely
borrowed, so their count says which language the message is written in. The two are added as
log-odds: lingua decides when it is sure and the grammar words are few, the grammar words when
they clearly lean one way.

A very short text (fewer than three words, or no letters) says too little: unless it is
unmistakable ("compte bloqué??"), it takes the brand's primary language when one is given, and
the result says so.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from playerdesk.triage.text import words

SHORT_WORDS = 3
SHORT_SURE = 0.95  # a short text this clearly in one language keeps it
GRAMMAR_WEIGHT = 1.2  # log-odds per grammar word
LINGUA_CLIP = 6.0  # lingua's log-odds are capped: a borrowed noun can make it over-sure

# Words of one language that are not words (or are rare) in the other, accents removed.
FRENCH_WORDS = frozenset(
    """
    je j tu il elle nous vous ils elles mon ma mes ta tes sa ses notre votre nos vos leur
    leurs le la les de du des un une au aux est sont suis etait ete ai avons avez ont fait
    pas ne rien jamais toujours encore deja depuis pendant avec sans chez pour par sur
    sous dans entre et ou mais donc que qui quoi quand comment pourquoi combien ce cette
    ces cet ca c qu l n y en tres trop aussi bien merci bonjour bonsoir salut allo
    svp stp oui peux peut pouvez veux voudrais faut dois doit avoir etre moi toi lui
    quelqu apres avant hier aujourd demain jours semaine mois vraiment parce
    chu pis ben tse pu icitte astheure faque jsuis jai cest
    """.split()  # noqa: SIM905
)
ENGLISH_WORDS = frozenset(
    """
    i my mine you your yours he him his she her we our us they them their the is are
    was were am be been being have has had do does did doesn don didn isn wasn aren won
    can cannot couldn could would should will shall not no and or but so because of to for
    from with without in into at by about after before since still yet already just this that
    these those what which who whom why how when where there here it its im ive ill id
    cant thanks thank please pls plz hi hello hey yes yeah any some every get got getting
    want need tried trying keep kept
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class LanguageGuess:
    lang: str
    confidence: float
    source: str  # "detected", "brand_default" or "known" (given by the caller)


@functools.cache
def _detector():  # lingua's detector, imported when first needed
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH)
        .with_preloaded_language_models()
        .build()
    )


def _lingua_log_odds(text: str) -> float:
    """log(P(fr) / P(en)) by lingua, capped."""
    from lingua import Language

    values = {c.language: c.value for c in _detector().compute_language_confidence_values(text)}
    fr = min(max(values.get(Language.FRENCH, 0.5), 1e-6), 1 - 1e-6)
    return max(-LINGUA_CLIP, min(LINGUA_CLIP, math.log(fr / (1 - fr))))


def grammar_log_odds(tokens: list[str]) -> float:
    french = sum(1 for t in tokens if t in FRENCH_WORDS)
    english = sum(1 for t in tokens if t in ENGLISH_WORDS)
    return GRAMMAR_WEIGHT * (french - english)


def detect(text: str, *, fallback: str | None = None) -> LanguageGuess:
    """The language of a text: "en" or "fr", how sure, and whether it was detected."""
    tokens = [t for t in words(text) if not t.isdigit()]
    letters = sum(1 for c in text if c.isalpha())
    log_odds = grammar_log_odds(tokens) + (_lingua_log_odds(text) if letters else 0.0)
    p_fr = 1 / (1 + math.exp(-log_odds))
    lang, confidence = ("fr", p_fr) if p_fr >= 0.5 else ("en", 1 - p_fr)
    short = len(tokens) < SHORT_WORDS or letters == 0
    if fallback and short and confidence < SHORT_SURE:
        return LanguageGuess(fallback, confidence, "brand_default")
    return LanguageGuess(lang, confidence, "detected")
