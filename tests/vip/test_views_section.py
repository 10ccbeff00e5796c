"""The read-only VIP sections: on the contact page, and alone for HTMX when an edit is cancelled."""

import pytest

from tests.conftest import make_contact
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
    section_edit_url,
    section_url,
)
from vip.models import Background, ContactInfo, DeveloperProfile

pytestmark = pytest.mark.django_db

# What each filled-in section of make_full_vip shows.
SHOWN = {
    "background": [
        "Married to William, three children",
        "Analytical Engines Ltd, previously Babbage & Co",
        "Likes poetry, dislikes gambling",
        "Writes the best notes",
    ],
    "contact-info": ["Signal", "ada@engines.example", "+44 20 7946 0018", "Mastodon"],
    "developer": ["Compilers, numerical methods", "Python", "Rust", "Prefers long letters"],
}


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_contact_page_shows_each_section_read_only_with_an_edit_link(alice_client, ada, key):
    page = html(alice_client.get(detail_url(ada)))

    section = find_one(page, "section", id=f"vip-{key}")
    for value in SHOWN[key]:
        assert value in section.clean_text
    assert HEADINGS[key] in find_one(section.descendants(), "h2").clean_text
    assert not find_all(section.descendants(), "form")
    assert not find_all(section.descendants(), "textarea")
    edit = [a for a in find_all(section.descendants(), "a") if a.get("hx-get")]
    assert len(edit) == 1
    assert edit[0].get("href") == section_edit_url(ada, key)
    assert edit[0].get("hx-get") == section_edit_url(ada, key)
    assert edit[0].get("hx-target") == f"#vip-{key}"
    assert edit[0].get("hx-swap") == "outerHTML"


def test_contact_info_links_are_real_links(alice_client, ada):
    section = find_one(html(alice_client.get(detail_url(ada))), "section", id="vip-contact-info")

    links = {a.get("href"): a.clean_text for a in find_all(section.descendants(), "a")}
    assert links["mailto:ada@engines.example"] == "ada@engines.example"
    assert links["tel:+44 20 7946 0018"] == "+44 20 7946 0018"
    assert links["https://hachyderm.io/@ada"] == "Mastodon"


def test_unlabelled_social_link_shows_its_address(alice_client, alice):
    ada = make_vip(alice)
    ContactInfo.objects.create(contact=ada, social_links=[{"label": "", "url": "https://ada.dev"}])

    section = find_one(html(alice_client.get(detail_url(ada))), "section", id="vip-contact-info")

    assert (
        find_one(section.descendants(), "a", href="https://ada.dev").clean_text == "https://ada.dev"
    )


def test_a_new_vips_empty_sections_are_shown_and_editable(alice_client, alice):
    ada = make_vip(alice)

    page = html(alice_client.get(detail_url(ada)))

    for key in SECTION_KEYS:
        section = find_one(page, "section", id=f"vip-{key}")
        assert "—" in section.clean_text
        assert find_all(section.descendants(), "a", href=section_edit_url(ada, key))
    assert "No projects yet" in find_one(page, "section", id="vip-projects").clean_text
    assert not Background.objects.exists()  # looking creates nothing


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_htmx_get_returns_the_read_only_section_alone(alice_client, ada, key):
    response = alice_client.get(section_url(ada, key), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response).strip()
    assert page.startswith(f'<section id="vip-{key}"')
    assert page.endswith("</section>")
    for value in SHOWN[key]:
        assert value in find_one(page, "section", id=f"vip-{key}").clean_text
    assert not find_all(page, "form")


def test_htmx_get_shows_the_stored_values_not_stale_ones(alice_client, ada):
    DeveloperProfile.objects.get(contact=ada).tech_stack.clear()
    Background.objects.filter(contact=ada).update(family="Now with grandchildren")

    background = html(alice_client.get(section_url(ada, "background"), **HX))
    developer = html(alice_client.get(section_url(ada, "developer"), **HX))

    assert "Now with grandchildren" in background
    assert "Married to William" not in background
    assert "Python" not in developer


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_without_htmx_the_section_url_goes_to_the_contact_page(alice_client, ada, key):
    response = alice_client.get(section_url(ada, key))

    assert response.status_code == 302
    assert response.url == f"{detail_url(ada)}#vip-{key}"


@pytest.mark.parametrize("key", ["projects", "nonsense", "Background"])
def test_unknown_section_is_404(alice_client, ada, key):
    assert alice_client.get(section_url(ada, key), **HX).status_code == 404
    assert alice_client.get(section_url(ada, key)).status_code == 404


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_a_non_vips_sections_are_404_even_with_stored_data(alice_client, alice, key):
    ada = make_contact(alice, name="Ada Lovelace")
    make_background(ada, family="Kept while not a VIP")

    assert alice_client.get(section_url(ada, key), **HX).status_code == 404
    assert alice_client.get(section_url(ada, key)).status_code == 404


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_outsider_gets_404(charlie_client, ada, key):
    response = charlie_client.get(section_url(ada, key), **HX)

    assert response.status_code == 404
    assert "Married to William" not in html(response)
    assert charlie_client.get(section_url(ada, key)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, alice):
    ada = make_full_vip(alice)
    url = section_url(ada, "background")

    response = client.get(url, **HX)

    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_section_view_is_get_only(alice_client, ada):
    response = alice_client.post(section_url(ada, "background"), {"family": "Changed"}, **HX)

    assert response.status_code == 405
    assert Background.objects.get(contact=ada).family == "Married to William, three children"
