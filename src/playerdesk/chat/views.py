"""The chat widget's script, rendered with its sentences in both languages, and a page that
shows it (for the demo and for trying a brand's chat)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from playerdesk.brands.models import Brand


def _strings() -> dict[str, str]:
    return {
        "open": _("Chat with us"),
        "close": _("Close the chat"),
        "title": _("Live chat"),
        "name": _("Your name"),
        "email": _("Your email"),
        "start": _("Start the chat"),
        "message": _("Your message"),
        "send": _("Send"),
        "end": _("End the chat"),
        "waiting": _("You are number %(position)s in line, about %(minutes)s min."),
        "with_agent": _("You are chatting with %(agent)s."),
        "ended": _("The chat has ended. We will follow up by email if needed."),
        "typing": _("The agent is typing…"),
        "read": _("Read"),
        "sending": _("Sending…"),
        "reconnecting": _("Connection lost, reconnecting…"),
        "left": _("Thank you: your message is request %(reference)s, we will answer by email."),
        "contact": _("Contact form"),
        "you": _("You"),
        "agent": _("Agent"),
        "transcript": _("Email me the transcript"),
        "attach": _("Send a file (JPEG, PNG or PDF, up to 5 MB)"),
        "not_sent": _("Not sent"),
        "file_line": _("File: %(name)s"),
        "back_in_line": _("We are passing you to another team: please wait a moment."),
    }


@require_GET
def widget_script(request: HttpRequest, brand: str) -> HttpResponse:
    """``/p/<brand>/chat.js``: the one file a site embeds (docs/chat.md)."""
    the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
    strings = {}
    for language in ("en", "fr"):
        with translation.override(language):
            strings[language] = _strings()
    response = render(
        request,
        "chat/widget.js",
        {"brand": the_brand, "strings": json.dumps(strings, ensure_ascii=False)},
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"  # a script, no credentials
    return response


@require_GET
def try_page(request: HttpRequest, brand: str) -> HttpResponse:
    """``/p/<brand>/chat/?lang=fr``: a page of the brand with the widget on it."""
    the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
    language = request.GET.get("lang") if request.GET.get("lang") in ("en", "fr") else None
    language = language or the_brand.primary_language
    with translation.override(language):
        return render(
            request,
            "chat/try.html",
            {"brand": the_brand, "language": language, "token": request.GET.get("token", "")},
        )
