"""The side-by-side merge chooser: which contact survives, and whose value each field keeps."""

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.template.defaultfilters import date as format_date

from contacts.merging import is_blank
from contacts.models import Contact
from contacts.status import PINNED
from duplicates.merge import COMBINABLE_FIELDS, combined_value, mergeable_fields

COMBINE = "combine"


def display(contact: Contact, field) -> str:
    value = getattr(contact, field.attname)
    if is_blank(value):
        return "(empty)"
    if field.name == "status" and value not in PINNED:
        return f"{contact.get_status_display()} (recalculated from the contact dates)"
    if field.choices:
        return str(getattr(contact, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "isoformat"):
        return format_date(value, "j F Y")
    return str(value)


def field_label(field) -> str:
    text = str(field.verbose_name)
    return text[:1].upper() + text[1:]


def default_source(contacts: Sequence[Contact], field) -> Contact:
    """The first contact (the proposed primary) unless its value is empty; a VIP flag wins."""
    if field.name == "is_vip":
        return next((c for c in contacts if c.is_vip), contacts[0])
    if isinstance(getattr(contacts[0], field.attname), bool):
        return contacts[0]
    return next((c for c in contacts if not is_blank(getattr(c, field.attname))), contacts[0])


@dataclass
class Option:
    value: str
    text: str
    contact: Contact | None  # None for "combine"


@dataclass
class FieldChoice:
    """One differing field: its radio group, rendered as a row of cards side by side."""

    name: str
    label: str
    options: list[Option]
    selected: str
    bound: forms.BoundField


class MergeForm(forms.Form):
    """`contacts` in the order given; the first is the proposed primary."""

    def __init__(self, contacts: Sequence[Contact], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.contacts = list(contacts)
        self.by_code = {str(c.code): c for c in self.contacts}
        self.fields["primary"] = forms.ChoiceField(
            label="Keep this contact (its page and address stay)",
            choices=[(str(c.code), c.name) for c in self.contacts],
            initial=str(self.contacts[0].code),
            widget=forms.RadioSelect,
        )
        self.differing = []
        self.identical = []
        for field in mergeable_fields():
            if field.name == "status" and not any(c.status in PINNED for c in self.contacts):
                continue  # worked out from the dates after the merge: nothing to choose
            values = {getattr(c, field.attname) for c in self.contacts}
            if len(values) == 1:
                if not is_blank(values.pop()):
                    self.identical.append((field_label(field), display(self.contacts[0], field)))
                continue
            self.differing.append(field)
            choices = [(str(c.code), display(c, field)) for c in self.contacts]
            initial = str(default_source(self.contacts, field).code)
            if field.name in COMBINABLE_FIELDS:
                choices.append((COMBINE, "Combine all"))
                initial = COMBINE
            self.fields[field.name] = forms.ChoiceField(
                label=field_label(field), choices=choices, initial=initial, widget=forms.RadioSelect
            )

    def field_choices(self) -> list[FieldChoice]:
        rows = []
        for field in self.differing:
            bound = self[field.name]
            options = [
                Option(value, text, self.by_code.get(value))
                for value, text in self.fields[field.name].choices
            ]
            rows.append(
                FieldChoice(
                    field.name, field_label(field), options, self.selected(field.name), bound
                )
            )
        return rows

    def selected(self, name: str) -> str:
        """The option checked now: the submitted one, else the initial one."""
        if self.is_bound:
            return self.data.get(name, "")
        return str(self.fields[name].initial)

    def clean(self) -> dict:
        cleaned = super().clean()
        for field in self.differing:
            if cleaned.get(field.name) != COMBINE:
                continue
            combined = combined_value(field.name, self.contacts)
            if field.max_length and len(combined) > field.max_length:
                self.add_error(
                    field.name,
                    f"Combined, this would be {len(combined)} characters, more than the "
                    f"{field.max_length} allowed. Choose one contact's "
                    f"{field_label(field).lower()} and copy the rest by hand after the merge.",
                )
        return cleaned

    # Not `primary`: templates look form["primary"] (the bound field) up first.
    @property
    def primary_contact(self) -> Contact:
        return self.by_code[self.cleaned_data["primary"]]

    @property
    def other_contacts(self) -> list[Contact]:
        return [c for c in self.contacts if c.pk != self.primary_contact.pk]

    def values(self) -> dict:
        """The primary's new field values (only fields that differ)."""
        values = {}
        for field in self.differing:
            choice = self.cleaned_data[field.name]
            if choice == COMBINE:
                values[field.name] = combined_value(field.name, self.contacts)
            else:
                values[field.name] = getattr(self.by_code[choice], field.attname)
        return values

    def chosen(self) -> list[tuple[str, str]]:
        """(field label, chosen value as shown) for the confirmation page."""
        rows = []
        for field in self.differing:
            choice = self.cleaned_data[field.name]
            text = "combined" if choice == COMBINE else display(self.by_code[choice], field)
            source = "" if choice == COMBINE else f" (from {self.by_code[choice].name})"
            rows.append((field_label(field), f"{text}{source}"))
        return rows
