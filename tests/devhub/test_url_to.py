"""`url_to`: row links drawn by string replacement must be exactly what {% url %} gives."""

import uuid

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

ROUTES = [
    "contacts:detail",
    "dashboard:log",
    "dashboard:snooze",
    "reminders:complete",
    "reminders:snooze",
    "reminders:dismiss",
    "reminders:log",
    "vip:toggle",
    "contacts:archive",
    "interactions:quick_log",
    "interactions:edit",
    "interactions:delete",
]


def draw(code: uuid.UUID, route: str) -> str:
    template = engines["django"].from_string("{% load row_urls %}{{ code|url_to:route }}")
    return template.render({"code": code, "route": route})


@pytest.mark.parametrize("route", ROUTES)
def test_the_same_address_as_reverse(route):
    code = uuid.uuid4()

    assert draw(code, route) == reverse(route, args=[code])


def test_a_site_under_a_path_prefix_gets_prefixed_addresses():
    code = uuid.uuid4()
    set_script_prefix("/crm/")
    try:
        assert draw(code, "contacts:detail") == f"/crm/contacts/{code}/"
    finally:
        set_script_prefix("/")
    assert draw(code, "contacts:detail") == f"/contacts/{code}/"


def draw_route(name: str) -> str:
    return (
        engines["django"].from_string("{% load row_urls %}{% route name %}").render({"name": name})
    )


@pytest.mark.parametrize("name", ["home", "contacts:list", "search:page", "accounts:logout"])
def test_route_is_the_same_address_as_reverse_with_or_without_a_prefix(name):
    assert draw_route(name) == reverse(name)
    set_script_prefix("/crm/")
    try:
        assert draw_route(name) == reverse(name)
        assert draw_route(name).startswith("/crm/")
    finally:
        set_script_prefix("/")
