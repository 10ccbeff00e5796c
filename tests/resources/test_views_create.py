"""Recording a resource shared with, or received from, a contact; warning before a repeat."""

from datetime import date

import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from resources.models import SharedResource
from tests.devhub.conftest import find_all, find_one
from tests.resources.conftest import (
    HX,
    html,
    is_fragment,
    login_url_for,
    make_resource,
    resource_form_data,
)

pytestmark = pytest.mark.django_db


def create_url(contact: Contact) -> str:
    return reverse("resources:create", args=[contact.code])


def resources_anchor(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code]) + "#resources"


@pytest.fixture
def shared_before(ada):
    return make_resource(
        ada, url="https://doc.rust-lang.org/book", direction="shared", shared_on=date(2026, 1, 5)
    )


def test_form_page_opens(alice_client, ada):
    response = alice_client.get(create_url(ada))

    assert response.status_code == 200
    page = html(response)
    assert "A resource shared with Ada Lovelace" in page
    form = find_one(page, "form", id="resource-form")
    assert form.get("action") == create_url(ada)
    assert not find_all(page, "input", name="share_again")  # only when there is a repeat


def test_saving_records_the_resource_with_its_tags(alice_client, ada):
    data = resource_form_data(
        title="Ownership video",
        url="https://Example.com/Video",
        kind="video",
        direction="received",
        tag_names="rust, Beginners",
        notes="She recommended it",
    )

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 302
    assert response.url == resources_anchor(ada)
    resource = SharedResource.objects.get()
    assert resource.contact == ada
    assert resource.title == "Ownership video"
    assert resource.url == "https://example.com/Video"
    assert resource.kind == "video"
    assert resource.direction == "received"
    assert resource.shared_on == date(2026, 3, 10)
    assert sorted(t.name for t in resource.tags.all()) == ["Beginners", "rust"]
    assert all(t.owner == ada.owner for t in Tag.objects.all())
    page = html(alice_client.get(response.url))
    assert "Saved “Ownership video” for Ada Lovelace." in page
    assert "Ownership video" in find_one(page, "section", id="resources").text


def test_a_resource_needs_no_url(alice_client, ada):
    response = alice_client.post(create_url(ada), resource_form_data(title="A book", url=""))

    assert response.status_code == 302
    assert SharedResource.objects.get().url == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a url", "ftp//x"])
def test_a_bad_url_is_refused(alice_client, ada, url):
    response = alice_client.post(create_url(ada), resource_form_data(url=url))

    assert response.status_code == 200
    assert "Enter a valid URL." in html(response)
    assert not SharedResource.objects.exists()


def test_a_title_is_required(alice_client, ada):
    response = alice_client.post(create_url(ada), resource_form_data(title=""))

    assert "This field is required." in html(response)
    assert not SharedResource.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://doc.rust-lang.org/book",
        "https://DOC.Rust-Lang.org/book/",
        "https://doc.rust-lang.org/book#chapter-4",
        "HTTPS://doc.rust-lang.org/book/#intro",
    ],
)
def test_sharing_the_same_link_again_warns_and_saves_nothing(alice_client, shared_before, ada, url):
    response = alice_client.post(create_url(ada), resource_form_data(title="Again?", url=url))

    assert response.status_code == 200
    page = html(response)
    assert "You already shared this with Ada Lovelace on 5 Jan 2026." in page
    assert find_one(page, "input", name="share_again")
    assert 'value="Again?"' in page  # what was typed is kept
    assert SharedResource.objects.count() == 1


def test_ticking_share_again_saves_the_repeat(alice_client, shared_before, ada):
    data = resource_form_data(
        title="Again", url="https://doc.rust-lang.org/book/", share_again="on"
    )

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 302
    assert SharedResource.objects.filter(contact=ada).count() == 2


def test_a_link_they_shared_with_me_does_not_warn(alice_client, ada):
    make_resource(ada, url="https://doc.rust-lang.org/book", direction="received")

    response = alice_client.post(create_url(ada), resource_form_data())

    assert response.status_code == 302
    assert SharedResource.objects.count() == 2


def test_a_link_shared_with_another_contact_does_not_warn(alice_client, ada, grace):
    make_resource(grace, url="https://doc.rust-lang.org/book", direction="shared")

    assert alice_client.post(create_url(ada), resource_form_data()).status_code == 302
    assert SharedResource.objects.filter(contact=ada).count() == 1


def test_recording_a_received_link_i_had_shared_does_not_warn(alice_client, shared_before, ada):
    response = alice_client.post(create_url(ada), resource_form_data(direction="received"))

    assert response.status_code == 302


def test_a_different_query_string_is_a_different_link(alice_client, shared_before, ada):
    data = resource_form_data(url="https://doc.rust-lang.org/book?edition=2024")

    assert alice_client.post(create_url(ada), data).status_code == 302


def test_htmx_repeat_returns_the_form_with_the_warning(alice_client, shared_before, ada):
    response = alice_client.post(create_url(ada), resource_form_data(), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    form = find_one(html(response), "form", id="resource-form")
    assert form.get("hx-post") == create_url(ada)
    assert "You already shared this with Ada Lovelace" in form.text
    assert find_one(form.descendants(), "input", name="share_again")
    assert SharedResource.objects.count() == 1


def test_htmx_save_sends_the_browser_to_the_contact(alice_client, ada):
    response = alice_client.post(create_url(ada), resource_form_data(), **HX)

    assert response.headers["HX-Redirect"] == resources_anchor(ada)
    assert SharedResource.objects.count() == 1


def test_htmx_get_returns_the_form_only(alice_client, ada):
    response = alice_client.get(create_url(ada), **HX)

    assert is_fragment(response)
    find_one(html(response), "form", id="resource-form")


def test_outsider_gets_404_and_nothing_is_saved(charlie_client, ada):
    assert charlie_client.get(create_url(ada)).status_code == 404
    assert charlie_client.post(create_url(ada), resource_form_data()).status_code == 404
    assert not SharedResource.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, ada):
    response = client.post(create_url(ada), resource_form_data())

    assert response.status_code == 302
    assert response.url == login_url_for(create_url(ada))
    assert not SharedResource.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_create_answers_only_get_and_post(alice_client, ada, method):
    assert getattr(alice_client, method)(create_url(ada)).status_code == 405
