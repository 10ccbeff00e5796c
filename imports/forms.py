from pathlib import Path

from django import forms
from django.conf import settings

from devhub.lib.forms import StyledFormMixin
from imports import parsers

MAX_UPLOAD_BYTES = getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)
ALLOWED_SUFFIXES = (".csv", ".vcf", ".vcard", ".txt")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Contacts file",
        max_length=255,
        help_text=(
            "LinkedIn's Connections.csv, a CSV file (Google Contacts, Outlook or any spreadsheet) "
            f"or a vCard .vcf file, up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"class": "file-input w-full", "accept": ",".join(ALLOWED_SUFFIXES)}
        ),
        error_messages={"empty": "The file is empty.", "required": "Choose a file to upload."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                f"“{upload.name}” is not a CSV or vCard file. Upload a .csv or .vcf file."
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / (1024 * 1024):.1f} MB; the limit is "
                f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Split it into smaller files."
            )
        return upload


class MappingForm(StyledFormMixin, forms.Form):
    """One choice per CSV column: which contact field it fills, if any."""

    def __init__(self, data=None, *, headers: list[str], samples: list[list[str]], mapping: dict):
        super().__init__(data)
        choices = [("", "Don't import"), *parsers.FIELD_LABELS.items()]
        chosen = {int(column): field for field, column in mapping.items()}
        self.columns = []
        for i, header in enumerate(headers):
            name = f"column_{i}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=chosen.get(i, "")
            )
            self.fields[name].widget.attrs["class"] = "select select-sm w-full"
            examples = [row[i] for row in samples if i < len(row) and row[i].strip()]
            self.columns.append((self[name], examples))

    def clean(self):
        cleaned = super().clean()
        mapping: dict[str, int] = {}
        for name, field in cleaned.items():
            if not field:
                continue
            column = int(name.removeprefix("column_"))
            if field in mapping:
                first = self.fields[f"column_{mapping[field]}"].label
                raise forms.ValidationError(
                    f"“{parsers.FIELD_LABELS[field]}” is chosen for two columns "
                    f"({first} and {self.fields[name].label}). Choose it for one only."
                )
            mapping[field] = column
        if not {"name", "first_name", "last_name"} & set(mapping):
            raise forms.ValidationError(
                "Choose the column that holds the name (or the first and last name columns)."
            )
        self.mapping = mapping
        return cleaned
