"""The sections the interactions and resources apps add to /contacts/<uuid>/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import SharedResource
from tests.conftest import make_contact
from tests.contacts.conftest import contact_page
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    at,
    builtin_type,
    detail_url,
    html,
    make_interaction,
    missing_htmx_targets,
)

pytestmark = pytest.mark.django_db


def mentorship_section(page: str):
    found = [
        s for s in find_all(page, "section") if s.get("aria-labelledby") == "mentorship-heading"
    ]
    return found[0] if found else None


def test_quick_log_form_posts_with_htmx_to_the_timeline(alice_client, ada):
    page = contact_page(alice_client, ada)

    form = find_one(page, "form", id="quick-log")
    url = reverse("interactions:quick_log", args=[ada.code])
    assert form.get("action") == url
    assert form.get("hx-post") == url
    assert form.get("hx-target") == "#timeline"
    assert form.get("hx-swap") == "outerHTML"
    assert not form.has("hx-swap-oob")
    options = [o.get("value") for o in form.descendants() if o.tag == "option"]
    assert len(options) == 15


def test_quick_log_leaves_out_retired_types(alice_client, ada):
    email = builtin_type(ada.owner, "email")
    email.is_retired = True
    email.save()

    form = find_one(contact_page(alice_client, ada), "form", id="quick-log")

    options = [o.get("value") for o in form.descendants() if o.tag == "option"]
    assert str(email.code) not in options
    assert len(options) == 14


def test_every_htmx_target_exists_on_the_page(alice_client, ada):
    for day in range(1, 23):
        make_interaction(ada, occurred_at=at(2026, 1, day))

    assert missing_htmx_targets(contact_page(alice_client, ada)) == []


def test_header_shows_last_contacted(alice_client, ada):
    assert find_one(contact_page(alice_client, ada), id="last-contacted").clean_text == "never"

    make_interaction(ada, occurred_at=at(2026, 3, 10))

    assert (
        find_one(contact_page(alice_client, ada), id="last-contacted").clean_text == "10 Mar 2026"
    )


def test_timeline_lists_entries_with_edit_and_delete_in_place(alice_client, ada):
    chat = make_interaction(
        ada, type="coffee_chat", subject="Espresso", occurred_at=at(2026, 3, 10)
    )

    page = contact_page(alice_client, ada)

    entry = find_one(page, "li", id=f"interaction-{chat.code}")
    assert "Coffee chat" in entry.text
    assert "Espresso" in entry.text
    edit = find_one(entry.descendants(), "a", href=reverse("interactions:edit", args=[chat.code]))
    assert edit.get("hx-get") == reverse("interactions:edit", args=[chat.code])
    delete = find_one(
        entry.descendants(), "a", href=reverse("interactions:delete", args=[chat.code])
    )
    assert delete.get("hx-post") == reverse("interactions:delete", args=[chat.code])
    assert delete.get("hx-confirm") == "Delete this Coffee chat from 10 Mar 2026?"
    # Edit swaps its own entry (the list's target); Delete redraws the whole timeline.
    timeline = find_one(page, "ol", aria_label="Interactions, newest first")
    assert (timeline.get("hx-target"), timeline.get("hx-swap")) == ("closest li", "outerHTML")
    assert not edit.has("hx-target")
    assert delete.get("hx-target") == "#timeline"


@pytest.mark.parametrize("relationship", ["mentor", "mentee"])
def test_mentorship_summary_for_mentors_and_mentees(alice_client, alice, relationship):
    grace = make_contact(alice, name="Grace Hopper", relationship=relationship)
    make_interaction(
        grace,
        type="mentoring_session",
        occurred_at=at(2026, 1, 15),
        topics=["Rust", "Async"],
        progress_notes="Getting there",
    )
    make_interaction(grace, type="mentoring_session", occurred_at=at(2026, 2, 20), topics=["rust"])
    make_interaction(
        grace,
        type="mentoring_session",
        occurred_at=at(2026, 3, 5),
        topics=["Testing"],
        progress_notes="Ready for a real PR",
    )
    make_interaction(grace, type="call", occurred_at=at(2026, 3, 20), topics=["Go"])  # no session

    section = mentorship_section(contact_page(alice_client, grace))

    assert section is not None
    text = section.clean_text
    assert "3 sessions, from 15 Jan 2026 to 5 Mar 2026." in text
    rows = [
        [cell.clean_text for cell in row.children] for row in find_all(section.descendants(), "tr")
    ][1:]
    assert rows == [
        ["Rust", "2", "Jan 2026", "Feb 2026"],
        ["Async", "1", "Jan 2026", "Jan 2026"],
        ["Testing", "1", "Mar 2026", "Mar 2026"],
    ]
    assert "Go" not in [row[0] for row in rows]
    assert "Latest progress: Ready for a real PR" in text


def test_a_renamed_mentoring_type_still_counts(alice_client, alice):
    grace = make_contact(alice, name="Grace Hopper", relationship="mentee")
    mentoring = builtin_type(alice, "mentoring_session")
    mentoring.name = "1:1"
    mentoring.save()
    make_interaction(grace, type=mentoring, occurred_at=at(2026, 1, 15))

    section = mentorship_section(contact_page(alice_client, grace))

    assert "1 session, from 15 Jan 2026 to 15 Jan 2026." in section.clean_text


def test_mentee_without_sessions_gets_a_hint(alice_client, alice):
    grace = make_contact(alice, name="Grace Hopper", relationship="mentee")

    section = mentorship_section(contact_page(alice_client, grace))

    assert "No mentoring sessions yet" in section.text


@pytest.mark.parametrize("relationship", ["colleague", "friend", "recruiter"])
def test_other_relationships_have_no_mentorship_section(alice_client, alice, relationship):
    grace = make_contact(alice, name="Grace Hopper", relationship=relationship)
    make_interaction(grace, type="mentoring_session", topics=["Rust"])

    page = contact_page(alice_client, grace)

    assert mentorship_section(page) is None
    assert "Mentorship" not in page


def test_resources_section_lists_both_directions(alice_client, ada, alice):
    SharedResource.objects.create(
        contact=ada, title="Rust book", url="https://doc.rust-lang.org/book", direction="shared"
    )
    SharedResource.objects.create(contact=ada, title="Her talk", kind="talk", direction="received")
    other = make_contact(alice, name="Grace Hopper")
    SharedResource.objects.create(contact=other, title="Not for Ada")

    section = find_one(contact_page(alice_client, ada), "section", id="resources")

    assert "Rust book" in section.text
    assert "I shared" in section.text
    assert "Her talk" in section.text
    assert "They shared" in section.text
    assert "Not for Ada" not in section.text
    link = find_one(section.descendants(), "a", href="https://doc.rust-lang.org/book")
    assert "noopener" in link.get("rel")


def test_stored_markup_is_shown_as_text(alice_client, ada):
    make_interaction(
        ada,
        subject="<script>alert('subject')</script>",
        notes="<script>alert('notes')</script>",
        progress_notes="<script>alert('progress')</script>",
    )
    SharedResource.objects.create(contact=ada, title="<script>alert('title')</script>")

    page = contact_page(alice_client, ada)

    assert "<script>alert(" not in page
    for where in ("subject", "notes", "progress", "title"):
        assert f"&lt;script&gt;alert(&#x27;{where}&#x27;)&lt;/script&gt;" in page


def test_outsider_sees_none_of_it(charlie_client, ada):
    make_interaction(ada, subject="Private chat")

    response = charlie_client.get(detail_url(ada))

    assert response.status_code == 404
    assert "Private chat" not in html(response)


def test_query_count_does_not_grow_with_the_interactions(
    alice_client, alice, django_assert_max_num_queries
):
    grace = make_contact(alice, name="Grace Hopper", relationship="mentee", tags=["Python"])

    def log(start: int, stop: int) -> None:
        for n in range(start, stop):
            kind = "mentoring_session" if n % 2 else "code_review"
            make_interaction(
                grace,
                type=kind,
                occurred_at=at(2026, 1 + n % 12, 1 + n % 28),
                topics=["Rust", f"Topic {n}"],
                subject=f"Session {n}",
            )
            SharedResource.objects.create(contact=grace, title=f"Link {n}")

    log(0, 3)
    with CaptureQueriesContext(connection) as few:
        contact_page(alice_client, grace)
    log(3, 25)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = contact_page(alice_client, grace)
    timeline = find_one(page, "section", id="timeline")
    assert (
        len([li for li in timeline.descendants() if li.get("id").startswith("interaction-")]) == 20
    )
    assert "12 sessions" in page
    assert "Link 24" in page
