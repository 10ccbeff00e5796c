from django import forms

from devhub.lib.forms import StyledFormMixin


class NotifyForm(StyledFormMixin, forms.Form):
    notify_new_device = forms.BooleanField(
        label="E-mail me when my account is logged in to from a new device",
        required=False,
    )
