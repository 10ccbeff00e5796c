from django import forms

from devhub.lib.forms import StyledFormMixin


class RestoreForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label="Export file (.json)",
        help_text="A DevHub CRM JSON export, as downloaded from this page.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "file-input w-full"
