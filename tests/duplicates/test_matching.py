"""Every exact-duplicate variant, through the rules of duplicates.matching the page uses."""

import pytest

from duplicates.listing import exact_groups, shared_keys
from duplicates.matching import exact_duplicate_groups
from tests.duplicates.conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "first", "second"),
    [
        ("email", "ada@example.com", "ada@example.com"),
        ("email", "Ada@Example.COM", "ada@example.com"),
        ("email", " ada@example.com ", "ada@example.com"),
        ("linkedin_url", "https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/ada"),
        ("linkedin_url", "https://www.linkedin.com/in/Ada", "https://www.linkedin.com/in/ada"),
        ("linkedin_url", "https://www.linkedin.com/in/ada/", "https://www.linkedin.com/in/ada"),
        ("linkedin_url", "https://www.linkedin.com/in/ada?trk=pub", "https://linkedin.com/in/ada"),
        ("linkedin_url", "http://linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("linkedin_url", "https://www.linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("linkedin_url", "HTTP://WWW.LinkedIn.com/in/ADA/?x=1#top", "https://linkedin.com/in/ada"),
        ("github_username", "octocat", "octocat"),
        ("github_username", "OctoCat", "octocat"),
        ("github_username", "@octocat", "octocat"),
        ("github_username", "https://github.com/octocat/", "octocat"),
    ],
)
def test_each_variant_is_an_exact_duplicate(alice, field, first, second):
    a = make_contact(alice, name="Ada Lovelace", **{field: first})
    b = make_contact(alice, name="A. King", **{field: second})
    make_contact(alice, name="Grace Hopper")

    assert exact_duplicate_groups(alice) == [[a.pk, b.pk]]


@pytest.mark.parametrize(
    ("field", "first", "second"),
    [
        ("email", "ada@example.com", "ada@example.org"),
        ("linkedin_url", "https://linkedin.com/in/ada", "https://linkedin.com/in/ada-king"),
        ("linkedin_url", "https://linkedin.com/company/acme", "https://linkedin.com/company/acme"),
        ("github_username", "octocat", "octocat2"),
        ("email", "", ""),
    ],
)
def test_near_misses_and_blanks_are_not_exact_duplicates(alice, field, first, second):
    make_contact(alice, name="Ada Lovelace", **{field: first})
    make_contact(alice, name="A. King", **{field: second})

    assert exact_duplicate_groups(alice) == []


def test_a_chain_of_shared_keys_is_one_group_with_what_they_share(alice):
    a = make_contact(alice, name="Ada", email="ada@example.com")
    b = make_contact(alice, name="Ada L", email="ADA@example.com", github_username="ada")
    c = make_contact(alice, name="A. Lovelace", github_username="Ada")

    groups = exact_groups(alice)

    assert [g.ids for g in groups] == [[a.pk, b.pk, c.pk]]
    assert shared_keys([a, b, c]) == ["Same e-mail: ada@example.com", "Same GitHub: ada"]


def test_other_users_contacts_never_match(alice, charlie):
    make_contact(alice, name="Ada", email="ada@example.com")
    make_contact(charlie, name="Ada", email="ada@example.com")

    assert exact_duplicate_groups(alice) == []
