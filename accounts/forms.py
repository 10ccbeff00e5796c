from django import forms
from django.contrib.auth.forms import UserCreationForm

from accounts.models import User


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        max_length=254,
        help_text="Optional; used for reminder e-mails and password resets.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
