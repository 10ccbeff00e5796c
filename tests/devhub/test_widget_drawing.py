"""devhub/lib/widgets.py draws widgets in Python; the HTML must be exactly Django's own."""

import datetime as dt
import re
from pathlib import Path

import django
import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template import engines
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from devhub.lib import widgets
from tests.conftest import make_contact, make_tag

HOSTILE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['"><script>x</script>', "a & b", "'", "Ada <3", "ünïcødé", ""]),
)
VALUES = st.one_of(st.none(), HOSTILE, st.integers(-5, 5), st.booleans())
ATTRS = st.dictionaries(
    st.sampled_from(["class", "placeholder", "required", "disabled", "aria-describedby", "min"]),
    st.one_of(HOSTILE, st.booleans(), st.integers(0, 9)),
    max_size=4,
)
CHOICES = st.lists(st.tuples(HOSTILE, HOSTILE), min_size=0, max_size=5)
INPUTS = [
    forms.TextInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.SearchInput,
    forms.HiddenInput,
    forms.PasswordInput,
    forms.TelInput,
    forms.ColorInput,
    forms.DateInput,
    forms.TimeInput,
    forms.DateTimeInput,
]


def by_template(widget: forms.Widget, name: str, value, attrs=None) -> str:
    context = widget.get_context(name, value, attrs)
    return TemplatesSetting().render(widget.template_name, context)


def by_python(widget: forms.Widget, name: str, value, attrs=None) -> str | None:
    return widgets.draw(widget.template_name, widget.get_context(name, value, attrs))


def assert_same(widget: forms.Widget, name: str, value, attrs=None) -> None:
    drawn = by_python(widget, name, value, attrs)
    assert drawn is not None, widget.template_name
    assert drawn == by_template(widget, name, value, attrs)


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(INPUTS), name=HOSTILE, value=VALUES, attrs=ATTRS)
def test_inputs(kind, name, value, attrs):
    assert_same(kind(attrs=attrs), name, value, {"id": f"id_{name}"})


@settings(max_examples=40, deadline=None)
@given(value=VALUES, attrs=ATTRS)
def test_checkbox_and_textarea(value, attrs):
    assert_same(forms.CheckboxInput(attrs=attrs), "vip", value)
    assert_same(forms.Textarea(attrs=attrs), "notes", value)


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(
        [forms.Select, forms.SelectMultiple, forms.RadioSelect, forms.CheckboxSelectMultiple]
    ),
    choices=CHOICES,
    grouped=CHOICES,
    value=st.one_of(HOSTILE, st.lists(HOSTILE, max_size=3)),
    attrs=ATTRS,
    with_id=st.booleans(),
)
def test_choice_widgets(kind, choices, grouped, value, attrs, with_id):
    widget = kind(attrs=attrs, choices=[*choices, ("Group <b>", grouped)])
    assert_same(widget, "tag", value, {"id": "id_tag"} if with_id else None)


def test_safe_and_lazy_and_numeric_labels_are_treated_like_the_templates():
    choices = [(1, gettext_lazy("One")), (2, mark_safe("<b>Two</b>")), (dt.date(2026, 1, 2), 3)]
    for kind in (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple):
        assert_same(kind(choices=choices), "n", [2], {"id": "n"})
    assert_same(forms.TextInput(), "safe", mark_safe("<i>kept</i>"))


def test_unknown_templates_are_left_to_the_templates():
    assert widgets.draw("django/forms/widgets/clearable_file_input.html", {"widget": {}}) is None
    assert widgets.draw("forms/errors.html", {"errors": []}) is None


class FieldForm(forms.Form):
    text = forms.CharField(max_length=5)
    flag = forms.BooleanField(required=False)
    when = forms.DateField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A & B"), ("b", "<b>")], required=False)


@settings(max_examples=60, deadline=None)
@given(
    data=st.one_of(st.none(), st.fixed_dictionaries({"text": HOSTILE, "when": HOSTILE})),
    label=HOSTILE,
    help_text=st.one_of(HOSTILE, st.just(mark_safe("<i>safe</i>"))),
    required=st.booleans(),
    auto_id=st.sampled_from(["id_%s", False, "x-%s"]),
)
def test_field_groups(data, label, help_text, required, auto_id):
    form = FieldForm(data, auto_id=auto_id)
    for name, field in form.fields.items():
        field.label, field.help_text = label or None, help_text
        field.required = required if name != "text" else field.required
    form.is_valid()  # a bound form with errors draws them
    for bound in form:
        context = {"field": bound}
        assert widgets.draw(widgets.FIELD, context) == TemplatesSetting().render(
            widgets.FIELD, context
        ), bound.name


def test_django_templates_are_not_overridden_by_the_project():
    """The drawing copies Django's own templates; a project override would be silently ignored."""
    package = Path(django.__file__).parent
    engine = engines["django"]
    handled = {*widgets.INPUTS, *widgets.MULTIPLE, *widgets.OPTION_INPUTS, widgets.SELECT_OPTION}
    handled |= {f"{widgets.WIDGETS}{n}.html" for n in ("input", "select", "textarea", "attrs")}
    for name in sorted(handled):
        origin = Path(engine.get_template(name).origin.name)
        assert origin.is_relative_to(package), (name, origin)


CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"x-csrftoken": )"[^"]+"')


@pytest.mark.parametrize(
    ("url", "of_contact"),
    [
        ("contacts:list", False),
        ("contacts:create", False),
        ("contacts:edit", True),
        ("interactions:list", False),
        ("interactions:create", True),
        ("reminders:list", False),
        ("reminders:create", False),
        ("reminders:preferences", False),
        ("opportunities:board", False),
    ],
)
def test_whole_pages_are_identical_either_way(alice_client, alice, monkeypatch, url, of_contact):
    ada = make_contact(alice, name="Ada <Lovelace>", company="A & B")
    ada.tags.add(make_tag(alice, "Python"), make_tag(alice, 'Rust "core"'))
    address = reverse(url, args=[ada.code] if of_contact else [])
    drawn = CSRF.sub("", alice_client.get(address).content.decode())
    monkeypatch.setattr(widgets, "draw", lambda template_name, context: None)
    templated = CSRF.sub("", alice_client.get(address).content.decode())
    assert drawn == templated
