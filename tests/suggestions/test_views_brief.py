"""The meeting brief: one printable page about a contact before meeting them."""

import pytest
from django.urls import reverse

from interactions.models import Interaction
from opportunities import services as opportunity_services
from opportunities.models import Opportunity, Participant
from tests.suggestions.conftest import PROMISE, html, log, login_url_for

pytestmark = pytest.mark.django_db


def url(contact) -> str:
    return reverse("suggestions:brief", args=[contact.code])


def test_who_they_are_and_everything_together(alice_client, alice, ada):
    ada.job_title, ada.company = "Staff engineer", "Acme"
    ada.source, ada.source_detail = "conference", "PyCon US, after the async ORM talk"
    ada.save()
    opportunity = opportunity_services.save_new(
        Opportunity(owner=alice, company="Initech", role_title="Rust developer")
    )
    Participant.objects.create(opportunity=opportunity, contact=ada)

    response = alice_client.get(url(ada))

    assert response.status_code == 200
    page = html(response)
    for text in (
        "Ada Lovelace",
        "Staff engineer at Acme",
        "PyCon US, after the async ORM talk",
        "Go, Rust",  # their stack
        "Send Ada the conference CFP",  # open reminder
        "Rust developer at Initech",
        "Billing rewrite",
        "Rust at scale talk",
        "Zero to Production in Rust",
        "data-print",
    ):
        assert text in page, text


def test_the_last_five_interactions_each_summarised_by_its_own_sentences(alice_client, ada):
    for n in range(6):
        log(
            ada,
            f"Meeting number {n} about Rust traits. Rust traits and generics in depth. "
            f"Lunch was late on day {n}.",
            days_ago=n + 1,
        )

    page = html(alice_client.get(url(ada)))

    shown = [i for i in Interaction.objects.filter(contact=ada) if str(i.code) in page]
    assert len(shown) == 5
    assert "Meeting number 5" not in page  # the oldest of the six is left out
    assert "Lunch was late" not in page  # the least representative sentence of each
    assert "<q>Rust traits and generics in depth.</q>" in page
    assert PROMISE not in page.replace("&#x27;", "'")  # the first note is older than five


def test_without_interactions(alice_client, alice):
    from tests.conftest import make_contact

    grace = make_contact(alice, name="Grace Hopper")

    page = html(alice_client.get(url(grace)))

    assert "No interactions yet." in page


def test_switched_off_the_brief_quotes_nothing(alice_client, ada, settings):
    settings.EMBEDDINGS = False

    page = html(alice_client.get(url(ada)))

    assert "Ada Lovelace" in page
    assert "<q>" not in page


def test_outsider_gets_404(charlie_client, ada):
    assert charlie_client.get(url(ada)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, ada):
    response = client.get(url(ada))

    assert response.status_code == 302
    assert response.url == login_url_for(url(ada))


def test_post_is_405(alice_client, ada):
    assert alice_client.post(url(ada)).status_code == 405
