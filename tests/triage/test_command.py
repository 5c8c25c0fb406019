"""``playerdesk triage classify`` and ``evaluate`` as a user runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from django.core.management import call_command

from playerdesk.tickets.models import Category, Priority
from playerdesk.triage.labels import CATEGORIES, PRIORITIES


def classify(data: bytes, *args: str, tmp_path) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLAYERDESK_")}
    env.update(PLAYERDESK_HOME=str(tmp_path), DATABASE_URL="")
    result = subprocess.run(
        [sys.executable, "-m", "playerdesk", "triage", "classify", *args],
        input=data,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_classify_writes_one_line_per_text_and_an_error_for_a_bad_one(tmp_path):
    lines = [
        json.dumps({"id": 7, "text": "Mon retrait de 300 $ est bloqué depuis une semaine"}),
        "not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        "",  # a blank line is skipped
        b"\xff\xfe broken bytes".decode("latin-1"),
        json.dumps({"text": "I want to self-exclude for a year, I can't stop"}),
    ]
    data = b"\n".join(
        line.encode("latin-1") if line.startswith("\xff") else line.encode() for line in lines
    )
    out = classify(data + b"\n", tmp_path=tmp_path)
    assert len(out) == 6
    first, *errors, last = out
    assert first["id"] == 7 and first["lang"] == "fr" and first["category"] == "payments"
    assert set(first) >= {"lang", "category", "priority", "harm", "markers", "confidence"}
    assert [e["line"] for e in errors] == [2, 3, 4, 6]
    assert all("error" in e for e in errors)
    assert last["harm"] and last["category"] == "responsible_gambling"


def test_classify_explains_when_asked_and_a_huge_text_is_read(tmp_path):
    huge = "My deposit of 50 never arrived. " + "x" * 2_000_000
    out = classify(json.dumps({"text": huge}).encode(), "--explain", tmp_path=tmp_path)
    assert out[0]["category"] == "payments" and out[0]["cues"]["category"]


def test_evaluate_prints_the_figures():
    out = io.StringIO()
    call_command("triage", "evaluate", stdout=out)
    text = out.getvalue()
    for label in ("language accuracy", "category macro-F1", "priority accuracy", "harm recall"):
        assert label in text
    assert "responsible_gambling" in text


def test_the_labels_are_the_tickets_choices():
    assert tuple(Category.values) == CATEGORIES
    assert tuple(Priority.values) == PRIORITIES
