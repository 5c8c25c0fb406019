"""The trained model: its file, and reading a message with it. Pure: numpy, no Django.

The file (`data/model.zip`) holds the vocabulary of features (text.py, signals.py), their
inverse document frequencies and one weight matrix whose columns are the linear heads:
language, category, priority, harm, and one per marker of harm. Reading a message is counting
its features, weighting them as in training (`weigh`: 1 + log of the count, times the idf; the
words and pairs to unit length, the pieces to unit length, each signal at `signal_weight`) and
one product with the rows of the matrix those features select. The priority head also reads the
category head's probabilities (what is at stake depends on what the message is about): a small
matrix, `stack`, adds them to its scores. scikit-learn is needed to train, not to classify.

The file is a zip of `meta.json` and numpy arrays written with fixed dates, so training on the
same corpus gives the same bytes.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from playerdesk.triage import signals
from playerdesk.triage.text import chunks, has_word, normalize, pieces, word_at

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "model.zip"
FORMAT = 2
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Chunks whose pieces' rows are remembered per process (a few MB at most).
TOKEN_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Head:
    """Columns of the weight matrix. One label among the classes (softmax; two classes: one
    column, the probability of the second), or with ``multilabel`` each class on its own."""

    name: str
    classes: tuple[str, ...]
    start: int  # first column in the weight matrix
    multilabel: bool = False

    @property
    def width(self) -> int:
        return 1 if len(self.classes) == 2 and not self.multilabel else len(self.classes)


@dataclass(frozen=True)
class Vector:
    """A message's features that the model knows: their rows, values and the word of each."""

    rows: np.ndarray
    values: np.ndarray
    owners: np.ndarray
    tokens: list[str]
    phrases: dict[str, str]  # the phrases of harm the text says (harm.py)


def weigh(values: np.ndarray, blocks: np.ndarray, signal_weight: float) -> np.ndarray:
    """The counted features of one message (1 + log of the count, times the idf) weighed as
    the model reads them: the words and pairs to unit length, the pieces to unit length, and
    each signal at ``signal_weight``, so that a long message's many pieces do not drown its
    words, nor its words its signals."""
    squares = np.bincount(blocks, weights=values * values, minlength=3)
    scale = np.zeros(3, dtype=np.float64)
    present = squares[:2] > 0
    scale[:2][present] = 1.0 / np.sqrt(squares[:2][present])
    scale[signals.SIGNALS_BLOCK] = signal_weight
    return (values * scale[blocks]).astype(np.float32)


class Model:
    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        weights: np.ndarray,
        bias: np.ndarray,
        heads: list[Head],
        meta: dict[str, Any],
        stack: np.ndarray | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.heads = {head.name: head for head in heads}
        self.meta = meta
        self.blocks = np.fromiter(
            (signals.block_of(f) for f in vocabulary), dtype=np.int64, count=len(vocabulary)
        )
        self.signal_weight = float(meta.get("signal_weight", 0.0))
        self._rows_of: dict[str, tuple[int, ...]] = {}
        # meta["stack"] = [source head, target head]: the target's scores get the source's
        # probabilities times this matrix (source classes x target classes).
        self.stack = None if stack is None else stack.astype(np.float32)

    # -- reading a message ------------------------------------------------------------------

    def _word_row(self, token: str) -> int | None:
        return self.index.get("w " + token)

    def _chunk_rows(self, chunk: str) -> tuple[int, ...]:
        """The rows of a chunk's pieces, remembered per chunk: players use the same few
        thousand words, so most chunks of a message were seen before."""
        known = self._rows_of.get(chunk)
        if known is None:
            if len(self._rows_of) >= TOKEN_CACHE_SIZE:
                self._rows_of.clear()
            rows = (self.index.get(piece) for piece in pieces(chunk))
            known = tuple(r for r in rows if r is not None)
            self._rows_of[chunk] = known
        return known

    def vectorize(self, text: str) -> Vector:
        # The features of signals.analyze, in its order (a row's owner is the word of its first
        # occurrence): text.features_with_owner, then the signals.
        normalized = normalize(text)
        counts: Counter[int] = Counter()
        owner: dict[int, int] = {}
        words: list[str] = []
        for chunk, chunk_tokens in chunks(normalized) if has_word(normalized) else ():
            first = len(words)
            for token in chunk_tokens:
                i = len(words)
                row = self._word_row(token)
                if row is not None:
                    counts[row] += 1
                    owner.setdefault(row, i)
                if i:
                    pair = self.index.get("b " + words[i - 1] + " " + token)
                    if pair is not None:
                        counts[pair] += 1
                        owner.setdefault(pair, i - 1)
                words.append(token)
            piece_owner = first if chunk_tokens else max(first - 1, 0)
            for row in self._chunk_rows(chunk):
                counts[row] += 1
                owner.setdefault(row, piece_owner)
        found, phrases = signals.find(normalized)
        if words:
            for name, start in found:
                row = self.index.get(name)
                if row is not None:
                    counts[row] += 1
                    owner.setdefault(row, min(word_at(normalized, start), len(words) - 1))
        if not counts:
            empty = np.zeros(0, dtype=np.int64)
            return Vector(empty, np.zeros(0, dtype=np.float32), empty, words, phrases)
        rows = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        values = weigh((1.0 + np.log(tf)) * self.idf[rows], self.blocks[rows], self.signal_weight)
        owners = np.fromiter((owner[r] for r in counts), dtype=np.int64, count=len(counts))
        return Vector(rows, values, owners, words, phrases)

    def scores(self, vector: Vector) -> np.ndarray:
        """The raw score of every column for one message."""
        if not len(vector.rows):
            scores = self.bias.copy()
        else:
            scores = vector.values @ self.weights[vector.rows] + self.bias
        if self.stack is not None:
            source, target = (self.heads[name] for name in self.meta["stack"])
            s = scores[source.start : source.start + source.width].astype(np.float64)
            p = np.exp(s - s.max())
            p /= p.sum()
            scores[target.start : target.start + target.width] += (p @ self.stack).astype(
                np.float32
            )
        return scores

    def probabilities(self, scores: np.ndarray, head: str) -> dict[str, float]:
        h = self.heads[head]
        s = scores[h.start : h.start + h.width].astype(np.float64)
        if h.multilabel:
            return {c: float(1.0 / (1.0 + np.exp(-x))) for c, x in zip(h.classes, s, strict=True)}
        if h.width == 1:
            p = 1.0 / (1.0 + math.exp(-float(s[0])))
            return {h.classes[0]: 1.0 - p, h.classes[1]: p}
        e = np.exp(s - s.max())
        e /= e.sum()
        return dict(zip(h.classes, (float(x) for x in e), strict=True))

    def cues(self, vector: Vector, head: str, label: str, limit: int = 3) -> list[str]:
        """The words of the message that pushed the head most towards the label."""
        if not len(vector.rows):
            return []
        h = self.heads[head]
        if h.multilabel:
            column = self.weights[vector.rows, h.start + h.classes.index(label)]
        elif h.width == 1:
            column = self.weights[vector.rows, h.start]
            if label == h.classes[0]:
                column = -column
        else:
            k = h.classes.index(label)
            block = self.weights[vector.rows, h.start : h.start + h.width]
            # Against the mean of the classes: what sets this class apart, not what all share.
            column = block[:, k] - block.mean(axis=1)
        contribution = vector.values * column
        per_word = np.zeros(len(vector.tokens), dtype=np.float64)
        np.add.at(per_word, vector.owners, contribution)
        order = np.argsort(-per_word, kind="stable")
        found: list[str] = []
        for i in order:
            if per_word[i] <= 0 or len(found) >= limit:
                break
            token = vector.tokens[i]
            if len(token) > 1 and not token.isdigit() and token not in found:
                found.append(token)
        return found

    # -- the file -----------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        meta = dict(self.meta)
        meta["format"] = FORMAT
        meta["heads"] = [
            {
                "name": h.name,
                "classes": list(h.classes),
                "start": h.start,
                "multilabel": h.multilabel,
            }
            for h in self.heads.values()
        ]
        meta["vocabulary"] = self.vocabulary
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            _write(zf, "meta.json", json.dumps(meta, ensure_ascii=False, sort_keys=True).encode())
            arrays = [
                ("idf", self.idf),
                ("weights", self.weights.astype(np.float16)),
                ("bias", self.bias),
            ]
            if self.stack is not None:
                arrays.append(("stack", self.stack))
            for name, array in arrays:
                buffer = io.BytesIO()
                np.save(buffer, array, allow_pickle=False)
                _write(zf, f"{name}.npy", buffer.getvalue())

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Model:
        with zipfile.ZipFile(path) as zf:
            meta = json.loads(zf.read("meta.json"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path.name}: model format {meta.get('format')}, not {FORMAT}")
            names = ["idf", "weights", "bias"] + (["stack"] if "stack" in meta else [])
            arrays = {
                name: np.load(io.BytesIO(zf.read(f"{name}.npy")), allow_pickle=False)
                for name in names
            }
        heads = [
            Head(h["name"], tuple(h["classes"]), h["start"], h.get("multilabel", False))
            for h in meta.pop("heads")
        ]
        vocabulary = meta.pop("vocabulary")
        return cls(
            vocabulary,
            arrays["idf"],
            arrays["weights"],
            arrays["bias"],
            heads,
            meta,
            arrays.get("stack"),
        )


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)
