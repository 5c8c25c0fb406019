"""Errors as RFC 9457 problem details, one shape for every failure of the API."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from playerdesk.tickets.actions import DomainError
from playerdesk.tickets.lifecycle import TransitionError

PROBLEM = "application/problem+json"
TYPE_BASE = "https://playerdesk.dev/problems/"


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    title: str,
    detail: str = "",
    kind: str = "",
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + kind if kind else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def _field(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    # ninja nests the body under the parameter's name
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors
        ]
        return problem(
            api,
            request,
            status=422,
            kind="validation",
            title=_("The request is not valid."),
            detail=_("See the errors for each field."),
            errors=errors,
        )

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return problem(
            api,
            request,
            status=422,
            kind="refused",
            title=exc.message,
            detail=exc.message,
            errors=errors,
        )

    @api.exception_handler(TransitionError)
    def transition(request: HttpRequest, exc: TransitionError) -> HttpResponse:
        return problem(
            api,
            request,
            status=409,
            kind="invalid-transition",
            title=_("This action is not allowed in the ticket's status."),
            detail=exc.message,
            status_now=exc.status,
            allowed_from=exc.allowed_from,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(
            api,
            request,
            status=404,
            kind="not-found",
            title=_("Not found."),
            detail=str(exc) or _("No such resource."),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            api,
            request,
            status=401,
            kind="unauthenticated",
            title=_("Authentication is required."),
            detail=_("Send a valid key as 'Authorization: Bearer KEY'."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, status=exc.status_code, title=str(exc.message))
