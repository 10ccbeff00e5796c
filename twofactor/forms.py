from django import forms

from devhub.lib.forms import StyledFormMixin
from twofactor import services


class CodeField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        return {
            **super().widget_attrs(widget),
            "autocomplete": "one-time-code",
            "autocapitalize": "off",
            "spellcheck": "false",
        }

    def to_python(self, value):
        return "".join(str(super().to_python(value)).split())


class ConfirmAppForm(StyledFormMixin, forms.Form):
    code = CodeField(
        label="Code from your app",
        max_length=6,
        min_length=6,
        help_text="The six digits your authenticator app shows for DevHub CRM.",
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not code.isdigit():
            raise forms.ValidationError("Enter the six digits from your app.")
        return code


class VerifyForm(StyledFormMixin, forms.Form):
    code = CodeField(
        label="Code from your app, or a recovery code",
        help_text="Six digits from your authenticator app, or one of your recovery codes.",
    )


class PasskeyForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label="Name for this passkey",
        max_length=60,
        help_text="e.g. “Work laptop” or “Phone”, to tell your passkeys apart.",
    )


class ReauthForm(StyledFormMixin, forms.Form):
    """Proof that the person at the keyboard is the user: the password, or a code from the app."""

    secret = forms.CharField(
        label="Your password, or a code from your app",
        max_length=4096,
        widget=forms.PasswordInput(render_value=False),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_secret(self) -> str:
        secret = self.cleaned_data["secret"]
        if self.user.check_password(secret):
            return secret
        code = "".join(secret.split())
        if code.isdigit() and len(code) == 6 and services.verify_totp(self.user, code):
            return secret
        raise forms.ValidationError("That is neither your password nor a current code.")
