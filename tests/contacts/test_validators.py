import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contacts import validators


@pytest.mark.parametrize(
    "normalize",
    [
        validators.normalize_github_username,
        validators.normalize_gitlab_username,
        validators.normalize_linkedin_url,
        validators.normalize_link_list,
    ],
)
@pytest.mark.parametrize("typed", ["", "   "])
def test_blank_input_stays_blank(normalize, typed):
    assert normalize(typed) == ""


@pytest.mark.parametrize("username", ["a", "a-b", "A1-b2-C3", "a" * 39])
def test_github_usernames_within_githubs_rules_pass(username):
    assert validators.normalize_github_username(username) == username


@pytest.mark.parametrize("username", ["a" * 40, "a--b", "-a", "a-", "a.b", "a b"])
def test_github_usernames_outside_githubs_rules_fail(username):
    with pytest.raises(ValidationError):
        validators.normalize_github_username(username)


@pytest.mark.parametrize("username", ["ab", "a_b", "a.b-c", "_ab", "a" * 255])
def test_gitlab_usernames_within_gitlabs_rules_pass(username):
    assert validators.normalize_gitlab_username(username) == username


@pytest.mark.parametrize("username", ["a", "a" * 256, "-ab", "ab-", "a__b", "ab.git", "AB.ATOM"])
def test_gitlab_usernames_outside_gitlabs_rules_fail(username):
    with pytest.raises(ValidationError):
        validators.normalize_gitlab_username(username)


def test_a_profile_address_on_another_host_names_the_expected_host():
    with pytest.raises(ValidationError, match=r"github\.com username"):
        validators.normalize_github_username("https://bitbucket.org/octocat")


def test_linkedin_subdomains_count_as_linkedin():
    url = "https://uk.linkedin.com/in/ada"

    assert validators.normalize_linkedin_url(url) == url


def test_link_list_names_the_first_bad_line():
    with pytest.raises(ValidationError, match=r"Line 3 \(mailto:ada@example.com\)"):
        validators.normalize_link_list(
            "https://a.example\nhttps://b.example\nmailto:ada@example.com"
        )


@pytest.mark.parametrize("number", ["+1 (555) 010-9999", "030/1234567", "+44.20.1234.5678"])
def test_phone_numbers_with_common_punctuation_pass(number):
    validators.validate_phone(number)


@pytest.mark.parametrize("number", ["12", "phone", "+49 30 1234567 #2", "1" * 41])
def test_phone_numbers_with_other_characters_or_lengths_fail(number):
    with pytest.raises(ValidationError):
        validators.validate_phone(number)


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_birthday_today_or_earlier_passes_and_tomorrow_fails():
    validators.validate_not_future(None)
    validators.validate_not_future(dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        validators.validate_not_future(dt.date(2026, 3, 2))


@time_machine.travel(dt.datetime(2026, 3, 1, 20, tzinfo=dt.UTC), tick=False)
def test_today_is_the_date_in_the_configured_time_zone(settings):
    # 20:00 UTC on 1 March is already 2 March in Auckland.
    settings.TIME_ZONE = "Pacific/Auckland"

    validators.validate_not_future(dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        validators.validate_not_future(dt.date(2026, 3, 3))
