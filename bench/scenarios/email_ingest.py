"""email_ingest: received email through the one ingest path on PostgreSQL, in one process:
typical 20 KB messages (a question and the quoted earlier exchange), half of them replies that
continue a ticket by the reference in the subject. Printed: messages/s through ``ingest`` and,
as the baseline in the same run, messages/s through ``parse`` alone (reading the MIME, decoding,
cutting the quote) on the same messages. The last line starts with the figure.

Deliveries come from ``--processes`` processes (default 3, as ``playerdesk serve --workers 3``
or three workers reading mailboxes) of ``--threads`` threads each (default 3); ``--processes 1``
gives the figure of one process."""

from __future__ import annotations

import argparse

from bench import lib


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench email_ingest")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--threads",
        type=int,
        default=3,
        help="deliveries at once in each process, as from several mail-provider calls",
    )
    parser.add_argument(
        "--processes", type=int, default=3, help="processes delivering at once (1: one process)"
    )
    args = parser.parse_args(argv)
    db = "playerdesk_bench_email"
    url = lib.fresh_database(db)
    try:
        with lib.temp_home() as home:
            env = lib.playerdesk_env(home, url)
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            script = (
                SCRIPT.replace("MESSAGES", str(args.messages))
                .replace("ROUNDS", str(args.rounds))
                .replace("THREADS", str(args.threads))
                .replace("PROCESSES", str(args.processes))
            )
            out = lib.playerdesk(env, "shell", "-c", script)
            print(out.strip())
            return 0
    finally:
        lib.drop_database(db)


SCRIPT = r"""
import multiprocessing, statistics, threading, time
from email.message import EmailMessage
from django.db import connection
from playerdesk.demo.load import load_configuration
from playerdesk.mail.ingest import ingest
from playerdesk.mail.parse import parse
from playerdesk.tickets.models import Ticket

brand = load_configuration()["ojo"]
QUOTE = "\n".join(
    "> " + ("Thank you for contacting Ojo support. We looked at your withdrawal request and "
            "the payments team is reviewing it; we will write again as soon as we know more.")
    for _ in range(110)
)


def mail(i, subject):
    msg = EmailMessage()
    msg["From"] = f"Player {i % 400} <player{i % 400}@example.ca>"
    msg["To"] = "support@ojo.example.com"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<bench-{i}-{time.time_ns()}@example.ca>"
    msg.set_content(
        f"Hello, any news about my withdrawal number {i}? It has been three days.\n\n"
        f"On Mon, 16 Nov 2026 at 10:00, Ojo Support wrote:\n{QUOTE}\n"
    )
    return bytes(msg)


def deliver_share(share):
    # In a child process: THREADS threads deliver the share; the count of each outcome.
    outcomes = {}
    lock = threading.Lock()

    def work(part):
        for raw in part:
            status = str(ingest(brand, raw).status)
            with lock:
                outcomes[status] = outcomes.get(status, 0) + 1
        connection.close()

    workers = [threading.Thread(target=work, args=(share[k::THREADS],)) for k in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return outcomes


n = MESSAGES
# Players' first messages: one ticket each for 400 players.
for i in range(400):
    ingest(brand, mail(i, f"Withdrawal {i} pending"))
refs = list(Ticket.objects.filter(brand=brand).order_by("id").values_list("reference", flat=True))
sizes = []
ingest_rates, parse_rates = [], []
for r in range(ROUNDS):
    batch = []
    for i in range(n):
        reply = f"RE: [{refs[i % len(refs)]}] Withdrawal"
        batch.append(mail(10_000 * (r + 1) + i, reply if i % 2 else f"New question {r}-{i}"))
    sizes = [len(m) for m in batch]
    started = time.perf_counter()
    for raw in batch:
        parse(raw)
    parse_rates.append(n / (time.perf_counter() - started))
    connection.close()
    if hasattr(connection, "close_pool"):
        connection.close_pool()  # a pool's threads do not survive a fork: each child opens its own
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    children = [
        ctx.Process(target=lambda k=k: results.put(deliver_share(batch[k::PROCESSES])))
        for k in range(PROCESSES)
    ]
    started = time.perf_counter()
    for child in children:
        child.start()
    counts = [results.get() for _ in children]
    ingest_rates.append(n / (time.perf_counter() - started))
    for child in children:
        child.join()
    outcomes = {}
    for c in counts:
        for key, value in c.items():
            outcomes[key] = outcomes.get(key, 0) + value
    print(
        f"round {r + 1}: ingest {ingest_rates[-1]:.1f} messages/s {outcomes}, "
        f"parse only {parse_rates[-1]:.1f} messages/s"
    )
print(
    f"messages of {statistics.mean(sizes) / 1024:.1f} KB on average, {n} a round, "
    f"{PROCESSES} process(es) of {THREADS} threads, PostgreSQL"
)
print(
    f"email_ingest: {statistics.median(ingest_rates):.1f} messages/s "
    f"(baseline parse only {statistics.median(parse_rates):.1f} messages/s, "
    f"median of {ROUNDS} rounds)"
)
"""
