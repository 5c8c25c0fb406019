"""Decisions told to the platform: signed, and retried until a real HTTP server takes them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from playerdesk.brands.platform import secret_for
from playerdesk.kyc import actions, webhooks
from playerdesk.kyc.models import WebhookDelivery
from playerdesk.lib import clock, retry

pytestmark = pytest.mark.django_db


class Platform:
    """A real HTTP server on loopback that fails the first ``failures`` posts."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[tuple[dict[str, str], bytes]] = []
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                platform.received.append((dict(self.headers), body))
                status = 503 if platform.failures > 0 else 204
                platform.failures -= 1
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def platform(kyc_brand):
    server = Platform(failures=2)
    kyc_brand.webhook_url = server.url
    kyc_brand.save()
    yield server
    server.close()


def test_decision_is_signed_and_retried_with_backoff_until_taken(platform, kyc_player):
    case = actions.open_case(player=kyc_player, trigger="manual", actor=actions.Actor.system())
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "verification.requested"
    now = clock.now()
    assert webhooks.deliver_due(now=now) == 0  # 503
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.status == "pending"
    assert delivery.next_attempt_at > now and "503" in delivery.last_error
    # Not due again before its backoff.
    assert webhooks.deliver_due(now=now) == 0
    assert len(platform.received) == 1
    assert webhooks.deliver_due(now=now + timedelta(minutes=2)) == 0
    assert webhooks.deliver_due(now=now + timedelta(minutes=10)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 3
    headers, body = platform.received[-1]
    timestamp, signature = (
        p.split("=", 1)[1] for p in headers["X-Playerdesk-Signature"].split(",")
    )
    expected = hmac.new(
        secret_for(kyc_player.brand.slug).encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(signature, expected)
    payload = json.loads(body)
    assert payload["case"] == case.reference and payload["player"] == "ojo-2001"
    assert payload["event"] == "verification.requested"


def test_a_platform_that_is_down_delays_never_loses(kyc_brand, kyc_player):
    kyc_brand.webhook_url = "http://127.0.0.1:9/nothing-listens-here"
    kyc_brand.save()
    actions.open_case(player=kyc_player, trigger="manual", actor=actions.Actor.system())
    at = clock.now()
    for _ in range(webhooks.MAX_ATTEMPTS):
        webhooks.deliver_due(now=at)
        at += retry.MAX_DELAY + timedelta(hours=2)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert delivery.payload["event"] == "verification.requested"  # kept for a replay


def test_backoff_grows_and_is_capped():
    delays = [webhooks.backoff(n) for n in range(1, 13)]
    assert delays[0] == timedelta(seconds=30)
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert delays[-1] == retry.MAX_DELAY


def test_no_webhook_address_no_delivery(kyc_player):
    actions.open_case(player=kyc_player, trigger="manual", actor=actions.Actor.system())
    assert not WebhookDelivery.objects.exists()
