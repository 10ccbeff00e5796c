"""The History page of a contact: its versions, newest first, and restoring one."""

import pytest
from django.urls import reverse

from contacts import services
from contacts.models import Contact
from tests.conftest import make_contact
from tests.contacts.conftest import HX, contact_form_data, is_fragment, login_url_for
from tests.history.conftest import versions

pytestmark = pytest.mark.django_db


def history_url(contact) -> str:
    return reverse("contacts:history", args=[contact.code])


def restore_url(contact, history_id) -> str:
    return reverse("contacts:restore_version", args=[contact.code, history_id])


@pytest.fixture
def ada(alice):
    ada = make_contact(alice, name="Ada Lovelace", company="Analytical")
    ada.company = "Babbage & Co"
    services.save_contact(ada, ["company"])
    return ada


def test_lists_the_changes_with_old_and_new_values(alice_client, ada):
    response = alice_client.get(history_url(ada))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Company" in text and "Analytical" in text and "Babbage &amp; Co" in text
    assert "Added" in text and "Restore this version" in text
    assert text.index("Changed") < text.index("Added")  # newest first


def test_the_contact_page_links_to_its_history(alice_client, ada):
    page = alice_client.get(reverse("contacts:detail", args=[ada.code])).content.decode()
    assert history_url(ada) in page


def test_htmx_gets_the_versions_only(alice_client, ada):
    response = alice_client.get(history_url(ada), **HX)
    assert is_fragment(response)
    assert "Babbage" in response.content.decode()


def test_another_users_contact_is_404(charlie_client, ada):
    assert charlie_client.get(history_url(ada)).status_code == 404
    first = versions(ada)[-1].history_id
    assert charlie_client.get(restore_url(ada, first)).status_code == 404
    assert charlie_client.post(restore_url(ada, first)).status_code == 404


def test_another_contacts_version_is_404(alice_client, alice, ada):
    grace = make_contact(alice, name="Grace Hopper")
    other = versions(grace)[0].history_id
    assert alice_client.get(restore_url(ada, other)).status_code == 404
    assert alice_client.post(restore_url(ada, other)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, ada):
    url = history_url(ada)
    assert client.get(url)["Location"] == login_url_for(url)


def test_wrong_method_is_405(alice_client, ada):
    assert alice_client.post(history_url(ada)).status_code == 405
    assert alice_client.put(restore_url(ada, versions(ada)[0].history_id)).status_code == 405


def test_pages_of_25(alice_client, alice):
    grace = make_contact(alice, name="Grace Hopper")
    for n in range(30):
        grace.notes = f"note {n}"
        services.save_contact(grace, ["notes"])
    first = alice_client.get(history_url(grace)).content.decode()
    assert "Page 1 of 2" in first and "note 29" in first and "note 3<" not in first
    second = alice_client.get(history_url(grace), {"page": 2}).content.decode()
    assert "Added" in second and "note 3<" in second
    assert alice_client.get(history_url(grace), {"page": "x"}).status_code == 200


def test_restore_asks_first_then_brings_back_the_old_values(alice_client, ada):
    first = versions(ada)[-1].history_id
    confirm = alice_client.get(restore_url(ada, first))
    assert confirm.status_code == 200 and "Restore this version" in confirm.content.decode()
    ada.refresh_from_db()
    assert ada.company == "Babbage & Co"  # nothing changed by asking
    response = alice_client.post(restore_url(ada, first))
    assert response.status_code == 302 and response["Location"] == history_url(ada)
    ada.refresh_from_db()
    assert ada.company == "Analytical"
    latest = versions(ada)[0]
    assert latest.history_source == "web" and "Restored" in latest.history_change_reason


def test_restore_recomputes_the_status_for_today(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", status=Contact.Status.CHECK_IN_DUE)
    first = versions(ada)[-1].history_id
    alice_client.post(
        reverse("contacts:edit", args=[ada.code]),
        contact_form_data(name="Ada Lovelace", follow_up_days=1000),
    )
    ada.refresh_from_db()
    assert ada.status == Contact.Status.REGULAR_CONTACT
    alice_client.post(restore_url(ada, first))
    ada.refresh_from_db()
    assert ada.follow_up_days is None
    assert ada.status == Contact.Status.CHECK_IN_DUE
    assert ada.check_in_on is not None
