"""Phrases that mark gambling harm, in English and French. Pure.

The model learns harm from the corpus; these phrases are the floor under it: a message that says
one of them is flagged whatever the model thinks (recall comes first), and the phrase found is
shown to the agent as the cue. They match the normalised text (text.normalize: lower case, no
accents, digits as 0), so "exclusion", "EXCLUSION" and "éxclusion" are one.

Keep each phrase specific: "limit" alone is also a card's withdrawal limit, "break" a game that
breaks, "lost" a lost password. The negative cases of the corpus (corpus/GUIDELINES.md) check
that they stay so.
"""

from __future__ import annotations

import re

from playerdesk.triage.text import normalize

_ME = r"(?:me|myself|my account|mon compte|moi)"

PHRASES: dict[str, tuple[str, ...]] = {
    "self_harm": (
        r"\b(?:kill|hurt|harm) (?:my ?self|me)\b",
        r"\bsuicid",
        r"\bend(?:ing)? (?:it all|my life|things)\b",
        r"\b(?:want|wanna|going) to die\b",
        r"\bdon'?t (?:want|wanna) (?:to )?(?:live|be here|be alive|wake up)\b",
        r"\bno (?:reason|point) (?:to|in) (?:live|living|go(?:ing)? on)\b",
        r"\b(?:better off|be better) without me\b",
        r"\bnot (?:be|being) (?:here|around) (?:anymore|much longer)\b",
        r"\b(?:me|se) (?:tuer|suicider)\b",
        r"\bmettre fin a (?:mes jours|ma vie|tout)\b",
        r"\ben finir\b",
        r"\b(?:veux|veut|voudrais|ai envie de) (?:plus|pu|pas|plus vraiment) (?:vivre|etre (?:la|ici))\b",
        r"\b(?:envie|veux|voudrais) (?:de )?mourir\b",
        r"\bmieux sans moi\b",
        r"\bme faire du mal\b",
        r"\bsauter (?:du|d'un|en bas)\b",
    ),
    "self_exclusion": (
        r"\bself[ -]?exclu",
        r"\bexclude " + _ME,
        r"\bexclusion\b",
        r"\b(?:ban|block|lock|close) (?:me|my account) (?:from|for|permanently|forever|for good)",
        r"\b(?:ban|block) me\b",
        r"\bauto[ -]?exclu",
        r"\bm'?exclure\b",
        r"\bexcluez[ -]moi\b",
        r"\b(?:bloquez|bannissez|bloquer|bannir|fermez) (?:moi|mon compte) (?:pour de bon|definitivement|a vie|pour toujours|pour 0)",
        r"\bbloquez[ -]moi\b",
    ),
    "limits": (
        r"\b(?:set|put|add|lower|reduce|decrease|want|need|like|apply|activate|place) (?:up )?(?:a |my |me a |some |on )?(?:deposit |loss |wager |session |time |spending |weekly |daily |monthly )?(?:limit|cap)s?\b(?! (?:of|on) (?:my|the) (?:card|bank))",
        r"\b(?:loss|losing|wager|spending|session|play) limits?\b",
        r"\blimit (?:me|my (?:deposits?|spending|losses|play|time))\b",
        r"\blimites? de (?:perte|mise|session|temps de jeu|jeu)s?\b",
        r"\b(?:mettre|fixer|baisser|reduire|imposer|activer|veux|voudrais|aimerais) (?:une |un |ma |mes |des )?(?:limite|plafond)",
        r"\blimiter (?:mes|mon) (?:depots?|pertes?|jeu|temps|mises?)\b",
    ),
    "break": (
        r"\b(?:cool[ -]?(?:ing )?off|cooling[ -]off)\b",
        r"\b(?:take|need|want|like|put me on|give me) (?:a |on )?time[ -]?out\b",
        r"\btake a break from (?:gambling|playing|the casino|betting|slots)\b",
        r"\b(?:need|want) a break from (?:gambling|playing|betting|slots|the casino)\b",
        r"\bprendre (?:une|un) (?:pause|break|recul)\b(?! (?:de|des) (?:votre|vos|courriels|emails|messages|promos|l'infolettre))",
        r"\bperiode de (?:reflexion|pause|repit)\b",
        r"\bclose my account because (?:of )?(?:my )?(?:gambling|i (?:gamble|play|can'?t))",
    ),
    "loss_of_control": (
        r"\b(?:can'?t|cannot|couldn'?t) (?:stop|control) (?:playing|gambling|betting|depositing|myself|it)\b",
        r"\bi (?:can'?t|cannot) stop\b(?! (?:the|laughing|watching|it from|your))",
        r"\b(?:addict|addicted|addiction)\b",
        r"\bgambling problem\b",
        r"\bproblem (?:with|gambling)\b",
        r"\bout of control\b",
        r"\blost control\b",
        r"\bcompulsive\b",
        r"\b(?:m'?arreter|arrete|arreter) de (?:jouer|deposer|miser|parier)\b",
        r"\b(?:peux|arrive|suis|chu) (?:pas|plus|pu) (?:capable de )?(?:m'?arreter)\b(?! de (?:la|le|les|rire|regarder))",
        r"\bincapable de m'?arreter\b",
        r"\b(?:accro|dependan|dependence|addict)",
        r"\bprobleme de jeu\b",
        r"\bperdu le controle\b",
        r"\bjoueur compulsif\b",
        r"\bjeu compulsif\b",
        r"\b(?:gamblers|joueurs) anonymes?\b",
        r"\bconnex ?ontario\b",
        r"\bjeu aide et reference\b",
        r"\b(?:relapsed?|relapsing|rechute|rechuter|rechute)\b",
        r"\b(?:can'?t|cannot) control (?:my )?(?:gambling|spending|deposits|playing)\b",
    ),
    "chasing_losses": (
        r"\b(?:win|get|make) (?:it |my money |them |that )?back\b.{0,40}\b(?:lost|losses|lose)\b",
        r"\b(?:chase|chasing) (?:my )?loss",
        r"\brecover (?:my|what i) (?:losses|lost)\b",
        r"\b(?:regagner|recuperer|me refaire|ravoir) (?:ce que|mes pertes|l'argent que|mon argent)",
        r"\bme refaire\b",
    ),
    "bonus_after_losses": (
        r"\b(?:lost|losing|dropped|down|blew)\b.{0,100}\b(?:give|get|deserve|any|some|owe|can i have|could i have)\b.{0,20}\b(?:bonus|free ?spins|gift|gesture|something back|compensation)\b",
        r"\b(?:give|deserve|any|some|owe)\b.{0,20}\b(?:bonus|free ?spins|gift|gesture)\b.{0,80}\b(?:after|since|because|considering) .{0,30}\b(?:lost|losing|losses|dropped)\b",
        r"\b(?:perdu|flambe)\b.{0,100}\b(?:donner|avoir|meriter|un petit|un geste|geste commercial|compensation)\b.{0,30}\b(?:bonus|tours gratuits|cadeau|geste|quelque chose)\b",
        r"\b(?:bonus|tours gratuits|cadeau|geste)\b.{0,80}\b(?:apres|vu|avec) (?:tout )?(?:ce que j'ai perdu|mes pertes|tout l'argent)",
    ),
    "reverse_withdrawal": (
        r"\b(?:reverse|cancel|undo)\b.{0,30}\bwithdraw\w*\b.{0,60}\b(?:play|playing|keep|back in|balance|bet)\b",
        r"\b(?:annuler|renverser|canceller)\b.{0,30}\bretrait\b.{0,60}\b(?:jouer|rejouer|continuer|miser|solde)\b",
    ),
    "essential_money": (
        r"\b(?:rent|mortgage|groceries|grocery money|bills|hydro bill|child support|daycare)\b.{0,80}\b(?:lost|gambl|spent|deposit|played|bet)",
        r"\b(?:lost|gambled|spent|deposited|played|bet)\b.{0,80}\b(?:rent|mortgage|groceries|bills|child support|food money|paycheck|savings|loan)\b",
        r"\b(?:loyer|hypotheque|epicerie|factures?|pension alimentaire|paye|economies|pret)\b.{0,80}\b(?:perdu|joue|flambe|depense|depose|mise)",
        r"\b(?:cash advances?|payday loans?|avances? de fonds|pret sur salaire)\b.{0,80}"
        r"\b(?:deposit|gambl|play|bet|lost|depot|jouer|joue|perdu|miser)",
        r"\b(?:perdu|joue|flambe|depense|depose|mise)\b.{0,80}\b(?:loyer|hypotheque|epicerie|factures|pension alimentaire|ma paye|mes economies|mon pret)\b",
    ),
    "family_concern": (
        r"\bmy (?:husband|wife|partner|son|daughter|father|mother|dad|mom|mum|brother|sister|boyfriend|girlfriend|friend)\b.{0,120}\b(?:gambl\w*|addict\w*|debts?|plays? (?:all (?:day|night|the time)|every (?:day|night)|too much)|lost (?:all|our|his|her|the (?:house|savings)))\b",
        r"\b(?:worried|concerned|scared) (?:about|for) (?:my )?(?:husband|wife|partner|son|daughter|father|mother|dad|mom|brother|sister|boyfriend|girlfriend|friend|him|her)\b",
        r"\b(?:mon|ma) (?:mari|femme|conjoint|conjointe|fils|pere|mere|frere|soeur|chum|blonde|ami|amie)\b.{0,120}\b(?:joue (?:tout|toute|trop|toutes|chaque)|accro|dettes?|flambe|a tout perdu|probleme de jeu)\b",
        r"\b(?:inquiet|inquiete|peur) pour (?:mon|ma) ",
    ),
    "distress": (
        r"\blost everything\b(?! (?:in|on|from) )",
        r"\b(?:ruined|destroyed) (?:my|our) (?:life|lives|family|marriage)\b",
        r"\b(?:desperate|hopeless|ashamed|devastated|in despair)\b",
        r"\bcan'?t sleep\b",
        r"\btout perdu\b",
        r"\b(?:desespere|desesperee|honte|detruit ma vie|gache ma vie|ruine ma vie)\b",
        r"\b(?:dors|dormir) (?:plus|pu|pas)\b",
    ),
}

_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (marker, re.compile(pattern)) for marker, patterns in PHRASES.items() for pattern in patterns
)


def find(text: str) -> dict[str, str]:
    """The markers a text shows by its phrasing, each with the words that show it."""
    return {marker: phrase for marker, (phrase, _) in matches(normalize(text)).items()}


def matches(normalized: str) -> dict[str, tuple[str, int]]:
    """The markers a normalised text shows, each with its words and where they start."""
    found: dict[str, tuple[str, int]] = {}
    for marker, pattern in _COMPILED:
        if marker in found:
            continue
        match = pattern.search(normalized)
        if match:
            found[marker] = (match.group(0).strip(), match.start())
    return found
