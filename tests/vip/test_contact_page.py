"""The VIP sections on the contact page: only for VIPs, and never a way to inject markup."""

import pytest
from django.urls import reverse

from tests.conftest import make_contact
from tests.vip.conftest import (
    HX,
    SECTION_KEYS,
    detail_url,
    find_all,
    find_one,
    html,
    make_background,
    make_contact_info,
    make_full_vip,
    make_profile,
    make_project,
    make_vip,
    section_edit_url,
    section_url,
)

pytestmark = pytest.mark.django_db

VIP_SECTION_IDS = ["vip-background", "vip-contact-info", "vip-developer", "vip-projects"]
PAYLOAD = '<script>alert("pwned")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"


def vip_section_ids(page: str) -> list[str]:
    return [s.get("id") for s in find_all(page, "section") if s.get("id") in VIP_SECTION_IDS]


def test_vip_contact_page_shows_the_vip_badge_and_all_sections_in_order(alice_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    page = html(alice_client.get(detail_url(ada)))

    assert vip_section_ids(page) == VIP_SECTION_IDS
    heading = find_one(page, "h1", id="contact-name")
    assert "VIP" in [e.clean_text for e in heading.descendants() if "badge" in e.classes]


def test_non_vip_contact_page_has_no_vip_sections_even_with_stored_data(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_background(ada, family="Hidden family note")
    make_project(ada, title="Hidden project")

    page = html(alice_client.get(detail_url(ada)))

    assert vip_section_ids(page) == []
    assert "Hidden family note" not in page
    assert "Hidden project" not in page
    assert not find_all(page, "a", href=section_edit_url(ada, "background"))
    heading = find_one(page, "h1", id="contact-name")
    assert not [e for e in heading.descendants() if "badge-accent" in e.classes]


def test_contact_page_of_a_vip_without_records_offers_every_section(alice_client, alice):
    ada = make_vip(alice, name="Ada Lovelace")

    page = html(alice_client.get(detail_url(ada)))

    assert vip_section_ids(page) == VIP_SECTION_IDS
    for key in SECTION_KEYS:
        assert find_all(page, "a", href=section_edit_url(ada, key))
    assert find_all(page, "a", href=reverse("vip:project_create", args=[ada.code]))


def test_every_hx_target_of_the_vip_sections_exists_on_the_page(alice_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    page = html(alice_client.get(detail_url(ada)))

    ids = {e.get("id") for e in find_all(page) if e.has("id")}
    targets = {e.get("hx-target") for e in find_all(page) if e.get("hx-get").startswith("/vip/")}
    assert targets == {f"#vip-{key}" for key in SECTION_KEYS}
    assert {t.removeprefix("#") for t in targets} <= ids


# --- Escaping -------------------------------------------------------------------------------------


@pytest.fixture
def scripted(alice):
    """A VIP with a <script> in every field a user can type into."""
    contact = make_vip(alice, name="Ada Lovelace")
    make_background(
        contact, family=PAYLOAD, company=PAYLOAD, likes_dislikes=PAYLOAD, misc_notes=PAYLOAD
    )
    make_contact_info(
        contact,
        email=PAYLOAD,
        phone=PAYLOAD,
        social_links=[{"label": PAYLOAD, "url": "https://example.com/?q=<script>"}],
    )
    make_profile(
        contact,
        stack=[PAYLOAD],
        technical_skills=PAYLOAD,
        communication_notes=PAYLOAD,
    )
    make_project(contact, title=PAYLOAD, what_we_did=PAYLOAD, link="https://example.com/")
    return contact


def test_script_in_any_vip_field_is_shown_as_text_on_the_contact_page(alice_client, scripted):
    page = html(alice_client.get(detail_url(scripted)))

    assert PAYLOAD not in page
    assert "?q=<script>" not in page
    sections = {s.get("id"): s for s in find_all(page, "section") if s.get("id") in VIP_SECTION_IDS}
    assert sections["vip-background"].clean_text.count(PAYLOAD) == 4
    assert sections["vip-contact-info"].clean_text.count(PAYLOAD) == 3
    assert sections["vip-developer"].clean_text.count(PAYLOAD) == 3
    assert sections["vip-projects"].clean_text.count(PAYLOAD) == 3  # title, sr-only, notes
    assert not [e for e in find_all(page, "script") if "pwned" in e.text]


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_script_is_escaped_in_htmx_sections_and_edit_forms(alice_client, scripted, key):
    section = html(alice_client.get(section_url(scripted, key), **HX))
    form = html(alice_client.get(section_edit_url(scripted, key), **HX))

    for page in (section, form):
        assert PAYLOAD not in page
        assert ESCAPED in page
        assert not find_all(page, "script")


def test_script_is_escaped_on_the_vip_cards_and_project_pages(alice_client, scripted):
    cards = html(alice_client.get(reverse("vip:list")))
    project = scripted.vip_projects.get()
    edit = html(alice_client.get(reverse("vip:project_edit", args=[project.code])))
    delete = html(alice_client.get(reverse("vip:project_delete", args=[project.code])))

    for page in (cards, edit, delete):
        assert PAYLOAD not in page
        assert not [e for e in find_all(page, "script") if "pwned" in e.text]
    assert ESCAPED in cards  # the tech stack tag
    assert find_one(edit, "input", name="title").get("value") == PAYLOAD
