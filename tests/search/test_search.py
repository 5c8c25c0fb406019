"""Search: the index kept by every write, accents, case and stemming in both languages, exact
look-ups, scope, ranking with keyset pages, snippets that are safe to show."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from playerdesk.people.actions import find_or_create_player
from playerdesk.search import queries
from playerdesk.search.queries import Filters, SearchError, fts5_query, marked_html, search
from playerdesk.tickets import actions
from playerdesk.tickets.access import scope_of

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own configuration"
)


@pytest.fixture(params=["one phase", "two phases"])
def phases(request, monkeypatch):
    """On PostgreSQL, also through the window's second phase (older tickets, index only)."""
    if request.param == "two phases":
        monkeypatch.setattr(queries, "RECENT", 2)


def refs(results) -> list[str]:
    return [h.ticket.reference for h in results.hits]


@pytest.fixture
def fr_player(ojo):
    return find_or_create_player(
        brand=ojo, external_id="fr-1", email="luc@example.ca", language="fr"
    )


@pytest.fixture
def supervisor(make_agent, ojo, teams):
    return make_agent("sam", [ojo], list(teams.values()), role="supervisor")


def test_accents_and_case_are_ignored_in_french(make_ticket, ojo, fr_player, supervisor):
    t = make_ticket(
        ojo,
        fr_player,
        subject="Mes Retraits",
        body="Mon compte est VÉRIFIÉ depuis hier.",
        language="fr",
    )
    scope = scope_of(supervisor)
    for query in ("retrait", "RETRAITS", "verifie", "vérifié", "Verifié", "COMPTE"):
        assert refs(search(scope, query)) == [t.reference], query


def test_accents_and_case_are_ignored_in_english(make_ticket, ojo, player, supervisor):
    t = make_ticket(
        ojo, player, subject="Café Roulette crashed", body="The naïve fix failed.", language="en"
    )
    scope = scope_of(supervisor)
    for query in ("cafe", "CAFÉ", "naive", "roulette", "CRASHED"):
        assert refs(search(scope, query)) == [t.reference], query


def test_stemming_finds_other_forms_in_both_languages(
    make_ticket, ojo, player, fr_player, supervisor
):
    fr = make_ticket(
        ojo, fr_player, subject="Demandes de retrait", body="J'ai demandé deux fois.", language="fr"
    )
    en = make_ticket(
        ojo, player, subject="Deposits failing", body="I deposited twice.", language="en"
    )
    scope = scope_of(supervisor)
    assert fr.reference in refs(search(scope, "demande"))
    assert fr.reference in refs(search(scope, "retraits"))
    assert en.reference in refs(search(scope, "deposit"))
    assert en.reference in refs(search(scope, "failed"))


@on_postgres
def test_french_stemming_uses_the_french_configuration(make_ticket, ojo, fr_player, supervisor):
    # French endings English stemming would not reduce: -ées, -ement, -ions.
    t = make_ticket(
        ojo,
        fr_player,
        subject="Transactions annulées",
        body="Nous vérifions les paiements bloqués.",
        language="fr",
    )
    scope = scope_of(supervisor)
    for query in ("annulé", "annulee", "bloquée", "bloque", "paiement", "vérifie"):
        assert refs(search(scope, query)) == [t.reference], query
    with connection.cursor() as cur:
        # stemmed with the accents, then without them: the French stem of the participle
        cur.execute("SELECT playerdesk_ts_text('fr', 'Annulées', 'A') @@ 'annul'::tsquery")
        assert cur.fetchone()[0] is True


def test_every_write_keeps_the_index_current(make_ticket, ojo, player, supervisor, alice, phases):
    t = make_ticket(ojo, player, subject="Login trouble", body="Cannot sign in.")
    scope = scope_of(supervisor)
    assert refs(search(scope, "kangaroo")) == []
    actions.reply(ticket=t, body="Try the kangaroo link.", actor=actions.Actor.for_agent(alice))
    assert refs(search(scope, "kangaroo")) == [t.reference]
    actions.add_player_message(
        ticket=t,
        body="The wombat page is blank.",
        channel="email",
        actor=actions.Actor.for_player(player),
    )
    assert refs(search(scope, "wombat")) == [t.reference]
    actions.update_fields(
        ticket=t, fields={"game": "Platypus Gold"}, actor=actions.Actor.for_agent(alice)
    )
    assert refs(search(scope, "platypus")) == [t.reference]
    assert refs(search(scope, "kangaroo wombat")) == [t.reference]  # messages kept too
    call_command("search", "rebuild", verbosity=0)
    assert refs(search(scope, "kangaroo platypus")) == [t.reference]


def test_a_reference_typed_any_way_jumps_to_the_ticket(ticket, supervisor):
    scope = scope_of(supervisor)
    typed = [
        ticket.reference,
        ticket.reference.lower(),
        ticket.reference.replace("-", ""),
        ticket.reference.replace("-", " "),
        f"[{ticket.reference}]",
    ]
    for text in typed:
        r = search(scope, text)
        assert r.exact.jump == ticket, text
        assert r.hits == []


def test_players_are_found_by_email_username_and_platform_id(ticket, player, supervisor):
    scope = scope_of(supervisor)
    assert search(scope, "JULIE@EXAMPLE.CA").exact.jump == player
    for text in ("julie", "JULIE", "ojo-1001"):
        r = search(scope, text)
        assert r.exact.players == [player], text
        assert r.exact.jump is None  # a username may also be a word: no jump


def test_transaction_ids_and_bonus_codes_are_exact_look_ups(make_ticket, ojo, player, supervisor):
    pay = make_ticket(ojo, player, fields={"transaction_id": "TX-88644102"}, category="payments")
    bonus = make_ticket(ojo, player, fields={"bonus_code": "WELCOME100"}, category="bonus")
    scope = scope_of(supervisor)
    assert search(scope, "tx-88644102").exact.tickets == [pay]
    assert search(scope, "welcome100").exact.tickets == [bonus]
    assert search(scope, "TX-0000").exact.tickets == []


def test_another_brands_tickets_and_players_never_appear(
    make_ticket, ojo, playamo, player, supervisor, charlie, phases
):
    other_player = find_or_create_player(
        brand=playamo, external_id="ply-1", email="x@example.ca", username="xavier"
    )
    other = make_ticket(
        playamo,
        other_player,
        subject="Secret withdrawal",
        body="hidden words",
        fields={"transaction_id": "TX-1"},
    )
    mine = make_ticket(ojo, player, subject="Public withdrawal", body="hidden words")
    scope = scope_of(supervisor)
    r = search(scope, "hidden withdrawal")
    assert refs(r) == [mine.reference]
    assert r.window_count == 1  # not even counted
    assert search(scope, other.reference).exact.jump is None
    assert search(scope, "x@example.ca").exact.players == []
    assert search(scope, "xavier").exact.players == []
    assert search(scope, "TX-1").exact.tickets == []
    assert refs(search(scope_of(charlie), "hidden")) == [other.reference]


def test_agents_find_only_their_teams_tickets(make_ticket, ojo, player, alice, phases):
    frontline = make_ticket(ojo, player, subject="Zebra question", category="general")
    payments = make_ticket(ojo, player, subject="Zebra payment", category="payments")
    assert payments.team.slug == "payments"
    r = search(scope_of(alice), "zebra")
    assert refs(r) == [frontline.reference]
    assert search(scope_of(alice), payments.reference).exact.jump is None


def test_days_are_the_desks_days_not_utcs(make_ticket, ojo, player, supervisor, monkeypatch):
    """A ticket opened at 21:00 in Toronto on the 23rd (02:00 UTC on the 24th) is the 23rd's."""
    from datetime import UTC, date, datetime

    from playerdesk.lib import clock

    evening = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: evening)
    late = make_ticket(ojo, player, subject="Gecko question", language="en")
    scope = scope_of(supervisor)
    day = date(2026, 11, 23)
    assert refs(search(scope, "gecko", Filters(since=day, until=day))) == [late.reference]
    assert refs(search(scope, "gecko", Filters(since=date(2026, 11, 24)))) == []
    assert refs(search(scope, "gecko", Filters(until=date(2026, 11, 22)))) == []


def test_filters_combine_with_the_text(
    make_ticket, ojo, player, fr_player, supervisor, alice, phases
):
    en = make_ticket(ojo, player, subject="Lizard spins", category="bonus", language="en")
    fr = make_ticket(ojo, fr_player, subject="Lizard tours", language="fr", category="technical")
    actions.resolve(ticket=fr, actor=actions.Actor.for_agent(alice))
    scope = scope_of(supervisor)
    assert set(refs(search(scope, "lizard"))) == {en.reference, fr.reference}
    assert refs(search(scope, "lizard", Filters(language="fr"))) == [fr.reference]
    assert refs(search(scope, "lizard", Filters(status="active"))) == [en.reference]
    assert refs(search(scope, "lizard", Filters(status="resolved"))) == [fr.reference]
    assert refs(search(scope, "lizard", Filters(team="promotions"))) == [en.reference]
    assert refs(search(scope, "lizard", Filters(category="technical"))) == [fr.reference]
    assert refs(search(scope, "lizard", Filters(brand="playamo"))) == []
    day = timezone.localdate(en.created_at)  # dates are the desk's (Toronto), not UTC's
    assert len(refs(search(scope, "lizard", Filters(since=day, until=day)))) == 2
    from datetime import timedelta

    assert refs(search(scope, "lizard", Filters(since=day + timedelta(days=1)))) == []


def test_the_subject_ranks_above_a_passing_mention(make_ticket, ojo, player, supervisor):
    mention = make_ticket(ojo, player, subject="Question", body="Also, about the jackpot.")
    subject = make_ticket(ojo, player, subject="Jackpot not paid", body="Please check.")
    mention2 = make_ticket(ojo, player, subject="Other", body="By the way, a jackpot.")
    assert refs(search(scope_of(supervisor), "jackpot"))[0] == subject.reference
    assert set(refs(search(scope_of(supervisor), "jackpot"))) == {
        mention.reference,
        subject.reference,
        mention2.reference,
    }


def test_keyset_pages_hold_every_ticket_once_while_tickets_arrive(
    make_ticket, ojo, player, supervisor, phases
):
    made = {
        make_ticket(ojo, player, subject=f"Falcon {'falcon ' * (i % 4)}{i}").reference
        for i in range(23)
    }
    scope = scope_of(supervisor)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        r = search(scope, "falcon", cursor=cursor, limit=5)
        seen += refs(r)
        make_ticket(ojo, player, subject="Falcon newcomer")  # arrives between pages
        if r.next_cursor is None:
            break
        cursor = r.next_cursor
    else:
        pytest.fail("the pages never end")
    assert sorted(seen) == sorted(made)  # each exactly once, none of the newcomers
    ranks = [h.rank for h in search(scope, "falcon", limit=50).hits]
    assert ranks == sorted(ranks, reverse=True)


def test_a_cursor_that_is_not_one_is_refused(supervisor):
    for bad in ("x", "1_2", "nan_1_2", "1.0_-1_2", "1_2_3_4"):
        with pytest.raises(SearchError):
            search(scope_of(supervisor), "falcon", cursor=bad)


def test_snippets_mark_matches_and_stay_safe(make_ticket, ojo, player, supervisor):
    make_ticket(
        ojo,
        player,
        subject="<b>Heron</b> & co",
        body='<p>The heron <img src=x onerror="alert(1)"> ate <script>alert(2)</script> fish.</p>',
        is_html=True,
    )
    hit = search(scope_of(supervisor), "heron").hits[0]
    assert str(hit.subject_html) == "&lt;b&gt;<mark>Heron</mark>&lt;/b&gt; &amp; co"
    assert "<mark>heron</mark>" in str(hit.snippet_html)
    for bad in ("<img", "<script", "onerror", "alert(2)"):
        assert bad not in str(hit.snippet_html)


def test_marked_html_escapes_and_balances():
    assert str(marked_html("a \x02<x>\x03 &amp; b", source_is_html=False)) == (
        "a <mark>&lt;x&gt;</mark> &amp;amp; b"
    )
    assert str(marked_html('ss="y">\x02cut</p><p>text\x02 <a href="')) == ("<mark>cut text</mark>")


def test_queries_of_only_symbols_or_stop_words_find_nothing_and_do_not_fail(ticket, supervisor):
    scope = scope_of(supervisor)
    for text in ("", "   ", "!!!", "the", "le la les", '"', "-", "a OR b", "NEAR(", "*"):
        search(scope, text)
    assert fts5_query('say "hello world" now') == '"say" AND "hello world" AND "now"'


def test_team_changes_and_assignments_move_tickets_in_and_out_of_an_agents_search(
    make_ticket, ojo, player, alice, supervisor, teams, phases
):
    t = make_ticket(ojo, player, subject="Pelican question", category="general")
    assert refs(search(scope_of(alice), "pelican")) == [t.reference]
    sam = actions.Actor.for_agent(supervisor)
    actions.escalate(ticket=t, team=teams["payments"], reason="Card issue", actor=sam)
    assert refs(search(scope_of(alice), "pelican")) == []  # another team's now
    actions.assign(ticket=t, agent=alice, actor=sam)
    assert refs(search(scope_of(alice), "pelican")) == [t.reference]  # but hers to handle


def test_exact_look_ups_keep_to_the_agents_scope(make_ticket, ojo, player, alice, supervisor):
    """The look-up's index holds brand, team and assignee: a code on another team's ticket is
    passed over, unless the ticket is assigned to the agent."""
    theirs = make_ticket(ojo, player, fields={"bonus_code": "SPRING25"}, category="bonus")
    ours = make_ticket(ojo, player, fields={"bonus_code": "SPRING25"}, category="general")
    assert theirs.team.slug == "promotions"
    assert search(scope_of(alice), "spring25").exact.tickets == [ours]
    assert search(scope_of(supervisor), "SPRING25").exact.tickets == [ours, theirs]
    actions.assign(ticket=theirs, agent=alice, actor=actions.Actor.for_agent(supervisor))
    assert search(scope_of(alice), "spring25").exact.tickets == [ours, theirs]


def test_tickets_assigned_in_other_teams_take_their_place_in_a_full_window(
    make_ticket, ojo, player, alice, supervisor, monkeypatch, phases
):
    """Once the window is full, only the agent's tickets of other teams newer than its oldest
    can enter it; a newer one does, in order."""
    monkeypatch.setattr(queries, "WINDOW", 2)
    sam = actions.Actor.for_agent(supervisor)
    older = make_ticket(ojo, player, subject="Walrus refund", category="payments")
    actions.assign(ticket=older, agent=alice, actor=sam)
    own = [make_ticket(ojo, player, subject="Walrus question", category="general") for _ in "abc"]
    newer = make_ticket(ojo, player, subject="Walrus deposit", category="payments")
    actions.assign(ticket=newer, agent=alice, actor=sam)
    r = search(scope_of(alice), "walrus")
    assert sorted(refs(r)) == sorted([newer.reference, own[-1].reference])
    assert r.window_count == 2
