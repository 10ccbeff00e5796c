import datetime as dt

from django import forms
from django.utils import timezone

from api.models import ApiToken
from devhub.lib.forms import StyledFormMixin

EXPIRY_CHOICES = [
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
    ("", "Never"),
]


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=ApiToken._meta.get_field("name").help_text,
    )
    scope = forms.ChoiceField(
        label="Access",
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text="A read-only token can look but not change anything.",
    )
    expires = forms.ChoiceField(
        label="Expires", choices=EXPIRY_CHOICES, initial="90", required=False
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    @property
    def expires_at(self) -> dt.datetime | None:
        days = self.cleaned_data.get("expires")
        return timezone.now() + dt.timedelta(days=int(days)) if days else None
