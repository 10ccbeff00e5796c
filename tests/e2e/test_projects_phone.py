"""The projects pages at a phone's width (375 px): nothing scrolls sideways."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Browser

from projects import services
from projects.models import Milestone, Payment, Project, TimeEntry
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sticking_out(page) -> list[str]:
    """The first few elements that reach past the phone's right edge."""
    return page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".filter(e => e.getBoundingClientRect().right > 376)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )


def test_projects_pages_fit_a_phone(browser: Browser, live_server) -> None:
    ada = make_user("ada")
    client = make_contact(ada, name="Carla Client-With-A-Rather-Long-Name")
    project = services.save_new(
        Project(
            owner=ada,
            title="A project with a long title about rewriting the shop",
            client="Acme Worldwide Holdings GmbH",
            stage="active",
            pricing="hourly",
            rate=Decimal("95"),
            repository_url="https://github.com/acme/a-very-long-repository-name-for-the-shop",
        )
    )
    services.add_member(project, client, "client")
    milestone = services.save_milestone(
        Milestone(project=project, title="Prototype", due_on=dt.date(2026, 12, 20))
    )
    entry = services.save_time_entry(TimeEntry(project=project, hours=Decimal("3"), note="Setup"))
    payment = services.bill_time(project, [entry], dt.date(2026, 12, 30))
    services.mark_invoiced(payment, "2026-001", dt.date(2026, 12, 1), dt.date(2026, 12, 30))
    services.save_payment(
        Payment(
            project=project, milestone=milestone, amount=Decimal("1200"), due_on=dt.date(2027, 1, 5)
        )
    )

    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    log_in(page, "ada")
    for path in (
        "/projects/",
        "/projects/list/",
        f"/projects/{project.code}/",
        f"/projects/payments/{payment.code}/invoice/",
        "/projects/analytics/",
        "/projects/settings/",
        f"/contacts/{client.code}/",
    ):
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 375, f"{path} is {width} px wide: {sticking_out(page)}"
    context.close()
