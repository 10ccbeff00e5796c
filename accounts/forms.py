from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm

from accounts.models import User
from devhub.lib.forms import StyledFormMixin


class SignupForm(StyledFormMixin, UserCreationForm):
    email = forms.EmailField(
        required=False,
        max_length=254,
        help_text="Optional; used for reminder e-mails and password resets.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass
