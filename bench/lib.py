"""What scenarios share: PostgreSQL, a running playerdesk, and a small HTTP load generator."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PG_ADMIN_URL = os.environ.get("PLAYERDESK_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster when it is not running."""
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
        return
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
    )
    for _ in range(30):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            return
        time.sleep(1)
    raise SystemExit("PostgreSQL did not start on 127.0.0.1:5432")


def fresh_database(name: str) -> str:
    """Drop and create database ``name``; return its URL."""
    ensure_postgres()
    import psycopg

    with psycopg.connect(PG_ADMIN_URL + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_ADMIN_URL}/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def playerdesk_env(home: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PLAYERDESK_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        {
            "PLAYERDESK_HOME": str(home),
            "DATABASE_URL": database_url,
            "PLAYERDESK_SECRET_KEY": "bench-" + "x" * 40,
            "PLAYERDESK_LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def playerdesk(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "playerdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"playerdesk {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


_servers: set[int] = set()  # pids of the running ``playerdesk serve`` processes


def _proc_stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return name, int(rest[1]), (int(rest[11]) + int(rest[12])) / ticks


def cpu_snapshot() -> dict[str, float]:
    """CPU seconds used so far by the server (with its workers), PostgreSQL and this process."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_stat(int(entry))
            if stat is not None:
                stats[int(entry)] = stat
    server_pids = set(_servers)
    grew = True
    while grew:  # the server's descendants
        new = {pid for pid, (_, ppid, _) in stats.items() if ppid in server_pids}
        grew = not new <= server_pids
        server_pids |= new
    me = os.times()
    return {
        "server": sum(stats[p][2] for p in server_pids if p in stats),
        "PostgreSQL": sum(cpu for name, _, cpu in stats.values() if name.startswith("postgres")),
        "load generator": me.user + me.system,
    }


@contextlib.contextmanager
def server(env: dict[str, str], *args: str) -> Iterator[str]:
    """``playerdesk serve`` on a free port; yields its base URL; stops it afterwards."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "playerdesk", "serve", "--port", str(port), *args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    _servers.add(proc.pid)
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
                log.seek(0)
                raise SystemExit("playerdesk serve did not start:\n" + log.read())
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        _servers.discard(proc.pid)
        log.close()
        if os.environ.get("PLAYERDESK_BENCH_LOG"):
            print(f"server log: {log.name}")
        else:
            os.unlink(log.name)


@contextlib.contextmanager
def temp_home() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="playerdesk-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# --- HTTP load ------------------------------------------------------------------------------


@dataclass
class LoadResult:
    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used during the run

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))] * 1000

    def describe(self, unit: str = "requests/s") -> str:
        errors = sum(self.errors.values())
        return (
            f"{self.name}: {self.rate:.1f} {unit}, {self.ok} ok, {errors} errors"
            f"{' ' + str(self.errors) if errors else ''}, p50 {self.percentile(50):.2f} ms, "
            f"p99 {self.percentile(99):.2f} ms, mean "
            f"{(statistics.fmean(self.latencies) * 1000 if self.latencies else 0):.2f} ms"
            + self.describe_cpu()
        )

    def merge(self, other: LoadResult) -> None:
        """Add another slice of the same load to this one."""
        self.seconds += other.seconds
        self.latencies.extend(other.latencies)
        for k, v in other.errors.items():
            self.errors[k] = self.errors.get(k, 0) + v
        for k, v in other.cpu.items():
            self.cpu[k] = self.cpu.get(k, 0.0) + v

    def describe_cpu(self) -> str:
        """CPU milliseconds per successful request, by process."""
        if not self.cpu or not self.ok:
            return ""
        parts = ", ".join(f"{k} {v * 1000 / self.ok:.2f}" for k, v in self.cpu.items())
        return f"\n  CPU ms per request: {parts}"


RequestFactory = Callable[[int, int], tuple[str, str, bytes]]  # (client, seq) -> method, path, body


async def _client(
    host: str,
    port: int,
    make: RequestFactory,
    index: int,
    stop_at: float,
    headers: dict[str, str],
    expect: int,
    result: LoadResult,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    seq = 0
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    try:
        while time.monotonic() < stop_at:
            method, path, body = make(index, seq)
            seq += 1
            request = (
                f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{head}"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length:
                await reader.readexactly(length)
            elapsed = time.perf_counter() - started
            status = int(status_line.split()[1]) if status_line else 0
            if status == expect:
                result.latencies.append(elapsed)
            else:
                result.errors[str(status)] = result.errors.get(str(status), 0) + 1
    finally:
        writer.close()


def run_load(
    base: str,
    name: str,
    make: RequestFactory,
    *,
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
    expect: int = 200,
) -> LoadResult:
    """``clients`` keep-alive connections sending requests back to back for ``seconds``."""
    host, port = base.removeprefix("http://").split(":")
    result = LoadResult(name, seconds)

    async def main() -> None:
        stop_at = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(
            *[
                _client(host, int(port), make, i, stop_at, headers or {}, expect, result)
                for i in range(clients)
            ]
        )
        result.seconds = time.monotonic() - started

    before = cpu_snapshot()
    asyncio.run(main())
    after = cpu_snapshot()
    result.cpu = {k: after[k] - before[k] for k in before}
    return result


def final_line(name: str, figure: float, unit: str, baseline: float, baseline_unit: str) -> str:
    ratio = figure / baseline if baseline else float("nan")
    return (
        f"{name}: {figure:.1f} {unit} (baseline {baseline:.1f} {baseline_unit}, ratio {ratio:.2f})"
    )


def alternate(
    base: str,
    name: str,
    make: RequestFactory,
    *,
    clients: int,
    seconds: float,
    baseline_seconds: float,
    rounds: int,
    headers: dict[str, str] | None = None,
    expect: int = 200,
) -> tuple[LoadResult, LoadResult]:
    """The measured load and the ``/healthz`` baseline in ``rounds`` alternating slices, so that
    whatever else the machine does weighs on both; returns (baseline, measured)."""
    baseline = LoadResult("baseline GET /healthz", 0)
    measured = LoadResult(name, 0)
    for _ in range(rounds):
        baseline.merge(
            run_load(
                base,
                baseline.name,
                lambda c, s: ("GET", "/healthz", b""),
                clients=clients,
                seconds=baseline_seconds / rounds,
            )
        )
        measured.merge(
            run_load(
                base,
                name,
                make,
                clients=clients,
                seconds=seconds / rounds,
                headers=headers,
                expect=expect,
            )
        )
    return baseline, measured
