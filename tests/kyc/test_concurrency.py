"""Many clearance calls for the same unverified players at once: one case each, never two."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from playerdesk.kyc.clearance import clearance_for
from playerdesk.kyc.models import VerificationCase
from playerdesk.people.actions import update_player_details


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_withdrawals_open_one_case_per_player(kyc_brand):
    if connection.vendor != "postgresql":
        pytest.skip("the test database of SQLite is in memory, one writer at a time by table")
    players = [
        update_player_details(brand=kyc_brand, external_id=f"ojo-c{i}", name=f"P {i}")
        for i in range(5)
    ]
    start = threading.Barrier(20)
    answers: list[tuple[str, str | None]] = []
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            start.wait()
            for player in players:
                result = clearance_for(kyc_brand, player.external_id, "withdrawal")
                answers.append((player.external_id, result.case))
                connection.close()
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[:3]
    assert len(answers) == 100
    for player in players:
        cases = VerificationCase.objects.filter(player=player)
        assert cases.count() == 1
        # every caller was told the same case
        assert {c for p, c in answers if p == player.external_id} == {cases.get().reference}
