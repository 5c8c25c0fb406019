"""A real ``playerdesk serve`` in a subprocess, for the tests that talk to it over the network."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a server of its own: the test run's settings are left out."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PLAYERDESK_", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"))
    }
    env["PLAYERDESK_HOME"] = str(home)
    env.update(extra)
    return env


def playerdesk(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a ``playerdesk`` command; its output, or the test fails with its errors."""
    result = subprocess.run(
        [sys.executable, "-m", "playerdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@contextlib.contextmanager
def running_server(env: dict[str, str], *args: str) -> Iterator[str]:
    """``playerdesk serve`` on a free port until the block ends; yields its base URL."""
    home = Path(env["PLAYERDESK_HOME"])
    port = free_port()
    log = open(home / "serve.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "playerdesk", "serve", "--port", str(port), *args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(base + "/healthz", timeout=2) as r,
            ):
                if r.status == 200:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "playerdesk serve did not start: " + (home / "serve.log").read_text()
                )
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def login(base: str, username: str, password: str) -> str:
    """Sign in through the console's login form; the Cookie header of the session."""
    import re

    import httpx

    with httpx.Client(base_url=base) as client:
        page = client.get("/console/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        r = client.post(
            "/console/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": base + "/console/login/"},
        )
        assert r.status_code == 302, r.text
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())
