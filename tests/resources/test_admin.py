import pytest
from django.urls import reverse

from tests.conftest import make_contact
from tests.resources.conftest import html, make_resource

pytestmark = pytest.mark.django_db


def test_changelist_search_and_add_pages_open(admin_client, ada, charlie):
    make_resource(ada, title="The Rust Book", url="https://doc.rust-lang.org/book")
    make_resource(make_contact(charlie, name="Charlie's Friend"), title="Go tour")

    response = admin_client.get(reverse("admin:resources_sharedresource_changelist"), {"q": "rust"})

    assert response.status_code == 200
    assert "The Rust Book" in html(response)
    assert "Go tour" not in html(response)
    assert "alice" in html(response)
    assert admin_client.get(reverse("admin:resources_sharedresource_add")).status_code == 200


def test_change_page_opens(admin_client, ada):
    resource = make_resource(ada, title="The Rust Book")

    response = admin_client.get(
        reverse("admin:resources_sharedresource_change", args=[resource.pk])
    )

    assert response.status_code == 200
    assert 'value="The Rust Book"' in html(response)
