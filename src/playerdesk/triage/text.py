"""What the triage model reads of a text: normalised words, word pairs and pieces of words.

Pure: no Django, no numpy. Training and classifying use the same functions, so a message is seen
the same way by both.

Normalising makes the spellings players actually use meet: lower case, accents removed ("reçu"
and "recu"), typographic apostrophes, digits as 0 (amounts and ids vary, their presence
matters), letters repeated three times or more cut to two ("pleeeease"), addresses and links
replaced by a word. Pieces of words (3 to 5 letters, within a word) carry typos, inflections
and joined words ("withdrawl", "retarit", "cashout").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

MAX_CHARS = 3000  # the request is at the start; a very long text is cut here
CHAR_NGRAMS = (3, 4, 5)

_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_DIGIT = re.compile(r"\d")
_REPEAT = re.compile(r"(\w)\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    text = text[:MAX_CHARS].lower().replace("\u2019", "'").replace("`", "'")
    text = _URL.sub(" zurl ", text)
    text = _EMAIL.sub(" zemail ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DIGIT.sub("0", text)
    return _REPEAT.sub(r"\1\1", text)


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return _TOKEN.findall(normalize(text))


def tokens(normalized: str) -> list[str]:
    """The words of a text already normalised."""
    return _TOKEN.findall(normalized)


def word_at(normalized: str, offset: int) -> int:
    """The index of the word that starts at or after a character of a normalised text."""
    return len(_TOKEN.findall(normalized, 0, offset))


def features_with_owner(tokens: list[str]) -> Iterator[tuple[str, int]]:
    """Every feature of a text with the index of the word it comes from (a pair: its first)."""
    for i, token in enumerate(tokens):
        yield "w " + token, i
        if i:
            yield "b " + tokens[i - 1] + " " + token, i - 1
        padded = f" {token} "
        for n in CHAR_NGRAMS:
            for start in range(len(padded) - n + 1):
                yield "c" + padded[start : start + n], i


def analyze(text: str) -> list[str]:
    """The features of a text, as the vectoriser counts them."""
    return [feature for feature, _ in features_with_owner(words(text))]
