"""Real mail servers on loopback for the email tests: Dovecot (IMAP and LMTP, from Debian's
packages) with a mailbox per user, and a small SMTP relay that hands what playerdesk sends to
Dovecot over LMTP, as the operator's mail server would deliver it to the player's mailbox."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import smtplib
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORD = "mailbox-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@dataclass
class Dovecot:
    imap_port: int
    lmtp_port: int

    def deliver(self, raw: bytes, *recipients: str) -> None:
        """Deliver a message to users' INBOX, as a mail server does (LMTP)."""
        with smtplib.LMTP("127.0.0.1", self.lmtp_port) as lmtp:
            lmtp.sendmail("sender@example.net", list(recipients), raw)


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None
    )


@contextlib.contextmanager
def running_dovecot(users: list[str]) -> Iterator[Dovecot]:
    """Dovecot in the foreground with its own configuration, ports and maildirs in a folder of
    its own (readable by Dovecot's service users, unlike pytest's private ones); users log in
    with PASSWORD and receive mail for ``user@anything``."""
    binary = dovecot_binary()
    assert binary, "dovecot is not installed (apt-get install dovecot-imapd dovecot-lmtpd)"
    folder = Path(tempfile.mkdtemp(prefix="playerdesk-dovecot-"))
    folder.chmod(0o755)
    try:
        with _dovecot(binary, folder, users) as running:
            yield running
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _dovecot(binary: str, folder: Path, users: list[str]) -> Iterator[Dovecot]:
    run = folder / "run"
    run.mkdir()
    mail = folder / "mail"
    mail.mkdir()
    me = pwd.getpwuid(os.getuid())
    if os.getuid() == 0:  # mail is never kept as root: the users are "nobody"
        uid, gid = 65534, 65534
        mail.chmod(0o777)
        run.chmod(0o755)
        service_users = ""
    else:
        uid, gid = me.pw_uid, me.pw_gid
        service_users = (
            f"default_internal_user = {me.pw_name}\ndefault_login_user = {me.pw_name}\n"
            f"default_internal_group = {me.pw_name}\n"
        )
    (folder / "passwd").write_text(
        "".join(f"{u}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{mail / u}\n" for u in users)
    )
    imap_port, lmtp_port = free_port(), free_port()
    config = folder / "dovecot.conf"
    config.write_text(
        f"""protocols = imap lmtp
listen = 127.0.0.1
base_dir = {run}
state_dir = {run}
log_path = {folder / "dovecot.log"}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
{service_users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {folder / "passwd"}
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {folder / "passwd"}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp_port}
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for(imap_port)
        _wait_for(lmtp_port)
        yield Dovecot(imap_port, lmtp_port)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


class _LmtpRelay:
    """An SMTP server's handler that delivers every message to Dovecot over LMTP."""

    def __init__(self, dovecot: Dovecot) -> None:
        self.dovecot = dovecot
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        self.dovecot.deliver(raw, *envelope.rcpt_tos)
        self.received += 1
        return "250 2.0.0 delivered"


@contextlib.contextmanager
def running_relay(dovecot: Dovecot) -> Iterator[tuple[int, _LmtpRelay]]:
    """An SMTP server on loopback for playerdesk's outgoing mail; yields its port."""
    from aiosmtpd.controller import Controller

    handler = _LmtpRelay(dovecot)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()


def swaks(port: int, to: str, sender: str, raw: bytes, folder: Path) -> subprocess.CompletedProcess:
    """Send ``raw`` with swaks, a real SMTP client; its transcript is in the result's stdout."""
    path = folder / f"swaks-{time.monotonic_ns()}.eml"
    path.write_bytes(raw)
    return subprocess.run(
        [
            "swaks", "--server", "127.0.0.1", "--port", str(port), "--to", to,
            "--from", sender, "--data", f"@{path}", "--timeout", "30",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
