"""Triage of one text: language, category, priority, markers of harm, and why. Pure: no ORM.

    triage("Mon retrait est bloqué depuis 5 jours", fallback_language="en")

The model (model.py) gives the category, the priority and the probability of harm; the phrases
of harm.py flag what the model might miss (recall comes first); language.py decides the
language. Then the rules that are policy rather than statistics:

- a statement of self-harm makes the priority `urgent`;
- other signs of harm make it at least `high` when they are sure (a phrase of harm, or the
  model at least `HARM_SURE`); a message flagged on weaker evidence (recall comes first) goes
  to the responsible-gambling team with the priority its words give;
- a category the model is not sure of (below `category_threshold`, kept in the model file) is
  not applied: the ticket waits for a person on the frontline team (tickets.actions).
"""

from __future__ import annotations

import functools
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playerdesk.triage.labels import MARKERS, PRIORITIES
from playerdesk.triage.language import LanguageGuess, detect
from playerdesk.triage.model import DEFAULT_PATH, Model
from playerdesk.triage.text import MAX_CHARS

SHORT_WORDS = 3  # below this many words, harm is flagged by its phrases only
HARM_SURE = 0.5  # harm this likely (or said by a phrase) raises the priority to `high`
MODEL_ENV = "PLAYERDESK_TRIAGE_MODEL"  # another model file, e.g. one trained with corrections


@dataclass(frozen=True)
class Triage:
    lang: str
    lang_confidence: float
    lang_source: str  # "detected" or "brand_default"
    category: str
    category_confidence: float
    category_sure: bool  # above the model's threshold: may be applied without a person
    priority: str
    priority_confidence: float
    harm: bool
    harm_confidence: float  # the model's probability, 1.0 when a phrase of harm says it
    markers: list[str] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)
    model: str = ""

    @property
    def harm_sure(self) -> bool:
        """Signs of harm said by a phrase or the model at least HARM_SURE sure, rather than
        flagged on the weaker evidence that recall asks for."""
        return self.harm and self.harm_confidence >= HARM_SURE

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("lang_confidence", "category_confidence", "priority_confidence"):
            data[key] = round(data[key], 3)
        data["harm_confidence"] = round(data["harm_confidence"], 3)
        return data


@functools.cache
def _model(path: str) -> Model:
    return Model.load(Path(path))


def model_path() -> Path:
    return Path(os.environ.get(MODEL_ENV) or DEFAULT_PATH)


def get_model() -> Model:
    """The model, read once per process."""
    return _model(str(model_path()))


def _raise(priority: str, at_least: str) -> str:
    return min(priority, at_least, key=PRIORITIES.index)


def triage(
    text: str,
    *,
    fallback_language: str | None = None,
    language: str | None = None,
    explain: bool = True,
    model: Model | None = None,
) -> Triage:
    """Triage a player's text. ``fallback_language``: the brand's primary language, taken by
    a text too short to tell; ``language``: the text's language when it is already known (a
    later message of a ticket), not detected again; ``explain``: find the cues (the words
    behind each decision)."""
    model = model or get_model()
    meta = model.meta
    text = text[:MAX_CHARS]  # the request is at the start; a huge text costs no more than this
    guess = (
        LanguageGuess(language, 1.0, "known")
        if language
        else detect(text, fallback=fallback_language)
    )
    vector = model.vectorize(text)
    scores = model.scores(vector)

    categories = model.probabilities(scores, "category")
    category = max(categories, key=categories.__getitem__)
    priorities = model.probabilities(scores, "priority")
    priority = max(priorities, key=priorities.__getitem__)
    p_harm = model.probabilities(scores, "harm")["yes"]

    phrases = vector.phrases  # harm.find(text), read with the signals
    # Two words say too little for the model ("more", "help"): only the phrases count there.
    is_harm = bool(phrases) or (
        len(vector.tokens) >= SHORT_WORDS and p_harm >= meta["harm_threshold"]
    )
    markers = [m for m in MARKERS if m in phrases]
    if is_harm:
        marker_p = model.probabilities(scores, "markers") if "markers" in model.heads else {}
        for marker, p in marker_p.items():
            if marker not in markers and p >= meta.get("marker_threshold", 0.5):
                markers.append(marker)
        if not markers and marker_p:
            markers.append(max(marker_p, key=marker_p.__getitem__))
        markers = [m for m in MARKERS if m in markers]
        if "self_harm" in markers:
            priority = "urgent"
        elif phrases or p_harm >= HARM_SURE:
            priority = _raise(priority, "high")

    cues: dict[str, list[str]] = {}
    if explain:
        cues["category"] = model.cues(vector, "category", category)
        cues["priority"] = model.cues(vector, "priority", priority)
        if is_harm:
            cues["harm"] = list(phrases.values()) or model.cues(vector, "harm", "yes")
    return Triage(
        lang=guess.lang,
        lang_confidence=guess.confidence,
        lang_source=guess.source,
        category=category,
        category_confidence=categories[category],
        category_sure=categories[category] >= meta["category_threshold"],
        priority=priority,
        priority_confidence=priorities[priority],
        harm=is_harm,
        harm_confidence=max(p_harm, 1.0 if phrases else 0.0),
        markers=markers,
        cues=cues,
        model=meta.get("version", ""),
    )
