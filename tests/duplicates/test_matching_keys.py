import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duplicates.matching import (
    ContactIndex,
    exact_duplicate_groups,
    match_keys,
    normalise_email,
    normalise_github_username,
    normalise_linkedin_url,
)
from tests.conftest import make_contact


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Ada@Example.COM", "ada@example.com"),
        ("  ada@example.com \n", "ada@example.com"),
        ("", ""),
        (None, ""),
        ("   ", ""),
    ],
)
def test_normalise_email(value, expected):
    assert normalise_email(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "https://www.linkedin.com/in/ada",
        "https://www.linkedin.com/in/ada/",  # trailing slash
        "https://www.linkedin.com/in/Ada",  # case in the slug
        "HTTPS://WWW.LINKEDIN.COM/IN/ADA",  # case everywhere
        "http://www.linkedin.com/in/ada",  # http vs https
        "https://linkedin.com/in/ada",  # no www.
        "https://de.linkedin.com/in/ada",  # country subdomain
        "https://uk.linkedin.com/in/ada/",
        "https://www.linkedin.com/in/ada?trk=public_profile",  # query string
        "https://www.linkedin.com/in/ada/?originalSubdomain=de#experience",  # query + fragment
        "www.linkedin.com/in/ada",  # no scheme
        "linkedin.com/in/ada/",
        "  https://www.linkedin.com/in/ada  ",
        "https://www.linkedin.com/in/ada/details/experience/",  # a page below the profile
    ],
)
def test_normalise_linkedin_url_variants(value):
    assert normalise_linkedin_url(value) == "linkedin.com/in/ada"


def test_normalise_linkedin_url_decodes_percent_escapes():
    assert normalise_linkedin_url("https://www.linkedin.com/in/j%C3%BCrgen-m") == (
        "linkedin.com/in/jürgen-m"
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "https://www.linkedin.com/company/acme",  # not a person's profile
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://example.com/in/ada",  # another site
        "https://notlinkedin.com/in/ada",
        "ftp://www.linkedin.com/in/ada",
        "just some words",
    ],
)
def test_normalise_linkedin_url_rejects_non_profiles(value):
    assert normalise_linkedin_url(value) == ""


@pytest.mark.parametrize(
    "value",
    [
        "ada",
        "Ada",
        "@ada",
        "@Ada",
        " ada ",
        "https://github.com/ada",
        "https://github.com/Ada/",
        "http://github.com/ada",
        "https://www.github.com/ada",
        "github.com/ada",
        "https://github.com/ada?tab=repositories",
        "https://github.com/ada/some-repo",
    ],
)
def test_normalise_github_username_variants(value):
    assert normalise_github_username(value) == "ada"


@pytest.mark.parametrize("value", ["", None, "https://gitlab.com/ada"])
def test_normalise_github_username_blank_or_other_site(value):
    assert normalise_github_username(value) == ""


def test_match_keys_collects_every_present_key():
    assert match_keys("Ada@Example.com", "https://www.linkedin.com/in/Ada/", "@Ada") == {
        ("email", "ada@example.com"),
        ("linkedin", "linkedin.com/in/ada"),
        ("github", "ada"),
    }


def test_match_keys_skips_blank_and_unusable_values():
    assert match_keys("", "https://example.com/ada", "") == set()
    assert match_keys(None, None, None) == set()


def test_contact_index_finds_existing_contacts_of_owner_only(alice, charlie):
    ada = make_contact(alice, email="ada@example.com")
    archived = make_contact(alice, name="Grace", linkedin_url="https://www.linkedin.com/in/grace/")
    archived.is_archived = True
    archived.save(update_fields=["is_archived"])
    make_contact(charlie, name="Linus", github_username="torvalds")

    with CaptureQueriesContext(connection) as queries:
        index = ContactIndex.for_owner(alice)
    assert len(queries) == 1

    assert index.find(match_keys("ADA@example.com ", "", "")) == ada.id
    assert index.find(match_keys("", "http://de.linkedin.com/in/Grace?x=1", "")) == archived.id
    assert index.find(match_keys("", "", "torvalds")) is None  # charlie's contact


def test_contact_index_add_catches_duplicates_within_a_file(alice):
    index = ContactIndex.for_owner(alice)
    keys = match_keys("new@example.com", "", "")
    assert index.find(keys) is None
    index.add(42, keys)
    assert index.find(match_keys("NEW@example.com", "", "")) == 42
    index.add(43, keys)  # a later duplicate does not take the key over
    assert index.find(keys) == 42


def test_contact_index_find_without_keys_is_none(alice):
    make_contact(alice, email="")
    assert ContactIndex.for_owner(alice).find(set()) is None


def test_exact_duplicate_groups_unions_transitively(alice, charlie):
    a = make_contact(alice, name="A", email="ada@example.com")
    b = make_contact(alice, name="B", email="ADA@example.com", github_username="ada")
    c = make_contact(alice, name="C", github_username="Ada", linkedin_url="")
    d = make_contact(alice, name="D", linkedin_url="https://linkedin.com/in/grace")
    e = make_contact(alice, name="E", linkedin_url="http://www.linkedin.com/in/Grace/")
    make_contact(alice, name="F", email="someone@example.com")
    make_contact(charlie, name="G", email="ada@example.com")

    assert exact_duplicate_groups(alice) == [[a.id, b.id, c.id], [d.id, e.id]]


def test_exact_duplicate_groups_empty_without_duplicates(alice):
    make_contact(alice, name="A", email="a@example.com")
    make_contact(alice, name="B", email="b@example.com")
    assert exact_duplicate_groups(alice) == []
