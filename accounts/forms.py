from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)

from accounts.models import Invite, User
from devhub.lib.forms import PersonNameField, StyledFormMixin

DISPLAY_NAME_HELP = "Shown to the people you meet, e.g. on your Quick Connect form."


class DisplayNameField(PersonNameField):
    """The name strangers see; the username stays a log-in handle only."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", "Your name")
        kwargs.setdefault("help_text", DISPLAY_NAME_HELP)
        super().__init__(max_length=100, **kwargs)
        self.error_messages["required"] = "Enter the name people you meet should see."

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "autocomplete": "name"}


class SignupForm(StyledFormMixin, UserCreationForm):
    display_name = DisplayNameField()
    email = forms.EmailField(
        required=False,
        max_length=254,
        help_text="Optional; used for reminder e-mails and password resets.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class DeleteAccountForm(StyledFormMixin, forms.Form):
    """Deleting everything needs the password again, not just a session."""

    password = forms.CharField(
        label="Your password", max_length=4096, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return password


class InviteForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Invite
        fields = ("note",)
