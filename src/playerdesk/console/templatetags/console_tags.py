from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince

from playerdesk.sla.targets import TARGET_LABELS

register = template.Library()


@register.filter
def target_label(kind: str) -> str:
    """The name of a response target (first_response...) for people."""
    label = TARGET_LABELS.get(kind)
    return str(label) if label is not None else kind


@register.filter
def iso_local(value: str) -> str:
    """An ISO 8601 instant stored in an event, as the console shows times."""
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return date_format(timezone.localtime(at), "Y-m-d H:i") if timezone.is_aware(at) else value


@register.filter
def age(value: datetime) -> str:
    """How long ago, to the largest unit only ("3 hours"), to keep the queue's rows short."""
    return timesince(value, depth=1)


@register.filter
def percent(value: float) -> str:
    """A confidence between 0 and 1 as a whole percentage."""
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return "—"
