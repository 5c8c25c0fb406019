"""``playerdesk triage``: train, classify, evaluate, and export agents' corrections.

    playerdesk triage train [--extra FILE ...] [--output FILE]
    playerdesk triage classify [--fallback-language en|fr] [--explain] < lines.jsonl
    playerdesk triage evaluate [--file FILE] [--json]
    playerdesk triage corrections [--since YYYY-MM-DD] > corrections.jsonl

docs/triage.md tells how they fit together.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from playerdesk.triage.labels import LANGUAGES


class Command(BaseCommand):
    help = "Automatic triage: train the model, classify text, evaluate, export corrections."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="rebuild the model from the corpus")
        train.add_argument(
            "--extra",
            action="append",
            default=[],
            type=Path,
            help="more labelled lines (e.g. exported corrections); may be repeated",
        )
        train.add_argument("--output", type=Path, help="where to write the model")
        classify = sub.add_parser("classify", help='JSON lines {"text": ...} in, results out')
        classify.add_argument("--fallback-language", choices=LANGUAGES)
        classify.add_argument("--explain", action="store_true", help="add the cues")
        classify.add_argument(
            "--noop",
            action="store_true",
            help="read and write the lines without classifying (a baseline for timing)",
        )
        evaluate = sub.add_parser("evaluate", help="measure the model on the evaluation split")
        evaluate.add_argument("--file", type=Path, help="another labelled file")
        evaluate.add_argument("--json", action="store_true", help="the full report as JSON")
        corrections = sub.add_parser("corrections", help="agents' corrections as corpus lines")
        corrections.add_argument("--since", type=date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"])(options)

    # -- train ----------------------------------------------------------------------------------

    def _train(self, options: dict[str, Any]) -> None:
        from playerdesk.triage import training
        from playerdesk.triage.model import DEFAULT_PATH

        for path in options["extra"]:
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
        output = options["output"] or DEFAULT_PATH
        started = time.perf_counter()
        try:
            meta = training.train(options["extra"], output=output)
        except training.CorpusError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Trained on {meta['examples']} messages, {meta['features']} features, "
            f"in {time.perf_counter() - started:.1f} s: model {meta['version']} "
            f"(harm threshold {meta['harm_threshold']}, category threshold "
            f"{meta['category_threshold']}) written to {output.name}."
        )

    # -- classify -------------------------------------------------------------------------------

    def _classify(self, options: dict[str, Any]) -> None:
        from playerdesk.triage.classifier import get_model, triage

        noop, explain = options["noop"], options["explain"]
        fallback = options["fallback_language"]
        if not noop:
            get_model()
        out = sys.stdout
        # Bytes, decoded line by line: a line that is not UTF-8 gets its error line, and the
        # lines after it are still read.
        for number, raw in enumerate(sys.stdin.buffer, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
                if not isinstance(row, dict):
                    raise TypeError("expected an object with a text")
                text = row["text"]
                if not isinstance(text, str):
                    raise TypeError("text must be a string")
            except (ValueError, KeyError, TypeError) as exc:
                result: dict[str, Any] = {"line": number, "error": f"not a text line: {exc}"}
            else:
                if noop:
                    result = {"text_length": len(text)}
                else:
                    t = triage(text, fallback_language=fallback, explain=explain)
                    result = {
                        "lang": t.lang,
                        "category": t.category,
                        "priority": t.priority,
                        "harm": t.harm,
                        "markers": t.markers,
                        "confidence": {
                            "lang": round(t.lang_confidence, 3),
                            "category": round(t.category_confidence, 3),
                            "priority": round(t.priority_confidence, 3),
                            "harm": round(t.harm_confidence, 3),
                        },
                        "category_sure": t.category_sure,
                        "lang_source": t.lang_source,
                    }
                    if explain:
                        result["cues"] = t.cues
                if "id" in row:
                    result = {"id": row["id"], **result}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()

    # -- evaluate -------------------------------------------------------------------------------

    def _evaluate(self, options: dict[str, Any]) -> None:
        from playerdesk.triage import training
        from playerdesk.triage.classifier import get_model

        path = options["file"] or training.EVAL_FILE
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            report = training.evaluate(path)
        except training.CorpusError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        w = self.stdout.write
        version = get_model().meta.get("version", "?")
        w(f"Model {version} on {path.name}: {report['messages']} messages")
        w("")
        w(f"{'':22}{'all':>8}{'en':>8}{'fr':>8}")
        rows = [
            ("messages", "messages", "{:8d}"),
            ("language accuracy", "lang_accuracy", "{:8.3f}"),
            ("category macro-F1", "category_macro_f1", "{:8.3f}"),
            ("category accuracy", "category_accuracy", "{:8.3f}"),
            ("priority accuracy", "priority_accuracy", "{:8.3f}"),
            ("harm recall", "harm_recall", "{:8.3f}"),
            ("harm precision", "harm_precision", "{:8.3f}"),
            ("harm F1", "harm_f1", "{:8.3f}"),
            ("harm messages", "harm_messages", "{:8d}"),
            ("category applied", "applied", "{:8.3f}"),
            ("  accuracy applied", "applied_accuracy", "{:8.3f}"),
        ]
        for label, key, fmt in rows:
            w(f"{label:22}" + "".join(fmt.format(report[g][key]) for g in ("all", "en", "fr")))
        w("")
        w(f"{'category':22}{'precision':>10}{'recall':>8}{'F1':>8}{'messages':>10}")
        for name, c in report["all"]["categories"].items():
            w(f"{name:22}{c['precision']:10.3f}{c['recall']:8.3f}{c['f1']:8.3f}{c['messages']:10d}")

    # -- corrections ----------------------------------------------------------------------------

    def _corrections(self, options: dict[str, Any]) -> None:
        from playerdesk.triage.models import Correction

        corrections = Correction.objects.select_related("ticket").order_by("ticket_id", "id")
        if options["since"]:
            start = timezone.make_aware(datetime.combine(options["since"], dtime.min))
            corrections = corrections.filter(created_at__gte=start)
        latest: dict[int, Any] = {}
        for correction in corrections:
            latest[correction.ticket_id] = correction  # the ticket's state after its last one
        for correction in latest.values():
            ticket = correction.ticket
            markers = ticket.triage.get("markers") or [] if ticket.harm else []
            if ticket.harm and not markers:
                markers = ["distress"]  # marked by an agent: review the marker before training
            line = {
                "text": correction.text,
                "lang": ticket.language,
                "category": ticket.category,
                "priority": ticket.priority,
                "harm": ticket.harm,
                "markers": markers,
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
