"""What a received email says, read defensively. Pure: no ORM.

Any RFC 822 bytes go in; a ``Parsed`` comes out, or ``Unreadable`` with the reason. Headers that
do not decode are read as text with replacement characters; a body in an unknown charset is
decoded as UTF-8 with replacements (then Latin-1); HTML is reduced to text by the project's
sanitiser; nesting deeper than MAX_DEPTH is not walked. The shown text drops the quoted earlier
messages and the signature (``quotes.py``); the original stays with the ticket.
"""

from __future__ import annotations

import email
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr

from playerdesk.lib.sanitize import html_to_text
from playerdesk.mail.quotes import strip_quotes

MAX_DEPTH = 30
MAX_PARTS = 500
MAX_TEXT = 100_000


class Unreadable(Exception):
    """Nothing usable can be read from these bytes; the message says why."""


@dataclass(frozen=True)
class Part:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Parsed:
    message_id: str
    sender: str
    sender_name: str
    subject: str
    in_reply_to: str
    references: list[str]
    auto_submitted: bool
    text: str
    full_text: str
    attachments: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the modern parser cannot make sense of
        value = None
        for key, raw in msg.raw_items() if hasattr(msg, "raw_items") else []:
            if key.lower() == name.lower():
                value = raw
                break
    if value is None:
        return ""
    text = str(value)
    return re.sub(r"[\r\n\t]+", " ", text).strip()


def _ids(text: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", text)


def dedupe_key(raw: bytes) -> str:
    """``mid:<id>`` from the Message-ID, else ``sha:`` and the SHA-256 of the bytes."""
    try:
        msg = email.message_from_bytes(raw[:65536], policy=policy.compat32)
        found = _ids(str(msg.get("Message-ID", "") or ""))
    except Exception:
        found = []
    if found:
        return "mid:" + found[0][:250]
    return "sha:" + hashlib.sha256(raw).hexdigest()


def _decode(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = b""
    if not isinstance(payload, bytes):
        return str(payload)
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("latin-1")


def _walk(msg: Message) -> list[tuple[Message, int]]:
    """The leaf parts, with their depth; stops at MAX_DEPTH and MAX_PARTS."""
    leaves: list[tuple[Message, int]] = []
    stack: list[tuple[Message, int]] = [(msg, 0)]
    while stack and len(leaves) < MAX_PARTS:
        part, depth = stack.pop()
        if part.is_multipart():
            if depth >= MAX_DEPTH:
                continue
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((c, depth + 1) for c in reversed(children))
            continue
        leaves.append((part, depth))
    return leaves


def parse(raw: bytes) -> Parsed:
    if not raw or not raw.strip():
        raise Unreadable("the message is empty")
    try:
        msg = email.message_from_bytes(raw, policy=policy.compat32)
    except Exception as exc:  # the parser itself gave up
        raise Unreadable(f"the message cannot be parsed: {exc}") from exc
    notes: list[str] = [f"MIME defect: {type(d).__name__}" for d in msg.defects][:10]
    # The modern policy decodes encoded words in headers; only the headers are needed from it.
    modern = BytesHeaderParser(policy=policy.default).parsebytes(raw)
    subject = _header(modern, "Subject") or _header(msg, "Subject")
    from_value = _header(modern, "From") or _header(msg, "From")
    name, address = parseaddr(from_value)
    if "@" not in address:
        pairs = getaddresses([from_value])
        address = next((a for _n, a in pairs if "@" in a), "")
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Part] = []
    leaves = _walk(msg)
    if len(leaves) >= MAX_PARTS:
        notes.append(f"more than {MAX_PARTS} parts: the rest was not read")
    for part, _depth in leaves:
        ctype = part.get_content_type()
        filename = part.get_filename()
        disposition = (part.get("Content-Disposition") or "").lower()
        if filename or "attachment" in disposition or not ctype.startswith("text/"):
            data = part.get_payload(decode=True)
            if isinstance(data, bytes) and data:
                attachments.append(Part(str(filename or "attachment"), ctype, data))
            continue
        text = _decode(part)
        (html if ctype == "text/html" else plain).append(text)
    full = "\n\n".join(plain).strip() if plain else html_to_text("\n".join(html)).strip()
    full = full[:MAX_TEXT]
    if not full and not attachments:
        notes.append("no text in the message")
    references = _ids(_header(msg, "References"))
    auto = _header(msg, "Auto-Submitted").lower()
    precedence = _header(msg, "Precedence").lower()
    return Parsed(
        message_id=(_ids(_header(msg, "Message-ID")) or [""])[0][:255],
        sender=address.strip().lower()[:320],
        sender_name=name.strip()[:200],
        subject=subject[:255],
        in_reply_to=(_ids(_header(msg, "In-Reply-To")) or [""])[0],
        references=references,
        auto_submitted=(auto not in ("", "no")) or precedence in ("bulk", "junk", "list"),
        text=strip_quotes(full) or full,
        full_text=full,
        attachments=attachments,
        notes=notes,
    )


__all__ = ["Parsed", "Part", "Unreadable", "dedupe_key", "parse"]
