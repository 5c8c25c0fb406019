"""triage: a 10,000-message batch through ``playerdesk triage classify``, in ms per message, the
whole command timed (start-up and model load included). Baseline: the same batch through
``playerdesk triage classify --noop`` (the same process reading and writing the same JSON
lines, classifying nothing) in the same run. Target: under 2 ms a message.

The messages are the corpus's (training and evaluation files) repeated to the batch size, so
their lengths are those players write. Each command runs ``--rounds`` times, alternating; the
figure is the median round. Also printed: the model's load time and a single message's time
in a warm process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from bench import lib


def batch(size: int) -> bytes:
    from playerdesk.triage import training

    texts = [
        json.loads(line)["text"]
        for path in (training.TRAIN_FILE, training.EVAL_FILE)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines = [json.dumps({"text": texts[i % len(texts)]}, ensure_ascii=False) for i in range(size)]
    return ("\n".join(lines) + "\n").encode()


def timed(env: dict[str, str], data: bytes, *extra: str) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "playerdesk", "triage", "classify", *extra],
        input=data,
        env=env,
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"triage classify failed:\n{result.stderr.decode()}")
    return seconds, result.stdout.count(b"\n")


def warm_figures() -> tuple[float, float]:
    """The model's load time and one message's time in a process that has it loaded (ms)."""
    from playerdesk.triage.classifier import triage
    from playerdesk.triage.model import Model

    started = time.perf_counter()
    model = Model.load()
    load_ms = (time.perf_counter() - started) * 1000
    text = "Bonjour, mon retrait de 300 $ est en attente depuis 5 jours, c'est normal?"
    triage(text, model=model)  # the language detector's first use
    runs = []
    for _ in range(200):
        started = time.perf_counter()
        triage(text, model=model)
        runs.append((time.perf_counter() - started) * 1000)
    return load_ms, statistics.median(runs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench triage")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    data = batch(args.messages)
    with lib.temp_home() as home:
        env = lib.playerdesk_env(home, "")
        env["DATABASE_URL"] = ""  # the embedded default: classify reads no table
        noop, real = [], []
        for _ in range(args.rounds):
            seconds, n = timed(env, data, "--noop")
            assert n == args.messages, n
            noop.append(seconds)
            seconds, n = timed(env, data)
            assert n == args.messages, n
            real.append(seconds)
    load_ms, one_ms = warm_figures()
    per_message = statistics.median(real) * 1000 / args.messages
    baseline = statistics.median(noop) * 1000 / args.messages
    print(f"batch: {args.messages} messages, {args.rounds} rounds, median of each")
    print(
        f"  classify: {statistics.median(real):.2f} s  (rounds: "
        + ", ".join(f"{s:.2f}" for s in real)
        + ")"
    )
    print(
        f"  no-op:    {statistics.median(noop):.2f} s  (rounds: "
        + ", ".join(f"{s:.2f}" for s in noop)
        + ")"
    )
    print(f"model load: {load_ms:.0f} ms; one message in a warm process: {one_ms:.3f} ms")
    print(
        f"{per_message:.3f} ms/message through triage classify (baseline no-op "
        f"{baseline:.3f} ms/message, target 2 ms)"
    )
    return 0
