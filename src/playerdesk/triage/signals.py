"""Signals: what a message says that its words alone read badly. Pure: no Django, no numpy.

The model reads words, pairs of words and pieces of words. Some of what decides a priority or
harm is in how a message is put rather than in one word: a reason given that is not gambling
("I'm moving to France", "rien à voir avec le jeu"), a limit that is a card's or a bank's, a
question asked for information, something done by someone else, a delay counted in days, a
large amount, and the phrases of harm (harm.py). Each is one more feature of the message
(`s name`), on or off, read by the priority and harm heads beside the words.

They match the normalised text (text.normalize: lower case, no accents, digits as 0).
"""

from __future__ import annotations

import re

from playerdesk.triage import harm
from playerdesk.triage.text import features_with_owner, normalize

WORDS_BLOCK, PIECES_BLOCK, SIGNALS_BLOCK = 0, 1, 2

SIGNALS: dict[str, tuple[str, ...]] = {
    # A reason given for closing or asking that is not gambling.
    "not_harm": (
        r"\b(?:not|nothing to do with|no(?:thing)?) (?:because of |for |a |any |about )?"
        r"(?:my )?(?:gambling|a gambling|the gambling)\b",
        r"\bnot (?:a|for any|for a) (?:gambling|problem)\b",
        r"\brien a voir avec (?:le jeu|vous|mon jeu|le gambling)",
        r"\bpas (?:a cause|pour une raison|un probleme) (?:du|de|de jeu)",
        r"\b(?:moving|move|moved|relocat\w*) (?:to|abroad|overseas|back|away)\b",
        r"\b(?:demenage|demenager|demenagement|rentre en france|retourne en|pars vivre)\b",
        r"\b(?:found|prefer|like) (?:another|a different|an other) (?:site|casino)\b",
        r"\b(?:faire|fais) le menage\b",
        r"\bcleaning up\b",
        r"\b(?:research|reporter|journalist|thesis|memoire de|journaliste|chercheur)\b",
    ),
    # A payment method's, a bank's or the cashier's limit, not a limit on the player.
    "payment_limit": (
        r"\b(?:card|bank|visa|mastercard|interac|carte|banque|debit|credit|wallet|skrill|"
        r"paypal|cashier|caisse)\w*\b.{0,40}\b(?:limits?|limites?|plafonds?|caps?)\b",
        r"\b(?:limits?|limites?|plafonds?|caps?)\b.{0,30}\b(?:card|bank|visa|mastercard|"
        r"interac|carte|banque|withdraw\w*|retraits?|cashouts?|par jour|per day|daily|"
        r"par transaction|per transaction)\b",
        r"\b(?:raise|increase|higher|augmenter|monter|hausser|plus haut\w*|plus elev\w*)\b"
        r".{0,30}\b(?:limits?|limites?|plafonds?|caps?)\b",
    ),
    # A request for information: the message opens with a question.
    "question": (
        r"^(?:(?:hi|hello|hey|bonjour|allo|salut|quick question|question)[ ,!.:]*)?"
        r"(?:how|what|when|where|which|why|do|does|is|are|can|could|will|would|"
        r"combien|comment|quand|quel\w*|pourquoi|est-ce|est ce|c'est quoi|ca existe|"
        r"y a-t-il|y a tu|y'a tu|peut-on|puis-je|on peut|je peux|vous avez)\b",
    ),
    # Something done by someone other than the player.
    "someone_else": (
        r"\b(?:someone|somebody|not me|wasn'?t me|without my (?:permission|knowledge|consent)|"
        r"unauthori[sz]ed|didn'?t (?:make|do|authori[sz]e|request)|quelqu'?un|"
        r"c'est pas moi|c'etait pas moi|pas moi|sans (?:mon|ma) (?:permission|accord|"
        r"consentement)|pas autorise|non autorise)\b",
    ),
    # A delay counted in days or weeks.
    "waiting": (
        r"\b(?:0+|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|"
        r"quatre|cinq|six|sept|huit|dix) (?:business |full |whole )?(?:days?|weeks?|jours?|"
        r"semaines?)\b",
        r"\bsince (?:last|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the)\b",
        r"\bdepuis (?:le|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|une|deux|trois|"
        r"la semaine|des jours|des semaines)\b",
    ),
    # An amount of a thousand or more.
    "large_amount": (r"\b0[ ,.]?000\b", r"\b0+k\b"),
    # Locked out of the account.
    "locked_out": (
        r"\b(?:locked|blocked|suspended|disabled|bloque|suspendu|desactive|barre)\b",
        r"\b(?:can'?t|cannot|unable to) (?:log|sign|get) ?in\b",
        r"\b(?:peux|peut|capable|arrive) (?:pas|pu|plus) (?:a )?(?:me connecter|rentrer|"
        r"acceder|entrer)\b",
    ),
    # Thanks, praise or feedback.
    "thanks": (r"\b(?:thank you|thanks|merci|great service|bravo|good job|excellent)\b",),
}

_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    ("s " + name, re.compile(pattern)) for name, patterns in SIGNALS.items() for pattern in patterns
)


def find(normalized: str) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """The signal features of a normalised text, each with where it starts, and the phrases
    of harm it says (marker: words)."""
    found: dict[str, int] = {}
    for name, pattern in _COMPILED:
        if name not in found:
            match = pattern.search(normalized)
            if match:
                found[name] = match.start()
    phrases = harm.matches(normalized)
    if phrases:
        found["s harm"] = min(start for _, start in phrases.values())
        for marker, (_, start) in phrases.items():
            found["s harm " + marker] = start
    return list(found.items()), {marker: words for marker, (words, _) in phrases.items()}


def analyze(text: str) -> list[str]:
    """Every feature of a text, as training counts them: its words, pairs and pieces
    (text.py), then its signals."""
    normalized = normalize(text)
    features = [feature for feature, _ in features_with_owner(normalized)]
    features += [name for name, _ in find(normalized)[0]]
    return features


def block_of(feature: str) -> int:
    """Which part of the vector a feature belongs to: words and pairs, pieces, or signals.
    Each part is weighed on its own (model.py)."""
    if feature.startswith("s "):
        return SIGNALS_BLOCK
    return PIECES_BLOCK if feature.startswith("c") else WORDS_BLOCK
