"""Run a benchmark scenario: ``python -m bench NAME [options]``; ``python -m bench list``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench.scenarios as scenarios


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(scenarios.__path__))


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"list", "-h", "--help"}:
        print("usage: python -m bench NAME [options]\nscenarios: " + ", ".join(available()))
        return 0 if argv and argv[0] == "list" else 2
    name, rest = argv[0], argv[1:]
    if name not in available():
        print(f"no scenario {name!r}; scenarios: {', '.join(available())}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"bench.scenarios.{name}")
    return module.main(rest) or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
