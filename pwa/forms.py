"""Entries captured offline on a phone, as the service worker sends them once it is online.

Each carries the `client_id` the phone gave it, so a copy sent again (the answer was lost, two
tabs sent at once) finds the row the first copy made instead of adding a second one."""

from django import forms
from django.utils import timezone

from contacts import validators
from contacts.forms import ContactForm
from contacts.models import Contact
from devhub.lib.forms import PersonNameField
from interactions.forms import FUTURE_SLACK
from interactions.models import BUILTIN_TYPES, Interaction, InteractionType


class QueuedContactForm(ContactForm):
    """A new contact from the capture page: its few fields, checked exactly as the contact
    form checks them; what the page does not ask keeps the model's defaults."""

    client_id = forms.UUIDField()

    class Meta(ContactForm.Meta):
        fields = ["name", "email", "phone", "company", "job_title", "notes", "follow_up_days"]

    def save(self, commit: bool = True) -> Contact:
        self.instance.client_id = self.cleaned_data["client_id"]
        return super().save(commit)


class QueuedInteractionForm(forms.Form):
    """An interaction logged on the capture page. Offline the phone holds no contact list (that
    would be private data left on the device), so the contact is the name typed, matched here
    among the owner's contacts; the type is one of the built-in ones, whatever the owner has
    renamed it to; the time is when it was captured, not when it arrived."""

    client_id = forms.UUIDField()
    contact_name = PersonNameField(label="Contact", max_length=200)
    type = forms.ChoiceField(label="Type", choices=list(BUILTIN_TYPES.items()))
    notes = forms.CharField(label="Note", required=False, max_length=20000)
    occurred_at = forms.DateTimeField(label="When")

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        validators.limit_date_fields(self)

    def clean_contact_name(self) -> Contact:
        name = self.cleaned_data["contact_name"]
        matches = list(Contact.objects.for_owner(self.owner).filter(name__iexact=name)[:2])
        if not matches:
            raise forms.ValidationError(
                f"You have no contact named “{name}”. Check the spelling, or add them first."
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                f"More than one of your contacts is named “{name}”; log this from their page."
            )
        return matches[0]

    def clean_type(self) -> InteractionType:
        key = self.cleaned_data["type"]
        found = InteractionType.objects.for_owner(self.owner).usable().filter(builtin_key=key)
        if (kind := found.first()) is None:
            raise forms.ValidationError(
                f"You have retired the type “{BUILTIN_TYPES[key]}”; pick another one."
            )
        return kind

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError("That is in the future; is the phone's clock right?")
        return value

    def build(self) -> Interaction:
        data = self.cleaned_data
        return Interaction(
            contact=data["contact_name"],
            type=data["type"],
            notes=data["notes"],
            occurred_at=data["occurred_at"],
            client_id=data["client_id"],
        )
