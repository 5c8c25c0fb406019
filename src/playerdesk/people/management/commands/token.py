"""``playerdesk token create --agent USERNAME``: print a new API token for an agent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playerdesk.people.actions import issue_agent_token
from playerdesk.people.models import AgentProfile


class Command(BaseCommand):
    help = "Manage agents' API tokens. `token create --agent USERNAME` prints a new token."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Create a token; it is printed once, on the last line."
        )
        create.add_argument("--agent", required=True, help="The agent's username.")
        create.add_argument("--name", default="cli")

    def handle(self, *args: Any, **opts: Any) -> None:
        agent = AgentProfile.objects.filter(user__username=opts["agent"]).first()
        if agent is None:
            raise CommandError(f"no agent with username {opts['agent']!r}")
        token = issue_agent_token(agent=agent, name=opts["name"])
        self.stderr.write(f"API token for {agent.display_name}; it is shown only now:")
        self.stdout.write(token)
