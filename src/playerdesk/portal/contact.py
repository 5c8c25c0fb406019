"""The contact form, per brand, in both languages (R3, R12): the player chooses what the request
is about, then fills what that kind of request needs. Signed in from the member area (the
platform's token, portal/views.py) the player fills no identity fields.

Files are judged by their bytes as identity documents are (kyc/files.py); a hidden field that
people never fill catches robots; a few requests per address per ten minutes are taken.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from playerdesk.brands.models import Brand
from playerdesk.kyc import files
from playerdesk.lib import clock
from playerdesk.mail import outbound
from playerdesk.people.actions import player_for_address
from playerdesk.people.models import Player
from playerdesk.portal.views import session_player
from playerdesk.tickets import actions, incidents

logger = logging.getLogger(__name__)

MAX_FILES = 3
# Requests taken per address and brand in ten minutes (per server process).
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 600

CATEGORY_CHOICES = [
    ("", gettext_lazy("Choose…")),
    ("technical", gettext_lazy("A technical problem (game, site, app)")),
    ("payments", gettext_lazy("A deposit or a withdrawal")),
    ("account_access", gettext_lazy("Signing in to my account")),
    ("verification", gettext_lazy("Verifying my identity")),
    ("bonus", gettext_lazy("A bonus or a promotion")),
    ("general", gettext_lazy("Something else")),
]
DEVICE_CHOICES = [
    ("", gettext_lazy("Choose…")),
    ("desktop", gettext_lazy("Desktop computer")),
    ("laptop", gettext_lazy("Laptop")),
    ("phone", gettext_lazy("Phone")),
    ("tablet", gettext_lazy("Tablet")),
    ("other", gettext_lazy("Other")),
]
REQUIRED_MESSAGE = gettext_lazy("Required for this kind of request.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _local(value: datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else ""


class ContactForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("What is it about?"), choices=CATEGORY_CHOICES)
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("Your email"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Tell us what happened"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # technical
    game = forms.CharField(label=gettext_lazy("Game"), max_length=100, required=False)
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("When did it happen?"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    error_message = forms.CharField(
        label=gettext_lazy("Error message shown"), max_length=500, required=False
    )
    device = forms.ChoiceField(
        label=gettext_lazy("Device type"), choices=DEVICE_CHOICES, required=False
    )
    os = forms.CharField(label=gettext_lazy("Operating system"), max_length=60, required=False)
    browser = forms.CharField(
        label=gettext_lazy("Browser and version (or the app)"), max_length=60, required=False
    )
    # payments
    transaction_id = forms.CharField(
        label=gettext_lazy("Transaction id"), max_length=64, required=False
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"),
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        required=False,
    )
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"),
        choices=[("", "—"), *[(c, c) for c in incidents.CURRENCIES]],
        required=False,
    )
    payment_method = forms.CharField(
        label=gettext_lazy("Payment method"), max_length=60, required=False
    )
    # account access
    username = forms.CharField(
        label=gettext_lazy("Username or email you sign in with"), max_length=150, required=False
    )
    # bonus
    bonus_code = forms.CharField(label=gettext_lazy("Bonus code"), max_length=40, required=False)
    claimed_at = forms.DateField(
        label=gettext_lazy("Date of the claim"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Screenshots or documents (JPEG, PNG or PDF, up to 3)"),
        required=False,
    )
    # Hidden from people; robots fill it.
    website = forms.CharField(required=False, label="")

    def __init__(self, *args: Any, member: bool, timezone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.timezone = ZoneInfo(timezone)
        if member:
            del self.fields["name"]
            del self.fields["email"]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        category = data.get("category")
        if not category:
            return data
        for key in incidents.required_for(category):
            if key in self.fields and data.get(key) in (None, ""):
                self.add_error(key, REQUIRED_MESSAGE)
        now = clock.now()
        when = data.get("occurred_at")
        if when is not None:
            when = when.replace(tzinfo=self.timezone) if when.tzinfo is None else when
            data["occurred_at"] = when
            if when > now:
                self.add_error("occurred_at", _("This is in the future."))
        claimed = data.get("claimed_at")
        if claimed is not None and claimed > now.astimezone(self.timezone).date():
            self.add_error("claimed_at", _("This is in the future."))
        uploads = data.get("attachments") or []
        if len(uploads) > MAX_FILES:
            self.add_error("attachments", _("At most %(n)s files.") % {"n": MAX_FILES})
        return data

    def details(self) -> dict[str, Any]:
        """The structured details of the chosen category, as stored on the ticket."""
        data = self.cleaned_data
        category = data["category"]
        keys = incidents.required_for(category)
        out: dict[str, Any] = {}
        for key in keys:
            value = data.get(key)
            if key == "occurred_at":
                value = _local(value)
            elif key == "claimed_at":
                value = value.isoformat() if value else ""
            elif key == "amount":
                value = str(value) if value is not None else ""
            if value not in (None, ""):
                out[key] = str(value).strip()
        return out


def _rate_key(request: HttpRequest, brand: Brand) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return "contact:" + hashlib.sha256(f"{brand.slug}:{address}".encode()).hexdigest()[:32]


def _language(request: HttpRequest, brand: Brand, player: Player | None) -> str:
    chosen = request.GET.get("lang") or request.session.get("portal:lang")
    if chosen in ("en", "fr"):
        request.session["portal:lang"] = chosen
        return chosen
    if player is not None:
        return player.preferred_language
    return translation.get_language_from_request(request) or brand.primary_language


def contact(request: HttpRequest, brand: str) -> HttpResponse:
    the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
    player = session_player(request, the_brand)
    language = _language(request, the_brand, player)
    with translation.override(language):
        return _contact(request, the_brand, player, language)


def _contact(
    request: HttpRequest, brand: Brand, player: Player | None, language: str
) -> HttpResponse:
    member = player is not None
    context: dict[str, Any] = {
        "brand": brand,
        "player": player,
        "member": member,
        "required": {k: list(v) for k, v in incidents.REQUIRED.items()},
        "public_switch": True,
    }
    if request.method != "POST":
        context["form"] = ContactForm(member=member, timezone=brand.timezone)
        return render(request, "portal/contact.html", context)
    form = ContactForm(request.POST, request.FILES, member=member, timezone=brand.timezone)
    context["form"] = form
    key = _rate_key(request, brand)
    if cache.get(key, 0) >= RATE_LIMIT:
        context["error"] = _("Too many requests from here. Please try again in a few minutes.")
        return render(request, "portal/contact.html", context, status=429)
    if not form.is_valid():
        return render(request, "portal/contact.html", context, status=400)
    if form.cleaned_data.get("website"):
        logger.info("contact form: honeypot filled, request dropped (%s)", brand.slug)
        return render(request, "portal/contact_sent.html", {"brand": brand, "reference": None})
    inspected = []
    for upload in form.cleaned_data.get("attachments") or []:
        data = upload.read(files.MAX_BYTES + 1)
        try:
            found = files.inspect(
                data, filename=upload.name or "", declared_mime=upload.content_type or ""
            )
        except files.FileRejected as exc:
            form.add_error("attachments", f"{upload.name}: {exc}")
            return render(request, "portal/contact.html", context, status=400)
        inspected.append((upload.name or "file", data, found))
    cache.set(key, cache.get(key, 0) + 1, RATE_WINDOW_SECONDS)
    ticket = _open(brand, player, form, inspected, language)
    request.session["portal:sent"] = ticket.reference
    return redirect("portal:contact_sent", brand=brand.slug)


def _open(
    brand: Brand,
    player: Player | None,
    form: ContactForm,
    inspected: list[tuple[str, bytes, files.Inspection]],
    language: str,
) -> Any:
    data = form.cleaned_data
    details = form.details()
    if data["category"] == "technical" and inspected:
        details["screenshot"] = ", ".join(name for name, _d, _f in inspected)[:200]
    description = data["description"].strip()
    subject = description.splitlines()[0][:120] if description else str(_("Contact form"))
    with transaction.atomic():
        if player is None:
            player = player_for_address(
                brand=brand, email=data["email"], name=data["name"], language=language
            )
        ticket = actions.open_ticket(
            brand=brand,
            player=player,
            channel="member_area" if form.member else "form",
            subject=subject,
            body=description,
            actor=actions.Actor.for_player(player),
            category=data["category"],
            language=language,
            fields=details,
        )
        message = ticket.messages.order_by("id").first()
        for name, content, found in inspected:
            actions.attach_file(
                message=message, filename=name, data=content, content_type=found.mime
            )
        outbound.acknowledge(ticket=ticket)
    return ticket


def contact_sent(request: HttpRequest, brand: str) -> HttpResponse:
    the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
    language = request.session.get("portal:lang") or translation.get_language()
    reference = request.session.get("portal:sent")
    if not reference:
        return redirect("portal:contact", brand=the_brand.slug)
    with translation.override(language):
        return render(
            request, "portal/contact_sent.html", {"brand": the_brand, "reference": reference}
        )
