"""Starting up: a production start refuses a missing secret, database or left-on debug,
with one clear line; a single machine makes and keeps its own secret."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest


def run_playerdesk(tmp_path, env_extra, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PLAYERDESK_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))
    }
    env.update({"PLAYERDESK_HOME": str(tmp_path)})
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "playerdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


GOOD_PRODUCTION = {
    "PLAYERDESK_ENV": "production",
    "PLAYERDESK_SECRET_KEY": "s" * 50,
    "DATABASE_URL": "sqlite:////tmp/playerdesk-prod-check.sqlite3",
    "PLAYERDESK_ALLOWED_HOSTS": "desk.example.com",
    "PLAYERDESK_VAULT_KEYS": "k1:" + "A" * 43 + "=",
    "PLAYERDESK_EMAIL_URL": "smtp+tls://desk:pw@mail.example.com:587",
}


@pytest.mark.parametrize(
    "drop, set_, expected",
    [
        ("PLAYERDESK_SECRET_KEY", {}, "PLAYERDESK_SECRET_KEY is not set"),
        ("DATABASE_URL", {}, "DATABASE_URL is not set"),
        ("PLAYERDESK_ALLOWED_HOSTS", {}, "PLAYERDESK_ALLOWED_HOSTS is not set"),
        (None, {"PLAYERDESK_DEBUG": "true"}, "PLAYERDESK_DEBUG must be off"),
        (None, {"PLAYERDESK_SECRET_KEY": "short"}, "at least 32 characters"),
        (None, {"DATABASE_URL": "nonsense://x"}, "DATABASE_URL"),
        ("PLAYERDESK_VAULT_KEYS", {}, "PLAYERDESK_VAULT_KEYS is not set"),
        (None, {"PLAYERDESK_VAULT_KEYS": "k1:c2hvcnQ="}, "has 5 bytes; it needs 32"),
        (None, {"PLAYERDESK_PLATFORM_SECRETS": "ojo:short"}, "at least 16 characters"),
        ("PLAYERDESK_EMAIL_URL", {}, "PLAYERDESK_EMAIL_URL is not set"),
        (None, {"PLAYERDESK_EMAIL_URL": "imap://x"}, "must start with smtp://"),
        (None, {"PLAYERDESK_EMAIL_URL": "smtp://h:port"}, "port that is not a number"),
    ],
)
def test_production_start_errors(tmp_path, drop, set_, expected):
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != drop}
    env.update(set_)
    result = run_playerdesk(tmp_path, env, "check")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("playerdesk: configuration error:")
    assert expected in lines[0]
    assert not (tmp_path / "secret_key").exists()


def test_a_good_production_configuration_starts(tmp_path):
    result = run_playerdesk(
        tmp_path, GOOD_PRODUCTION, "check", "--deploy", "--fail-level", "CRITICAL"
    )
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_is_an_error_not_a_guess(tmp_path):
    result = run_playerdesk(tmp_path, {"PLAYERDESK_DEBUG": "maybe"}, "check")
    assert result.returncode == 2
    assert "PLAYERDESK_DEBUG must be one of" in result.stderr


def test_a_single_machine_generates_its_secret_once_with_mode_0600(tmp_path):
    assert run_playerdesk(tmp_path, {}, "check").returncode == 0
    secret = tmp_path / "secret_key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    first = secret.read_text()
    assert len(first) >= 50
    assert run_playerdesk(tmp_path, {}, "check").returncode == 0
    assert secret.read_text() == first


def test_healthz_reports_the_database(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["database"] == "ok"


def test_healthz_says_503_when_the_database_is_gone(client, db, monkeypatch):
    from django.db.utils import OperationalError

    class Gone:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("server closed the connection")

    monkeypatch.setattr("playerdesk.server.views.connection", Gone())
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json()["database"] == "unavailable"


def test_apikey_and_token_commands_print_the_secret_last(db, ojo, alice, capsys):
    from django.core.management import call_command

    from playerdesk.brands.models import ApiKey, hash_key

    call_command("apikey", "create", "--brand", "ojo")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert ApiKey.objects.get(key_hash=hash_key(key)).brand == ojo
    call_command("token", "create", "--agent", "alice")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("pdt_")


def test_apikey_for_an_unknown_brand_names_the_known_ones(db, ojo):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="brands: ojo"):
        call_command("apikey", "create", "--brand", "nope")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("smtp://mx.example.com", {"EMAIL_HOST": "mx.example.com", "EMAIL_PORT": 25}),
        (
            "smtp+tls://desk:p%40ss@mx.example.com",
            {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_HOST_PASSWORD": "p@ss"},
        ),
        ("smtp://mx.example.com:2525?tls=1", {"EMAIL_PORT": 2525, "EMAIL_USE_TLS": True}),
        ("smtps://mx.example.com", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("file:///var/mail/out", {"EMAIL_FILE_PATH": "/var/mail/out"}),
    ],
)
def test_email_urls(url, expected, tmp_path):
    from playerdesk.lib.config import email_settings

    found = email_settings(url, tmp_path)
    assert {k: found[k] for k in expected} == expected
    assert email_settings("", tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path / "outbox")
