"""Editing a VIP section in place (HTMX) or as a page of its own (no JS)."""

import pytest

from contacts.models import Tag
from tests.conftest import make_contact, make_tag
from tests.devhub.conftest import Element
from tests.vip.conftest import (
    HEADINGS,
    HX,
    SECTION_KEYS,
    detail_url,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_background,
    make_full_vip,
    make_vip,
    section_data,
    section_edit_url,
    section_url,
)
from vip.models import Background, ContactInfo, DeveloperProfile

pytestmark = pytest.mark.django_db

# One invalid POST per section: (overrides, field with the error, words of the message).
INVALID = {
    "background": ({"family": "x" * 5001}, "family", "at most 5000 characters"),
    "contact-info": ({"phone": "call me maybe"}, "phone", "Enter a phone number"),
    "developer": ({"stack_names": "x" * 51}, "stack_names", "at most 50 characters"),
}


def field_value(page: str | list[Element], name: str) -> str:
    """What the browser shows in the field called `name`."""
    (element,) = [e for e in find_all(page) if e.get("name") == name and e.tag != "label"]
    if element.tag == "textarea":
        return element.text.removeprefix("\n")
    if element.tag == "select":
        chosen = [o for o in element.descendants() if o.tag == "option" and o.has("selected")]
        return chosen[0].get("value") if chosen else ""
    return element.get("value")


def errors_for(page: str, name: str) -> str:
    return find_one(page, "ul", id=f"id_{name}_error").clean_text


def stored(contact, key: str) -> dict:
    """The section as saved, in the shape of the form's data."""
    if key == "background":
        bg = Background.objects.filter(contact=contact).first()
        return bg and {f: getattr(bg, f) for f in section_data(key)}
    if key == "contact-info":
        info = ContactInfo.objects.filter(contact=contact).first()
        return info and {
            "preferred_channel": info.preferred_channel,
            "email": info.email,
            "phone": info.phone,
            "links": info.social_links,
        }
    profile = DeveloperProfile.objects.filter(contact=contact).first()
    return profile and {
        "technical_skills": profile.technical_skills,
        "stack": sorted(t.name for t in profile.tech_stack.all()),
        "communication_notes": profile.communication_notes,
    }


NEW_VALUES_SHOWN = {
    "background": ["Two cats", "Engines Inc.", "Likes tea", "Met at PyCon"],
    "contact-info": ["Discord", "ada@example.com", "+49 30 1234567", "Bluesky"],
    "developer": ["Distributed systems", "Go", "Kubernetes", "Async first"],
}


# --- The form, in place and as a page -------------------------------------------------------------


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_htmx_get_returns_the_form_in_place_of_the_section(alice_client, ada, key):
    response = alice_client.get(section_edit_url(ada, key), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response).strip()
    assert page.startswith(f'<section id="vip-{key}"')
    assert page.endswith("</section>")
    section = find_one(page, "section", id=f"vip-{key}")
    assert section.get("aria-label") == f"Edit {HEADINGS[key].lower()}"
    form = find_one(page, "form")
    assert form.get("method") == "post"
    assert form.get("action") == section_edit_url(ada, key)
    assert form.get("hx-post") == section_edit_url(ada, key)
    assert form.get("hx-target") == f"#vip-{key}"
    cancel = find_one(page, "a", hx_get=section_url(ada, key))
    assert cancel.clean_text == "Cancel"
    assert cancel.get("href") == f"{detail_url(ada)}#vip-{key}"
    assert cancel.get("hx-target") == f"#vip-{key}"
    assert find_all(page, "input", name="csrfmiddlewaretoken")


def test_form_starts_with_the_stored_values(alice_client, ada):
    background = html(alice_client.get(section_edit_url(ada, "background"), **HX))
    info = html(alice_client.get(section_edit_url(ada, "contact-info"), **HX))
    developer = html(alice_client.get(section_edit_url(ada, "developer"), **HX))

    assert field_value(background, "family") == "Married to William, three children"
    assert field_value(info, "preferred_channel") == "signal"
    assert field_value(info, "phone") == "+44 20 7946 0018"
    assert field_value(info, "links_text") == "Mastodon | https://hachyderm.io/@ada"
    assert field_value(developer, "stack_names") == "Python, Rust"
    assert field_value(developer, "technical_skills") == "Compilers, numerical methods"


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_without_htmx_the_form_is_a_full_page(alice_client, ada, key):
    response = alice_client.get(section_edit_url(ada, key))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert f"{HEADINGS[key]} of Ada Lovelace" in find_one(page, "h1").clean_text
    assert find_one(page, "form", action=section_edit_url(ada, key))


# --- Saving ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_valid_htmx_post_saves_and_returns_the_read_only_section(alice_client, ada, key):
    response = alice_client.post(section_edit_url(ada, key), section_data(key), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response).strip()
    assert page.startswith(f'<section id="vip-{key}"')
    assert not find_all(page, "form")
    section = find_one(page, "section", id=f"vip-{key}")
    for value in NEW_VALUES_SHOWN[key]:
        assert value in section.clean_text
    assert find_one(page, "a", href=section_edit_url(ada, key))  # can edit again
    assert (
        stored(ada, key)
        == {
            "background": section_data("background"),
            "contact-info": {
                "preferred_channel": "discord",
                "email": "ada@example.com",
                "phone": "+49 30 1234567",
                "links": [{"label": "Bluesky", "url": "https://bsky.app/profile/ada"}],
            },
            "developer": {
                "technical_skills": "Distributed systems",
                "stack": ["Go", "Kubernetes"],
                "communication_notes": "Async first",
            },
        }[key]
    )


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_first_save_creates_the_section_of_a_new_vip(alice_client, alice, key):
    grace = make_vip(alice, name="Grace Hopper")
    assert stored(grace, key) is None

    response = alice_client.post(section_edit_url(grace, key), section_data(key), **HX)

    assert response.status_code == 200
    assert stored(grace, key) is not None
    for value in NEW_VALUES_SHOWN[key]:
        assert value in html(response)


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_valid_post_without_htmx_redirects_to_the_section_on_the_contact_page(
    alice_client, ada, key
):
    response = alice_client.post(section_edit_url(ada, key), section_data(key))

    assert response.status_code == 302
    assert response.url == f"{detail_url(ada)}#vip-{key}"
    page = html(alice_client.get(detail_url(ada)))
    assert f"Saved {HEADINGS[key].lower()} of Ada Lovelace." in page
    section = find_one(page, "section", id=f"vip-{key}")
    for value in NEW_VALUES_SHOWN[key]:
        assert value in section.clean_text


def test_clearing_a_section_saves_it_empty(alice_client, ada):
    empty = dict.fromkeys(section_data("contact-info"), "")

    alice_client.post(section_edit_url(ada, "contact-info"), empty, **HX)

    assert stored(ada, "contact-info") == {
        "preferred_channel": "",
        "email": "",
        "phone": "",
        "links": [],
    }


def test_stack_names_reuse_the_owners_tags(alice_client, ada, alice):
    python = Tag.objects.get(owner=alice, name="Python")
    data = section_data("developer", stack_names="python, Go")

    alice_client.post(section_edit_url(ada, "developer"), data, **HX)

    profile = DeveloperProfile.objects.get(contact=ada)
    assert set(profile.tech_stack.all()) == {python, Tag.objects.get(owner=alice, name="Go")}
    assert Tag.objects.filter(owner=alice, name__iexact="python").count() == 1


# --- Invalid input: errors in place, nothing lost -------------------------------------------------


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_invalid_htmx_post_returns_the_form_with_errors_and_typed_values(alice_client, ada, key):
    overrides, field, message = INVALID[key]
    before = stored(ada, key)
    data = section_data(key, **overrides)

    response = alice_client.post(section_edit_url(ada, key), data, **HX)

    assert response.status_code == 200  # htmx 2 does not swap 4xx responses
    assert is_fragment(response)
    page = html(response)
    assert html(response).strip().startswith(f'<section id="vip-{key}"')
    assert "nothing you typed is lost" in find_one(page, role="alert").clean_text
    assert message in errors_for(page, field)
    for name, value in data.items():
        if name != field:
            assert field_value(page, name) == value
    assert stored(ada, key) == before


def test_bad_social_link_error_names_the_line_and_keeps_the_rest(alice_client, ada):
    data = section_data(
        "contact-info",
        preferred_channel="signal",
        links_text="Blog | https://ada.dev\nEvil | javascript:alert(1)",
    )

    response = alice_client.post(section_edit_url(ada, "contact-info"), data, **HX)

    page = html(response)
    assert errors_for(page, "links_text").startswith("Line 2:")
    assert field_value(page, "links_text") == "Blog | https://ada.dev\nEvil | javascript:alert(1)"
    assert field_value(page, "preferred_channel") == "signal"
    assert field_value(page, "email") == "ada@example.com"
    assert ContactInfo.objects.get(contact=ada).social_links == [
        {"label": "Mastodon", "url": "https://hachyderm.io/@ada"}
    ]


def test_invalid_post_without_htmx_shows_the_page_with_errors(alice_client, ada):
    data = section_data("contact-info", phone="call me maybe")

    response = alice_client.post(section_edit_url(ada, "contact-info"), data)

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert "Enter a phone number" in errors_for(page, "phone")
    assert field_value(page, "phone") == "call me maybe"
    assert ContactInfo.objects.get(contact=ada).phone == "+44 20 7946 0018"


def test_invalid_developer_post_creates_no_tags(alice_client, ada, alice):
    tags_before = Tag.objects.for_owner(alice).count()
    data = section_data("developer", stack_names="Zig, " + "y" * 51)

    alice_client.post(section_edit_url(ada, "developer"), data, **HX)

    assert Tag.objects.for_owner(alice).count() == tags_before


# --- Cancel ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_cancel_after_an_invalid_post_restores_the_stored_section(alice_client, ada, key):
    overrides, _, _ = INVALID[key]
    data = section_data(key, **overrides)
    form_page = html(alice_client.post(section_edit_url(ada, key), data, **HX))
    cancel = find_one(form_page, "a", hx_get=section_url(ada, key))

    response = alice_client.get(cancel.get("hx-get"), **HX)

    page = html(response)
    assert not find_all(page, "form")
    assert "Please correct" not in page
    assert find_one(page, "section", id=f"vip-{key}")
    assert {
        "background": "Married to William",
        "contact-info": "+44 20 7946 0018",
        "developer": "Compilers, numerical methods",
    }[key] in page


# --- Which sections, whose, who, how --------------------------------------------------------------


@pytest.mark.parametrize("key", ["projects", "nonsense"])
def test_unknown_section_is_404(alice_client, ada, key):
    assert alice_client.get(section_edit_url(ada, key)).status_code == 404
    assert alice_client.post(section_edit_url(ada, key), {"family": "x"}, **HX).status_code == 404


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_a_non_vips_section_cannot_be_edited(alice_client, alice, key):
    ada = make_contact(alice, name="Ada Lovelace")
    make_background(ada, family="Kept while not a VIP")

    assert alice_client.get(section_edit_url(ada, key), **HX).status_code == 404
    assert alice_client.get(section_edit_url(ada, key)).status_code == 404
    response = alice_client.post(section_edit_url(ada, key), section_data(key), **HX)

    assert response.status_code == 404
    assert Background.objects.get(contact=ada).family == "Kept while not a VIP"
    assert not ContactInfo.objects.exists()
    assert not DeveloperProfile.objects.exists()


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_outsider_cannot_see_or_change_a_section(charlie_client, charlie, alice, key):
    ada = make_full_vip(alice, name="Ada Lovelace")
    before = stored(ada, key)

    get = charlie_client.get(section_edit_url(ada, key), **HX)
    post = charlie_client.post(section_edit_url(ada, key), section_data(key), **HX)
    plain_post = charlie_client.post(section_edit_url(ada, key), section_data(key))

    assert (get.status_code, post.status_code, plain_post.status_code) == (404, 404, 404)
    assert "Married to William" not in html(get)
    assert stored(ada, key) == before
    assert not Tag.objects.for_owner(charlie).exists()


def test_outsider_with_own_vip_cannot_reach_alices(charlie_client, charlie, alice):
    mine = make_full_vip(charlie, name="Charlie's VIP")
    ada = make_full_vip(alice, name="Ada Lovelace")

    assert charlie_client.get(section_edit_url(mine, "background"), **HX).status_code == 200
    assert charlie_client.get(section_edit_url(ada, "background"), **HX).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, alice, method):
    ada = make_full_vip(alice)
    url = section_edit_url(ada, "background")

    data = section_data("background") if method == "post" else {}

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response.url == login_url_for(url)
    assert Background.objects.get(contact=ada).family == "Married to William, three children"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(alice_client, ada, method):
    response = getattr(alice_client, method)(section_edit_url(ada, "background"))

    assert response.status_code == 405
    assert Background.objects.filter(contact=ada).exists()


def test_tags_used_in_a_stack_stay_the_owners(alice_client, alice, charlie):
    make_tag(charlie, "Go")
    ada = make_vip(alice)

    alice_client.post(section_edit_url(ada, "developer"), section_data("developer"), **HX)

    owners = {t.owner for t in DeveloperProfile.objects.get(contact=ada).tech_stack.all()}
    assert owners == {alice}
