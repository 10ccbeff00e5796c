"""The freelance analytics page's figures: each a pure function of the owner (and their today),
read with a few grouped queries whatever the number of projects, payments or clients.

Amounts stay per currency, as everywhere in projects: nothing is converted or added across
currencies.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Sum

from devhub.lib.charts import Bar, bars
from projects import services
from projects.models import OPEN_STAGES, Payment, Project, Stage

MONTHS = 12
TOP_CLIENTS = 5
WON = (Stage.COMPLETED, Stage.ACTIVE)


@dataclass
class MonthlyPaid:
    """What clients paid in one currency, per month (oldest first), with its chart."""

    currency: str
    months: list[tuple[dt.date, Decimal]]
    bars: list[Bar]

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.months), Decimal(0))


@dataclass
class ClientPaid:
    client: str
    key: str
    paid: Decimal


def has_projects(owner) -> bool:
    return Project.objects.for_owner(owner).exists()


def month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The first day of each of the last `months` months, this one last."""
    starts = [today.replace(day=1)]
    while len(starts) < months:
        starts.append((starts[-1] - dt.timedelta(days=1)).replace(day=1))
    return starts[::-1]


def paid_per_month(owner, today: dt.date) -> list[MonthlyPaid]:
    """Payments marked paid in each of the last 12 months (by their paid date), per currency,
    zeros included; only the currencies with a payment in that time. One query grouped by day
    (at most a year of days per currency), folded into months here: a database month function
    runs in Python for every row on SQLite."""
    starts = month_starts(today)
    paid = (
        Payment.objects.filter(
            project__owner=owner,
            status=Payment.Status.PAID,
            paid_on__gte=starts[0],
            paid_on__lte=today,
        )
        .values_list("currency", "paid_on")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    sums: dict[str, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for currency, paid_on, amount in paid:
        sums[currency][paid_on.replace(day=1)] += amount
    result = []
    for currency in sorted(sums):
        months = [(start, sums[currency][start]) for start in starts]
        chart = bars([(f"{start:%b %Y}", amount, "") for start, amount in months])
        result.append(MonthlyPaid(currency, months, chart))
    return result


def pipeline(owner) -> list[tuple[str, str, services.Totals]]:
    """(stage, label, totals) for each open stage, in board order: the agreed value of the
    projects in it, per currency, by the same rule as every project's money figures
    (`services.totals`): a fixed-price project's budget, else what its payment schedule adds up
    to, less write-offs; an hourly project with no payment planned yet adds nothing."""
    projects = Project.objects.for_owner(owner)
    return [
        (stage, Stage(stage).label, services.totals(projects.filter(stage=stage)))
        for stage in OPEN_STAGES
    ]


def win_rate(owner) -> int | None:
    """Percentage of the decided projects that were won: (completed + active) / (completed +
    active + lost), by each project's current stage; None before any is decided. Cancelled
    projects are left out: nobody won or lost them."""
    counts = dict(
        Project.objects.for_owner(owner)
        .filter(stage__in=[*WON, Stage.LOST])
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    won = sum(counts.get(stage, 0) for stage in WON)
    decided = won + counts.get(Stage.LOST, 0)
    return round(won * 100 / decided) if decided else None


def days_to_payment(owner) -> Decimal | None:
    """Average days from invoice to payment over the paid payments with both dates (one decimal);
    None when there are none."""
    pairs = (
        Payment.objects.filter(
            project__owner=owner,
            status=Payment.Status.PAID,
            invoiced_on__isnull=False,
            paid_on__isnull=False,
        )
        .values_list("invoiced_on", "paid_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    days = count = 0
    for invoiced_on, paid_on, n in pairs:
        days += (paid_on - invoiced_on).days * n
        count += n
    return (Decimal(days) / count).quantize(Decimal("0.1")) if count else None


def top_clients(owner, limit: int = TOP_CLIENTS) -> dict[str, list[ClientPaid]]:
    """Per currency, the `limit` clients (organisations, however they were spelt: grouped by
    their folded key) who paid most; projects without a client are left out."""
    rows = (
        Payment.objects.filter(project__owner=owner, status=Payment.Status.PAID)
        .exclude(project__client_key="")
        .values_list("currency", "project__client_key")
        .annotate(paid=Sum("amount"), name=Max("project__client"))
        .order_by()
    )
    ranked: dict[str, list[ClientPaid]] = defaultdict(list)
    for currency, key, paid, name in rows:
        ranked[currency].append(ClientPaid(name, key, paid))
    return {
        currency: sorted(clients, key=lambda c: (-c.paid, c.key))[:limit]
        for currency, clients in sorted(ranked.items())
    }


def analytics(owner, today: dt.date) -> dict:
    """Everything the page shows, or just `has_projects` False for someone without projects."""
    if not has_projects(owner):
        return {"has_projects": False}
    paid = paid_per_month(owner, today)
    return {
        "has_projects": True,
        "paid": paid,
        # The charts' table alternative: a row per month, a column per currency.
        "paid_rows": [
            (start, [m.months[i][1] for m in paid]) for i, start in enumerate(month_starts(today))
        ],
        "pipeline": pipeline(owner),
        "win_rate": win_rate(owner),
        "days_to_payment": days_to_payment(owner),
        "top_clients": top_clients(owner),
    }
