"""The JSON export carries the contacts' history; deleting the account deletes its history."""

import json

import pytest
from django.urls import reverse

from accounts import services as account_services
from contacts import services
from contacts.models import Contact
from exports.dump import dump, json_chunks
from exports.restore import restore
from history.services import history_models
from interactions.models import Interaction, InteractionType
from tests.conftest import PASSWORD, make_contact
from vip.models import Background

pytestmark = pytest.mark.django_db


def test_the_export_has_each_change_of_each_contact(alice, charlie):
    ada = make_contact(alice, name="Ada Lovelace")
    ada.company = "Analytical"
    services.save_contact(ada, ["company"])
    make_contact(charlie, name="Not alice's")
    document = json.loads("".join(json_chunks(alice)))
    history = document["history"]["contacts.Contact"]
    assert [(row["code"], row["history_type"], row["company"]) for row in history] == [
        (str(ada.code), "+", ""),
        (str(ada.code), "~", "Analytical"),
    ]
    assert history[0]["history_source"] == "system"
    assert "contacts.HistoricalContact" not in document["data"]


def test_a_restore_ignores_the_history_section(alice, charlie):
    ada = make_contact(alice, name="Ada Lovelace")
    ada.company = "Analytical"
    services.save_contact(ada, ["company"])
    assert restore(charlie, dump(alice)) >= 1
    restored = Contact.objects.get(owner=charlie)
    assert restored.company == "Analytical"
    assert restored.history.count() == 1  # a new history, starting with the restore


def test_deleting_the_account_deletes_its_history_and_no_one_elses(alice_client, alice, charlie):
    ada = make_contact(alice, name="Ada Lovelace", is_vip=True)
    Background.objects.create(contact=ada, family="secret")
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    Interaction.objects.create(owner=alice, contact=ada, type=call, notes="secret")
    gone = make_contact(alice, name="Deleted before")
    gone.delete()
    make_contact(charlie, name="Charlie's friend")
    assert sum(m.objects.count() for m in history_models()) > 4

    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    left = {m._meta.label: m.objects.count() for m in history_models()}
    assert left.pop("contacts.HistoricalContact") == 1  # charlie's
    assert set(left.values()) == {0}


def test_the_delete_service_records_nothing_on_the_way(alice):
    make_contact(alice, name="Ada Lovelace")
    account_services.delete_account(alice)
    assert Contact.history.model.objects.count() == 0
