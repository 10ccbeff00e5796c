"""Django's commonest widget templates, and the site's field group (forms/field.html), drawn in
Python: the same HTML, byte for byte.

Every <select>, checkbox list and text input on a page is a template include per widget and per
option, and on the contacts list those includes took about a third of the page's time (see
bench/README.md). `draw` returns exactly what Django's own template would (tests/devhub/
test_widget_drawing.py compares the two over many widgets and hostile values), or None for a
template it does not know, which the renderer then draws the usual way.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
# Templates that are input.html plus the newline at the end of their own file.
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
MULTIPLE = frozenset({f"{WIDGETS}checkbox_select.html", f"{WIDGETS}radio.html"})
OPTION_INPUTS = frozenset({f"{WIDGETS}checkbox_option.html", f"{WIDGETS}radio_option.html"})
SELECT_OPTION = f"{WIDGETS}select_option.html"
FIELD = "forms/field.html"  # the site's own field group (templates/forms/field.html)
REQUIRED = '<span class="text-error font-semibold" aria-hidden="true" title="required">*</span>'


def _e(value) -> str:
    """{{ value|stringformat:'s' }}: escaped unless already safe."""
    return conditional_escape(value)


def _text(value) -> str:
    """{{ value }}: localized, then escaped unless already safe."""
    return conditional_escape(localize(value))


def _attrs(attrs: dict) -> str:
    """attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_e(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """input.html"""
    value = "" if widget["value"] is None else f' value="{_e(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _input_option(option: dict) -> str:
    """input_option.html"""
    if not option.get("wrap_label"):
        return _input(option) + "\n"
    target = option["attrs"].get("id")
    label_for = f' for="{_text(target)}"' if target else ""
    return f"<label{label_for}>{_input(option)} {_text(option['label'])}</label>\n"


def _select(widget: dict) -> str | None:
    """select.html"""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_e(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple(widget: dict) -> str | None:
    """multiple_input.html, plus the newline of checkbox_select.html / radio.html."""
    attrs = widget["attrs"]
    head = "<div"
    if attrs.get("id"):
        head += f' id="{_text(attrs["id"])}"'
    if attrs.get("class"):
        head += f' class="{_text(attrs["class"])}"'
    parts = [head, ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            if option["template_name"] not in OPTION_INPUTS:
                return None
            parts.append(f"<div>\n    {_input_option(option)}\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n\n")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """textarea.html"""
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


def _field(field) -> str:
    """forms/field.html: one field with its label, help text and errors."""
    for_id = _text(field.auto_id)
    if field.widget_type == "checkbox":
        body = (
            '\n<label class="label cursor-pointer justify-start gap-2 text-base-content" '
            f'for="{for_id}">{_text(field)} <span>{_text(field.label)}</span></label>\n'
        )
    else:
        body = (
            '\n<div class="flex gap-1 pb-1">\n'
            f'<label class="text-sm font-semibold" for="{for_id}">{_text(field.label)}</label>\n'
            f"{REQUIRED if field.field.required else ''}\n</div>\n{_text(field)}\n"
        )
    helptext = ""
    if field.help_text:
        helptext = (
            f'<div class="label block whitespace-normal" id="{for_id}_helptext">'
            f"{_text(field.help_text)}</div>"
        )
    errors = field.errors  # drawn by its own template, which draws nothing for none
    # The template as devhub.lib.template_loaders reads it: without its indentation.
    return (
        f'<div class="fieldset py-1{" has-error" if errors else ""}">\n{body}\n{helptext}'
        f"\n{_text(errors) if errors else ''}\n</div>"
    )


def draw(template_name: str, context: dict) -> SafeString | None:
    if template_name == FIELD and "field" in context:
        return mark_safe(_field(context["field"]).strip())  # every value above was escaped
    widget = context.get("widget")
    if widget is None:
        return None
    if template_name in INPUTS:
        html = _input(widget) + "\n"
    elif template_name == f"{WIDGETS}input.html":
        html = _input(widget)
    elif template_name == f"{WIDGETS}select.html":
        html = _select(widget)
    elif template_name in MULTIPLE:
        html = _multiple(widget)
    elif template_name == f"{WIDGETS}textarea.html":
        html = _textarea(widget)
    else:
        html = None
    # Like BaseRenderer.render, which strips what the template drew.
    return None if html is None else mark_safe(html.strip())  # every value above was escaped
