"""What the triage model reads of a text: normalised words, word pairs and pieces of words.

Pure: no Django, no numpy. Training and classifying use the same functions, so a message is seen
the same way by both.

Normalising makes the spellings players actually use meet: lower case, accents removed ("reçu"
and "recu"), typographic apostrophes, digits as 0 (amounts and ids vary, their presence
matters), letters repeated three times or more cut to two ("pleeeease"), addresses and links
replaced by a word. Pieces of words (3 to 5 characters, within what the text holds between two
spaces) carry typos, inflections and joined words ("withdrawl", "retarit", "cashout"), and the
punctuation and signs around words: a question mark, "$", an emoji (a question is more often
information; "0 $" an amount).
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


def has_word(normalized: str) -> bool:
    return _TOKEN.search(normalized) is not None


def chunks(normalized: str) -> list[tuple[str, list[str]]]:
    """What a normalised text holds between spaces, each with its words, in order: the words
    of all the chunks are the text's words (tokens)."""
    return [(chunk, _TOKEN.findall(chunk)) for chunk in normalized.split()]


def pieces(chunk: str) -> Iterator[str]:
    """The pieces of a chunk, padded with a space at each end."""
    padded = f" {chunk} "
    for n in CHAR_NGRAMS:
        for start in range(len(padded) - n + 1):
            yield "c" + padded[start : start + n]


def features_with_owner(normalized: str) -> Iterator[tuple[str, int]]:
    """Every feature of a normalised text with the index of the word it comes from (a pair:
    its first; a chunk's pieces: the chunk's first word, or the word before a chunk without
    one). In order: for each chunk, each of its words and the pair it ends, then its pieces. A
    text without words has no features."""
    if not has_word(normalized):
        return
    previous: str | None = None
    count = 0
    for chunk, chunk_tokens in chunks(normalized):
        first = count
        for token in chunk_tokens:
            yield "w " + token, count
            if previous is not None:
                yield "b " + previous + " " + token, count - 1
            previous = token
            count += 1
        owner = first if chunk_tokens else max(first - 1, 0)
        for piece in pieces(chunk):
            yield piece, owner


def analyze(text: str) -> list[str]:
    """The features of a text, as the vectoriser counts them."""
    return [feature for feature, _ in features_with_owner(normalize(text))]
