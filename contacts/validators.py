"""Normalisers and validators for the profile handles people paste in all shapes.

Each ``normalize_*`` accepts what a user is likely to paste (``@octocat``, ``github.com/octocat/``,
``https://gitlab.com/group``) and returns the bare value, raising ValidationError with a message
that says what is expected.
"""

import datetime as dt
import re
from datetime import date
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

# GitHub: 1-39 characters, letters, digits and single hyphens, no hyphen at either end.
GITHUB_USERNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
# GitLab: 2-255 characters of letters, digits, "_", "-", "."; starts with a letter, digit or "_",
# does not end in "." or "-" (and GitLab reserves the endings ".git" and ".atom").
GITLAB_USERNAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,253}[A-Za-z0-9_]$")
PHONE = re.compile(r"^\+?[0-9 ()./-]{3,40}$")

http_url = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


def _strip_profile_url(value: str, host: str) -> str:
    """'https://www.github.com/octocat/' -> 'octocat'; other values come back unchanged."""
    candidate = value
    if "://" not in candidate and candidate.lower().startswith((host, f"www.{host}")):
        candidate = f"https://{candidate}"
    if "://" in candidate:
        parts = urlsplit(candidate)
        netloc = parts.netloc.lower().removeprefix("www.")
        if netloc != host:
            raise ValidationError(f"Enter a {host} username or a {host} profile address.")
        return parts.path.strip("/")
    return value


def normalize_github_username(value: str) -> str:
    value = _strip_profile_url(value.strip(), "github.com").removeprefix("@")
    if not value:
        return ""
    if not GITHUB_USERNAME.fullmatch(value):
        raise ValidationError(
            "GitHub usernames have 1-39 letters, digits or single hyphens, "
            "and cannot start or end with a hyphen."
        )
    return value


def normalize_gitlab_username(value: str) -> str:
    value = _strip_profile_url(value.strip(), "gitlab.com").removeprefix("@")
    if not value:
        return ""
    if (
        not GITLAB_USERNAME.fullmatch(value)
        or value.lower().endswith((".git", ".atom"))
        or re.search(r"[_.-]{2}", value)
    ):
        raise ValidationError(
            "GitLab usernames have 2-255 letters, digits, '_', '-' or '.', start and end with a "
            "letter or digit, and do not end in .git or .atom."
        )
    return value


def normalize_linkedin_url(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    http_url(value)
    host = urlsplit(value).netloc.lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        raise ValidationError(
            "Enter a LinkedIn address, such as https://www.linkedin.com/in/name/."
        )
    return value


def normalize_link_list(value: str) -> str:
    """One http(s) address per line; blank lines dropped, each line checked."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        try:
            http_url(line)
        except ValidationError as exc:
            raise ValidationError(
                f"Line {number} ({line[:60]}) is not a web address starting with http:// or https://."
            ) from exc
    return "\n".join(lines)


def validate_phone(value: str) -> None:
    if value and not PHONE.fullmatch(value):
        raise ValidationError(
            "Enter a phone number of digits, spaces and + ( ) - . / only, e.g. +49 30 1234567."
        )


def validate_not_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError("A birthday cannot be in the future.")


def validate_connected_not_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError("“Connected on” cannot be in the future.")


# Python dates end in the year 9999: a follow-up a week after 31 Dec 9999, or 1 Jan 0001 shown
# in a time zone west of UTC, would overflow into a server error. No real date is near either end.
EARLIEST_YEAR, LATEST_YEAR = 1000, 8999


def validate_date_range(value: date | dt.datetime | None) -> None:
    if value and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(f"Enter a date between the years {EARLIEST_YEAR} and {LATEST_YEAR}.")


def limit_date_fields(form: forms.BaseForm) -> None:
    """Every date and date-time field of the form accepts only validate_date_range's years."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(validate_date_range)
