import pytest
from django.contrib import admin
from django.urls import resolve, reverse

from contacts.models import Contact
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(alice, charlie):
    make_contact(charlie, name="Charlie's Contact", tags=["Charlies-Tag"])
    return make_contact(
        alice, name="Ada Lovelace", company="Analytical Engines", tags=["Python", "Rust"]
    )


@pytest.mark.parametrize(
    ("model", "query", "found", "not_found"),
    [
        ("contacts_contact", "engines", "Ada Lovelace", "Charlie&#x27;s Contact"),
        ("contacts_contact", "charlie", "Charlie&#x27;s Contact", "Ada Lovelace"),
        ("contacts_tag", "pyth", "Python", "Rust"),
        ("accounts_user", "alice", "alice@example.com", "charlie@example.com"),
    ],
)
def test_changelist_search(admin_client, ada, model, query, found, not_found):
    response = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": query})

    assert response.status_code == 200
    assert found in html(response)
    assert not_found not in html(response)


@pytest.mark.parametrize("model", ["contacts_contact", "contacts_tag", "accounts_user"])
def test_changelist_and_add_pages_open(admin_client, ada, model):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200


def test_contact_change_page_offers_only_the_owners_tags(admin_client, ada):
    response = admin_client.get(reverse("admin:contacts_contact_change", args=[ada.pk]))

    assert response.status_code == 200
    page = html(response)
    assert 'value="Ada Lovelace"' in page
    assert ">Python</option>" in page
    assert "Charlies-Tag" not in page


def test_tag_change_page_opens(admin_client, alice):
    tag = make_tag(alice, "Python")

    response = admin_client.get(reverse("admin:contacts_tag_change", args=[tag.pk]))

    assert response.status_code == 200
    assert 'value="Python"' in html(response)


def test_user_change_page_opens(admin_client, alice):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[alice.pk]))

    assert response.status_code == 200
    assert 'value="alice"' in html(response)


def test_regular_users_cannot_open_the_admin(alice_client, ada):
    response = alice_client.get(reverse("admin:contacts_contact_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_name_typed_in_the_admin_loses_bidirectional_controls(rf, admin_user):
    request = rf.get(reverse("admin:contacts_contact_add"))
    request.user, request.resolver_match = admin_user, resolve(request.path)
    form_class = admin.site._registry[Contact].get_form(request)

    assert form_class.base_fields["name"].clean("\u202eAda\u202c  \u2066Byron\u2069") == (
        "Ada Byron"
    )
