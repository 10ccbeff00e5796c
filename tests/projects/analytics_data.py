"""One freelancer's projects with known figures, for the analytics tests (today: 10 March 2026).

Paid in the last 12 months: EUR 4,000 in January and 3,000 in March 2026; USD 2,000 in April 2025
and 5,000 in February 2026 (USD 500 paid in March 2025 is older). Invoice to payment: 14, 10, 9
and 5 days. Stages: two completed, two active, one lost, one cancelled, and open ones.
"""

from datetime import date
from decimal import Decimal

from accounts.models import User
from tests.projects.conftest import make_payment, make_project


def paid(project, amount: str, paid_on: date, invoiced_on: date | None = None, **fields):
    return make_payment(
        project,
        amount=Decimal(amount),
        due_on=invoiced_on or paid_on,
        invoiced_on=invoiced_on,
        paid_on=paid_on,
        **fields,
    )


def build_projects(owner: User) -> None:
    fixed = {"pricing": "fixed", "currency": "EUR"}
    shop = make_project(owner, title="Shop", client="Acme", stage="active", rate=10000, **fixed)
    paid(shop, "4000", date(2026, 1, 15), date(2026, 1, 1))
    paid(shop, "3000", date(2026, 3, 2), date(2026, 2, 20))
    make_payment(shop, amount=Decimal("3000"), due_on=date(2026, 6, 1))

    hourly_usd = {"pricing": "hourly", "currency": "USD", "rate": 100, "stage": "completed"}
    api = make_project(owner, title="API", client="acme", **hourly_usd)
    paid(api, "2000", date(2025, 4, 10), date(2025, 4, 1))
    paid(api, "500", date(2025, 3, 31))
    audit = make_project(owner, title="Audit", client="ACME", **hourly_usd)
    paid(audit, "1000", date(2026, 2, 1))
    app = make_project(
        owner,
        title="App",
        client="Umbrella",
        stage="active",
        pricing="fixed",
        currency="USD",
        rate=4000,
    )
    paid(app, "4000", date(2026, 2, 15), date(2026, 2, 10))

    make_project(owner, title="Site", client="Globex", stage="lead", rate=5000, **fixed)
    cms = make_project(
        owner, title="CMS", client="Initech", stage="proposal", pricing="hourly", rate=80
    )
    make_payment(cms, amount=Decimal("1200"), due_on=date(2026, 5, 1))
    make_payment(cms, amount=Decimal("300"), due_on=date(2026, 5, 1), status="written_off")
    make_project(owner, title="Game", client="Hooli", stage="on_hold", pricing="daily")
    make_project(owner, title="Bot", client="Hooli", stage="lost", rate=900, **fixed)
    make_project(owner, title="Wiki", stage="cancelled", rate=700, **fixed)
