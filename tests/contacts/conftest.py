"""Helpers shared by the contacts tests; `alice`, `charlie` and co. live in tests/conftest.py."""

from urllib.parse import quote

from django.http import HttpResponse
from django.urls import reverse

# Extra headers for an HTMX request; pass as **HX to the test client.
HX = {"HTTP_HX_REQUEST": "true"}


def contact_form_data(**overrides) -> dict:
    """A valid POST for the contact form; override or blank out single fields per test."""
    data = {
        "name": "Ada Lovelace",
        "email": "",
        "phone": "",
        "company": "",
        "job_title": "",
        "relationship": "peer",
        "industry": "",
        "location": "",
        "birthday": "",
        "source": "",
        "source_detail": "",
        "github_username": "",
        "gitlab_username": "",
        "linkedin_url": "",
        "website_url": "",
        "other_links": "",
        "notes": "",
        "status": "regular_contact",
        "importance": "medium",
        "follow_up_days": "",
        "tag_names": "",
    }
    data.update(overrides)
    return data


def login_url_for(path: str) -> str:
    return f"/accounts/login/?next={quote(path)}"


def html(response: HttpResponse) -> str:
    return response.content.decode()


def contact_page(client, contact) -> str:
    """The contact's page as `client` sees it (asserted to be there), where other apps add their
    sections."""
    response = client.get(reverse("contacts:detail", args=[contact.code]))
    assert response.status_code == 200
    return html(response)


def is_fragment(response: HttpResponse) -> bool:
    """An HTMX swap gets a piece of a page: no document, no site navigation."""
    text = html(response)
    return "<html" not in text and "<body" not in text and 'aria-label="Main"' not in text
