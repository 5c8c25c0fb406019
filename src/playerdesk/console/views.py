"""Agent console pages: parse input, call an action or a selector, render."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from playerdesk.console import forms
from playerdesk.kyc import actions as kyc_actions
from playerdesk.kyc.models import StepUp, Trigger, VerificationCase
from playerdesk.lib import clock
from playerdesk.mail.selectors import emails_for_ticket
from playerdesk.people.actions import set_presence
from playerdesk.people.models import AgentProfile, Player, Presence, Role, Team
from playerdesk.routing.queue import claim_next
from playerdesk.search import queries as search_queries
from playerdesk.tickets import access, actions, incidents, notices, selectors
from playerdesk.tickets.details import DETAIL_LABELS, labelled_details
from playerdesk.tickets.lifecycle import TransitionError, allowed_actions
from playerdesk.tickets.models import Attachment, Category, Priority, Ticket
from playerdesk.triage.display import MARKER_LABELS

PAGE_SIZE = 50


def agent_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, with an agent profile; otherwise the login page or a plain refusal."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        agent = AgentProfile.objects.filter(user=request.user).first()
        if agent is None:
            return render(request, "console/no_profile.html", status=403)
        request.agent = agent  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


@agent_required
def queue(request: HttpRequest) -> HttpResponse:
    """The queue, "my tickets" and a team's backlog: one list with filters, by keyset."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    brands = list(agent.brands.order_by("name"))
    teams = list(Team.objects.order_by("name"))
    form = forms.QueueFilterForm(request.GET or None, brands=brands, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {}
    try:
        page = selectors.queue_page(
            agent, filters, cursor=request.GET.get("cursor"), limit=PAGE_SIZE
        )
    except selectors.CursorError:
        page = selectors.queue_page(agent, filters, limit=PAGE_SIZE)
    now = clock.now()
    notes = selectors.language_coverage(page.items, now)
    for t in page.items:
        t.coverage = notes.get(t.pk)
    return render(
        request,
        "console/queue.html",
        {
            "form": form,
            "tickets": page.items,
            "next_query": _with_cursor(request, page.next_cursor),
            "first_query": _with_cursor(request, None) if request.GET.get("cursor") else None,
            "agent": agent,
            "now": now,
            "may_claim": not agent.is_read_only,
        },
    )


def _with_cursor(request: HttpRequest, cursor: str | None) -> str | None:
    """The current query string with another cursor (None: the first page)."""
    query = request.GET.copy()
    query.pop("cursor", None)
    if cursor is not None:
        query["cursor"] = cursor
    elif not request.GET.get("cursor"):
        return None
    return query.urlencode()


@agent_required
def search(request: HttpRequest) -> HttpResponse:
    """Search: a reference or a player's email jumps straight there; words list tickets."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    brands = list(agent.brands.order_by("name"))
    teams = list(Team.objects.order_by("name"))
    form = forms.SearchForm(request.GET or None, brands=brands, teams=teams)
    results = None
    error = None
    if form.is_valid():
        data = form.cleaned_data
        filters = search_queries.Filters(
            **{k: data.get(k) or "" for k in forms.QueueFilterForm.base_fields if k != "mine"},
            since=data.get("since"),
            until=data.get("until"),
        )
        if filters.status == "":
            filters = dataclasses.replace(filters, status="all")
        try:
            results = search_queries.search(
                access.scope_of(agent), data["q"], filters, cursor=request.GET.get("cursor")
            )
        except search_queries.SearchError:
            error = _("This page of results has expired: here is the first page.")
            results = search_queries.search(access.scope_of(agent), data["q"], filters)
        jump = results.exact.jump
        if jump is not None and not request.GET.get("cursor"):
            if isinstance(jump, Player):
                return redirect("console:player", pk=jump.pk)
            return redirect("console:ticket", reference=jump.reference)
    return render(
        request,
        "console/search.html",
        {
            "agent": agent,
            "form": form,
            "results": results,
            "error": error,
            "next_query": _with_cursor(request, results.next_cursor) if results else None,
            "first_query": _with_cursor(request, None) if request.GET.get("cursor") else None,
            "window": search_queries.WINDOW,
        },
    )


@agent_required
def player(request: HttpRequest, pk: int) -> HttpResponse:
    """A player of the agent's brands and their history (the tickets the agent may see)."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    p = get_object_or_404(
        Player.objects.select_related("brand"), pk=pk, brand__in=agent.brands.all()
    )
    try:
        page = selectors.player_history(agent, p, cursor=request.GET.get("cursor"))
    except selectors.CursorError:
        page = selectors.player_history(agent, p)
    return render(
        request,
        "console/player.html",
        {
            "agent": agent,
            "player": p,
            "tickets": page.items,
            "next_query": _with_cursor(request, page.next_cursor),
            "first_query": _with_cursor(request, None) if request.GET.get("cursor") else None,
        },
    )


@require_POST
@agent_required
def next_ticket(request: HttpRequest) -> HttpResponse:
    """Take the best waiting ticket of the agent's teams, and open it."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    try:
        t = claim_next(agent=agent)
    except actions.DomainError as exc:
        messages.error(request, exc.message)
        return redirect("console:queue")
    if t is None:
        messages.info(request, _("Nothing is waiting for you: your teams' queues are empty."))
        return redirect("console:queue")
    messages.success(request, _("Ticket %(reference)s is yours.") % {"reference": t.reference})
    return redirect("console:ticket", reference=t.reference)


@require_POST
@agent_required
def presence(request: HttpRequest) -> HttpResponse:
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    value = request.POST.get("presence", "")
    if value not in Presence.values:
        return HttpResponse(status=400)
    set_presence(agent=agent, presence=value)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("console:queue")
    return redirect(target)


@agent_required
def chats(request: HttpRequest) -> HttpResponse:
    """The agent's chat panel: waiting chats to accept, several conversations at once
    (docs/chat.md); the page speaks to ``/ws/chat/agent/``."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    strings = {
        "waiting": _("Waiting"),
        "mine": _("My chats"),
        "none_waiting": _("No chat is waiting."),
        "accept": _("Accept"),
        "open": _("Open"),
        "send": _("Send"),
        "end": _("End the chat"),
        "message": _("Your message"),
        "ended": _("The chat has ended."),
        "typing": _("The player is typing…"),
        "read": _("Read"),
        "history": _("The player's tickets"),
        "ticket": _("Ticket"),
        "reconnecting": _("Connection lost, reconnecting…"),
        "player": _("Player"),
        "note": _("Internal note"),
        "canned": _("Insert a canned answer"),
        "decline": _("Pass it on"),
        "transfer": _("Transfer"),
        "transfer_to": _("Transfer to…"),
        "agents": _("Agents"),
        "teams": _("Teams"),
        "transferred": _("You handed this chat over."),
        "file": _("File"),
    }
    return render(request, "console/chats.html", {"agent": agent, "strings": strings})


@agent_required
def supervisor(request: HttpRequest) -> HttpResponse:
    """Backlog per team and brand, response targets at risk and breached, agents' load."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    if agent.role not in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        return render(request, "console/forbidden.html", {"agent": agent}, status=403)
    rows = selectors.backlog(agent)
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("active", "waiting", "at_risk", "breached")
    }
    return render(
        request,
        "console/supervisor.html",
        {
            "agent": agent,
            "rows": rows,
            "totals": totals,
            "agents": selectors.agent_loads(agent),
            "breaches": selectors.recent_breaches(agent),
        },
    )


@agent_required
def ticket(request: HttpRequest, reference: str) -> HttpResponse:
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    t = access.ticket_for_agent(agent, reference)
    if t.reference != reference:  # typed another way: show the canonical address
        return redirect("console:ticket", reference=t.reference)
    teams = Team.objects.order_by("name")
    agents = AgentProfile.objects.filter(brands=t.brand_id).order_by("display_name")
    allowed = set() if agent.is_read_only else set(allowed_actions(t.status))
    return render(
        request,
        "console/ticket.html",
        {
            "agent": agent,
            "ticket": t,
            "details": labelled_details(t.fields),
            "conversation": selectors.conversation(t, public_only=False),
            "timeline": selectors.timeline(t),
            "allowed": allowed,
            "reply_form": forms.MessageForm(),
            "escalate_form": forms.EscalateForm(teams=teams.exclude(pk=t.team_id)),
            "assign_form": forms.AssignForm(agents=agents, initial={"agent": t.assignee_id or ""}),
            "category_form": forms.CategoryForm(initial={"category": t.category}),
            "priority_form": forms.PriorityForm(initial={"priority": t.priority}),
            "reason_form": forms.ReasonForm(),
            "expected_form": forms.ExpectedForm(),
            "step_up_form": forms.StepUpForm(),
            "details_form": forms.DetailsForm(initial=t.fields, keys=_detail_keys(t)),
            "missing_details": [
                DETAIL_LABELS.get(k, k) for k in incidents.missing(t.category, t.fields)
            ],
            "account_form": forms.AccountChangeForm(),
            "emails": emails_for_ticket(t),
            **_identity(t),
            **_triage_labels(t),
        },
    )


@agent_required
def attachment(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A file of a ticket the agent may see, as a download that a browser never runs."""
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    t = access.ticket_for_agent(agent, reference)
    found = get_object_or_404(Attachment, pk=pk, message__ticket=t)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _detail_keys(t: Ticket) -> list[str]:
    keys = list(incidents.required_for(t.category))
    return keys + [k for k in t.fields if k not in keys]


def _identity(t: Ticket) -> dict[str, Any]:
    """The player's newest verification case and this ticket's identity confirmations."""
    return {
        "kyc_case": VerificationCase.objects.filter(player_id=t.player_id).order_by("-id").first(),
        "step_ups": list(
            StepUp.objects.filter(ticket=t).select_related("agent").order_by("-created_at")[:5]
        ),
    }


def _triage_labels(t: Ticket) -> dict[str, Any]:
    """The triage's labels in the agent's language."""
    if not t.triage:
        return {}
    labels = dict(MARKER_LABELS)
    return {
        "triage_category": Category(t.triage["category"]).label,
        "triage_priority": Priority(t.triage["priority"]).label,
        "triage_markers": [labels.get(m, m) for m in t.triage.get("markers", [])],
    }


def _check_may_write(agent: AgentProfile) -> None:
    if agent.is_read_only:
        raise actions.DomainError(_("Your role can read tickets but not change them."))


def _bound(form_class: type, request: HttpRequest, **kwargs: Any) -> Any:
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        raise actions.DomainError(errors)
    return form.cleaned_data


@require_POST
@agent_required
def ticket_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    t = access.ticket_for_agent(agent, reference)
    actor = actions.Actor.for_agent(agent)
    done = {
        "reply": _("Reply sent."),
        "note": _("Note added."),
        "request_information": _("Request sent to the player."),
        "escalate": _("Ticket escalated."),
        "hold": _("Ticket put on hold."),
        "expected": _("The player was told the new expected time."),
        "assign": _("Assignment changed."),
        "take": _("The ticket is yours."),
        "category": _("Category changed."),
        "priority": _("Priority changed."),
        "harm": _("Signs of gambling harm changed."),
        "resolve": _("Ticket resolved."),
        "close": _("Ticket closed."),
        "confirm_identity": _("Identity confirmation recorded."),
        "account_change": _("Account change recorded; the platform is told."),
        "request_documents": _("Identity documents requested from the player."),
        "details": _("Details saved."),
        "ask_missing": _("The player was asked for the missing details."),
    }
    if action not in done:
        return HttpResponse(status=404)
    try:
        if action in ("reply", "note", "request_information"):
            body = _bound(forms.MessageForm, request)["body"]
            fn = {
                "reply": actions.reply,
                "note": actions.add_note,
                "request_information": actions.request_information,
            }[action]
            fn(ticket=t, body=body, actor=actor)
        elif action == "escalate":
            data = _bound(forms.EscalateForm, request, teams=Team.objects.all())
            actions.escalate(
                ticket=t,
                team=Team.objects.get(slug=data["team"]),
                reason=data["reason"],
                expected_by=data["expected_by"],
                actor=actor,
            )
        elif action == "hold":
            actions.hold(ticket=t, reason=_bound(forms.ReasonForm, request)["reason"], actor=actor)
        elif action == "expected":
            actions.tell_expected_time(
                ticket=t,
                expected_by=_bound(forms.ExpectedForm, request)["expected_by"],
                actor=actor,
            )
        elif action == "assign":
            agents = AgentProfile.objects.filter(brands=t.brand_id)
            data = _bound(forms.AssignForm, request, agents=agents)
            target = agents.get(pk=data["agent"]) if data["agent"] else None
            actions.assign(ticket=t, agent=target, actor=actor)
        elif action == "take":
            actions.assign(ticket=t, agent=agent, actor=actor)
        elif action == "category":
            actions.change_category(
                ticket=t, category=_bound(forms.CategoryForm, request)["category"], actor=actor
            )
        elif action == "priority":
            actions.change_priority(
                ticket=t, priority=_bound(forms.PriorityForm, request)["priority"], actor=actor
            )
        elif action == "harm":
            actions.set_harm(
                ticket=t, harm=_bound(forms.HarmForm, request)["harm"] == "yes", actor=actor
            )
        elif action == "confirm_identity":
            data = _bound(forms.StepUpForm, request)
            kyc_actions.confirm_identity(
                ticket=t, method=data["method"], note=data["note"], actor=actor
            )
        elif action == "account_change":
            data = _bound(forms.AccountChangeForm, request)
            kyc_actions.change_account(
                ticket=t,
                change=data["change"],
                new_email=data["new_email"] or "",
                note=data["note"],
                actor=actor,
            )
        elif action == "details":
            keys = _detail_keys(t)
            data = _bound(forms.DetailsForm, request, keys=keys)
            actions.update_fields(
                ticket=t,
                fields={k: (str(v).strip() or None) for k, v in data.items()},
                actor=actor,
            )
        elif action == "ask_missing":
            keys = incidents.missing(t.category, t.fields)
            if not keys:
                raise actions.DomainError(_("No required detail is missing."))
            actions.request_information(
                ticket=t,
                body=notices.missing_details(t.language, keys),
                actor=actor,
            )
        elif action == "request_documents":
            _check_may_write(agent)
            kyc_actions.open_case(player=t.player, trigger=Trigger.MANUAL, actor=actor, ticket=t)
        elif action == "resolve":
            actions.resolve(ticket=t, actor=actor)
        elif action == "close":
            actions.close(ticket=t, actor=actor)
    except (TransitionError, actions.DomainError) as exc:
        messages.error(request, exc.message)
        return redirect(reverse("console:ticket", args=[t.reference]))
    messages.success(request, done[action])
    if not access.visible_tickets(agent).filter(pk=t.pk).exists():
        # Escalated to a team this agent is not in: the ticket has left their view.
        return redirect("console:queue")
    return redirect(reverse("console:ticket", args=[t.reference]))
