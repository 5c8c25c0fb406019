"""Which team a ticket goes to: the administrator's routing rules, else the defaults."""

from __future__ import annotations

from playerdesk.brands.models import Brand
from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import Team
from playerdesk.people.selectors import team_by_slug
from playerdesk.routing.defaults import team_for_category
from playerdesk.routing.models import RoutingRule

RULES_SECONDS = 30.0  # an edited rule applies in every process within this delay


@ttl_cache(RULES_SECONDS)
def _rules(category: str) -> tuple[RoutingRule, ...]:
    return tuple(RoutingRule.objects.filter(category=category).select_related("team"))


def specificity(rule: RoutingRule) -> int:
    return sum(1 for v in (rule.brand_id, rule.language, rule.channel) if v)


def team_for(*, brand: Brand, category: str, language: str, channel: str) -> Team | None:
    """The team of the most specific rule that matches (then the lowest order); without one,
    the default team of the category."""
    matching = [
        r
        for r in _rules(category)
        if r.brand_id in (None, brand.pk)
        and r.language in ("", language)
        and r.channel in ("", channel)
    ]
    if matching:
        best = max(matching, key=lambda r: (specificity(r), -r.order, -r.pk))
        return best.team
    return team_by_slug(team_for_category(category))
