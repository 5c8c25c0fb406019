"""The classifier without a database: language, harm phrases, the model file, cues."""

from __future__ import annotations

import json

import pytest

from playerdesk.triage import harm, training
from playerdesk.triage.classifier import get_model, triage
from playerdesk.triage.labels import CATEGORIES
from playerdesk.triage.language import detect
from playerdesk.triage.model import Model


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mon cashout est pending depuis 3 jours", "fr"),  # English nouns, French grammar
        ("j'ai uploadé mes docs pis ça marche pas", "fr"),
        ("chu pu capable de me connecter", "fr"),
        ("Mon retrait n'est toujours pas arrive, c'est long", "fr"),  # no accents
        ("Bonjour, I need help with my account please", "en"),  # mostly English
        ("my withdrawal is en attente since monday", "en"),
        ("Where is my withdrawal? It's been 5 days.", "en"),
    ],
)
def test_the_dominant_language_wins(text, lang):
    assert detect(text).lang == lang
    assert triage(text).lang == lang


def test_a_very_short_text_takes_the_brands_language_and_says_so():
    guess = detect("ok", fallback="fr")
    assert (guess.lang, guess.source) == ("fr", "brand_default")
    assert triage("ok", fallback_language="fr").lang_source == "brand_default"
    # Unmistakable even when short.
    assert detect("compte bloqué??", fallback="en").lang == "fr"
    # Without a brand the best guess is given.
    assert detect("merci").lang == "fr"


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("I want to self-exclude for a year", "self_exclusion"),
        ("Excluez-moi svp, je ne veux plus jouer", "self_exclusion"),
        ("please set a deposit limit of 50 a week", "limits"),
        ("I can't stop gambling, it's every night now", "loss_of_control"),
        ("j'ai flambé l'argent du loyer", "essential_money"),
        ("I just want to end it all", "self_harm"),
        ("je veux plus vivre", "self_harm"),
        ("I keep thinking about ending my life", "self_harm"),
        ("j'ai rechuté hier soir", "loss_of_control"),
        ("took a cash advance to keep depositing", "essential_money"),
    ],
)
def test_harm_phrases(text, marker):
    assert marker in harm.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "I lost my password and the reset link expired",
        "the game breaks every time I open it",
        "lost connection in the middle of a hand",
        "my card has a daily limit of 500, can I use Interac instead?",
        "I'm closing my account because I'm moving to France",
        "J'ai perdu mes 30 tours gratuits quand l'app a planté",
    ],
)
def test_words_near_harm_are_not_harm_phrases(text):
    assert harm.find(text) == {}


def test_a_statement_of_self_harm_is_urgent_harm():
    result = triage("I lost everything tonight. I don't want to live anymore.")
    assert result.harm and "self_harm" in result.markers and result.priority == "urgent"
    assert result.cues["harm"]


def test_cues_are_words_of_the_message():
    text = "My Interac withdrawal of 300 is still pending after five days"
    result = triage(text)
    assert result.category == "payments"
    assert result.cues["category"]
    assert all(c in text.lower() for c in result.cues["category"])


def test_the_shipped_model_is_trained_on_the_corpus_as_it_is():
    """Change the corpus, run `playerdesk triage train`: the model's version is the corpus's."""
    examples = training.read_corpus(training.TRAIN_FILE)
    assert get_model().meta["version"] == training.corpus_digest(examples)


def test_the_evaluation_split_is_never_in_training():
    train = {" ".join(e.text.lower().split()) for e in training.read_corpus(training.TRAIN_FILE)}
    held = [" ".join(e.text.lower().split()) for e in training.read_corpus(training.EVAL_FILE)]
    assert len(train) + len(held) >= 2000
    assert not train.intersection(held)


def test_the_corpus_is_balanced_between_the_languages():
    examples = training.read_corpus(training.TRAIN_FILE) + training.read_corpus(training.EVAL_FILE)
    french = sum(1 for e in examples if e.lang == "fr") / len(examples)
    assert 0.4 <= french <= 0.6
    # The project's own corpus names the signs of every message with harm (GUIDELINES.md).
    assert all(e.markers for e in examples if e.harm)


def test_training_is_deterministic(tmp_path, monkeypatch):
    lines = training.TRAIN_FILE.read_text(encoding="utf-8").splitlines()[::40]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(training, "TRAIN_FILE", small)
    monkeypatch.setattr(training, "FOLDS", 2)
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    training.train(output=first)
    training.train(output=second)
    assert first.read_bytes() == second.read_bytes()
    model = Model.load(first)
    assert triage("where is my withdrawal", model=model).category in CATEGORIES


def test_a_bad_corpus_line_names_its_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = {"text": "hi", "lang": "en", "category": "general", "priority": "low"}
    bad.write_text(
        json.dumps({**good, "harm": False, "markers": []})
        + "\n"
        + json.dumps({**good, "category": "games", "harm": False, "markers": []})
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(training.CorpusError, match=r"bad.jsonl:2: bad category"):
        training.read_corpus(bad)
    bad.write_text(json.dumps({**good, "harm": False, "markers": ["limits"]}) + "\n")
    with pytest.raises(training.CorpusError, match=r"bad.jsonl:1: bad markers without harm"):
        training.read_corpus(bad)


def test_a_file_labelled_elsewhere_may_say_harm_without_markers(tmp_path):
    """Messages labelled by other people, measured with `triage evaluate --file`, need not
    name the markers."""
    other = tmp_path / "other.jsonl"
    rows = [
        {
            "text": "Please block me from gambling, I can't stop.",
            "lang": "en",
            "category": "responsible_gambling",
            "priority": "high",
            "harm": True,
        },
        {
            "text": "Où est mon retrait de 200 $?",
            "lang": "fr",
            "category": "payments",
            "priority": "normal",
            "harm": False,
        },
    ]
    other.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [e.markers for e in training.read_corpus(other)] == [(), ()]
    report = training.evaluate(other)
    assert report["messages"] == 2 and report["all"]["harm_recall"] == 1.0


def test_the_vector_of_a_message_is_its_features_counted(monkeypatch):
    """The remembered rows of each word, then the signals, give the vector that counting every
    feature of signals.analyze gives, owners included, the cache empty or full; each part of
    the vector weighed as model.weigh says."""
    from collections import Counter

    import numpy as np

    from playerdesk.triage import model as model_module
    from playerdesk.triage import signals
    from playerdesk.triage.text import features_with_owner, normalize, tokens, word_at

    model = get_model()
    texts = [example.text for example in training.read_corpus(training.EVAL_FILE)][:300]
    monkeypatch.setattr(model_module, "TOKEN_CACHE_SIZE", 50)  # cleared again and again
    for text in [*texts, *texts]:
        normalized = normalize(text)
        words = tokens(normalized)
        found = [
            (name, min(word_at(normalized, start), len(words) - 1))
            for name, start in signals.find(normalized)[0]
        ]
        counts: Counter[int] = Counter()
        owner: dict[int, int] = {}
        for feature, word in [*features_with_owner(normalized), *(found if words else [])]:
            row = model.index.get(feature)
            if row is not None:
                counts[row] += 1
                owner.setdefault(row, word)
        vector = model.vectorize(text)
        assert list(vector.rows) == list(counts)
        assert list(vector.owners) == [owner[r] for r in counts]
        if counts:
            rows = list(counts)
            tf = np.array(list(counts.values()), dtype=np.float32)
            raw = (1.0 + np.log(tf)) * model.idf[rows]
            blocks = model.blocks[rows]
            expected = np.zeros(len(rows))
            for block in (signals.WORDS_BLOCK, signals.PIECES_BLOCK):
                part = blocks == block
                if part.any():
                    expected[part] = raw[part] / np.sqrt(np.dot(raw[part], raw[part]))
            expected[blocks == signals.SIGNALS_BLOCK] = model.signal_weight
            assert np.allclose(vector.values, expected, atol=1e-6)


def test_signals_read_what_words_alone_read_badly():
    from playerdesk.triage import signals
    from playerdesk.triage.text import normalize

    def names(text):
        return {name for name, _ in signals.find(normalize(text))[0]}

    assert "s not_harm" in names("Close my account, I'm moving to France. Not a gambling thing.")
    assert "s payment_limit" in names("Ma carte a une limite de 1 000 $ par jour")
    assert "s question" in names("How long do withdrawals take?")
    assert "s someone_else" in names("Quelqu'un a retiré 500 $ de mon compte")
    assert {"s harm", "s harm self_exclusion"} <= names("I want to self-exclude for a year")
    assert not {n for n in names("where is my withdrawal") if n.startswith("s harm")}


def test_only_sure_signs_of_harm_raise_the_priority(monkeypatch):
    """Recall comes first, so a message may be flagged on weak evidence: it goes to the
    responsible-gambling team, but keeps the priority its words give. A phrase of harm, or
    the model at least HARM_SURE sure, raises it to high; self-harm makes it urgent."""
    from playerdesk.triage import classifier

    question = "What are your customer service hours on Sundays?"
    monkeypatch.setitem(get_model().meta, "harm_threshold", 0.0)  # everything is flagged
    weak = triage(question)
    assert weak.harm and not weak.harm_sure and weak.priority == "low"
    monkeypatch.setattr(classifier, "HARM_SURE", 0.0)
    assert triage(question).priority == "high"
    said = triage("Please self-exclude me, what are your hours on Sundays?")
    assert said.harm_sure and said.priority in ("high", "urgent")


def test_the_priority_reads_the_categorys_probabilities():
    """What is at stake depends on what a message is about: the priority head's scores get
    the category's probabilities times the model's `stack` matrix."""
    import numpy as np

    model = get_model()
    assert model.meta["stack"] == ["category", "priority"]
    assert model.stack.shape == (len(model.heads["category"].classes), 4)
    vector = model.vectorize("My withdrawal of $2,400 is 9 days late, you promised 48 hours.")
    stacked = model.scores(vector)
    plain = vector.values @ model.weights[vector.rows] + model.bias
    category = model.heads["category"]
    s = plain[category.start : category.start + category.width].astype(np.float64)
    p = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
    priority = model.heads["priority"]
    span = slice(priority.start, priority.start + priority.width)
    assert np.allclose(stacked[span], plain[span] + p @ model.stack, atol=1e-4)
    others = np.ones(len(plain), dtype=bool)
    others[span] = False
    assert np.allclose(stacked[others], plain[others])


def test_naive_bayes_ratios_weigh_a_word_by_where_it_occurs():
    import numpy as np
    from scipy import sparse

    # columns: only in harm messages, only in the others, in both alike
    x = sparse.csr_matrix(np.array([[1, 0, 1], [2, 0, 1], [0, 1, 1], [0, 3, 1]], dtype=float))
    ratios = training.nb_ratios(x, np.array([True, True, False, False]), alpha=1.0)
    # each side: counts + 1 over their total (3 + 1 + 3 = 7 on both sides)
    assert np.allclose(ratios, np.log([(3 / 7) / (1 / 7), (1 / 7) / (3 / 7), 1.0]))


def test_the_harm_head_is_a_regression_on_words_weighed_by_their_ratios(tmp_path):
    """The ratios fold into the harm head's coefficients: the shipped file's harm probability
    is that of a logistic regression fitted on the weighed words."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    lines = training.TRAIN_FILE.read_text(encoding="utf-8").splitlines()[::40]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    examples = training.read_corpus(small)
    _, _, _, words = training._vectorize(examples)
    is_harm = np.array([e.harm for e in examples])
    weighed = sparse.csr_matrix(words.multiply(training.nb_ratios(words, is_harm)))
    reference = LogisticRegression(
        C=training.C_VALUES["harm"], max_iter=3000, class_weight="balanced"
    ).fit(weighed, ["yes" if h else "no" for h in is_harm])
    model = training._build(examples, {}, full=False)
    rows = [i for i, h in enumerate(is_harm) if h][:3] + [
        i for i, h in enumerate(is_harm) if not h
    ][:3]
    for i in rows:
        expected = reference.predict_proba(weighed[i])[0][list(reference.classes_).index("yes")]
        got = model.probabilities(model.scores(model.vectorize(examples[i].text)), "harm")["yes"]
        assert got == pytest.approx(expected, abs=1e-4)
