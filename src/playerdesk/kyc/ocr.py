"""Reading the machine-readable zone from a photo, with Tesseract when it is installed.

Without Tesseract (or when it reads nothing usable) the officer types the zone; the checks are
the same either way. Nothing is downloaded: Tesseract comes from the system's packages.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from playerdesk.kyc import mrz

logger = logging.getLogger(__name__)

_LINE = re.compile(r"^[A-Z0-9<]{28,46}$")
_ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
TIMEOUT_SECONDS = 20


def available() -> bool:
    return settings.PLAYERDESK_KYC_OCR and shutil.which("tesseract") is not None


def read_mrz(png: bytes) -> str:
    """The zone's lines if Tesseract finds a zone that parses, else ""."""
    if not available():
        return ""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        path.write_bytes(png)
        try:
            result = subprocess.run(
                [
                    "tesseract",
                    str(path),
                    "stdout",
                    "--psm",
                    "6",
                    "-c",
                    f"tessedit_char_whitelist={_ALLOWED}",
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            logger.warning("tesseract failed", exc_info=True)
            return ""
    lines = [line.replace(" ", "") for line in result.stdout.decode("ascii", "ignore").splitlines()]
    lines = [line for line in lines if _LINE.match(line)]
    for size in (3, 2):
        for start in range(len(lines) - size + 1):
            candidate = "\n".join(lines[start : start + size])
            try:
                mrz.parse(candidate)
            except mrz.MrzError:
                continue
            return candidate
    return ""
