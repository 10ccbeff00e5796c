import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one

pytestmark = pytest.mark.django_db

LIST_URL = reverse("contacts:list")
ROW_NAME = re.compile(r'<a class="link link-hover font-semibold" href="[^"]+">([^<]*)</a>')


def shown(response) -> list[str]:
    """The contact names in the result table, in the order the user sees them."""
    return ROW_NAME.findall(html(response))


def warning(response) -> str:
    match = re.search(r'<div id="filter-warning"[^>]*>(.*?)</div>', html(response), re.S)
    return match.group(1) if match else ""


# Happy path, access and method


def test_list_shows_my_contacts_with_company_tags_and_status(alice_client, alice):
    make_contact(
        alice,
        name="Ada Lovelace",
        job_title="Engineer",
        company="Analytical Engines",
        status=Contact.Status.RECONNECT,
        tags=["Python"],
        last_contacted=date(2026, 1, 5),
    )
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    assert shown(response) == ["Ada Lovelace", "Grace Hopper"]
    page = html(response)
    assert "2 contacts" in page
    assert "Engineer at Analytical Engines" in page
    assert ">Python</li>" in page
    assert "Reconnect" in page
    assert "5 Jan 2026" in page
    assert "Never" in page  # Grace was never contacted


def test_list_never_shows_another_users_contacts(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace")
    make_contact(charlie, name="Charlie's Secret Friend")

    response = alice_client.get(LIST_URL)

    assert shown(response) == ["Ada Lovelace"]
    assert "Secret Friend" not in html(response)


def test_search_never_finds_another_users_contacts(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace")
    make_contact(charlie, name="Ada Byron", company="Charlie Corp")

    response = alice_client.get(LIST_URL, {"q": "ada"})

    assert shown(response) == ["Ada Lovelace"]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(LIST_URL)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_list_only_answers_get(alice_client, method):
    assert getattr(alice_client, method)(LIST_URL).status_code == 405


def test_htmx_request_gets_only_the_results(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(LIST_URL, {"q": "grace"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="contact-filters"' not in html(response)
    assert shown(response) == ["Grace Hopper"]


def test_htmx_history_restore_gets_the_whole_page(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(LIST_URL, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX)

    assert "<html" in html(response)
    assert 'id="contact-filters"' in html(response)
    assert shown(response) == ["Ada Lovelace"]


# Search


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("name", "Ada Lovelace", "lovelace"),
        ("company", "Analytical Engines", "ANALYTICAL"),
        ("email", "ada@engines.example", "engines.example"),
        ("github_username", "countess-ada", "countess"),
        ("notes", "Met at PyCon; loves punch cards", "punch"),
    ],
)
def test_search_looks_in_name_company_email_github_and_notes(
    alice_client, alice, field, value, query
):
    make_contact(alice, **{"name": "Ada Lovelace", field: value})
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(LIST_URL, {"q": query})

    assert shown(response) == ["Ada Lovelace"]


def test_search_does_not_look_in_other_fields(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", phone="+44 20 7946 0018")

    response = alice_client.get(LIST_URL, {"q": "7946"})

    assert shown(response) == []


def test_search_with_several_words_needs_every_word(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", company="Analytical Engines")
    make_contact(alice, name="Ada Byron", company="Poetry Ltd")
    make_contact(alice, name="Charles Babbage", company="Analytical Engines")

    response = alice_client.get(LIST_URL, {"q": "  ada   analytical "})

    assert shown(response) == ["Ada Lovelace"]


def test_search_keeps_the_typed_text_in_the_box(alice_client, alice):
    response = alice_client.get(LIST_URL, {"q": "ada"})

    assert 'name="q" value="ada"' in html(response)


# Filters


def test_filter_by_one_tag(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(alice, name="Grace Hopper", tags=["COBOL"])

    response = alice_client.get(LIST_URL, {"tag": "Python"})

    assert shown(response) == ["Ada Lovelace"]
    assert warning(response) == ""


def test_filter_by_several_tags_needs_all_of_them(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python", "Django"])
    make_contact(alice, name="Grace Hopper", tags=["Python"])
    make_contact(alice, name="Linus Torvalds", tags=["Django"])

    response = alice_client.get(LIST_URL, {"tag": ["Python", "Django"]})

    assert shown(response) == ["Ada Lovelace"]


def test_tag_filter_offers_only_my_tags(alice_client, alice, charlie):
    make_tag(alice, "Python")
    make_tag(charlie, "Charlies-Secret-Tag")

    page = html(alice_client.get(LIST_URL, {"panel": "filters"}))

    assert 'name="tag" value="Python"' in page
    assert "Charlies-Secret-Tag" not in page


def test_the_filters_panel_is_drawn_when_opened(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])

    page = html(alice_client.get(LIST_URL))

    details = find_one(page, "details", class_="group")
    assert not details.has("open")
    assert find_all(page, "input", name="tag", type="checkbox") == []
    [loader] = [e for e in details.descendants() if e.has("hx-get")]
    assert loader.get("hx-get") == f"{LIST_URL}?panel=filters"
    assert loader.get("hx-trigger") == "toggle from:closest details once"
    assert loader.get("hx-target") == "this"
    link = find_one(loader.descendants(), "a")
    assert link.get("href") == "?panel=filters"
    assert link.clean_text == "Show the filters and sorting"


def test_without_javascript_the_panel_link_opens_the_filters(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])

    response = alice_client.get(LIST_URL, {"panel": "filters"})

    page = html(response)
    assert find_one(page, "details", class_="group").has("open")
    assert find_one(page, "input", name="tag", value="Python")
    assert find_one(page, "select", name="sort")
    assert shown(response) == ["Ada Lovelace"]
    # The panel is not a filter: exports and pages do not carry it along.
    assert "panel=filters" not in find_one(
        page, "a", class_="btn btn-ghost", href=f"{reverse('exports:index')}"
    ).get("href")


def test_htmx_opening_the_panel_returns_its_fields_only(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])

    response = alice_client.get(LIST_URL, {"panel": "filters"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert find_one(page, "input", name="tag", value="Python")
    assert find_one(page, "label", for_=find_one(page, "select", name="sort").get("id"))
    assert "Ada Lovelace" not in page


@pytest.mark.parametrize(
    "params", [{"status": "reconnect"}, {"sort": "-name"}, {"archived": "yes"}]
)
def test_a_filtered_list_shows_the_panel_open(alice_client, alice, params):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])

    page = html(alice_client.get(LIST_URL, params))

    assert find_one(page, "details", class_="group").has("open")
    assert find_one(page, "input", name="tag", value="Python")


def test_another_users_tag_name_does_not_filter_and_leaks_nothing(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(charlie, name="Charlie's Friend", tags=["Rust"])

    response = alice_client.get(LIST_URL, {"tag": "Rust"})

    assert response.status_code == 200
    assert "tag" in warning(response)
    assert shown(response) == ["Ada Lovelace"]  # the filter is ignored, not applied
    assert "Charlie's Friend" not in html(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "reconnect"}, ["Ada Lovelace"]),
        ({"vip": "yes"}, ["Ada Lovelace"]),
        ({"vip": "no"}, ["Grace Hopper"]),
        ({"relationship": "mentor"}, ["Ada Lovelace"]),
        ({"source": "conference"}, ["Ada Lovelace"]),
        ({"source": "conference", "vip": "no"}, []),
    ],
)
def test_filter_by_status_vip_relationship_and_source(alice_client, alice, params, expected):
    make_contact(
        alice,
        name="Ada Lovelace",
        status=Contact.Status.RECONNECT,
        is_vip=True,
        relationship=Contact.Relationship.MENTOR,
        source=Contact.Source.CONFERENCE,
    )
    make_contact(alice, name="Grace Hopper", source=Contact.Source.MEETUP)

    response = alice_client.get(LIST_URL, params)

    assert response.status_code == 200
    assert shown(response) == expected
    assert warning(response) == ""


def test_archived_contacts_are_hidden_from_the_default_list(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Old Colleague", is_archived=True)

    response = alice_client.get(LIST_URL)

    assert shown(response) == ["Ada Lovelace"]
    assert "Old Colleague" not in html(response)


def test_archived_view_shows_only_archived_contacts_with_a_restore_button(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Old Colleague", is_archived=True)

    response = alice_client.get(LIST_URL, {"archived": "yes"})

    assert shown(response) == ["Old Colleague"]
    assert ">Restore</button>" in html(response)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"tag": "unknown"},
        {"vip": "maybe"},
        {"relationship": "nemesis"},
        {"source": "carrier-pigeon"},
        {"archived": "perhaps"},
        {"sort": "shoe_size"},
        {"q": "x" * 201},
    ],
)
def test_invalid_filter_values_are_reported_and_ignored(alice_client, alice, params):
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(LIST_URL, params)

    assert response.status_code == 200
    name = next(iter(params))
    assert "Some filters were not understood and were ignored" in warning(response)
    assert f"{name} (" in warning(response)
    assert shown(response) == ["Ada Lovelace", "Grace Hopper"]


def test_an_invalid_filter_does_not_drop_the_valid_ones(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", is_vip=True)
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(LIST_URL, {"vip": "yes", "status": "bogus"})

    assert shown(response) == ["Ada Lovelace"]
    assert "status (" in warning(response)


def test_invalid_filter_values_are_shown_escaped(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(LIST_URL, {"status": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert "<script>alert(1)" not in html(response)
    assert "&lt;script&gt;alert(1)" in warning(response)


# Sorting


@pytest.fixture
def three_contacts(alice):
    today = timezone.localdate()
    now = timezone.now()
    for name, days_ago, created_days_ago in [
        ("bob", 30, 1),
        ("Alice B", 2, 3),
        ("Carol", None, 2),
    ]:
        contact = make_contact(
            alice,
            name=name,
            last_contacted=today - timedelta(days=days_ago) if days_ago is not None else None,
        )
        Contact.objects.filter(pk=contact.pk).update(
            created_at=now - timedelta(days=created_days_ago)
        )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Alice B", "bob", "Carol"]),
        ("name", ["Alice B", "bob", "Carol"]),
        ("-name", ["Carol", "bob", "Alice B"]),
        ("-created", ["bob", "Carol", "Alice B"]),
        ("created", ["Alice B", "Carol", "bob"]),
        ("-last_contacted", ["Alice B", "bob", "Carol"]),  # never contacted comes last
        ("last_contacted", ["Carol", "bob", "Alice B"]),  # ... and first here
    ],
)
def test_sort_orders(alice_client, three_contacts, sort, expected):
    response = alice_client.get(LIST_URL, {"sort": sort})

    assert shown(response) == expected


# Pagination


def test_pagination_splits_the_list_and_keeps_the_filters(alice_client, alice):
    per_page = settings.CONTACTS_PER_PAGE
    for number in range(per_page + 3):
        make_contact(alice, name=f"Python dev {number:02}")
    make_contact(alice, name="Grace Hopper")

    first = alice_client.get(LIST_URL, {"q": "python"})
    second = alice_client.get(LIST_URL, {"q": "python", "page": 2})

    assert len(shown(first)) == per_page
    assert f"{per_page + 3} contacts, page 1 of 2" in html(first)
    assert 'href="?q=python&amp;page=2"' in html(first)
    assert shown(second) == [f"Python dev {n:02}" for n in range(per_page, per_page + 3)]
    assert 'href="?q=python&amp;page=1"' in html(second)


@pytest.mark.parametrize(("page", "expected_page"), [("abc", 1), ("-3", 2), ("999", 2)])
def test_a_bad_page_number_still_shows_a_page(alice_client, alice, page, expected_page):
    for number in range(settings.CONTACTS_PER_PAGE + 1):
        make_contact(alice, name=f"Contact {number:02}")

    response = alice_client.get(LIST_URL, {"page": page})

    assert response.status_code == 200
    assert f"page {expected_page} of 2" in html(response)


# Empty states


def test_no_contacts_at_all_invites_to_add_the_first(alice_client, charlie):
    make_contact(charlie, name="Charlie's Friend")  # someone else's contacts do not count

    response = alice_client.get(LIST_URL)

    assert "No contacts yet" in html(response)
    assert "Add your first contact" in html(response)
    assert "No contacts match" not in html(response)


def test_search_without_match_says_so_and_offers_to_clear(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(LIST_URL, {"q": "nobody"}, **HX)

    assert "No contacts match" in html(response)
    assert "No contacts yet" not in html(response)
    assert f'href="{LIST_URL}"' in html(response)


# Row actions


def test_row_buttons_post_through_one_shared_form(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Grace Hopper")

    page = html(alice_client.get(LIST_URL))

    shared = find_one(page, "form", id="row-actions")
    assert shared.get("method") == "post"
    # Log out, bulk edit and the row actions: no form or token per row.
    assert page.count('name="csrfmiddlewaretoken"') == 3
    archive_url = reverse("contacts:archive", args=[ada.code])
    archive = find_one(page, "button", formaction=archive_url)
    assert archive.get("form") == "row-actions"
    assert archive.has("hx-post") and archive.get("hx-post") == ""  # htmx follows formaction
    assert (archive.get("name"), archive.get("value")) == ("archived", "1")
    assert (archive.clean_text, archive.get("aria-label")) == ("Archive", "Archive Ada Lovelace")
    quick_log = reverse("interactions:quick_log", args=[ada.code])
    assert find_all(page, "a", href=f"{quick_log}?next=/contacts/")


def test_archived_rows_restore_through_the_shared_form(alice_client, alice):
    old = make_contact(alice, name="Old Colleague", is_archived=True)

    page = html(alice_client.get(LIST_URL, {"archived": "yes"}))

    restore = find_one(page, "button", formaction=reverse("contacts:archive", args=[old.code]))
    assert restore.get("form") == "row-actions"
    assert (restore.get("name"), restore.get("value")) == ("archived", "0")
    assert (restore.clean_text, restore.get("aria-label")) == ("Restore", "Restore Old Colleague")


def test_the_shared_form_posts_what_a_row_button_sends(alice_client, alice):
    """Without JavaScript the browser posts the shared form's token plus the button's value
    to its formaction: the same request the archive view has always answered."""
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(reverse("contacts:archive", args=[ada.code]), {"archived": "1"})

    ada.refresh_from_db()
    assert ada.is_archived
    assert response.status_code == 302


# Output safety and performance


def test_stored_html_is_shown_as_text(alice_client, alice):
    make_contact(
        alice,
        name="<script>alert('name')</script>",
        company="<b>Evil</b> Inc",
        tags=["<img src=x onerror=alert(1)>"],
    )

    page = html(alice_client.get(LIST_URL))

    assert "<script>alert(" not in page
    assert "<b>Evil</b>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Evil&lt;/b&gt; Inc" in page


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_the_number_of_contacts(
    alice_client, alice, django_assert_max_num_queries
):
    tags = [make_tag(alice, "Python"), make_tag(alice, "Django"), make_tag(alice, "Rust")]
    for number in range(5):
        make_contact(alice, name=f"Early {number}", tags=tags)
    with_five = list_queries(alice_client)

    for number in range(25):
        make_contact(alice, name=f"Later {number}", tags=tags)
    with django_assert_max_num_queries(with_five):
        response = alice_client.get(LIST_URL)

    assert len(shown(response)) == settings.CONTACTS_PER_PAGE
    assert html(response).count(">Django</li>") == settings.CONTACTS_PER_PAGE


def test_a_row_escapes_job_and_search_reasons_and_log_comes_back_to_the_list(alice_client, alice):
    make_contact(alice, name="Ada <Lovelace>", job_title="R&D <lead>", company="", tags=["Rust"])

    page = html(alice_client.get(LIST_URL, {"q": "lovelace", "sort": "name"}))

    assert '<div class="text-sm opacity-80">R&amp;D &lt;lead&gt;</div>' in page  # no " at "
    matched = r'<span class="sr-only">Matched: </span>[^<]*Ada &lt;Lovelace&gt;[^<]*</p>'
    assert re.search(matched, page)
    assert 'aria-label="Select Ada &lt;Lovelace&gt;"' in page
    row = find_one(find_all(page, "tbody")[0].descendants(), "tr")
    log = [a for a in find_all(row.descendants(), "a") if a.clean_text.startswith("Log")]
    assert log[0].get("href").endswith("?next=/contacts/%3Fq%3Dlovelace%26sort%3Dname")
