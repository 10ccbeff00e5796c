"""JSON bodies are checked by the same Django forms as the pages: the rules live once.

The form is bound with the JSON fields laid over what an unbound form would show (the model's
defaults for a new object, the stored values for an existing one), so a PATCH may send only
what changes and a create may leave out what the page's form pre-fills."""

import datetime as dt

from django import forms
from django.utils.datastructures import MultiValueDict

from api.problems import FormInvalid, Problem


def _form_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def bind(form_class: type[forms.BaseForm], payload: dict, **kwargs) -> forms.BaseForm:
    """The form bound with `payload`; a field the form does not have is an error (it would
    otherwise be dropped without a word). The form is built once, unbound, to read what its
    page would show, and then bound in place: its fields and their choices are the same
    either way, and building it again cost a tenth of logging an interaction."""
    form = form_class(**kwargs)
    if unknown := sorted(set(payload) - set(form.fields)):
        raise Problem(
            422,
            "The data has fields this object does not take here.",
            {name: ["Unknown field."] for name in unknown},
        )
    data = {name: _form_value(form[name].value()) for name in form.fields}
    data.update({name: _form_value(value) for name, value in payload.items()})
    form.is_bound, form.data, form.files = True, data, MultiValueDict()
    form._errors = None
    return form


def valid(form: forms.BaseForm) -> forms.BaseForm:
    if not form.is_valid():
        raise FormInvalid(form)
    return form


def valid_filters(form: forms.BaseForm) -> forms.BaseForm:
    """A list page's filter form: the page ignores a bad parameter (and says so); a script is
    told, with a 422."""
    if not form.is_valid():
        raise FormInvalid(form, "A filter was not valid; see `errors`.")
    return form
