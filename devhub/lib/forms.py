"""Form rendering shared by every app: DaisyUI classes on widgets, one accessible field template."""

from django import forms
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES = {
    forms.CheckboxInput: "checkbox",
    forms.Select: "select w-full",
    forms.SelectMultiple: "select w-full",
    forms.Textarea: "textarea w-full",
    forms.RadioSelect: "radio",
}


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


class StyledFormMixin:
    """Adds the DaisyUI class for each widget type, so templates can render any form as is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)),
                "input w-full",
            )
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
