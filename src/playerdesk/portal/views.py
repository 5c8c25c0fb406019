"""Player pages. A player arrives from the casino's member area with a signed token (the
brand's platform secret, ``brands/platform.py``) and is known for that browser session only:
no identity fields to fill, and nothing of another player to reach."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from playerdesk.brands.models import Brand
from playerdesk.brands.platform import TokenError, read_token
from playerdesk.kyc import actions, files
from playerdesk.kyc.models import (
    CaseEvent,
    CaseEventType,
    CaseStatus,
    DocumentKind,
    DocumentStatus,
    IdType,
    VerificationCase,
)
from playerdesk.lib import clock
from playerdesk.people.models import Player

# At most this many uploads (kept or refused) per case per hour: enough for honest retries.
UPLOADS_PER_HOUR = 30
# Room for the form's other fields and the multipart framing around one file.
REQUEST_OVERHEAD = 64 * 1024


def _session_key(brand: Brand) -> str:
    return f"portal:{brand.slug}"


def session_player(request: HttpRequest, brand: Brand) -> Player | None:
    """The player this browser signed in as for this brand, while the token's time lasts."""
    held = request.session.get(_session_key(brand)) or {}
    if held.get("expires", 0) <= time.time():
        return None
    return Player.objects.select_related("brand").filter(pk=held.get("player"), brand=brand).first()


def player_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The player this browser signed in as for this brand, in their language; or a page that
    says to come back from the member area."""

    @wraps(view)
    def wrapper(request: HttpRequest, brand: str, *args: Any, **kwargs: Any) -> HttpResponse:
        the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
        player = session_player(request, the_brand)
        if player is None:
            return render(
                request,
                "portal/signed_out.html",
                {"brand": the_brand, "message": _("Please open this page from your account.")},
                status=401,
            )
        language = request.session.get("portal:lang") or player.preferred_language
        with translation.override(language):
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
            return view(request, the_brand, player, *args, **kwargs)

    return wrapper


def enter(request: HttpRequest, brand: str) -> HttpResponse:
    """``/p/BRAND/enter/?token=...[&next=contact][&lang=fr]``: the member area's link to the
    verification page, or to the contact form."""
    the_brand = get_object_or_404(Brand, slug=brand, is_active=True)
    language = request.GET.get("lang") if request.GET.get("lang") in ("en", "fr") else None
    with translation.override(language or the_brand.primary_language):
        try:
            identity = read_token(the_brand.slug, request.GET.get("token", ""))
        except TokenError as exc:
            return render(
                request,
                "portal/signed_out.html",
                {"brand": the_brand, "message": str(exc), "code": exc.code},
                status=403,
            )
        player = Player.objects.filter(brand=the_brand, external_id=identity.player_id).first()
        if player is None:
            return render(
                request,
                "portal/signed_out.html",
                {"brand": the_brand, "message": _("We do not know this account yet.")},
                status=404,
            )
    request.session.cycle_key()
    request.session[_session_key(the_brand)] = {
        "player": player.pk,
        "expires": identity.expires_at,
    }
    if language:
        request.session["portal:lang"] = language
    target = "portal:contact" if request.GET.get("next") == "contact" else "portal:verification"
    return redirect(target, brand=the_brand.slug)


@require_POST
def set_language(request: HttpRequest, brand: str) -> HttpResponse:
    language = request.POST.get("language")
    if language in ("en", "fr"):
        request.session["portal:lang"] = language
    return redirect("portal:verification", brand=brand)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices, widget=forms.HiddenInput)
    id_type = forms.ChoiceField(
        label=gettext_lazy("Type of ID"),
        choices=[("", gettext_lazy("Choose…")), *IdType.choices],
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("File (JPEG, PNG or PDF, at most 10 MB)"),
        # An empty file goes on to the inspection, which refuses it and records why.
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Choose a file to send.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == DocumentKind.PHOTO_ID and not data.get("id_type"):
            self.add_error("id_type", _("Choose the type of ID."))
        return data


def _latest_case(player: Player) -> VerificationCase | None:
    return VerificationCase.objects.filter(player=player).order_by("-id").first()


def _kinds(case: VerificationCase) -> list[dict[str, Any]]:
    """Each document the case asks for, with what the player must do about it."""
    current = actions.current_documents(case)
    latest_retry = {}
    for doc in case.documents.filter(status=DocumentStatus.RETRY).order_by("uploaded_at", "id"):
        latest_retry[doc.kind] = doc
    rows = []
    for kind in case.required:
        doc = current.get(kind)
        retry = latest_retry.get(kind) if doc is None else None
        rows.append(
            {
                "kind": kind,
                "label": DocumentKind(kind).label,
                "document": doc,
                "retry": retry,
                "needs_upload": doc is None and case.status == CaseStatus.REQUESTED,
                "form": UploadForm(initial={"kind": kind}, auto_id=f"id_{kind}_%s"),
            }
        )
    return rows


@player_required
def verification(request: HttpRequest, brand: Brand, player: Player) -> HttpResponse:
    return _page(request, brand, player)


def _page(
    request: HttpRequest,
    brand: Brand,
    player: Player,
    *,
    error: str = "",
    error_kind: str = "",
    status: int = 200,
) -> HttpResponse:
    case = _latest_case(player)
    told = []
    if case is not None:
        told = list(
            CaseEvent.objects.filter(case=case)
            .exclude(player_message="")
            .order_by("-created_at", "-id")[:10]
        )
    return render(
        request,
        "portal/verification.html",
        {
            "brand": brand,
            "player": player,
            "case": case,
            "kinds": _kinds(case) if case else [],
            "told": told,
            "error": error,
            "error_kind": error_kind,
            "sent": request.GET.get("sent") == "1",
        },
        status=status,
    )


@require_POST
@player_required
def upload(request: HttpRequest, brand: Brand, player: Player) -> HttpResponse:
    case = _latest_case(player)
    if case is None or case.status not in (CaseStatus.REQUESTED, CaseStatus.SUBMITTED):
        return _page(request, brand, player, error=_("No document is expected now."), status=409)
    # Refuse a body far over the limit before Django spools it to disk.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > files.MAX_BYTES + REQUEST_OVERHEAD:
        return _page(
            request,
            brand,
            player,
            error=_("This file is too large; the limit is %(limit)s MB.")
            % {"limit": files.MAX_BYTES // (1024 * 1024)},
            status=413,
        )
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _page(
            request,
            brand,
            player,
            error=error,
            error_kind=request.POST.get("kind", ""),
            status=400,
        )
    kind = form.cleaned_data["kind"]
    if kind not in case.required:
        return _page(request, brand, player, error=_("This document is not asked for."), status=400)
    recent = CaseEvent.objects.filter(
        case=case,
        type__in=(CaseEventType.DOCUMENT, CaseEventType.REFUSED),
        created_at__gte=clock.now() - timedelta(hours=1),
    ).count()
    if recent >= UPLOADS_PER_HOUR:
        return _page(
            request,
            brand,
            player,
            error=_("Too many files sent in the last hour. Please try again later."),
            error_kind=kind,
            status=429,
        )
    uploaded = form.cleaned_data["file"]
    # Read one byte more than the limit: enough to say "too large" without reading it all.
    data = uploaded.read(files.MAX_BYTES + 1)
    try:
        actions.upload_document(
            case=case,
            upload=actions.Upload(
                kind=kind,
                filename=uploaded.name or "",
                data=data,
                declared_type=uploaded.content_type or "",
                id_type=form.cleaned_data.get("id_type") or "",
            ),
            actor=actions.Actor.for_player(player),
        )
    except files.FileRejected as exc:
        return _page(request, brand, player, error=str(exc), error_kind=kind, status=400)
    except actions.DomainError as exc:
        return _page(request, brand, player, error=exc.message, error_kind=kind, status=400)
    return redirect(reverse("portal:verification", kwargs={"brand": brand.slug}) + "?sent=1")
