"""Form rendering shared by every app: DaisyUI classes on widgets, one accessible field template."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.renderers import TemplatesSetting

from devhub.lib import widgets
from devhub.lib.names import normalise_name

WIDGET_CLASSES = {
    forms.CheckboxInput: "checkbox",
    # A list box several rows high: DaisyUI's select is one row high, and the rest would spill
    # over the fields around it.
    forms.SelectMultiple: "select w-full h-auto",
    forms.Select: "select w-full",  # after SelectMultiple, its subclass: the first match wins
    forms.Textarea: "textarea w-full",
    forms.RadioSelect: "radio",
}


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        """Common widgets are drawn in Python (devhub/lib/widgets.py), the rest by templates."""
        return widgets.draw(template_name, context) or super().render(
            template_name, context, request
        )


class Checkboxes(forms.CheckboxSelectMultiple):
    """Several checkboxes, whose class styles each box and never the list around them: Django
    gives the list the same class, and a list styled as one checkbox is one checkbox high, its
    options spilling over the fields that follow."""

    def __init__(self, attrs=None) -> None:
        super().__init__({"class": "checkbox checkbox-sm", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # the options take the class
        box = context["widget"]["attrs"]
        context["widget"]["attrs"] = {k: v for k, v in box.items() if k != "class"}
        return context


class StyledFormMixin:
    """Adds the DaisyUI class for each widget type, so templates can render any form as is.

    A form drawn on a page next to others sets `id_prefix`, so two forms with a field of the same
    name (a milestone's and a payment's "amount") never share an element id and each label
    points at its own input."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)),
                "input w-full",
            )
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()


class ListedIterator(forms.models.ModelChoiceIterator):
    """The field's `listed` rows when set. A field with a `listed_labels()` method lists them as
    the plain (key, label) pairs it gives: building a hundred model instances was half a contact
    picker's time."""

    def __init__(self, field) -> None:
        super().__init__(field)
        if field.listed is not None:
            self.queryset = field.listed

    def __iter__(self):
        labels = getattr(self.field, "listed_labels", None)
        if self.field.listed is None or labels is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for key, label in labels():
            yield (forms.models.ModelChoiceIteratorValue(key, None), label)


class ListedChoiceField(forms.ModelChoiceField):
    """A choice that accepts any row of its queryset but lists only `listed` (when set): a full
    <select> of thousands of rows is most of a page's size and time."""

    iterator = ListedIterator
    listed = None


class PersonNameField(forms.CharField):
    """A person's name, normalised (devhub.lib.names) before it is checked, so a name made only
    of invisible controls counts as no name and the length limit applies to what is stored."""

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return normalise_name(value) if value else value


def limit_days(field: forms.Field, low: int = 1, high: int = 3650) -> None:
    """A number of days between `low` and `high`, checked by the form and the browser alike.

    Model fields such as PositiveSmallIntegerField only tell the form "at least 0".
    """
    kept = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
    field.validators = [*kept, MinValueValidator(low), MaxValueValidator(high)]
    field.widget.attrs.update(min=low, max=high)


class QueryFilterForm(forms.Form):
    """A list page's query string: each invalid parameter is reported and ignored, never a 500.

    Subclasses list their filtering fields in FILTERS and implement apply(queryset).
    """

    FILTERS: tuple[str, ...] = ()

    def __init__(self, data, **kwargs) -> None:
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs["class"] = "select select-sm w-full"
            else:
                widget.attrs["class"] = "input input-sm w-full"

    def value(self, name: str):
        """The cleaned value, or the field's empty value when that parameter was invalid."""
        self.is_valid()
        if name in self.errors:
            return self.fields[name].to_python(None)
        return self.cleaned_data.get(name)

    @property
    def is_filtered(self) -> bool:
        return any(self.value(name) for name in self.FILTERS)
