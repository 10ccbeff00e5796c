"""One link, one spelling: how addresses are compared before warning about a repeat."""

from datetime import date

import pytest

from resources.forms import ResourceFilterForm, SharedResourceForm, comparable_url
from resources.models import SharedResource
from tests.resources.conftest import make_resource, resource_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.COM/Path/", "https://example.com/Path"),
        ("HTTPS://example.com/a#section-2", "https://example.com/a"),
        ("  https://example.com/a/?q=1#top  ", "https://example.com/a?q=1"),
        ("https://example.com/", "https://example.com"),
    ],
)
def test_comparable_url(url, expected):
    assert comparable_url(url) == expected


def test_repeat_warning_names_the_earlier_date(ada):
    make_resource(ada, url="https://example.com/a", shared_on=date(2026, 1, 5))

    form = SharedResourceForm(resource_form_data(url="https://EXAMPLE.com/a/"), contact=ada)

    assert not form.is_valid()
    assert form.duplicate is not None
    assert form.errors["url"] == [
        "You already shared this with Ada Lovelace on 5 Jan 2026. "
        "Tick “Yes, share it again” to save anyway."
    ]


def test_share_again_lets_the_repeat_through(ada):
    make_resource(ada, url="https://example.com/a")

    form = SharedResourceForm(
        resource_form_data(url="https://example.com/a", share_again="on"), contact=ada
    )

    assert form.is_valid(), form.errors
    form.save()
    assert SharedResource.objects.filter(contact=ada, url="https://example.com/a").count() == 2


def test_overlong_tag_names_are_refused(ada):
    form = SharedResourceForm(resource_form_data(tag_names="x" * 51), contact=ada)

    assert not form.is_valid()
    assert "at most 50 characters" in form.errors["tag_names"][0]


def test_filter_form_ignores_an_invalid_address():
    filters = ResourceFilterForm({"url": "not a url", "q": "rust"})

    assert filters.value("url") == ""
    assert filters.value("q") == "rust"
    assert "url" in filters.errors
