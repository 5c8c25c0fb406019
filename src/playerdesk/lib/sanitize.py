"""Sanitising what players and agents write: nh3, never a hand-written filter."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "div",
        "em",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "span",
        "strong",
        "u",
        "ul",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "img",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"alt", "src"},
    "td": {"colspan"},
    "th": {"colspan"},
}
# Images only from attachments already stored with the ticket (cid:) or inline data; links only
# to the web and to mail addresses.
URL_SCHEMES = frozenset({"http", "https", "mailto", "cid"})


def clean_html(value: str) -> str:
    """HTML from outside, made safe: no scripts, no event handlers, no styles, safe links."""
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def text_to_html(value: str) -> str:
    """Plain text as safe HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in value.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs
    )


def body_from_input(value: str, *, is_html: bool = False) -> str:
    """The stored body of a message: sanitised HTML whatever came in."""
    return clean_html(value) if is_html else clean_html(text_to_html(value))


def html_to_text(value: str) -> str:
    """A rough plain-text rendering of stored (already sanitised) HTML, for APIs and search."""
    text = value.replace("<br>", "\n").replace("</p>", "\n\n")
    text = nh3.clean(text, tags=set())
    return html.unescape(text).strip()
