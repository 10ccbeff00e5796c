import datetime as dt
import uuid

import pytest
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction
from tests.contacts.conftest import html, is_fragment, login_url_for
from tests.devhub.test_isolation_sweep import snapshot
from tests.duplicates.conftest import HX, attach_one_of_everything, make_contact, merge_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(alice):
    return make_contact(
        alice,
        name="Ada Lovelace",
        email="ada@example.com",
        company="",
        notes="Met at PyCon.",
        other_links="https://m.example/@ada",
        birthday=dt.date(1990, 12, 10),
    )


@pytest.fixture
def twin(alice):
    return make_contact(
        alice,
        name="Ada King",
        email="ada@example.com",
        company="Analytical Engines",
        notes="Likes Rust.",
        other_links="https://bsky.example/ada",
        importance=Contact.Importance.HIGH,
    )


def answers(primary: Contact, chosen: Contact, **extra) -> dict:
    data = {
        "primary": primary.code,
        "name": chosen.code,
        "company": chosen.code,
        "notes": "combine",
        "other_links": "combine",
        "birthday": chosen.code,
        "importance": chosen.code,
    }
    data.update(extra)
    return data


def test_the_chooser_shows_differing_fields_side_by_side_and_identical_ones_once(
    alice_client, ada, twin
):
    page = html(alice_client.get(merge_url(ada, twin)))

    assert "Merge 2 contacts" in page
    for label in (
        ">Name</legend>",
        ">Company</legend>",
        ">Notes</legend>",
    ):
        assert label in page
    assert 'name="notes" value="combine" checked' in page
    assert f'name="primary" value="{ada.code}" checked' in page
    # The empty company of the first contact is not the default: the other's value is.
    assert f'name="company" value="{twin.code}" checked' in page
    assert "The same on all of them" in page
    assert (
        '<dt class="font-medium">Email</dt><dd class="whitespace-pre-line">ada@example.com</dd>'
        in page
    )
    assert 'name="email"' not in page
    assert ">Phone</dt>" not in page  # empty on all: nothing to show


def test_opening_the_chooser_changes_nothing(alice_client, alice, ada, twin):
    attach_one_of_everything(twin, "b")
    before = snapshot(alice)

    alice_client.get(merge_url(ada, twin))

    assert snapshot(alice) == before


def test_posting_the_choices_asks_for_confirmation_with_counts(alice_client, alice, ada, twin):
    attach_one_of_everything(twin, "b")
    before = snapshot(alice)

    response = alice_client.post(merge_url(ada, twin), answers(ada, twin))

    page = html(response)
    assert "Merge 2 contacts into Ada Lovelace?" in page
    assert "<strong>Ada King</strong> (Analytical Engines)" in page
    assert "<li>1 interactions</li>" in page
    assert "<li>1 reminders</li>" in page
    assert "Analytical Engines (from Ada King)" in page
    assert 'name="confirmed" value="1"' in page
    assert f'<input type="hidden" name="primary" value="{ada.code}">' in page
    assert snapshot(alice) == before


def test_confirming_merges_and_redirects_to_the_merged_contact(alice_client, alice, ada, twin):
    attach_one_of_everything(ada, "a")
    attach_one_of_everything(twin, "b")

    response = alice_client.post(
        merge_url(ada, twin), answers(ada, twin, confirmed="1"), follow=True
    )

    assert response.redirect_chain == [(reverse("contacts:detail", args=[ada.code]), 302)]
    assert "Merged 2 contacts into Ada King. Moved 1 interactions" in html(response)
    ada.refresh_from_db()
    assert (ada.name, ada.company, ada.importance) == (
        "Ada King",
        "Analytical Engines",
        Contact.Importance.HIGH,
    )
    assert ada.notes == "Met at PyCon.\n\nLikes Rust."
    assert ada.other_links == "https://m.example/@ada\nhttps://bsky.example/ada"
    assert ada.birthday is None  # the other's (empty) birthday was chosen
    assert not Contact.objects.filter(pk=twin.pk).exists()
    assert Interaction.objects.filter(contact=ada).count() == 2


def test_the_second_contact_can_be_the_one_kept(alice_client, ada, twin):
    alice_client.post(merge_url(ada, twin), answers(twin, ada, confirmed="1"))

    assert list(Contact.objects.values_list("pk", "name")) == [(twin.pk, "Ada Lovelace")]


def test_three_contacts_merge_at_once(alice_client, alice, ada, twin):
    third = make_contact(alice, name="A. Lovelace", email="ada@example.com", notes="Third.")

    alice_client.post(
        merge_url(ada, twin, third), answers(ada, ada, confirmed="1", notes="combine")
    )

    assert list(Contact.objects.values_list("pk", flat=True)) == [ada.pk]
    ada.refresh_from_db()
    assert ada.notes == "Met at PyCon.\n\nLikes Rust.\n\nThird."


def test_back_returns_to_the_chooser_with_the_answers_kept(alice_client, ada, twin):
    response = alice_client.post(merge_url(ada, twin), answers(twin, ada, back="1", confirmed=""))

    page = html(response)
    assert "Review the merge" in page
    assert f'name="primary" value="{twin.code}" checked' in page
    assert f'name="name" value="{ada.code}" checked' in page
    assert Contact.objects.count() == 2


def test_a_missing_or_foreign_choice_is_reported_and_nothing_changes(alice_client, ada, twin):
    response = alice_client.post(
        merge_url(ada, twin), answers(ada, twin, confirmed="1", name=str(uuid.uuid4()))
    )

    page = html(response)
    assert response.status_code == 200
    assert "Please correct the choices marked below." in page
    assert "Select a valid choice." in page
    assert Contact.objects.count() == 2


def test_combined_notes_too_long_ask_for_a_choice(alice_client, alice, ada):
    big = make_contact(alice, name="Ada L", email="ada@example.com", notes="x" * 19_990)

    response = alice_client.post(
        merge_url(ada, big),
        {
            "primary": ada.code,
            "name": ada.code,
            "notes": "combine",
            "other_links": ada.code,
            "birthday": ada.code,
            "confirmed": "1",
        },
    )

    assert "more than the 20000 allowed" in html(response)
    assert Contact.objects.count() == 2


@pytest.mark.parametrize("query", ["", "?c={a}", "?c={a}&c={a}"])
def test_fewer_than_two_contacts_go_back_to_the_list_with_a_message(alice_client, ada, query):
    response = alice_client.get(reverse("duplicates:merge") + query.format(a=ada.code), follow=True)

    assert response.redirect_chain[-1][0] == reverse("duplicates:list")
    assert "Choose between 2 and 10 different contacts to merge." in html(response)


def test_more_than_ten_contacts_are_refused(alice_client, alice):
    many = [make_contact(alice, name=f"Ada {n}") for n in range(11)]

    response = alice_client.get(merge_url(*many), follow=True)

    assert "Choose between 2 and 10" in html(response)


def test_a_malformed_id_is_404(alice_client, ada):
    assert alice_client.get(merge_url(ada) + "&c=not-a-uuid").status_code == 404


def test_outsider_gets_404_for_get_and_post_and_nothing_changes(charlie_client, alice, ada, twin):
    before = snapshot(alice)

    assert charlie_client.get(merge_url(ada, twin)).status_code == 404
    response = charlie_client.post(merge_url(ada, twin), answers(ada, twin, confirmed="1"))

    assert response.status_code == 404
    assert snapshot(alice) == before


def test_mixing_in_another_users_contact_is_404(alice_client, charlie, ada):
    theirs = make_contact(charlie, name="Ada Lovelace", email="ada@example.com")

    assert alice_client.get(merge_url(ada, theirs)).status_code == 404
    response = alice_client.post(
        merge_url(ada, theirs), {"primary": ada.code, "name": theirs.code, "confirmed": "1"}
    )

    assert response.status_code == 404
    assert Contact.objects.count() == 2


def test_a_contact_deleted_meanwhile_is_404(alice_client, ada, twin):
    url = merge_url(ada, twin)
    twin.delete()

    assert alice_client.post(url, answers(ada, ada, confirmed="1")).status_code == 404
    assert Contact.objects.filter(pk=ada.pk).exists()


def test_htmx_gets_fragments_and_a_client_redirect(alice_client, ada, twin):
    chooser = alice_client.get(merge_url(ada, twin), **HX)
    confirm = alice_client.post(merge_url(ada, twin), answers(ada, twin), **HX)
    done = alice_client.post(merge_url(ada, twin), answers(ada, twin, confirmed="1"), **HX)

    assert is_fragment(chooser) and 'id="merge-form"' in html(chooser)
    assert is_fragment(confirm) and 'id="confirm-merge"' in html(confirm)
    assert done["HX-Redirect"] == reverse("contacts:detail", args=[ada.code])


def test_anonymous_is_sent_to_log_in(client, ada, twin):
    url = merge_url(ada, twin)

    response = client.post(url, answers(ada, twin, confirmed="1"))

    assert response.status_code == 302
    assert response.url.startswith(login_url_for(reverse("duplicates:merge")))
    assert Contact.objects.count() == 2


def test_wrong_method_is_405(alice_client, ada, twin):
    assert alice_client.delete(merge_url(ada, twin)).status_code == 405


def test_a_status_is_offered_only_when_one_was_set_by_hand(alice_client, alice, ada, twin):
    Contact.objects.filter(pk=ada.pk).update(status=Contact.Status.CHECK_IN_DUE)
    automatic = html(alice_client.get(merge_url(ada, twin)))
    Contact.objects.filter(pk=twin.pk).update(status=Contact.Status.ACTIVE_COLLABORATION)
    pinned = html(alice_client.get(merge_url(ada, twin)))

    assert 'name="status"' not in automatic
    assert 'name="status"' in pinned
    assert "Check-in due (recalculated from the contact dates)" in pinned


def test_a_status_set_by_hand_survives_the_merge(alice_client, ada, twin):
    Contact.objects.filter(pk=twin.pk).update(status=Contact.Status.PASSIVE)

    alice_client.post(merge_url(ada, twin), answers(ada, ada, confirmed="1", status=twin.code))

    ada.refresh_from_db()
    assert ada.status == Contact.Status.PASSIVE
