import datetime as dt

from django import forms
from django.utils import timezone

from contacts import validators
from contacts.forms import TagNamesField, tags_for_names
from contacts.models import Event
from devhub.lib.forms import PersonNameField, StyledFormMixin
from quickconnect import services
from quickconnect.models import QuickConnectCode

MAX_LIFETIME_HOURS = 24 * 30
MIN_PHONE_DIGITS = 5
PHONE_HELP = "Digits, spaces and + ( ) - . / only, e.g. +49 30 1234567."


class TelInput(forms.TextInput):
    input_type = "tel"  # the phone's number pad


def lenient_phone(value: str) -> str:
    """A number as people type it on a phone ("+49 (0)30 123-4567", "0170 1234567"): spaces
    tidied, the usual punctuation allowed, at least five digits; anything else is refused with
    an example rather than stored as a phone number nobody can call."""
    value = " ".join(value.split())
    if not value:
        return ""
    digits = sum(ch.isdigit() for ch in value)
    if digits < MIN_PHONE_DIGITS or not validators.PHONE.fullmatch(value):
        raise forms.ValidationError(f"That does not look like a phone number. {PHONE_HELP}")
    return value


class QuickConnectCodeForm(StyledFormMixin, forms.ModelForm):
    event = forms.ModelChoiceField(
        label="Event",
        required=False,
        queryset=Event.objects.none(),
        to_field_name="code",
        empty_label="No event from your list",
    )
    tag_names = TagNamesField(label="Tags to apply", help_text="Comma-separated.")
    hours = forms.IntegerField(
        label="Valid for (hours)", min_value=1, max_value=MAX_LIFETIME_HOURS, initial=24
    )

    class Meta:
        model = QuickConnectCode
        fields = ["event", "event_name", "location", "session", "note", "max_uses"]
        labels = {"max_uses": "Maximum uses (optional)"}
        help_texts = {
            "event_name": "If it is not in your list: it is added to your events (or matched to "
            "the one with that name), with everyone who signs up.",
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["event"].queryset = Event.objects.for_owner(owner)
        self.fields["max_uses"].min_value = 1
        self.fields["max_uses"].widget.attrs["min"] = 1

    def clean_max_uses(self):
        value = self.cleaned_data["max_uses"]
        if value is not None and not 1 <= value <= 10_000:
            raise forms.ValidationError("Between 1 and 10,000 uses, or empty for no limit.")
        return value

    def save(self, commit: bool = True) -> QuickConnectCode:
        code = super().save(commit=False)
        code.owner = self.owner
        code.expires_at = timezone.now() + dt.timedelta(hours=self.cleaned_data["hours"])
        services.link_typed_event(code)
        if code.event and not code.location:
            code.location = code.event.location
        code.save()
        code.tags.set(tags_for_names(self.owner, self.cleaned_data["tag_names"]))
        return code


class PublicContactForm(forms.Form):
    """What the person filling in the form on their phone sends. Everything has a max length."""

    name = PersonNameField(label="Your name", max_length=200)
    email = forms.EmailField(label="E-mail", required=False, max_length=254)
    phone = forms.CharField(label="Phone", required=False, max_length=40, widget=TelInput)
    github_username = forms.CharField(label="GitHub username", required=False, max_length=100)
    linkedin_url = forms.CharField(label="LinkedIn profile", required=False, max_length=300)
    about = forms.CharField(
        label="What you work on / your tech stack",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label="A note for me",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label="I agree that my details are stored as described above.",
        error_messages={"required": "Please agree to the privacy notice to send your details."},
    )
    # Filled by GitHub prefill, kept in hidden fields.
    company = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    location = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    website_url = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    form_id = forms.UUIDField(widget=forms.HiddenInput)
    # Honeypot: invisible to people (off-screen, not focusable); bots fill every field.
    website = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs["class"] = "textarea w-full"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "checkbox"
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs["class"] = "input w-full"
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off", "class": "honeypot"}
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_phone(self) -> str:
        return lenient_phone(self.cleaned_data["phone"])

    def clean_github_username(self) -> str:
        return validators.normalize_github_username(self.cleaned_data["github_username"])

    def clean_linkedin_url(self) -> str:
        value = validators.normalize_linkedin_url(self.cleaned_data["linkedin_url"])
        limit = self.fields["linkedin_url"].max_length
        if len(value) > limit:  # "https://" was added to what was typed
            raise forms.ValidationError(f"Ensure this address has at most {limit} characters.")
        return value

    def clean_website_url(self) -> str:
        value = self.cleaned_data["website_url"].strip()
        if not value:
            return ""
        if "://" not in value:
            value = f"https://{value}"
        try:
            validators.http_url(value)
        except forms.ValidationError:
            return ""  # a prefilled blog address that is not a URL is simply dropped
        return value if len(value) <= self.fields["website_url"].max_length else ""

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class EventForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "location", "starts_on", "ends_on", "notes"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end cannot be before the start.")
        return data


class ConferenceAddForm(StyledFormMixin, forms.Form):
    name = PersonNameField(label="Name", max_length=200)
    note = forms.CharField(label="One note", required=False, max_length=1000)
    tag_names = TagNamesField(label="Tags", help_text="Comma-separated, e.g. Rust, speaker.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
