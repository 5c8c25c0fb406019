"""Forms of the agent console: they parse input; actions decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Channel, Language
from playerdesk.kyc.models import AccountChange, StepUpMethod
from playerdesk.tickets.models import Category, Priority, Status

STATUS_FILTER = [("active", _("All unresolved")), *Status.choices, ("all", _("All"))]


def _blank(choices, label):  # type: ignore[no-untyped-def]
    return [("", label), *choices]


class QueueFilterForm(forms.Form):
    brand = forms.ChoiceField(label=_("Brand"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTER)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=_blank(Category.choices, _("All categories"))
    )
    priority = forms.ChoiceField(
        label=_("Priority"), required=False, choices=_blank(Priority.choices, _("All priorities"))
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=_blank(Language.choices, _("All languages"))
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=_blank(Channel.choices, _("All channels"))
    )
    mine = forms.BooleanField(label=_("Only mine"), required=False)

    def __init__(self, *args, brands=(), teams=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["brand"].choices = _blank([(b.slug, b.name) for b in brands], _("All brands"))
        self.fields["team"].choices = _blank([(t.slug, t.name) for t in teams], _("All teams"))


class SearchForm(QueueFilterForm):
    """The search box and the queue's filters, with a date range; every status by default."""

    field_order = ["q"]
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        strip=True,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Words, a reference, an email, a transaction id…")}
        ),
    )
    since = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["mine"]
        # Search looks at every status unless told otherwise: "All" comes first.
        self.fields["status"].choices = [("all", _("All")), *STATUS_FILTER[:-1]]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last."))
        return data


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=100_000
    )


class EscalateForm(forms.Form):
    team = forms.ChoiceField(label=_("Team"))
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_by = forms.DateTimeField(
        label=_("New expected time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, teams=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.slug, t.name) for t in teams]


class ExpectedForm(forms.Form):
    expected_by = forms.DateTimeField(
        label=_("New expected time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("The player is told, in their language."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class AssignForm(forms.Form):
    agent = forms.ChoiceField(label=_("Agent"), required=False)

    def __init__(self, *args, agents=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agent"].choices = [
            ("", _("Nobody (back to the queue)")),
            *[(str(a.pk), a.display_name) for a in agents],
        ]


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class HarmForm(forms.Form):
    harm = forms.ChoiceField(
        label=_("Signs of gambling harm"), choices=[("yes", _("Yes")), ("no", _("No"))]
    )


class StepUpForm(forms.Form):
    method = forms.ChoiceField(label=_("How"), choices=StepUpMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class AccountChangeForm(forms.Form):
    change = forms.ChoiceField(label=_("Change"), choices=AccountChange.choices)
    new_email = forms.EmailField(label=_("New email"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class DetailsForm(forms.Form):
    """The ticket's structured details: one text box each, for the category's required ones
    and every one already there. An emptied box removes the detail."""

    def __init__(self, *args, keys=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from playerdesk.tickets.details import DETAIL_LABELS

        for key in keys:
            self.fields[key] = forms.CharField(
                label=DETAIL_LABELS.get(key, key), required=False, max_length=1000
            )
