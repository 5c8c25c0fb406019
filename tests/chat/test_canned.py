"""Canned answers offered to an agent: of their brands or every brand, in their languages."""

from __future__ import annotations

from playerdesk.chat.models import CannedAnswer
from playerdesk.chat.selectors import canned_for


def test_an_agent_is_offered_the_answers_of_their_brands_and_languages(
    ojo, playamo, make_agent, teams
):
    agent = make_agent("erin", [ojo], [teams["frontline"]], languages=["en"])
    everywhere = CannedAnswer.objects.create(language="en", title="Hello", body="Hi {name}")
    own = CannedAnswer.objects.create(brand=ojo, language="en", title="Ojo", body="Ojo")
    CannedAnswer.objects.create(brand=playamo, language="en", title="Playamo", body="Other")
    CannedAnswer.objects.create(language="fr", title="Bonjour", body="Bonjour {name}")
    CannedAnswer.objects.create(language="en", title="Old", body="Old", is_active=False)
    found = canned_for(agent)
    assert [a["id"] for a in found] == [everywhere.pk, own.pk]
    assert found[0] == {
        "id": everywhere.pk,
        "brand": None,
        "language": "en",
        "title": "Hello",
        "body": "Hi {name}",
    }


def test_the_demo_offers_answers_in_both_languages(db):
    from playerdesk.demo.load import load_configuration

    load_configuration()
    languages = set(CannedAnswer.objects.values_list("language", flat=True))
    assert languages == {"en", "fr"}
