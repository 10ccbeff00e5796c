"""The VIP sections inline on the contact admin, and the mark/unmark actions."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import make_contact, make_tag
from tests.devhub.conftest import Element
from tests.vip.conftest import detail_url, find_all, find_one, html, make_full_vip, make_vip
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:contacts_contact_changelist")
INLINES = {
    "vip_background": "Background",
    "vip_contact_info": "Contact info",
    "vip_developer_profile": "Developer profile",
    "vip_projects": "Project collaborations",
}


def change_url(contact: Contact) -> str:
    return reverse("admin:contacts_contact_change", args=[contact.pk])


def admin_form_data(page: str) -> dict[str, str | list[str]]:
    """What the browser sends when the contact change form is submitted untouched."""
    form = find_one(page, "form", id="contact_form")
    data: dict[str, str | list[str]] = {}
    for element in form.descendants():
        name = element.get("name")
        if not name or "__prefix__" in name or element.has("disabled"):
            continue
        if element.tag == "input" and element.get("type") in ("submit", "button", "file"):
            continue
        if element.tag == "input" and element.get("type") in ("checkbox", "radio"):
            if element.has("checked"):
                data[name] = element.get("value", "on")
        elif element.tag == "input":
            data[name] = element.get("value")
        elif element.tag == "textarea":
            data[name] = element.text.removeprefix("\n")
        elif element.tag == "select":
            data[name] = selected_values(element)
    return data


def selected_values(select: Element) -> str | list[str]:
    options = [o for o in select.descendants() if o.tag == "option"]
    chosen = [o.get("value") for o in options if o.has("selected")]
    if select.has("multiple"):
        return chosen
    return chosen[0] if chosen else (options[0].get("value") if options else "")


def option_texts(page: str, name: str) -> list[str]:
    select = find_one(page, "select", name=name)
    return [o.clean_text for o in select.descendants() if o.tag == "option"]


# --- Change page ----------------------------------------------------------------------------------


def test_change_page_shows_the_four_vip_inlines_with_their_values(admin_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    response = admin_client.get(change_url(ada))

    assert response.status_code == 200
    page = html(response)
    for prefix, heading in INLINES.items():
        assert find_one(page, "h2", id=f"{prefix}-heading").clean_text == heading
        assert find_one(page, "input", name=f"{prefix}-INITIAL_FORMS").get("value") == "1"
    data = admin_form_data(page)
    assert data["vip_background-0-family"] == "Married to William, three children"
    assert data["vip_contact_info-0-phone"] == "+44 20 7946 0018"
    assert data["vip_contact_info-0-preferred_channel"] == "signal"
    assert "https://hachyderm.io/@ada" in data["vip_contact_info-0-social_links"]
    assert data["vip_developer_profile-0-technical_skills"] == "Compilers, numerical methods"
    stack = find_one(page, "select", name="vip_developer_profile-0-tech_stack")
    assert [o.clean_text for o in stack.descendants() if o.has("selected")] == ["Python", "Rust"]
    assert data["vip_projects-0-title"] == "Bernoulli numbers"


def test_tech_stack_offers_only_the_contact_owners_tags(admin_client, alice, charlie):
    make_tag(charlie, "Charlies-Tag")
    ada = make_full_vip(alice, name="Ada Lovelace")
    make_tag(alice, "Zig")

    page = html(admin_client.get(change_url(ada)))

    assert option_texts(page, "vip_developer_profile-0-tech_stack") == ["Python", "Rust", "Zig"]
    assert "Charlies-Tag" not in page


def test_change_page_saves_edits_to_every_inline(admin_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")
    python = Tag.objects.get(owner=alice, name="Python")
    data = admin_form_data(html(admin_client.get(change_url(ada))))
    data |= {
        "vip_background-0-family": "Updated in the admin",
        "vip_contact_info-0-phone": "+1 555 0100",
        "vip_contact_info-0-social_links": '[{"label": "Blog", "url": "https://ada.dev"}]',
        "vip_developer_profile-0-tech_stack": [str(python.pk)],
        "vip_projects-0-title": "Bernoulli, renamed",
        "vip_projects-TOTAL_FORMS": "2",
        "vip_projects-1-title": "Second project",
        "vip_projects-1-started_on": "2025-03-01",
    }

    response = admin_client.post(change_url(ada), data)

    assert response.status_code == 302, html(response)
    assert response.url == CHANGELIST_URL
    assert Background.objects.get(contact=ada).family == "Updated in the admin"
    info = ContactInfo.objects.get(contact=ada)
    assert info.phone == "+1 555 0100"
    assert info.social_links == [{"label": "Blog", "url": "https://ada.dev"}]
    assert list(DeveloperProfile.objects.get(contact=ada).tech_stack.all()) == [python]
    projects = {p.title: p.started_on for p in ada.vip_projects.all()}
    assert projects == {
        "Bernoulli, renamed": dt.date(2024, 1, 1),
        "Second project": dt.date(2025, 3, 1),
    }


def test_change_page_adds_sections_to_a_vip_without_them(admin_client, alice, client):
    ada = make_vip(alice, name="Ada Lovelace")
    data = admin_form_data(html(admin_client.get(change_url(ada))))
    data |= {
        "vip_background-TOTAL_FORMS": "1",
        "vip_background-0-family": "Added in the admin",
        "vip_contact_info-TOTAL_FORMS": "1",
        "vip_contact_info-0-preferred_channel": "bluesky",
        "vip_contact_info-0-social_links": "[]",
    }

    response = admin_client.post(change_url(ada), data)

    assert response.status_code == 302, html(response)
    assert Background.objects.get(contact=ada).family == "Added in the admin"
    assert ContactInfo.objects.get(contact=ada).preferred_channel == "bluesky"
    client.force_login(alice)
    page = html(client.get(detail_url(ada)))
    assert "Added in the admin" in find_one(page, "section", id="vip-background").clean_text
    assert "Bluesky" in find_one(page, "section", id="vip-contact-info").clean_text


def test_emptying_the_social_links_box_saves_no_links(admin_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")
    data = admin_form_data(html(admin_client.get(change_url(ada))))
    data["vip_contact_info-0-social_links"] = ""

    response = admin_client.post(change_url(ada), data)

    assert response.status_code == 302
    assert ContactInfo.objects.get(contact=ada).social_links == []


@pytest.mark.parametrize(
    ("social_links", "message"),
    [
        ('[{"label": "Evil", "url": "javascript:alert(1)"}]', "Line 1:"),
        ('[{"label": "Ok", "url": "https://ok.example"}, {"url": "ftp://x.example"}]', "Line 2:"),
        ('{"url": "https://ada.dev"}', "Enter a list such as"),
        ('["https://ada.dev"]', "Enter a list such as"),
        ('[{"label": "No address"}]', "Enter a list such as"),
    ],
)
def test_admin_social_links_follow_the_apps_rules(admin_client, alice, social_links, message):
    ada = make_full_vip(alice, name="Ada Lovelace")
    data = admin_form_data(html(admin_client.get(change_url(ada))))
    data["vip_contact_info-0-social_links"] = social_links

    response = admin_client.post(change_url(ada), data)

    assert response.status_code == 200
    assert message in html(response)
    assert ContactInfo.objects.get(contact=ada).social_links == [
        {"label": "Mastodon", "url": "https://hachyderm.io/@ada"}
    ]


def test_change_page_can_delete_a_project(admin_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")
    data = admin_form_data(html(admin_client.get(change_url(ada))))
    data["vip_projects-0-DELETE"] = "on"

    response = admin_client.post(change_url(ada), data)

    assert response.status_code == 302, html(response)
    assert not ProjectCollaboration.objects.exists()
    assert Background.objects.filter(contact=ada).exists()


def test_a_second_background_is_refused(admin_client, alice):
    ada = make_full_vip(alice, name="Ada Lovelace")
    page = html(admin_client.get(change_url(ada)))

    assert find_one(page, "input", name="vip_background-MAX_NUM_FORMS").get("value") == "1"
    assert find_one(page, "input", name="vip_contact_info-MAX_NUM_FORMS").get("value") == "1"
    assert find_one(page, "input", name="vip_developer_profile-MAX_NUM_FORMS").get("value") == "1"


# --- Actions --------------------------------------------------------------------------------------


def run_action(admin_client, action: str, *contacts: Contact):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(c.pk) for c in contacts]}
    return admin_client.post(CHANGELIST_URL, data)


def test_changelist_offers_the_vip_actions(admin_client, alice):
    make_contact(alice)

    page = html(admin_client.get(CHANGELIST_URL))

    options = option_texts(page, "action")
    assert "Mark selected contacts as VIP" in options
    assert "Unmark VIP (their VIP sections are kept)" in options


def test_mark_action_makes_the_selected_contacts_vips(admin_client, alice, client):
    ada = make_contact(alice, name="Ada Lovelace")
    grace = make_contact(alice, name="Grace Hopper")
    other = make_contact(alice, name="Not Selected")

    response = run_action(admin_client, "mark_vip", ada, grace)

    assert response.status_code == 302
    assert set(Contact.objects.filter(is_vip=True)) == {ada, grace}
    assert other not in Contact.objects.filter(is_vip=True)
    client.force_login(alice)
    vips = html(client.get(reverse("vip:list")))
    assert "Ada Lovelace" in vips and "Grace Hopper" in vips and "Not Selected" not in vips


def test_unmark_action_keeps_the_vip_records_and_mark_brings_them_back(admin_client, alice, client):
    ada = make_full_vip(alice, name="Ada Lovelace")
    client.force_login(alice)

    run_action(admin_client, "unmark_vip", ada)

    ada.refresh_from_db()
    assert not ada.is_vip
    assert Background.objects.filter(contact=ada).exists()
    assert ContactInfo.objects.filter(contact=ada).exists()
    assert DeveloperProfile.objects.get(contact=ada).tech_stack.count() == 2
    assert ProjectCollaboration.objects.filter(contact=ada).exists()
    assert not find_all(html(client.get(detail_url(ada))), "section", id="vip-background")

    run_action(admin_client, "mark_vip", ada)

    page = html(client.get(detail_url(ada)))
    assert "Married to William" in find_one(page, "section", id="vip-background").clean_text
    assert "Bernoulli numbers" in find_one(page, "section", id="vip-projects").clean_text


# --- Changelist -----------------------------------------------------------------------------------


def test_changelist_still_shows_the_status_badge_and_vip_column(admin_client, alice):
    make_vip(alice, name="Ada Lovelace", status="check_in_due")

    page = html(admin_client.get(CHANGELIST_URL))

    badge = find_one(page, "span", class_="status-badge status-check_in_due")
    assert badge.clean_text == "Check-in due"
    assert [th for th in find_all(page, "th") if "column-is_vip" in th.classes]
    vip_cell = find_one(page, "td", class_="field-is_vip")
    assert find_one(vip_cell.descendants(), "img").get("alt") == "True"
