"""Mark / unmark VIP: from the contact page (redirect) and the contacts list (HTMX row swap)."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.vip.conftest import (
    HX,
    SECTION_KEYS,
    detail_url,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_full_vip,
    section_edit_url,
)
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

pytestmark = pytest.mark.django_db

LIST_URL = reverse("vip:list")
VIP_SECTION_IDS = ["vip-background", "vip-contact-info", "vip-developer", "vip-projects"]


def toggle_url(contact: Contact) -> str:
    return reverse("vip:toggle", args=[contact.code])


def is_vip(contact: Contact) -> bool:
    contact.refresh_from_db()
    return contact.is_vip


def vip_sections_text(page: str) -> dict[str, str]:
    return {
        element.get("id"): element.clean_text
        for element in find_all(page, "section")
        if element.get("id") in VIP_SECTION_IDS
    }


def toggle_button(page: str) -> str:
    form = [f for f in find_all(page, "form") if f.get("action").endswith("/toggle/")]
    assert len(form) == 1
    return find_one(form[0].descendants(), "button").clean_text


# --- From the contact page ----------------------------------------------------------------------


def test_mark_from_the_contact_page_shows_the_vip_sections(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    assert toggle_button(html(alice_client.get(detail_url(ada)))) == "Mark as VIP"

    response = alice_client.post(toggle_url(ada), {"vip": "1"})

    assert response.status_code == 302
    assert response.url == detail_url(ada)
    assert is_vip(ada)
    page = html(alice_client.get(response.url))
    assert "Marked Ada Lovelace as VIP." in page
    assert toggle_button(page) == "Unmark VIP"
    assert sorted(vip_sections_text(page)) == sorted(VIP_SECTION_IDS)


def test_unmark_from_the_contact_page_hides_the_vip_sections(alice_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    response = alice_client.post(toggle_url(ada), {"vip": "0"}, follow=True)

    assert response.redirect_chain == [(detail_url(ada), 302)]
    assert not is_vip(ada)
    page = html(response)
    assert "Unmarked Ada Lovelace as VIP." in page
    assert toggle_button(page) == "Mark as VIP"
    assert vip_sections_text(page) == {}
    assert "Married to William" not in page


def test_toggle_returns_to_a_safe_next_page(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(toggle_url(ada), {"vip": "1", "next": LIST_URL})

    assert response.url == LIST_URL
    assert "Ada Lovelace" in html(alice_client.get(LIST_URL))


def test_toggle_ignores_a_next_page_on_another_site(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(toggle_url(ada), {"vip": "1", "next": "https://evil.example/"})

    assert response.url == detail_url(ada)


# --- From the contacts list (HTMX) ----------------------------------------------------------------


def list_toggle(page, contact: Contact):
    """The row's VIP button: it posts the shared row-actions form to the contact's toggle."""
    return find_one(page, "button", formaction=toggle_url(contact))


def test_contacts_list_offers_a_vip_toggle_per_row(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    grace = make_contact(alice, name="Grace Hopper", is_vip=True)

    page = html(alice_client.get(reverse("contacts:list")))

    shared = find_one(page, "form", id="row-actions")
    assert shared.get("method") == "post"
    assert find_one(shared.descendants(), "input", name="csrfmiddlewaretoken")
    button = list_toggle(page, ada)
    assert button.get("form") == "row-actions"
    assert button.has("hx-post") and button.get("hx-post") == ""  # htmx follows formaction
    assert button.get("formaction") == toggle_url(ada)
    assert (button.get("name"), button.get("value")) == ("vip", "1")
    assert button.get("aria-pressed") == "false"
    assert list_toggle(page, grace).get("value") == "0"
    assert list_toggle(page, grace).get("aria-pressed") == "true"
    tbody = find_one(page, "tbody")
    assert (tbody.get("hx-target"), tbody.get("hx-swap")) == ("closest tr", "outerHTML")


def test_htmx_mark_from_the_list_returns_the_row_with_the_new_state(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", tags=["Python"])

    response = alice_client.post(
        toggle_url(ada),
        {"vip": "1"},
        **HX,
        HTTP_HX_CURRENT_URL="http://testserver/contacts/?q=ada",
    )

    assert response.status_code == 200
    assert is_fragment(response)
    assert is_vip(ada)
    page = html(response).strip()
    assert page.startswith("<tr>") and f'value="{ada.code}"' in page
    assert page.endswith("</tr>")
    row = find_one(page, "tr")
    assert "VIP" in [e.clean_text for e in row.descendants() if "badge-accent" in e.classes]
    button = list_toggle(page, ada)
    assert button.get("value") == "0"
    assert button.get("aria-pressed") == "true"
    assert ">Python</li>" in page
    assert "?next=/contacts/%3Fq%3Dada" in page
    assert "Marked" not in page


def test_htmx_unmark_from_the_list_returns_the_row_without_the_badge(alice_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    response = alice_client.post(toggle_url(ada), {"vip": "0"}, **HX)

    assert not is_vip(ada)
    row = find_one(html(response), "tr")
    assert not [e for e in row.descendants() if "badge-accent" in e.classes]
    button = list_toggle(html(response), ada)
    assert button.get("value") == "1"
    assert button.get("aria-pressed") == "false"


# --- Unmark keeps, mark again restores ----------------------------------------------------------


def test_unmark_keeps_every_vip_record_and_marking_again_shows_them_unchanged(alice_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")
    before = vip_sections_text(html(alice_client.get(detail_url(ada))))
    assert sorted(before) == sorted(VIP_SECTION_IDS)

    alice_client.post(toggle_url(ada), {"vip": "0"})

    assert vip_sections_text(html(alice_client.get(detail_url(ada)))) == {}
    assert "Ada Lovelace" not in html(alice_client.get(LIST_URL))
    for key in SECTION_KEYS:
        assert alice_client.get(section_edit_url(ada, key)).status_code == 404
    assert Background.objects.get(contact=ada).family == "Married to William, three children"
    assert ContactInfo.objects.get(contact=ada).phone == "+44 20 7946 0018"
    profile = DeveloperProfile.objects.get(contact=ada)
    assert sorted(t.name for t in profile.tech_stack.all()) == ["Python", "Rust"]
    assert ProjectCollaboration.objects.get(contact=ada).title == "Bernoulli numbers"

    alice_client.post(toggle_url(ada), {"vip": "1"})

    page = html(alice_client.get(detail_url(ada)))
    assert vip_sections_text(page) == before
    background = find_one(page, "section", id="vip-background").clean_text
    assert "Married to William, three children" in background
    assert "Analytical Engines Ltd, previously Babbage & Co" in background
    assert "Likes poetry, dislikes gambling" in background
    info = find_one(page, "section", id="vip-contact-info")
    assert "Signal" in info.clean_text
    assert "ada@engines.example" in info.clean_text
    assert "+44 20 7946 0018" in info.clean_text
    assert find_one(info.descendants(), "a", href="https://hachyderm.io/@ada").clean_text == (
        "Mastodon"
    )
    developer = find_one(page, "section", id="vip-developer").clean_text
    assert "Compilers, numerical methods" in developer
    assert "Python" in developer and "Rust" in developer
    assert "Prefers long letters" in developer
    projects = find_one(page, "section", id="vip-projects").clean_text
    assert "Bernoulli numbers" in projects
    assert "Wrote the first program together" in projects
    assert "Ada Lovelace" in html(alice_client.get(LIST_URL))


# --- Isolation, login, method ---------------------------------------------------------------------


@pytest.mark.parametrize(("start", "posted"), [(False, "1"), (True, "0")])
def test_outsider_cannot_toggle(charlie_client, alice, start, posted):
    ada = make_contact(alice, name="Ada Lovelace", is_vip=start)

    response = charlie_client.post(toggle_url(ada), {"vip": posted})

    assert response.status_code == 404
    assert is_vip(ada) is start


def test_outsider_htmx_toggle_is_404_too(charlie_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = charlie_client.post(toggle_url(ada), {"vip": "1"}, **HX)

    assert response.status_code == 404
    assert not is_vip(ada)


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = client.post(toggle_url(ada), {"vip": "1"})

    assert response.status_code == 302
    assert response.url == login_url_for(toggle_url(ada))
    assert not is_vip(ada)


def test_toggle_is_post_only(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(toggle_url(ada), {"vip": "1"})

    assert response.status_code == 405
    assert not is_vip(ada)
