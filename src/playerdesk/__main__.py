"""The ``playerdesk`` command: every Django management command, plus serve, worker, demo."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "playerdesk"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        message = " ".join(str(exc).split())
        print(f"playerdesk: configuration error: {message}", file=sys.stderr)
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
