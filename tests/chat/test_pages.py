"""The widget's script (its sentences in both languages), the page that shows it, and the
agent's chat panel."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_widget_script_carries_both_languages(ojo):
    response = Client().get("/p/ojo/chat.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    strings = json.loads(re.search(r"var STRINGS = (\{.*?\});\n", script).group(1))
    assert strings["en"]["open"] == "Chat with us"
    assert strings["fr"]["open"] == "Clavarder avec nous"
    assert set(strings["en"]) == set(strings["fr"])
    assert all(strings["fr"][k] != strings["en"][k] or k in {"agent"} for k in strings["en"])
    assert '"/ws/widget/" + BRAND' in script and 'var BRAND = "ojo"' in script


def test_an_unknown_brand_has_no_widget(db):
    assert Client().get("/p/nope/chat.js").status_code == 404


def test_the_try_page_embeds_the_widget_in_the_pages_language(ojo):
    page = Client().get("/p/ojo/chat/?lang=fr").content.decode()
    assert '<html lang="fr">' in page and 'src="/p/ojo/chat.js"' in page


def test_the_chat_panel_needs_an_agent(ojo, alice):
    assert Client().get("/console/chats/").status_code == 302
    client = Client()
    client.force_login(alice.user)
    page = client.get("/console/chats/").content.decode()
    assert 'id="chat-strings"' in page and "console/chat.js" in page
    assert 'data-testid="chat-away"' in page  # alice starts away
