"""Structured details get their names for people, known ones first."""

from __future__ import annotations

from django.utils import translation

from playerdesk.tickets.details import labelled_details


def test_known_details_get_labels_in_a_stable_order_then_the_others():
    fields = {"zzz_custom": "x", "amount": "25.00", "transaction_id": "TX-1", "game": "Reels"}
    assert labelled_details(fields) == [
        ("Game", "Reels"),
        ("Transaction id", "TX-1"),
        ("Amount", "25.00"),
        ("zzz_custom", "x"),
    ]


def test_labels_are_french_for_a_french_agent():
    with translation.override("fr"):
        assert labelled_details({"payment_method": "Interac"}) == [("Mode de paiement", "Interac")]


def test_no_details_no_rows():
    assert labelled_details({}) == []
