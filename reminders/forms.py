import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone

from accounts.forms import DISPLAY_NAME_HELP, DisplayNameField
from accounts.models import User
from contacts import services as contact_services
from contacts import validators
from contacts.models import Contact
from devhub.lib.forms import StyledFormMixin, limit_days
from interactions.forms import ContactChoiceField
from reminders.models import Reminder

SNOOZE_CHOICES = [("7", "1 week"), ("30", "1 month")]
MAX_SNOOZE = dt.timedelta(days=3 * 365)


class ReminderForm(StyledFormMixin, forms.ModelForm):
    contact = ContactChoiceField(
        label="Contact (optional)",
        required=False,
        queryset=Contact.objects.none(),
        to_field_name="code",
        empty_label="No contact",
    )

    class Meta:
        model = Reminder
        fields = ["title", "contact", "kind", "due_on", "notes"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        validators.limit_date_fields(self)
        self.fields["contact"].offer(
            Contact.objects.for_owner(owner).active(),
            self.data.get("contact") or self.initial.get("contact"),
        )
        if not self.is_bound and not self.initial.get("due_on"):
            self.initial["due_on"] = timezone.localdate()

    def save(self, commit: bool = True) -> Reminder:
        reminder = super().save(commit=False)
        reminder.owner = self.owner
        reminder.save()
        return reminder


class SnoozeForm(forms.Form):
    """'Remind me in 1 week / 1 month / on a date': `days` from a button, or an explicit date."""

    days = forms.TypedChoiceField(choices=SNOOZE_CHOICES, coerce=int, required=False)
    until = forms.DateField(
        label="Snooze until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "input input-sm"}),
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("days"):
            data["until"] = today + dt.timedelta(days=data["days"])
        until = data.get("until")
        if until is None:
            raise forms.ValidationError("Choose 1 week, 1 month or a date.")
        if until <= today:
            raise forms.ValidationError("Choose a day after today.")
        if until - today > MAX_SNOOZE:
            raise forms.ValidationError("Snooze for at most three years.")
        return data

    @property
    def error_note(self) -> str:
        """The errors in one line, for the snooze menus that show a single note: the form-wide
        one, else the field errors (a bad `days` next to a valid date has no form-wide error,
        and an empty note would be no feedback at all)."""
        return " ".join(self.non_field_errors()) or " ".join(
            message for errors in self.errors.values() for message in errors
        )


class FollowUpRhythmForm(StyledFormMixin, forms.ModelForm):
    """How often to stay in touch with one contact, and whether the status is pinned."""

    PIN_CHOICES = [
        ("", "Automatic (from last contact)"),
        (Contact.Status.ACTIVE_COLLABORATION, "Pinned: active collaboration"),
        (Contact.Status.PASSIVE, "Pinned: passive (no check-ins)"),
    ]
    pin = forms.ChoiceField(label="Status", choices=PIN_CHOICES, required=False)

    class Meta:
        model = Contact
        fields = ["importance", "follow_up_days"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pinned = self.instance.status in dict(self.PIN_CHOICES)
        self.initial.setdefault("pin", self.instance.status if pinned else "")
        self.fields["follow_up_days"].widget.attrs["placeholder"] = "your default"
        limit_days(self.fields["follow_up_days"])

    def save(self, commit: bool = True) -> Contact:
        data = self.cleaned_data
        return contact_services.set_rhythm(
            self.instance,
            importance=data["importance"],
            follow_up_days=data["follow_up_days"],
            pinned=data["pin"],
        )


class PreferencesForm(StyledFormMixin, forms.ModelForm):
    display_name = DisplayNameField(
        required=False, help_text=f"{DISPLAY_NAME_HELP} Left empty, your username is shown."
    )
    time_zone = forms.ChoiceField(label="Time zone")

    class Meta:
        model = User
        fields = [
            "display_name",
            "time_zone",
            "vip_follow_up_days",
            "high_follow_up_days",
            "medium_follow_up_days",
            "low_follow_up_days",
            "digest_enabled",
            "quick_connect_emails",
        ]
        labels = {
            "vip_follow_up_days": "VIP contacts: every (days)",
            "high_follow_up_days": "High importance: every (days)",
            "medium_follow_up_days": "Medium importance: every (days)",
            "low_follow_up_days": "Low importance: every (days)",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("vip", "high", "medium", "low"):
            limit_days(self.fields[f"{name}_follow_up_days"])
        zones = sorted(zoneinfo.available_timezones())
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in zones]
