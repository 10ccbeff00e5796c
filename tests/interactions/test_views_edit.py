"""Editing an entry in place on the timeline (HTMX) or on a page of its own."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from interactions.models import Interaction
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    HX,
    at,
    builtin_type,
    detail_url,
    html,
    interaction_form_data,
    is_fragment,
    login_url_for,
    make_interaction,
    missing_htmx_targets,
    submitted_data,
)

pytestmark = pytest.mark.django_db


def edit_url(interaction: Interaction) -> str:
    return reverse("interactions:edit", args=[interaction.code])


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def review(ada) -> Interaction:
    return make_interaction(
        ada,
        type="code_review",
        occurred_at=at(2026, 3, 10, 9, 15),
        subject="PR #42",
        notes="Needs tests",
        topics=["Rust"],
    )


def test_page_shows_the_form_filled_in(alice_client, review):
    response = alice_client.get(edit_url(review))

    assert response.status_code == 200
    page = html(response)
    assert "Edit interaction with Ada Lovelace" in page
    assert find_one(page, "input", name="subject").get("value") == "PR #42"
    assert find_one(page, "input", name="occurred_at").get("value") == "2026-03-10T09:15"
    assert find_one(page, "input", name="topic_names").get("value") == "Rust"
    selected = [o for o in find_all(page, "option") if o.has("selected")]
    assert str(review.type.code) in [o.get("value") for o in selected]


def test_saving_the_form_untouched_changes_nothing(alice_client, review):
    form = find_one(html(alice_client.get(edit_url(review))), "form", action=edit_url(review))

    response = alice_client.post(edit_url(review), submitted_data(form))

    assert response.status_code == 302
    saved = Interaction.objects.get(pk=review.pk)
    assert saved.type == review.type  # not silently the first type in the menu
    assert saved.occurred_at == review.occurred_at
    assert saved.subject == "PR #42"
    assert saved.notes == "Needs tests"
    assert [t.name for t in saved.topics.all()] == ["Rust"]


def test_page_form_posts_without_htmx_and_cancel_works(alice_client, review):
    # The page of its own has no timeline to swap: its form and Cancel must work as plain HTML.
    page = html(alice_client.get(edit_url(review)))

    assert missing_htmx_targets(page) == []
    form = find_one(page, "form", action=edit_url(review))
    assert form.get("method") == "post"


def test_saving_updates_the_interaction_and_goes_back_to_the_timeline(alice_client, review, ada):
    data = interaction_form_data(
        review.type,
        occurred_at="2026-04-02T16:00",
        subject="PR #43",
        notes="Merged",
        outcome="positive",
        follow_up_on="2026-04-09",
        topic_names="Rust, CI",
    )

    response = alice_client.post(edit_url(review), data)

    assert response.status_code == 302
    assert response.url == detail_url(ada) + "#timeline"
    review.refresh_from_db()
    assert review.subject == "PR #43"
    assert review.outcome == "positive"
    assert review.follow_up_on == date(2026, 4, 9)
    assert sorted(t.name for t in review.topics.all()) == ["CI", "Rust"]
    assert "Saved the interaction." in html(alice_client.get(response.url))


def test_moving_the_date_later_moves_last_contacted(alice_client, review, ada):
    make_interaction(ada, occurred_at=at(2026, 3, 20))

    alice_client.post(
        edit_url(review), interaction_form_data(review.type, occurred_at="2026-05-01T10:00")
    )

    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 5, 1)


def test_moving_the_date_earlier_moves_last_contacted_back(alice_client, review, ada):
    make_interaction(ada, occurred_at=at(2026, 2, 20))

    alice_client.post(
        edit_url(review), interaction_form_data(review.type, occurred_at="2026-01-01T10:00")
    )

    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 2, 20)


def test_editing_keeps_a_type_that_has_been_retired_since(alice_client, review):
    code_review = review.type
    code_review.is_retired = True
    code_review.save()

    page = html(alice_client.get(edit_url(review)))
    assert str(code_review.code) in [o.get("value") for o in find_all(page, "option")]

    response = alice_client.post(
        edit_url(review), interaction_form_data(code_review, subject="Kept")
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.type == code_review
    assert review.subject == "Kept"


def test_htmx_get_swaps_the_entry_for_its_form(alice_client, review):
    response = alice_client.get(edit_url(review), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert response.headers["HX-Retarget"] == f"#interaction-{review.code}"
    assert response.headers["HX-Reswap"] == "outerHTML"
    page = html(response)
    find_one(page, "li", id=f"interaction-{review.code}")
    form = find_one(page, "form", action=edit_url(review))
    assert form.get("hx-post") == edit_url(review)
    assert form.get("hx-target") == "#timeline"
    # Field ids carry the entry's code, so two open edit forms never share an id.
    assert find_one(page, "input", name="subject").get("id").endswith(review.code.hex[:8])
    assert f'hx-get="{reverse("interactions:detail", args=[review.code])}"' in page


def test_htmx_save_returns_the_timeline_and_header(alice_client, review, ada):
    make_interaction(ada, occurred_at=at(2026, 3, 1), subject="Older chat")

    response = alice_client.post(
        edit_url(review),
        interaction_form_data(review.type, occurred_at="2026-02-01T10:00", subject="Moved back"),
        **HX,
    )

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    find_one(page, "section", id="timeline")
    assert page.index("Older chat") < page.index("Moved back")  # re-sorted, newest first
    header = find_one(page, id="last-contacted")
    assert header.get("hx-swap-oob") == "true"
    assert header.clean_text == "1 Mar 2026"


def test_htmx_invalid_save_returns_the_form_in_place(alice_client, review):
    response = alice_client.post(
        edit_url(review),
        interaction_form_data(review.type, occurred_at="2026-07-01T10:00", subject="Future"),
        **HX,
    )

    assert response.status_code == 200
    assert is_fragment(response)
    assert response.headers["HX-Retarget"] == f"#interaction-{review.code}"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert "That is in the future" in html(response)
    review.refresh_from_db()
    assert review.subject == "PR #42"


def test_outsider_gets_404_and_nothing_changes(charlie_client, review, charlie):
    assert charlie_client.get(edit_url(review)).status_code == 404
    response = charlie_client.post(
        edit_url(review), interaction_form_data(builtin_type(charlie), subject="Hacked"), **HX
    )

    assert response.status_code == 404
    review.refresh_from_db()
    assert review.subject == "PR #42"


def test_anonymous_visitor_is_sent_to_login(client, review):
    response = client.post(edit_url(review), {"subject": "Hacked"})

    assert response.status_code == 302
    assert response.url == login_url_for(edit_url(review))
    review.refresh_from_db()
    assert review.subject == "PR #42"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_answers_only_get_and_post(alice_client, review, method):
    assert getattr(alice_client, method)(edit_url(review)).status_code == 405
