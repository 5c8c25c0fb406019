"""The new part of a reply: quoted earlier messages and signatures cut off. Pure.

Recognises the attribution lines of common mail programs in English and French ("On ... wrote:",
"Le ... a écrit :"), forwarded and original-message separators, Outlook's header block
("From: ... Sent: ..." / "De : ... Envoyé : ..."), a trailing block of ">" lines, and the
signature separator "-- ". When cutting would leave nothing, the caller keeps the whole text.
"""

from __future__ import annotations

import re

_CUT = [
    re.compile(r"^\s*On .{1,200}wrote:\s*$", re.I),
    re.compile(r"^\s*Le .{1,200}a [ée]crit\s*:\s*$", re.I),
    re.compile(
        r"^\s*-{2,}\s*(Original Message|Message d'origine|Forwarded message|"
        r"Message transf[ée]r[ée])\s*-{2,}\s*$",
        re.I,
    ),
    re.compile(r"^\s*_{10,}\s*$"),
]
_HEADER_BLOCK = re.compile(r"^\s*(From|De)\s*:\s*.+$", re.I)
_HEADER_NEXT = re.compile(r"^\s*(Sent|Envoy[ée]|Date|To|[ÀA])\s*:\s*.+$", re.I)
_SIGNATURE = re.compile(r"^-- ?$")


def strip_quotes(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    end = len(lines)
    for i, line in enumerate(lines):
        if any(p.match(line) for p in _CUT) or _SIGNATURE.match(line):
            end = i
            break
        if _HEADER_BLOCK.match(line) and i + 1 < len(lines) and _HEADER_NEXT.match(lines[i + 1]):
            end = i
            break
    kept = lines[:end]
    while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith(">")):
        kept.pop()
    return "\n".join(kept).strip()
