"""Training and evaluating the triage model from the labelled corpus (scikit-learn).

`train()` reads `corpus/train.jsonl` (and any extra files, such as agents' corrections), fits
one logistic regression per head on the same features (the harm head on the words weighed by
their naive Bayes ratios, `nb_ratios`), chooses the thresholds by
cross-validation on the training data alone, and writes the model file. Nothing is random but
the folds, which are seeded: the same corpus gives the same file.

`evaluate()` reads `corpus/eval.jsonl`, which training never reads, through the same path a
ticket takes (classifier.triage) and measures it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from playerdesk.triage import harm as harm_phrases
from playerdesk.triage import signals
from playerdesk.triage.labels import CATEGORIES, LANGUAGES, MARKERS, PRIORITIES
from playerdesk.triage.model import Head, Model

CORPUS = Path(__file__).resolve().parent / "corpus"
TRAIN_FILE = CORPUS / "train.jsonl"
EVAL_FILE = CORPUS / "eval.jsonl"

# Regularisation of each head, chosen by cross-validation on the training file.
C_VALUES = {"lang": 10.0, "category": 20.0, "priority": 10.0, "harm": 10.0, "markers": 10.0}
HARM_RECALL = 0.95  # the harm threshold keeps at least this recall across the folds
CATEGORY_PRECISION = 0.95  # a category is applied alone when this sure
SIGNAL_WEIGHT = 0.6  # each signal's value in a message's vector (signals.py)
STACK_WEIGHT = 0.5  # the category's probabilities' scale beside the features, for the priority
NB_ALPHA = 1.0  # the smoothing of the harm head's naive Bayes ratios (nb_ratios)
FOLDS = 5
SEED = 20261123


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    category: str
    priority: str
    harm: bool
    markers: tuple[str, ...]


def read_corpus(path: Path) -> list[Example]:
    """The examples of a JSON-lines file, checked: a wrong label names its line."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                example = Example(
                    text=str(row["text"]),
                    lang=row["lang"],
                    category=row["category"],
                    priority=row["priority"],
                    harm=bool(row["harm"]),
                    markers=tuple(row.get("markers") or ()),
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path.name}:{number}: {exc}") from None
            problems = [
                name
                for name, value, allowed in (
                    ("lang", example.lang, LANGUAGES),
                    ("category", example.category, CATEGORIES),
                    ("priority", example.priority, PRIORITIES),
                )
                if value not in allowed
            ]
            problems += [f"marker {m}" for m in example.markers if m not in MARKERS]
            # Markers name the signs of harm; a file labelled elsewhere may say harm alone.
            if example.markers and not example.harm:
                problems.append("markers without harm")
            if problems:
                raise CorpusError(f"{path.name}:{number}: bad {', '.join(problems)}")
            examples.append(example)
    return examples


def nb_ratios(x: Any, positive: np.ndarray, alpha: float = NB_ALPHA) -> np.ndarray:
    """Per feature, the log of how much more often it occurs in the ``positive`` rows than in
    the others, each side smoothed by ``alpha`` and normalised by its total (Wang and Manning,
    "Baselines and bigrams", 2012). A feature that occurs in no row gets a ratio but no weight
    from the regression, which sees only zeros in its column."""
    present = (x > 0).astype(np.float32)
    p = np.asarray(present[positive].sum(axis=0)).ravel() + alpha
    q = np.asarray(present[~positive].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


def _fit_heads(x: Any, x_words: Any, examples: list[Example], full: bool) -> list[Any]:
    """The heads, fitted. Not ``full``: the category and harm heads only, as the thresholds'
    folds need them."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    def fit(
        target: list[Any],
        c: float,
        balanced: bool = False,
        words_only: bool = False,
        on: Any = None,
    ) -> Any:
        model = LogisticRegression(
            C=c, max_iter=3000, class_weight="balanced" if balanced else None
        )
        return model.fit(on if on is not None else x_words if words_only else x, target)

    categories = [e.category for e in examples]
    priorities = [e.priority for e in examples]
    category = fit(categories, C_VALUES["category"], words_only=True)
    # Harm: each word weighed by how much likelier it is in messages with harm than without
    # (naive Bayes log-count ratios), then a logistic regression on the weighed words. The
    # weights fold into the coefficients, so the model file and the classifier are unchanged.
    is_harm = np.array([e.harm for e in examples])
    ratios = nb_ratios(x_words, is_harm)
    harm = fit(
        ["yes" if h else "no" for h in is_harm],
        C_VALUES["harm"],
        True,
        on=sparse.csr_matrix(x_words.multiply(ratios)),
    )
    harm.coef_ = harm.coef_ * ratios
    if not full:
        return [
            ("category", tuple(str(c) for c in category.classes_), category, False),
            ("harm", tuple(str(c) for c in harm.classes_), harm, False),
        ]
    # The priority head reads the category's probabilities beside the features: for each
    # message, those of a category head that did not see it (out of fold), so that it
    # learns from probabilities like the ones it will get.
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    out_of_fold = cross_val_predict(
        LogisticRegression(C=C_VALUES["category"], max_iter=3000),
        x_words,
        categories,
        cv=folds,
        method="predict_proba",
    )
    stacked = sparse.hstack([x, sparse.csr_matrix(out_of_fold * STACK_WEIGHT)]).tocsr()
    joint = fit(priorities, C_VALUES["priority"], True, on=stacked)
    width = x.shape[1]
    priority: Any = SimpleNamespace(
        classes_=joint.classes_, coef_=joint.coef_[:, :width], intercept_=joint.intercept_
    )
    priority.stack = (joint.coef_[:, width:] * STACK_WEIGHT).T  # categories x priorities
    heads = [
        ("lang", fit([e.lang for e in examples], C_VALUES["lang"], words_only=True), False),
        ("category", category, False),
        ("priority", priority, False),
        ("harm", harm, False),
    ]
    fitted = [(name, tuple(str(c) for c in m.classes_), m, multi) for name, m, multi in heads]
    marker_models = []
    for marker in MARKERS:
        target = [marker in e.markers for e in examples]
        if sum(target) >= 3:
            marker_models.append((marker, fit(target, C_VALUES["markers"], True)))
    if marker_models:
        fitted.append(("markers", tuple(m for m, _ in marker_models), marker_models, True))
    return fitted


def _assemble(vocabulary: list[str], idf: Any, fitted: list[Any], meta: dict[str, Any]) -> Model:
    columns, biases, heads = [], [], []
    start = 0
    stack = None
    for name, classes, model, multilabel in fitted:
        if multilabel:
            coef = np.vstack([m.coef_ for _, m in model])
            bias = np.concatenate([m.intercept_ for _, m in model])
        else:
            coef, bias = model.coef_, model.intercept_
            if getattr(model, "stack", None) is not None:
                stack, meta = model.stack, {**meta, "stack": ["category", name]}
        heads.append(Head(name, classes, start, multilabel))
        columns.append(coef.T)
        biases.append(bias)
        start += coef.shape[0]
    return Model(vocabulary, idf, np.hstack(columns), np.concatenate(biases), heads, meta, stack)


def _vectorize(examples: list[Example]) -> tuple[list[str], Any, Any, Any]:
    """The vocabulary (features seen in at least two messages), the idf of each (1 for a
    signal: on or off), and the matrix of the examples weighed as model.weigh does, with and
    without the signals."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer=signals.analyze, sublinear_tf=True, min_df=2, norm=None, dtype=np.float32
    )
    vectorizer.fit([e.text for e in examples])
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    blocks = np.array([signals.block_of(f) for f in vocabulary], dtype=np.int64)
    idf = vectorizer.idf_.astype(np.float32)
    idf[blocks == signals.SIGNALS_BLOCK] = 1.0
    vectorizer.idf_ = idf
    x = sparse.csr_matrix(vectorizer.transform([e.text for e in examples]), dtype=np.float32)
    # model.weigh, every row at once: each value scaled by its row's factor for its block.
    row_of = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    block = blocks[x.indices]
    values = x.data.astype(np.float64)
    squares = np.zeros((x.shape[0], 3))
    np.add.at(squares, (row_of, block), values * values)
    scale = np.zeros_like(squares)
    present = squares > 0
    scale[present] = 1.0 / np.sqrt(squares[present])
    scale[:, signals.SIGNALS_BLOCK] = SIGNAL_WEIGHT
    x.data = (values * scale[row_of, block]).astype(np.float32)
    words_only = x.copy()
    words_only.data[blocks[words_only.indices] == signals.SIGNALS_BLOCK] = 0.0
    words_only.eliminate_zeros()
    return vocabulary, idf, x, words_only


def _build(examples: list[Example], meta: dict[str, Any], *, full: bool = True) -> Model:
    """The model of these examples; not ``full``: its category and harm heads only."""
    vocabulary, idf, x, x_words = _vectorize(examples)
    meta = {**meta, "signal_weight": SIGNAL_WEIGHT}
    return _assemble(vocabulary, idf, _fit_heads(x, x_words, examples, full), meta)


def _thresholds(examples: list[Example]) -> dict[str, float]:
    """Harm and category thresholds from predictions on held-out folds of the training file."""
    from sklearn.model_selection import StratifiedKFold

    harm_p = np.zeros(len(examples))
    confidence = np.zeros(len(examples))
    right = np.zeros(len(examples), dtype=bool)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    strata = [e.harm for e in examples]
    for train_idx, test_idx in folds.split(np.zeros(len(examples)), strata):
        model = _build([examples[i] for i in train_idx], {}, full=False)
        for i in test_idx:
            vector = model.vectorize(examples[i].text)
            scores = model.scores(vector)
            harm_p[i] = model.probabilities(scores, "harm")["yes"]
            categories = model.probabilities(scores, "category")
            best = max(categories, key=categories.__getitem__)
            confidence[i] = categories[best]
            right[i] = best == examples[i].category

    flagged_by_phrase = np.array([bool(harm_phrases.find(e.text)) for e in examples])
    is_harm = np.array([e.harm for e in examples])
    harm_threshold = 0.5
    for t in np.arange(0.95, 0.04, -0.01):
        flagged = flagged_by_phrase | (harm_p >= t)
        if flagged[is_harm].mean() >= HARM_RECALL:
            harm_threshold = float(round(t, 2))
            break
    category_threshold = 0.0
    for t in np.arange(0.0, 0.96, 0.01):
        kept = confidence >= t
        if kept.any() and right[kept].mean() >= CATEGORY_PRECISION:
            category_threshold = float(round(t, 2))
            break
    return {"harm_threshold": harm_threshold, "category_threshold": category_threshold}


def corpus_digest(examples: Iterable[Example]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        digest.update(json.dumps(e.__dict__, sort_keys=True, ensure_ascii=False).encode())
    settings = [C_VALUES, HARM_RECALL, CATEGORY_PRECISION, FOLDS, SEED, SIGNAL_WEIGHT]
    settings += [STACK_WEIGHT, NB_ALPHA, "harm: naive Bayes weights"]
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()[:12]


def train(extra: Iterable[Path] = (), *, output: Path) -> dict[str, Any]:
    examples = read_corpus(TRAIN_FILE)
    for path in extra:
        examples += read_corpus(path)
    meta: dict[str, Any] = {"version": corpus_digest(examples), "examples": len(examples)}
    meta.update(_thresholds(examples))
    model = _build(examples, meta)
    model.save(output)
    return {**meta, "features": len(model.vocabulary)}


# -- evaluation --------------------------------------------------------------------------------


def _f1(gold: list[str], predicted: list[str], label: str) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def _accuracy(gold: list[Any], predicted: list[Any]) -> float:
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / max(len(gold), 1)


def score(examples: list[Example], results: list[Any]) -> dict[str, Any]:
    """Accuracy and F1 of the results against the labels, overall and per language."""
    report: dict[str, Any] = {"messages": len(examples)}
    groups = {"all": list(range(len(examples)))}
    for lang in LANGUAGES:
        groups[lang] = [i for i, e in enumerate(examples) if e.lang == lang]
    for group, idx in groups.items():
        ex = [examples[i] for i in idx]
        res = [results[i] for i in idx]
        categories = [
            _f1([e.category for e in ex], [r.category for r in res], c) for c in CATEGORIES
        ]
        present = [f for f in categories if f[3]]
        harm_p, harm_r, harm_f, harm_n = _f1(
            ["yes" if e.harm else "no" for e in ex], ["yes" if r.harm else "no" for r in res], "yes"
        )
        report[group] = {
            "messages": len(ex),
            "lang_accuracy": _accuracy([e.lang for e in ex], [r.lang for r in res]),
            "category_accuracy": _accuracy([e.category for e in ex], [r.category for r in res]),
            "category_macro_f1": sum(f[2] for f in present) / max(len(present), 1),
            "priority_accuracy": _accuracy([e.priority for e in ex], [r.priority for r in res]),
            "harm_precision": harm_p,
            "harm_recall": harm_r,
            "harm_f1": harm_f,
            "harm_messages": harm_n,
            "categories": {
                c: {"precision": f[0], "recall": f[1], "f1": f[2], "messages": f[3]}
                for c, f in zip(CATEGORIES, categories, strict=True)
            },
            "applied": sum(1 for r in res if r.category_sure) / max(len(res), 1),
            "applied_accuracy": _accuracy(
                [e.category for e, r in zip(ex, res, strict=True) if r.category_sure],
                [r.category for r in res if r.category_sure],
            ),
        }
    return report


def evaluate(path: Path = EVAL_FILE, model: Model | None = None) -> dict[str, Any]:
    from playerdesk.triage.classifier import triage

    examples = read_corpus(path)
    results = [triage(e.text, explain=False, model=model) for e in examples]
    return score(examples, results)
