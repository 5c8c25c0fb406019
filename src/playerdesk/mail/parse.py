"""What a received email says, read defensively. Pure: no ORM.

Any RFC 822 bytes go in; a ``Parsed`` comes out, or ``Unreadable`` with the reason. Headers that
do not decode are read as text with replacement characters; a body in an unknown charset is
decoded as UTF-8 with replacements (then Latin-1); HTML is reduced to text by the project's
sanitiser; nesting deeper than MAX_DEPTH is not walked. The shown text drops the quoted earlier
messages and the signature (``quotes.py``); the original stays with the ticket.

Two things decide what may be answered automatically: ``automatic`` says why a message was
written by a machine (``Auto-Submitted``, ``Precedence``, a list, a mail system's address), and
``report`` holds what a delivery status notification (RFC 3464) says failed.
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


@dataclass(frozen=True)
class Report:
    """A delivery status notification: the addresses it failed for and the original's id."""

    failed: list[str]
    status: str
    diagnostic: str
    original_message_id: str


@dataclass
class Parsed:
    message_id: str
    sender: str
    sender_name: str
    subject: str
    in_reply_to: str
    references: list[str]
    automatic: str  # why a machine wrote it ("" for a person)
    text: str
    full_text: str
    attachments: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: Report | None = None


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


# Local parts of the addresses mail systems send from (RFC 3834 section 2, common practice).
SYSTEM_SENDERS = frozenset(
    {
        "mailer-daemon",
        "postmaster",
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "do-not-reply",
        "bounce",
        "bounces",
        "daemon",
        "listserv",
        "majordomo",
    }
)


def automatic_reason(msg: Message, sender: str) -> str:
    """Why this message was written by a machine, or "" when nothing says it was."""
    auto = _header(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto[:40]}"
    precedence = _header(msg, "Precedence").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"):
        if _header(msg, name):
            return f"{name} present"
    if _header(msg, "List-Id") or _header(msg, "List-Unsubscribe"):
        return "sent to a mailing list"
    local = sender.split("@", 1)[0]
    if local in SYSTEM_SENDERS or local.startswith(("bounce", "mailer-daemon")):
        return f"sent by a mail system ({local})"
    if msg.get_content_type() == "multipart/report":
        return "a delivery or read report"
    return ""


def _recipient(value: str) -> str:
    """``rfc822; someone@example.com`` -> the address."""
    address = value.split(";", 1)[-1].strip().strip("<>").lower()
    return address if "@" in address else ""


def delivery_report(msg: Message) -> Report | None:
    """What a multipart/report of type delivery-status says failed; None for anything else."""
    if msg.get_content_type() != "multipart/report":
        return None
    if (msg.get_param("report-type") or "").lower() != "delivery-status":
        return None
    failed: list[str] = []
    status = diagnostic = original = ""
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            groups = part.get_payload()
            if not isinstance(groups, list):
                groups = [email.message_from_string(str(groups), policy=policy.compat32)]
            for group in groups[:50]:
                if not isinstance(group, Message):
                    continue
                if _header(group, "Action").lower() != "failed":
                    continue
                address = _recipient(
                    _header(group, "Final-Recipient") or _header(group, "Original-Recipient")
                )
                if address:
                    failed.append(address)
                status = status or _header(group, "Status")[:20]
                diagnostic = diagnostic or _header(group, "Diagnostic-Code")[:250]
        elif ctype in ("message/rfc822", "message/global") and not original:
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                original = (_ids(_header(inner[0], "Message-ID")) or [""])[0]
        elif ctype == "text/rfc822-headers" and not original:
            headers = email.message_from_string(_decode(part), policy=policy.compat32)
            original = (_ids(_header(headers, "Message-ID")) or [""])[0]
    return Report(failed, status, diagnostic, original[:255])


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
    references = _ids(_header(msg, "References"))[-50:]
    sender = address.strip().lower()[:320]
    try:
        report = delivery_report(msg)
    except Exception as exc:  # a report too damaged to read is read as a message
        notes.append(f"delivery report not read: {type(exc).__name__}")
        report = None
    return Parsed(
        message_id=(_ids(_header(msg, "Message-ID")) or [""])[0][:255],
        sender=sender,
        sender_name=name.strip()[:200],
        subject=subject[:255],
        in_reply_to=(_ids(_header(msg, "In-Reply-To")) or [""])[0],
        references=references,
        automatic=automatic_reason(msg, sender),
        text=strip_quotes(full) or full,
        full_text=full,
        attachments=attachments,
        notes=notes,
        report=report,
    )


__all__ = ["Parsed", "Part", "Report", "Unreadable", "dedupe_key", "delivery_report", "parse"]
