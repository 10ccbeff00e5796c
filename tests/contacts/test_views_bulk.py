"""Bulk edit on the contacts list: pick rows, a page, or all matching the filter; one action."""

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import bulk_contacts, make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

BULK_URL = reverse("contacts:bulk")
LIST_URL = reverse("contacts:list")


def post(client, contacts=(), **data):
    return client.post(BULK_URL, {"ids": [str(c.code) for c in contacts], **data})


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def people(alice):
    return [
        make_contact(alice, name="Ada Lovelace", tags=["Python"]),
        make_contact(alice, name="Grace Hopper"),
        make_contact(alice, name="Linus Torvalds"),
    ]


# The list page


def test_list_has_a_labelled_checkbox_per_row_and_the_select_all_options(alice_client, people):
    page = html(alice_client.get(LIST_URL))
    for person in people:
        assert f'name="ids" value="{person.code}" form="bulk-form"' in page
        assert f'aria-label="Select {person.name}"' in page
    codes = " ".join(str(person.code) for person in sorted(people, key=lambda p: p.name))
    assert f'name="page_ids" value="{codes}"' in page
    assert 'name="select_page"' in page and "Select all contacts on this page" in page
    assert "select all 3 contacts</span>" in page
    assert f'action="{BULK_URL}"' in page
    assert "js/bulk.js" in page
    assert '<label for="bulk-action"' in page


def test_the_select_all_option_names_the_filter(alice_client, people):
    page = html(alice_client.get(LIST_URL, {"tag": "Python"}))
    assert "select all 1 contact matching this filter" in page
    assert 'name="query" value="tag=Python"' in page


# Each action


def test_add_tag_to_picked_contacts_creating_the_tag(alice_client, alice, people):
    ada, grace, _linus = people
    response = post(alice_client, [ada, grace], action="add_tag", tag="  Rust ")
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    assert flash(response) == ["Tagged 2 contacts “Rust”."]
    rust = Tag.objects.get(owner=alice, name="Rust")
    assert set(rust.contacts.all()) == {ada, grace}


def test_add_an_existing_tag_ignores_case_and_contacts_that_have_it(alice_client, alice, people):
    ada, grace, _ = people
    post(alice_client, [ada, grace], action="add_tag", tag="python")
    assert Tag.objects.filter(owner=alice).count() == 1
    assert set(make_tag(alice, "Python").contacts.all()) == {ada, grace}


def test_remove_tag(alice_client, alice, people):
    ada, grace, _ = people
    grace.tags.add(make_tag(alice, "Python"))
    response = post(alice_client, [ada], action="remove_tag", tag="PYTHON")
    assert flash(response) == ["Removed the tag “Python” from 1 contact."]
    assert list(make_tag(alice, "Python").contacts.all()) == [grace]


def test_remove_an_unknown_tag_explains_and_keeps_the_selection(alice_client, people):
    ada, grace, _ = people
    response = post(alice_client, [ada, grace], action="remove_tag", tag="Haskell")
    assert response.status_code == 200
    page = html(response)
    assert "You have no tag called “Haskell”." in page
    assert "Change 2 contacts" in page
    assert f'name="ids" value="{ada.code}"' in page and f'name="ids" value="{grace.code}"' in page


def test_an_action_without_its_value_asks_for_it(alice_client, people):
    response = post(alice_client, people[:1], action="set_status")
    assert "Choose the status for “Set status”." in html(response)
    response = post(alice_client, people[:1], action="")
    assert "This field is required." in html(response)


def test_set_status(alice_client, people):
    ada, grace, _linus = people
    response = post(alice_client, [ada, grace], action="set_status", status="passive")
    assert flash(response) == ["Set the status of 2 contacts to Passive."]
    statuses = dict(Contact.objects.values_list("name", "status"))
    assert statuses == {
        "Ada Lovelace": "passive",
        "Grace Hopper": "passive",
        "Linus Torvalds": "regular_contact",
    }


def test_set_importance_applies_the_status_rules_at_once(alice_client, alice, people):
    ada, grace, _ = people
    Contact.objects.filter(pk=ada.pk).update(last_contacted=dt.date.today() - dt.timedelta(40))
    post(alice_client, [ada, grace], action="set_importance", importance="high")
    ada.refresh_from_db()
    assert ada.importance == "high"
    assert ada.status == "check_in_due"  # 40 days without contact, high means every 30


def test_mark_and_unmark_vip(alice_client, alice, people):
    ada, grace, _linus = people
    Contact.objects.filter(pk=ada.pk).update(last_contacted=dt.date.today() - dt.timedelta(20))
    response = post(alice_client, [ada, grace], action="mark_vip")
    assert flash(response) == ["Marked 2 contacts as VIP."]
    assert set(Contact.objects.filter(is_vip=True)) == {ada, grace}
    ada.refresh_from_db()
    assert ada.status == "check_in_due"  # VIPs are due every 14 days
    post(alice_client, [ada], action="unmark_vip")
    ada.refresh_from_db()
    assert (ada.is_vip, ada.status) == (False, "regular_contact")


def test_archive_and_unarchive(alice_client, people):
    ada, grace, _linus = people
    response = post(alice_client, [ada, grace], action="archive")
    assert flash(response) == ["Archived 2 contacts."]
    assert set(Contact.objects.filter(is_archived=True)) == {ada, grace}
    post(alice_client, [ada], action="unarchive", query="archived=yes")
    assert set(Contact.objects.filter(is_archived=True)) == {grace}


def test_delete_asks_first_naming_the_count(alice_client, people):
    ada, grace, _ = people
    response = post(alice_client, [ada, grace], action="delete")
    assert response.status_code == 200
    page = html(response)
    assert "Delete 2 contacts?" in page
    assert Contact.objects.count() == 3
    # The confirmation form carries the selection and the count it named.
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    response = alice_client.post(BULK_URL, data)
    assert flash(response) == ["Deleted 2 contacts."]
    assert list(Contact.objects.values_list("name", flat=True)) == ["Linus Torvalds"]


def test_delete_confirmed_for_another_count_asks_again(alice_client, people):
    response = post(alice_client, people, action="delete", confirmed="1", count="2")
    assert "Delete 3 contacts?" in html(response)
    assert Contact.objects.count() == 3


def test_export_hands_the_selection_to_the_csv_export(alice_client, people):
    ada, grace, _ = people
    response = post(alice_client, [ada, grace], action="export")
    assert response.status_code == 307  # the browser repeats the POST there
    assert response["Location"] == reverse("exports:csv")
    export = alice_client.post(response["Location"], {"ids": [str(ada.code), str(grace.code)]})
    text = b"".join(export.streaming_content).decode()
    assert "Ada Lovelace" in text and "Grace Hopper" in text and "Linus" not in text
    assert "devhub-contacts-selected-" in export["Content-Disposition"]


# Selections


def test_all_matching_the_filter_covers_every_page(alice_client, alice):
    for i in range(30):
        make_contact(alice, name=f"Pythonista {i:02}", tags=["Python"])
    make_contact(alice, name="Cobol Person", tags=["Cobol"])
    response = post(alice_client, action="archive", all_matching="1", query="tag=Python&page=2")
    assert flash(response) == ["Archived 30 contacts."]
    assert response["Location"] == f"{LIST_URL}?tag=Python"
    assert Contact.objects.filter(is_archived=True).count() == 30
    assert not Contact.objects.get(name="Cobol Person").is_archived


def test_all_matching_takes_a_few_queries_for_many_contacts(
    alice_client, alice, django_assert_max_num_queries
):
    bulk_contacts(alice, (Contact(owner=alice, name=f"P {i}") for i in range(600)))
    # The same however many: the selection, the tag, the long change's bookkeeping, one INSERT,
    # the tagged contacts' search entries and vectors written again (a few set-based queries) and
    # the check for webhooks that want to hear of it.
    with django_assert_max_num_queries(42):
        post(alice_client, action="add_tag", tag="Bulk", all_matching="1", query="")
    assert make_tag(alice, "Bulk").contacts.count() == 600


def test_select_page_works_without_javascript(alice_client, people):
    ada, grace, linus = people
    response = alice_client.post(
        BULK_URL,
        {"select_page": "1", "page_ids": [str(ada.code), str(grace.code)], "action": "archive"},
    )
    assert flash(response) == ["Archived 2 contacts."]
    assert not Contact.objects.get(pk=linus.pk).is_archived


def test_select_page_reads_the_pages_codes_from_one_field(alice_client, people):
    ada, grace, linus = people
    response = alice_client.post(
        BULK_URL,
        {"select_page": "1", "page_ids": f"{ada.code} x {grace.code}", "action": "archive"},
    )
    assert flash(response) == ["Archived 2 contacts."]
    assert not Contact.objects.get(pk=linus.pk).is_archived


def test_page_ids_without_the_page_checkbox_select_nothing(alice_client, people):
    response = alice_client.post(
        BULK_URL, {"page_ids": [str(p.code) for p in people], "action": "archive"}
    )
    assert flash(response) == ["No contacts were selected: tick some rows first."]
    assert not Contact.objects.filter(is_archived=True).exists()


def test_outsider_ids_are_ignored(alice_client, alice, charlie, people):
    theirs = make_contact(charlie, name="Charlie Secret")
    response = post(alice_client, [theirs], action="delete", confirmed="1", count="1")
    assert flash(response) == ["No contacts were selected: tick some rows first."]
    response = post(alice_client, [theirs, people[0]], action="archive")
    assert flash(response)[-1] == "Archived 1 contact."
    theirs.refresh_from_db()
    assert not theirs.is_archived
    assert Contact.objects.filter(owner=charlie).count() == 1


def test_all_matching_never_reaches_another_users_contacts(alice_client, charlie, people):
    make_contact(charlie, name="Charlie Secret", tags=["Python"])
    post(alice_client, action="mark_vip", all_matching="1", query="")
    assert not Contact.objects.get(owner=charlie).is_vip
    assert Contact.objects.filter(is_vip=True).count() == 3


def test_garbage_ids_are_ignored(alice_client, people):
    response = post(
        alice_client, [people[0]], action="archive", ids=["x", "1", str(people[0].code)]
    )
    assert flash(response) == ["Archived 1 contact."]


def test_too_many_picked_ids_are_refused_with_advice(alice_client, people):
    from contacts.forms import BulkActionForm

    ids = [f"00000000-0000-4000-8000-{i:012}" for i in range(BulkActionForm.MAX_PICKED + 1)]
    response = alice_client.post(BULK_URL, {"ids": ids, "action": "archive"})
    assert "all matching this filter" in flash(response)[0]


# Access and HTMX


def test_anonymous_is_sent_to_log_in(client):
    response = client.post(BULK_URL, {"action": "archive"})
    assert response.status_code == 302
    assert response["Location"] == login_url_for(BULK_URL)


def test_get_is_not_allowed(alice_client):
    assert alice_client.get(BULK_URL).status_code == 405


def test_htmx_confirmation_is_a_fragment(alice_client, people):
    ids = [str(p.code) for p in people[:2]]
    response = alice_client.post(BULK_URL, {"ids": ids, "action": "delete"}, **HX)
    assert is_fragment(response)
    assert "Delete 2 contacts?" in html(response)
