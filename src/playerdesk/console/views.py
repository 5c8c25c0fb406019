"""Agent console pages: parse input, call an action or a selector, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from playerdesk.console import forms
from playerdesk.lib import clock
from playerdesk.people.actions import set_presence
from playerdesk.people.models import AgentProfile, Presence, Role, Team
from playerdesk.routing.queue import claim_next
from playerdesk.tickets import access, actions, selectors
from playerdesk.tickets.details import labelled_details
from playerdesk.tickets.lifecycle import TransitionError, allowed_actions

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
    agent: AgentProfile = request.agent  # type: ignore[attr-defined]
    brands = list(agent.brands.order_by("name"))
    teams = list(Team.objects.order_by("name"))
    form = forms.QueueFilterForm(request.GET or None, brands=brands, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {}
    tickets = selectors.queue(agent, filters)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    now = clock.now()
    notes = selectors.language_coverage(list(page.object_list), now)
    for t in page.object_list:
        t.coverage = notes.get(t.pk)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "console/queue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "agent": agent,
            "now": now,
            "may_claim": not agent.is_read_only,
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
        },
    )


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
        "resolve": _("Ticket resolved."),
        "close": _("Ticket closed."),
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
