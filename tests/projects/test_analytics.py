"""The analytics figures, exact, from a known set of projects."""

from datetime import date
from decimal import Decimal

import pytest

from projects import analytics
from tests.projects.analytics_data import build_projects, paid
from tests.projects.conftest import TODAY, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(alice, charlie, frozen_clock) -> dict:
    build_projects(alice)
    build_projects(charlie)  # someone else's projects never count
    return analytics.analytics(alice, TODAY)


def amounts(series) -> dict[date, Decimal]:
    return {month: amount for month, amount in series.months if amount}


def test_paid_per_month_per_currency_for_the_last_12_months(figures):
    eur, usd = figures["paid"]

    assert [m for m, _ in eur.months] == analytics.month_starts(TODAY)
    assert eur.months[0][0] == date(2025, 4, 1) and eur.months[-1][0] == date(2026, 3, 1)
    assert (eur.currency, amounts(eur), eur.total) == (
        "EUR",
        {date(2026, 1, 1): Decimal("4000"), date(2026, 3, 1): Decimal("3000")},
        Decimal("7000"),
    )
    assert (usd.currency, amounts(usd)) == (
        "USD",
        {date(2025, 4, 1): Decimal("2000"), date(2026, 2, 1): Decimal("5000")},
    )


def test_the_chart_bars_scale_to_the_best_month(figures):
    eur = figures["paid"][0]

    heights = [float(bar.height) for bar in eur.bars]
    assert heights == [0.0] * 9 + [120.0, 0.0, 90.0]
    assert [bar.label for bar in eur.bars][-3:] == ["Jan 2026", "Feb 2026", "Mar 2026"]


def test_the_table_has_a_row_per_month_and_a_column_per_currency(figures):
    rows = dict(figures["paid_rows"])

    assert len(rows) == 12
    assert rows[date(2026, 2, 1)] == [Decimal(0), Decimal("5000")]
    assert rows[date(2026, 3, 1)] == [Decimal("3000"), Decimal(0)]


def test_pipeline_is_the_agreed_value_of_each_open_stage(figures):
    pipeline = {
        label: {m.currency: m.agreed for m in totals} for _, label, totals in figures["pipeline"]
    }

    assert pipeline == {
        "Lead": {"EUR": Decimal("5000")},
        # An hourly project's schedule, its write-off left out.
        "Proposal sent": {"EUR": Decimal("1200")},
        "Negotiating": {},
        # A fixed price is its budget, whatever was paid of it.
        "Active": {"EUR": Decimal("10000"), "USD": Decimal("4000")},
        "On hold": {},
    }


def test_win_rate_counts_active_and_completed_against_lost(figures):
    assert figures["win_rate"] == 80  # 2 completed + 2 active of 5 decided; cancelled left out


def test_average_days_from_invoice_to_payment(figures):
    assert figures["days_to_payment"] == Decimal("9.5")  # (14 + 10 + 9 + 5) / 4


def test_top_clients_by_paid_per_currency_however_spelt(figures):
    top = {
        currency: [(c.client, c.paid) for c in clients]
        for currency, clients in figures["top_clients"].items()
    }

    assert top == {
        "EUR": [("Acme", Decimal("7000"))],
        "USD": [("Umbrella", Decimal("4000")), ("acme", Decimal("3500"))],
    }


def test_top_clients_stop_at_five(alice, frozen_clock):
    for n in range(7):
        project = make_project(alice, client=f"Client {n}", stage="active")
        paid(project, str(100 + n), date(2026, 3, 1))

    names = [c.client for c in analytics.top_clients(alice)["EUR"]]

    assert names == ["Client 6", "Client 5", "Client 4", "Client 3", "Client 2"]


def test_undecided_projects_give_no_win_rate_or_payment_days(alice, frozen_clock):
    make_project(alice, stage="lead")

    figures = analytics.analytics(alice, TODAY)

    assert figures["win_rate"] is None
    assert figures["days_to_payment"] is None
    assert figures["paid"] == [] and figures["top_clients"] == {}


def test_without_projects_there_are_no_figures(alice):
    assert analytics.analytics(alice, TODAY) == {"has_projects": False}


def test_month_starts_cross_the_year():
    assert analytics.month_starts(date(2026, 1, 31), 3) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]
