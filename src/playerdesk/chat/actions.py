"""Every change of a live chat: start, accept, messages, read receipts, end. Each is one
transaction; the consoles and the player's widget hear of it after commit through the ticket's
group (they then read what is new: ``selectors.messages_after``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand
from playerdesk.chat.models import Conversation, Decline, State
from playerdesk.lib import clock
from playerdesk.people.models import AgentProfile, Player, Presence, Team
from playerdesk.realtime.events import chat_group, send_event_on_commit, ticket_group
from playerdesk.tickets import actions as ticket_actions
from playerdesk.tickets.models import Message, Status

DomainError = ticket_actions.DomainError


def _state_event(conversation: Conversation, **extra: object) -> None:
    """Tell the ticket's group (player and agent) and the brand's chat group (agents' panels,
    players waiting in line)."""
    event = {
        "type": "chat.state",
        "conversation": conversation.pk,
        "ticket": conversation.ticket_id,
        "state": conversation.state,
        **extra,
    }
    send_event_on_commit(
        event, [ticket_group(conversation.ticket_id), chat_group(conversation.brand_id)]
    )


def _subject(body: str) -> str:
    first = body.strip().splitlines()[0] if body.strip() else ""
    return first[:80] or str(_("Live chat"))


@transaction.atomic
def start(
    *, brand: Brand, player: Player, language: str, body: str, client_id: str = ""
) -> Conversation:
    """The player's first message: a ticket on the chat channel, waiting for an agent. The same
    first message sent again (after a lost connection) is the conversation it started."""
    if client_id:
        since = clock.now() - timedelta(days=1)
        sent = (
            Message.objects.filter(
                client_id=client_id[:64],
                ticket__player=player,
                ticket__channel="chat",
                created_at__gte=since,
            )
            .values_list("ticket_id", flat=True)
            .first()
        )
        if sent is not None:
            return Conversation.objects.select_related("ticket").get(ticket_id=sent)
    ticket = ticket_actions.open_ticket(
        brand=brand,
        player=player,
        channel="chat",
        subject=_subject(body),
        body=body,
        actor=ticket_actions.Actor.for_player(player),
        language=language,
    )
    if client_id:
        Message.objects.filter(ticket=ticket).update(client_id=client_id[:64])
    conversation = Conversation.objects.create(
        brand=brand,
        ticket=ticket,
        player=player,
        language=language,
        team_id=ticket.team_id,
        state=State.WAITING,
        created_at=ticket.created_at,
    )
    _state_event(conversation)
    return conversation


def leave_message(*, brand: Brand, player: Player, language: str, body: str) -> str:
    """Outside chat hours: the player's message becomes a ticket answered by email (on the
    chat channel when the player gave no address). Its reference."""
    ticket = ticket_actions.open_ticket(
        brand=brand,
        player=player,
        channel="email" if player.email else "chat",
        subject=_subject(body),
        body=body,
        actor=ticket_actions.Actor.for_player(player),
        language=language,
    )
    return ticket.reference


def _locked(conversation: Conversation) -> Conversation:
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("ticket", "agent", "player")
        .get(pk=conversation.pk)
    )


def _check_may_take(conversation: Conversation, agent: AgentProfile, *, taker: bool) -> None:
    """The agent works for the chat's brand, speaks its language and has room for one more
    chat. ``taker``: the agent takes it themselves (else it is handed to them)."""
    if not agent.brands.filter(pk=conversation.brand_id).exists():
        raise DomainError(
            str(_("This chat is of a brand you do not work for."))
            if taker
            else str(_("This agent does not work for the chat's brand."))
        )
    if conversation.language not in (agent.languages or []):
        raise DomainError(
            str(_("This chat is in a language you do not answer in."))
            if taker
            else str(_("This agent does not answer in the chat's language."))
        )
    active = Conversation.objects.filter(agent=agent, state=State.ACTIVE).count()
    if agent.capacity and active >= agent.capacity:
        raise DomainError(
            str(_("You already have %(count)d chats open, your capacity.") % {"count": active})
            if taker
            else str(_("This agent has no room for another chat."))
        )


@transaction.atomic
def accept(*, conversation: Conversation, agent: AgentProfile) -> Conversation:
    """The agent takes the waiting chat; one agent only, within their capacity of chats."""
    conversation = _locked(conversation)
    if conversation.state != State.WAITING:
        raise DomainError(str(_("Another agent has already taken this chat.")))
    _check_may_take(conversation, agent, taker=True)
    if (
        conversation.offered_team_id
        and not agent.teams.filter(pk=conversation.offered_team_id).exists()
    ):
        raise DomainError(str(_("This chat waits for another team.")))
    now = clock.now()
    conversation.state = State.ACTIVE
    conversation.agent = agent
    conversation.accepted_at = now
    conversation.save(update_fields=["state", "agent", "accepted_at"])
    ticket_actions.assign(
        ticket=conversation.ticket, agent=agent, actor=ticket_actions.Actor.for_agent(agent)
    )
    _state_event(conversation, agent=agent.display_name)
    return conversation


@transaction.atomic
def decline(*, conversation: Conversation, agent: AgentProfile) -> None:
    """The agent passes a waiting chat: it is offered to the others, not to them again for
    DECLINE_SECONDS (after which, still waiting, it is offered to them once more)."""
    conversation = _locked(conversation)
    if conversation.state != State.WAITING:
        raise DomainError(str(_("This chat is not waiting any more.")))
    Decline.objects.create(conversation=conversation, agent=agent, at=clock.now())
    _state_event(conversation, declined_by=agent.pk)


def _may_transfer(conversation: Conversation, by: AgentProfile) -> None:
    if conversation.state != State.ACTIVE:
        raise DomainError(str(_("Only a chat under way can be transferred.")))
    if conversation.agent_id != by.pk and by.role not in ("supervisor", "administrator"):
        raise DomainError(str(_("This chat is not yours to transfer.")))


@transaction.atomic
def transfer_to_agent(
    *, conversation: Conversation, to: AgentProfile, by: AgentProfile
) -> Conversation:
    """Hand a chat under way to another agent, available, of its brand and language, with
    room for it; the ticket is theirs."""
    conversation = _locked(conversation)
    _may_transfer(conversation, by)
    if to.pk == conversation.agent_id:
        raise DomainError(str(_("The chat is already with this agent.")))
    if to.presence != Presence.AVAILABLE or not to.user.is_active:
        raise DomainError(str(_("This agent is not available.")))
    _check_may_take(conversation, to, taker=False)
    conversation.agent = to
    conversation.agent_read_id = 0
    conversation.save(update_fields=["agent", "agent_read_id"])
    ticket_actions.assign(
        ticket=conversation.ticket, agent=to, actor=ticket_actions.Actor.for_agent(by)
    )
    _state_event(conversation, agent=to.display_name, agent_id=to.pk, transferred=True)
    return conversation


@transaction.atomic
def transfer_to_team(*, conversation: Conversation, team: Team, by: AgentProfile) -> Conversation:
    """Put a chat under way back in line for another team: offered to that team's agents (of
    the brand and language), the ticket the team's."""
    conversation = _locked(conversation)
    _may_transfer(conversation, by)
    actor = ticket_actions.Actor.for_agent(by)
    conversation.state = State.WAITING
    conversation.agent = None
    conversation.offered_team = team
    conversation.team = team
    conversation.save(update_fields=["state", "agent", "offered_team", "team"])
    ticket_actions.move_to_team(ticket=conversation.ticket, team=team, actor=actor)
    ticket_actions.assign(ticket=conversation.ticket, agent=None, actor=actor)
    _state_event(conversation, transferred=True)
    return conversation


def say_as_player(*, conversation: Conversation, body: str, client_id: str) -> Message:
    if conversation.state == State.ENDED:
        raise DomainError(str(_("This chat has ended.")))
    return ticket_actions.add_player_message(
        ticket=conversation.ticket,
        body=body,
        actor=ticket_actions.Actor.for_player(conversation.player),
        channel="chat",
        client_id=client_id,
    )


MAX_FILE_BYTES = 5 * 1024 * 1024


def send_file(*, conversation: Conversation, filename: str, data: bytes, client_id: str) -> Message:
    """A file from the player in the chat: checked like every file players send (a plain
    JPEG, PNG or PDF, nothing hidden in it; kyc/files.py), stored with a message naming it.
    Refused with the reason (``files.FileRejected``) otherwise."""
    from playerdesk.kyc import files  # the file checks live with identity documents

    if conversation.state == State.ENDED:
        raise DomainError(str(_("This chat has ended.")))
    name = (filename or "file").replace("/", "_").replace("\\", "_").strip()[:120] or "file"
    found = files.inspect(data, filename=name, max_bytes=MAX_FILE_BYTES)
    return ticket_actions.add_player_message(
        ticket=conversation.ticket,
        body=name,
        actor=ticket_actions.Actor.for_player(conversation.player),
        channel="chat",
        client_id=client_id,
        files=[(name, data, found.mime)],
    )


def say_as_agent(
    *, conversation: Conversation, agent: AgentProfile, body: str, client_id: str
) -> Message:
    if conversation.state != State.ACTIVE or conversation.agent_id != agent.pk:
        raise DomainError(str(_("This chat is not yours to answer.")))
    return ticket_actions.reply(
        ticket=conversation.ticket,
        body=body,
        actor=ticket_actions.Actor.for_agent(agent),
        client_id=client_id,
    )


def mark_read(*, conversation: Conversation, by: str, message_id: int) -> None:
    """Read receipts: the last message ``by`` ("player" or "agent") has seen."""
    field = "player_read_id" if by == "player" else "agent_read_id"
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(
            **{field: Greatest(F(field), int(message_id))}
        )
        send_event_on_commit(
            {"type": "chat.read", "ticket": conversation.ticket_id, "by": by, "id": message_id},
            [ticket_group(conversation.ticket_id)],
        )


TRANSCRIPT_SECONDS = 60


def masked(address: str) -> str:
    """``j***@example.ca``: enough for the player to recognise, little for anyone else."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


@transaction.atomic
def email_transcript(*, conversation: Conversation) -> str:
    """The chat's messages emailed to the player who asks for them (once a minute at most);
    the address it goes to, masked."""
    from playerdesk.mail import outbound  # mail builds on tickets; chat on both
    from playerdesk.mail.models import OutboundEmail, OutboundKind

    conversation = _locked(conversation)
    player = conversation.player
    if not player.email:
        raise DomainError(str(_("We have no email address for you, so we cannot send it.")))
    since = clock.now() - timedelta(seconds=TRANSCRIPT_SECONDS)
    if OutboundEmail.objects.filter(
        ticket_id=conversation.ticket_id, kind=OutboundKind.TRANSCRIPT, created_at__gte=since
    ).exists():
        raise DomainError(str(_("The transcript has just been sent: please check your inbox.")))
    outbound.queue_transcript(ticket=conversation.ticket)
    return masked(player.email)


@transaction.atomic
def end(*, conversation: Conversation, actor: ticket_actions.Actor) -> Conversation:
    """The chat is over. A ticket left unresolved continues by email (its channel becomes
    ``email``: the agents' answers then reach the player in their inbox)."""
    conversation = _locked(conversation)
    if conversation.state == State.ENDED:
        return conversation
    conversation.state = State.ENDED
    conversation.ended_at = clock.now()
    conversation.save(update_fields=["state", "ended_at"])
    ticket = conversation.ticket
    if ticket.status not in (Status.RESOLVED, Status.CLOSED) and ticket.player.email:
        ticket_actions.continue_by_email(ticket=ticket, actor=actor)
    _state_event(conversation)
    return conversation
