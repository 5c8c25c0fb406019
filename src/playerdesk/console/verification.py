"""The verification team's pages: the review queue, a case with its documents and checks, the
documents themselves (logged), and the decisions."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from playerdesk.console.views import agent_required
from playerdesk.kyc import access, actions, files, mrz, vault
from playerdesk.kyc.display import describe
from playerdesk.kyc.models import (
    REVIEW_STATUSES,
    AccessAction,
    CaseStatus,
    Document,
    DocumentKind,
    IdType,
    RejectReason,
    RetryReason,
    VerificationCase,
)
from playerdesk.lib import clock
from playerdesk.people.models import AgentProfile
from playerdesk.sla.schedules import business_schedule
from playerdesk.tickets import access as ticket_access
from playerdesk.tickets.models import Attachment, MessageKind

PAGE_SIZE = 50


class RetryForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=gettext_lazy("Why"), choices=RetryReason.choices)
    note = forms.CharField(
        label=gettext_lazy("Note for the player (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Why"), choices=RejectReason.choices)


class ApproveForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name on the document"), max_length=100)
    document_type = forms.ChoiceField(
        label=gettext_lazy("Type of document"), choices=IdType.choices
    )
    number = forms.CharField(label=gettext_lazy("Document number"), max_length=40)
    jurisdiction = forms.CharField(
        label=gettext_lazy("Issuing jurisdiction"),
        max_length=60,
        help_text=gettext_lazy("Province, state or authority that issued it."),
    )
    country = forms.CharField(label=gettext_lazy("Issuing country"), max_length=3)
    expiry = forms.DateField(
        label=gettext_lazy("Expiry date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class MrzForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    mrz = forms.CharField(
        label=gettext_lazy("Machine-readable zone, as printed"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "class": "mono"}),
    )


class AttachmentForm(forms.Form):
    attachment = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=gettext_lazy("As"), choices=DocumentKind.choices)
    id_type = forms.ChoiceField(
        label=gettext_lazy("Type of ID"),
        choices=[("", "—"), *IdType.choices],
        required=False,
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Internal comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "console/kyc_forbidden.html",
        {"agent": request.agent},  # type: ignore[attr-defined]
        status=403,
    )


def _business_hours_left(case: VerificationCase, now: datetime) -> float | None:
    """Business hours until the review target (negative: past it), in the brand's calendar."""
    if case.review_due_at is None:
        return None
    schedule = business_schedule(case.brand)
    if case.review_due_at >= now:
        return schedule.elapsed(now, case.review_due_at).total_seconds() / 3600
    return -schedule.elapsed(case.review_due_at, now).total_seconds() / 3600


@agent_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Cases waiting for a decision, oldest submission first, with the time left."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    if not access.may_review(agent):
        return _forbidden(request)
    cases = (
        access.visible_cases(agent)
        .filter(status__in=REVIEW_STATUSES)
        .select_related("brand", "player", "reviewer")
        .order_by("submitted_at", "id")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    now = clock.now()
    rows = []
    for case in page.object_list:
        left = _business_hours_left(case, now)
        rows.append(
            {
                "case": case,
                "hours_left": None if left is None else round(left, 1),
                "late": case.review_limit_at is not None and now > case.review_limit_at,
                "past_target": left is not None and left < 0,
            }
        )
    waiting = access.visible_cases(agent).filter(status=CaseStatus.REQUESTED).count()
    return render(
        request,
        "console/kyc_queue.html",
        {"agent": agent, "rows": rows, "page": page, "waiting_for_players": waiting},
    )


def _documents(case) -> list[dict[str, object]]:
    docs = []
    current = {d.pk for d in actions.current_documents(case).values()}
    for doc in case.documents.order_by("-uploaded_at", "-id"):
        zone = None
        if doc.mrz:
            try:
                zone = mrz.parse(doc.mrz)
            except mrz.MrzError:
                zone = None
        reasons = {**dict(RetryReason.choices), **dict(RejectReason.choices)}
        docs.append(
            {
                "doc": doc,
                "reason_label": reasons.get(doc.reason, doc.reason),
                "current": doc.pk in current,
                "checks": [describe(c) for c in doc.checks],
                "zone": zone,
                "mrz_form": MrzForm(initial={"document": doc.pk, "mrz": doc.mrz}),
                "retry_form": RetryForm(initial={"document": doc.pk}),
            }
        )
    return docs


def _player_attachments(case: VerificationCase, agent: AgentProfile) -> QuerySet[Attachment]:
    """Files the player sent on their tickets (email attachments) that the officer may see and
    could move into the case."""
    if case.status not in (CaseStatus.REQUESTED, CaseStatus.SUBMITTED):
        return Attachment.objects.none()
    return (
        Attachment.objects.filter(
            message__ticket__in=ticket_access.visible_tickets(agent),
            message__ticket__player_id=case.player_id,
            message__kind=MessageKind.PLAYER,
            content_type__in=("image/jpeg", "image/png", "application/pdf"),
        )
        .select_related("message__ticket")
        .order_by("-created_at", "-id")
    )


def _approve_initial(case) -> dict[str, object]:
    """The identification record, filled from the photo ID's zone where it was read."""
    current = actions.current_documents(case).get("photo_id")
    initial: dict[str, object] = {"name": case.player.name}
    if current is not None:
        initial["document_type"] = current.id_type
        if current.mrz:
            try:
                zone = mrz.parse(current.mrz)
            except mrz.MrzError:
                return initial
            initial.update(
                name=f"{zone.given_names} {zone.surname}".strip().title(),
                number=zone.document_number,
                country=zone.issuing_state,
                expiry=zone.expiry_date,
            )
    return initial


@agent_required
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    try:
        case = access.case_for_agent(agent, reference)
    except PermissionDenied:
        return _forbidden(request)
    may_decide = access.may_decide(agent) and case.status in REVIEW_STATUSES
    if may_decide and case.status == CaseStatus.SUBMITTED:
        case = actions.start_review(case=case, actor=actions.Actor.for_agent(agent))
    now = clock.now()
    return render(
        request,
        "console/kyc_case.html",
        {
            "agent": agent,
            "case": case,
            "player": case.player,
            "documents": _documents(case),
            "missing": actions.missing_kinds(case),
            "events": case.events.select_related("actor_agent").order_by("created_at", "id"),
            "may_decide": may_decide,
            "may_comment": not agent.is_read_only,
            "approve_form": ApproveForm(initial=_approve_initial(case)),
            "reject_form": RejectForm(),
            "comment_form": CommentForm(),
            "attachments": list(_player_attachments(case, agent)[:20])
            if access.may_decide(agent)
            else [],
            "attach_kinds": DocumentKind.choices,
            "id_types": IdType.choices,
            "hours_left": _business_hours_left(case, now)
            if case.status in REVIEW_STATUSES
            else None,
            "id_type_label": dict(IdType.choices).get(
                case.identification.get("document_type", ""), ""
            ),
            "policy": actions.policy_of(case.brand),
            "today": now.date(),
        },
    )


def _bound(form: forms.Form) -> dict[str, object]:
    if not form.is_valid():
        raise actions.DomainError(
            "; ".join(
                f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                for f, e in form.errors.items()
            )
        )
    return form.cleaned_data


@require_POST
@agent_required
def case_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    try:
        case = access.case_for_agent(agent, reference)
    except PermissionDenied:
        return _forbidden(request)
    actor = actions.Actor.for_agent(agent)
    done = {
        "approve": _("Approved. The player and the platform are told."),
        "retry": _("A new document is requested; the player is told how to put it right."),
        "reject": _("Refused. The player and the platform are told."),
        "mrz": _("Zone saved; the checks ran again."),
        "comment": _("Comment added."),
        "attach": _("The file was added to the case; the checks ran."),
    }
    if action not in done:
        return HttpResponse(status=404)
    try:
        if action == "approve":
            data = _bound(ApproveForm(request.POST))
            expiry = data["expiry"]
            actions.approve(
                case=case,
                identification={
                    **data,
                    "expiry": expiry.isoformat() if isinstance(expiry, date) else expiry,
                },
                actor=actor,
            )
        elif action == "retry":
            data = _bound(RetryForm(request.POST))
            document = Document.objects.filter(case=case, pk=data["document"]).first()
            if document is None:
                raise actions.DomainError(_("No such document in this case."))
            actions.request_new_document(
                document=document, reason=data["reason"], note=data["note"], actor=actor
            )
        elif action == "reject":
            actions.reject(
                case=case, reason=_bound(RejectForm(request.POST))["reason"], actor=actor
            )
        elif action == "mrz":
            data = _bound(MrzForm(request.POST))
            document = Document.objects.filter(case=case, pk=data["document"]).first()
            if document is None:
                raise actions.DomainError(_("No such document in this case."))
            actions.enter_mrz(document=document, text=data["mrz"], actor=actor)
        elif action == "attach":
            data = _bound(AttachmentForm(request.POST))
            attachment = _player_attachments(case, agent).filter(pk=data["attachment"]).first()
            if attachment is None:
                raise actions.DomainError(_("No such file of this player."))
            try:
                actions.document_from_attachment(
                    case=case,
                    attachment=attachment,
                    kind=data["kind"],
                    id_type=data["id_type"],
                    actor=actor,
                )
            except files.FileRejected as exc:
                raise actions.DomainError(str(exc)) from exc
        elif action == "comment":
            actions.comment(case=case, body=_bound(CommentForm(request.POST))["body"], actor=actor)
    except actions.DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("console:kyc_case", args=[case.reference]))
    messages.success(request, done[action])
    return redirect(reverse("console:kyc_case", args=[case.reference]))


@agent_required
def document_file(request: HttpRequest, pk: int, variant: str) -> HttpResponse:
    """A document's preview (re-encoded, no metadata) or its original; every opening is
    recorded, a refused one too."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    if variant not in ("preview", "original"):
        return HttpResponse(status=404)
    action = AccessAction.PREVIEW if variant == "preview" else AccessAction.DOWNLOAD
    try:
        document = access.open_document(agent, pk, action, request)
    except PermissionDenied:
        return _forbidden(request)
    if document.purged_at is not None:
        return HttpResponse(_("This document was purged."), status=410, content_type="text/plain")
    try:
        data = vault.get(document.preview_blob if variant == "preview" else document.blob)
    except vault.VaultError:
        return HttpResponse(
            _("This document cannot be read; the administrators are told."),
            status=500,
            content_type="text/plain",
        )
    content_type = "image/png" if variant == "preview" else document.content_type
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if variant == "preview" else "attachment"
    suffix = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        document.content_type, "bin"
    )
    name = f"{document.case.reference}-{document.kind}-{document.pk}"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{name}.{"png" if variant == "preview" else suffix}"'
    )
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
