import datetime as dt

import pytest
import time_machine

from contacts.forms import (
    MAX_TAGS_PER_CONTACT,
    ContactFilterForm,
    ContactForm,
    TagForm,
    TagMergeForm,
    parse_tag_names,
    tags_for_names,
)
from contacts.models import Contact, Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import contact_form_data

pytestmark = pytest.mark.django_db


def contact_form(owner, **fields) -> ContactForm:
    return ContactForm(contact_form_data(**fields), owner=owner)


def cleaned(owner, field: str, value: str):
    form = contact_form(owner, **{field: value})
    assert form.is_valid(), form.errors
    return form.cleaned_data[field]


def errors(owner, field: str, value: str) -> list[str]:
    form = contact_form(owner, **{field: value})
    assert not form.is_valid()
    assert list(form.errors) == [field]
    return form.errors[field]


# Tag names typed on the contact form


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("", []),
        (" , ,", []),
        ("Python", ["Python"]),
        ("Python, python", ["Python"]),
        ("python ,PYTHON, Python", ["python"]),
        ("Python,Django , PyCon   2026", ["Python", "Django", "PyCon 2026"]),
    ],
)
def test_parse_tag_names_trims_and_drops_case_duplicates(typed, names):
    assert parse_tag_names(typed) == names


def test_tags_for_names_reuses_existing_tags_in_any_case_and_creates_the_rest(alice):
    python = make_tag(alice, "python")

    tags = tags_for_names(alice, ["PYTHON", "Django"])

    assert tags[0] == python
    assert tags[1].name == "Django"
    assert tags[1].owner == alice
    assert Tag.objects.for_owner(alice).count() == 2


def test_tags_for_names_ignores_another_users_tags(alice, charlie):
    theirs = make_tag(charlie, "Python")

    [mine] = tags_for_names(alice, ["python"])

    assert mine != theirs
    assert mine.owner == alice
    assert mine.name == "python"


def test_saving_the_form_twice_with_new_case_variants_makes_no_duplicates(alice):
    contact_form(alice, name="Ada", tag_names="Python, python").save()
    contact_form(alice, name="Guido", tag_names="PYTHON, Django").save()

    assert sorted(Tag.objects.for_owner(alice).values_list("name", flat=True)) == [
        "Django",
        "Python",
    ]
    assert Tag.objects.get(name="Python").contacts.count() == 2


def test_a_tag_name_over_50_characters_is_refused(alice):
    [message] = errors(alice, "tag_names", "Python, " + "x" * 51)

    assert message.startswith("Tag names have at most 50 characters: xxx")


def test_too_many_tags_are_refused(alice):
    too_many = ", ".join(f"tag{n}" for n in range(MAX_TAGS_PER_CONTACT + 1))

    assert errors(alice, "tag_names", too_many) == ["At most 30 tags, please."]
    assert len(cleaned(alice, "tag_names", too_many.rsplit(",", 1)[0])) == MAX_TAGS_PER_CONTACT


def test_name_whitespace_is_tidied(alice):
    assert cleaned(alice, "name", "  Ada \t  Lovelace ") == "Ada Lovelace"


def test_name_loses_bidirectional_controls(alice):
    typed = "\u202eAda\u202c \u2066Lovelace\u2069\u200f"
    assert cleaned(alice, "name", typed) == "Ada Lovelace"
    assert errors(alice, "name", "\u202e \u200e") == ["This field is required."]


# Profile handles and links


@pytest.mark.parametrize(
    "typed",
    [
        "octocat",
        "  octocat ",
        "@octocat",
        "https://github.com/octocat/",
        "https://github.com/octocat",
        "http://www.github.com/octocat",
        "github.com/octocat",
        "GitHub.com/octocat/",
        "https://github.com/octocat?tab=repositories",
    ],
)
def test_github_username_is_normalised(alice, typed):
    assert cleaned(alice, "github_username", typed) == "octocat"


@pytest.mark.parametrize(
    "typed",
    [
        "-octocat",
        "octocat-",
        "octo--cat",
        "octo cat",
        "octo_cat",
        "a" * 40,
        "https://github.com/octocat/hello-world",
        "https://gitlab.com/octocat",
        "https://evil.example/github.com/octocat",
    ],
)
def test_invalid_github_username_gets_a_field_error(alice, typed):
    [message] = errors(alice, "github_username", typed)

    assert "github" in message.lower()


@pytest.mark.parametrize(
    ("typed", "username"),
    [
        ("ada.l", "ada.l"),
        ("@ada_l", "ada_l"),
        ("https://gitlab.com/ada-l/", "ada-l"),
        ("gitlab.com/Ada.L", "Ada.L"),
    ],
)
def test_gitlab_username_is_normalised(alice, typed, username):
    assert cleaned(alice, "gitlab_username", typed) == username


@pytest.mark.parametrize(
    "typed", ["a", "ada.", "ada..l", "ada.git", "ada.atom", "ada l", "https://github.com/ada"]
)
def test_invalid_gitlab_username_gets_a_field_error(alice, typed):
    [message] = errors(alice, "gitlab_username", typed)

    assert "gitlab" in message.lower()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://www.linkedin.com/in/ada/", "https://www.linkedin.com/in/ada/"),
        ("http://de.linkedin.com/in/ada", "http://de.linkedin.com/in/ada"),
        ("linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
    ],
)
def test_linkedin_address_is_accepted(alice, typed, stored):
    assert cleaned(alice, "linkedin_url", typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "https://example.com/in/ada",
        "https://linkedin.com.evil.example/in/ada",
        "https://notlinkedin.com/in/ada",
        "ftp://linkedin.com/in/ada",
        "javascript:alert(1)",
    ],
)
def test_a_non_linkedin_address_is_refused(alice, typed):
    assert errors(alice, "linkedin_url", typed)


@pytest.mark.parametrize("typed", ["https://ada.example/", "http://ada.example/portfolio"])
def test_website_over_http_or_https_is_accepted(alice, typed):
    assert cleaned(alice, "website_url", typed) == typed


@pytest.mark.parametrize(
    "typed", ["javascript:alert(1)", "ftp://files.example/", "data:text/html,hi", "not a url"]
)
def test_website_must_be_a_web_address(alice, typed):
    assert errors(alice, "website_url", typed)


def test_other_links_are_one_web_address_per_line(alice):
    typed = "  https://mastodon.social/@ada \r\n\r\nhttps://bsky.app/profile/ada\n"

    assert cleaned(alice, "other_links", typed) == (
        "https://mastodon.social/@ada\nhttps://bsky.app/profile/ada"
    )


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("https://ada.example\nftp://files.example", 2),
        ("javascript:alert(1)", 1),
        ("https://a.example https://b.example", 1),
    ],
)
def test_a_bad_line_in_other_links_is_named(alice, typed, line):
    [message] = errors(alice, "other_links", typed)

    assert message.startswith(f"Line {line} (")
    assert "http:// or https://" in message


# Dates, numbers and contact details


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_birthday_cannot_be_in_the_future(alice):
    assert errors(alice, "birthday", "2026-03-02") == ["A birthday cannot be in the future."]
    assert cleaned(alice, "birthday", "2026-03-01") == dt.date(2026, 3, 1)
    assert cleaned(alice, "birthday", "1815-12-10") == dt.date(1815, 12, 10)


def test_an_impossible_birthday_is_refused(alice):
    assert errors(alice, "birthday", "2026-02-30") == ["Enter a valid date."]


@pytest.mark.parametrize("typed", ["ada@", "ada.example.com", "ada@@example.com"])
def test_bad_email_is_refused(alice, typed):
    assert errors(alice, "email", typed) == ["Enter a valid email address."]


@pytest.mark.parametrize("typed", ["+49 30 1234567", "(030) 123-4567", "0301234567"])
def test_phone_numbers_in_common_shapes_are_accepted(alice, typed):
    assert cleaned(alice, "phone", typed) == typed


@pytest.mark.parametrize("typed", ["call me", "12", "+49 30 123 4567 ext. 5", "<script>"])
def test_bad_phone_is_refused(alice, typed):
    [message] = errors(alice, "phone", typed)

    assert message.startswith("Enter a phone number of digits")


@pytest.mark.parametrize("days", ["0", "3651", "5000", "-1", "soon"])
def test_follow_up_days_out_of_range_is_refused(alice, days):
    assert errors(alice, "follow_up_days", days)


@pytest.mark.parametrize("days", ["1", "3650"])
def test_follow_up_days_in_range_is_accepted(alice, days):
    assert cleaned(alice, "follow_up_days", days) == int(days)


def test_too_long_notes_are_refused(alice):
    assert errors(alice, "notes", "x" * 20001)


def test_form_sets_the_owner_and_the_tags_on_save(alice):
    contact = contact_form(alice, name="Ada", tag_names="Python").save()

    assert contact.owner == alice
    assert [t.name for t in contact.tags.all()] == ["Python"]


def test_edit_form_starts_with_the_current_tag_names(alice):
    contact = make_contact(alice, name="Ada", tags=["rust", "Django"])

    form = ContactForm(instance=contact, owner=alice)

    assert form.initial["tag_names"] == "Django, rust"


# List filters


def test_filter_form_offers_only_the_owners_tags(alice, charlie):
    make_tag(alice, "Python")
    make_tag(charlie, "Rust")

    form = ContactFilterForm({}, owner=alice)

    assert [tag.name for tag in form.fields["tag"].queryset] == ["Python"]
    assert not ContactFilterForm({"tag": "Rust"}, owner=alice).is_valid()


def test_filter_form_ignores_only_the_invalid_parameters(alice):
    make_contact(alice, name="Ada", is_vip=True, status=Contact.Status.PASSIVE)
    make_contact(alice, name="Grace", is_vip=False, status=Contact.Status.PASSIVE)
    form = ContactFilterForm({"vip": "yes", "status": "bogus", "sort": "??"}, owner=alice)

    contacts = form.apply(Contact.objects.for_owner(alice))

    assert [c.name for c in contacts] == ["Ada"]
    assert set(form.errors) == {"status", "sort"}
    assert form.is_filtered


def test_an_empty_filter_form_is_not_filtered(alice):
    form = ContactFilterForm({"sort": "-name", "archived": ""}, owner=alice)
    form.apply(Contact.objects.for_owner(alice))

    assert not form.is_filtered


# Tag forms


def test_tag_form_tidies_the_name(alice):
    tag = make_tag(alice, "py")
    form = TagForm(
        {"name": "  Python   3 ", "kind": "technology", "colour": "info"}, instance=tag, owner=alice
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Python 3"


def test_tag_form_refuses_a_clash_in_any_case(alice):
    make_tag(alice, "Python")
    tag = make_tag(alice, "py")
    form = TagForm(
        {"name": "PYTHON", "kind": "technology", "colour": "info"}, instance=tag, owner=alice
    )

    assert form.errors["name"] == ["You already have a tag called “Python”. Merge the two instead."]


def test_tag_form_refuses_an_empty_name(alice):
    tag = make_tag(alice, "py")
    form = TagForm(
        {"name": "   ", "kind": "technology", "colour": "info"}, instance=tag, owner=alice
    )

    assert form.errors["name"] == ["This field is required."]


def test_merge_form_offers_only_the_owners_tags(alice, charlie):
    make_tag(alice, "Python")
    make_tag(charlie, "Rust")

    form = TagMergeForm(owner=alice)

    assert [t.name for t in form.fields["source"].queryset] == ["Python"]
    assert [t.name for t in form.fields["target"].queryset] == ["Python"]


def test_merge_returns_the_target_with_every_contact(alice):
    py, python = make_tag(alice, "py"), make_tag(alice, "Python")
    make_contact(alice, name="Ada", tags=[py, python])
    make_contact(alice, name="Guido", tags=[py])
    form = TagMergeForm({"source": py.code, "target": python.code}, owner=alice)
    assert form.is_valid(), form.errors

    target = form.merge()

    assert target == python
    assert sorted(target.contacts.values_list("name", flat=True)) == ["Ada", "Guido"]
    assert not Tag.objects.filter(pk=py.pk).exists()


# "Connected on": when the person joined your network (LinkedIn imports fill it too)


@time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC))
def test_connected_on_is_kept_and_may_not_be_in_the_future(alice):
    assert cleaned(alice, "connected_on", "2013-09-27") == dt.date(2013, 9, 27)
    refused = errors(alice, "connected_on", "2026-05-02")
    assert refused == ["“Connected on” cannot be in the future."]


def test_connected_on_shows_on_the_contact_page(alice_client, alice):
    contact = make_contact(alice, connected_on=dt.date(2013, 9, 27))
    page = alice_client.get(f"/contacts/{contact.code}/").content.decode()
    assert "Connected on" in page and "27 September 2013" in page
