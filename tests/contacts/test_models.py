import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from contacts.models import Contact, Tag, get_contact_for_user, get_tag_for_user
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    return [obj.name for obj in queryset]


def test_contact_and_tag_show_their_names(alice):
    assert str(make_contact(alice, name="Ada Lovelace")) == "Ada Lovelace"
    assert str(make_tag(alice, "Python")) == "Python"


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (Contact.Status.ACTIVE_COLLABORATION, "badge-success"),
        (Contact.Status.REGULAR_CONTACT, "badge-info"),
        (Contact.Status.CHECK_IN_DUE, "badge-warning"),
        (Contact.Status.RECONNECT, "badge-error"),
        (Contact.Status.PASSIVE, "badge-neutral"),
    ],
)
def test_each_status_has_its_badge_colour(alice, status, badge):
    assert make_contact(alice, status=status).status_badge_class == badge


def test_tag_badge_class_follows_its_colour(alice):
    assert make_tag(alice, "Python", colour=Tag.Colour.SUCCESS).badge_class == "badge-success"


def test_profile_addresses_are_built_from_usernames(alice):
    contact = make_contact(alice, github_username="octocat", gitlab_username="ada.l")
    bare = make_contact(alice, name="Grace")

    assert contact.github_url == "https://github.com/octocat"
    assert contact.gitlab_url == "https://gitlab.com/ada.l"
    assert bare.github_url == bare.gitlab_url == ""


def test_other_links_are_split_into_lines(alice):
    contact = make_contact(alice, other_links="https://a.example\nhttps://b.example")

    assert contact.other_link_list == ["https://a.example", "https://b.example"]
    assert make_contact(alice).other_link_list == []


def test_new_objects_get_distinct_public_codes(alice):
    first, second = make_contact(alice), make_contact(alice)

    assert first.code != second.code
    assert make_tag(alice, "a").code != make_tag(alice, "b").code


def test_tag_names_are_unique_per_owner_ignoring_case(alice, charlie):
    Tag.objects.create(owner=alice, name="Python")
    Tag.objects.create(owner=charlie, name="python")  # another owner may use the name

    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(owner=alice, name="PYTHON")


def test_contacts_and_tags_sort_by_name_ignoring_case(alice):
    for name in ["bob", "Alice", "carol"]:
        make_contact(alice, name=name)
        make_tag(alice, name)

    assert names(Contact.objects.for_owner(alice)) == ["Alice", "bob", "carol"]
    assert names(Tag.objects.for_owner(alice)) == ["Alice", "bob", "carol"]


def test_tag_contact_counts_are_per_tag_and_keep_the_name_order(alice):
    rust, python = make_tag(alice, "rust"), make_tag(alice, "Python")
    make_contact(alice, name="Ada", tags=[python, rust])
    make_contact(alice, name="Guido", tags=[python])
    make_tag(alice, "Go")

    tags = Tag.objects.for_owner(alice).with_contact_counts()

    assert [(t.name, t.contact_count) for t in tags] == [("Go", 0), ("Python", 2), ("rust", 1)]


def test_for_owner_and_active_scope_contacts(alice, charlie):
    make_contact(alice, name="Ada")
    make_contact(alice, name="Old", is_archived=True)
    make_contact(charlie, name="Charlie's")

    assert names(Contact.objects.for_owner(alice)) == ["Ada", "Old"]
    assert names(Contact.objects.for_owner(alice).active()) == ["Ada"]


def test_with_all_tags_needs_every_tag(alice):
    python, django = make_tag(alice, "Python"), make_tag(alice, "Django")
    make_contact(alice, name="Ada", tags=[python, django])
    make_contact(alice, name="Guido", tags=[python])

    contacts = Contact.objects.for_owner(alice)

    assert names(contacts.with_all_tags([python, django])) == ["Ada"]
    assert names(contacts.with_all_tags([python])) == ["Ada", "Guido"]


def test_fetch_helpers_return_my_objects(alice):
    contact, tag = make_contact(alice), make_tag(alice, "Python")

    assert get_contact_for_user(alice, contact.code) == contact
    assert get_tag_for_user(alice, tag.code) == tag


def test_fetch_helpers_treat_other_users_objects_as_missing(alice, charlie):
    contact, tag = make_contact(alice), make_tag(alice, "Python")

    with pytest.raises(Http404):
        get_contact_for_user(charlie, contact.code)
    with pytest.raises(Http404):
        get_tag_for_user(charlie, tag.code)


def test_deleting_a_user_deletes_their_contacts_and_tags(alice, charlie):
    make_contact(alice, tags=["Python"])
    make_contact(charlie, tags=["Python"])

    alice.delete()

    assert Contact.objects.count() == Tag.objects.count() == 1
