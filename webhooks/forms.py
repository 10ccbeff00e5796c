from django import forms

from devhub.lib.forms import Checkboxes, StyledFormMixin
from webhooks import addresses
from webhooks.models import SUBSCRIBABLE, Hook


class HookForm(StyledFormMixin, forms.ModelForm):
    url = forms.CharField(
        label="URL",
        max_length=1000,
        help_text="Where to POST the events; https:// is strongly recommended.",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/devhub-webhook"}),
    )
    events = forms.MultipleChoiceField(
        choices=[(e.value, e.label) for e in SUBSCRIBABLE],
        widget=Checkboxes(),
        error_messages={"required": "Choose at least one event."},
    )

    class Meta:
        model = Hook
        fields = ["url", "events"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        addresses.validate(url)
        return url

    def clean_events(self) -> list[str]:
        # Stored in the order of the choices, whatever order they came in.
        chosen = set(self.cleaned_data["events"])
        return [e.value for e in SUBSCRIBABLE if e.value in chosen]
