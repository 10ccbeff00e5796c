from django import forms

from contacts.models import Contact, Event, Tag
from devhub.lib.forms import QueryFilterForm


class StackMapFilterForm(QueryFilterForm):
    """The stack map's query string: which kind of tag, and whose relationships."""

    kind = forms.ChoiceField(label="Tags of kind", required=False, choices=Tag.Kind.choices)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Contact.Status.choices]
    )
    event = forms.ModelChoiceField(
        label="Met at",
        required=False,
        queryset=Event.objects.none(),
        to_field_name="code",
        empty_label="Any event",
    )
    FILTERS = ("kind", "status", "event")

    def __init__(self, data, *, owner) -> None:
        super().__init__(data)
        self.fields["event"].queryset = Event.objects.for_owner(owner)

    def choices(self) -> dict:
        """The stack_map() arguments: technology tags of everyone unless asked otherwise."""
        return {
            "kind": self.value("kind") or Tag.Kind.TECHNOLOGY,
            "status": self.value("status") or "",
            "event": self.value("event"),
        }
