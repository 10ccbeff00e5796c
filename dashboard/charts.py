"""Server-rendered SVG charts (no JavaScript chart library), each with a text alternative."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from dashboard import widgets
from devhub.lib.charts import bars


def health(user, today: dt.date) -> dict:
    contacts_url = reverse("contacts:list")
    distribution = widgets.status_distribution(user)
    status_bars = bars(
        [
            (label, count, f"{contacts_url}?{urlencode({'status': value})}")
            for value, label, count in distribution
        ]
    )
    weeks = widgets.interactions_per_week(user, today)
    interactions_url = reverse("interactions:list")
    week_bars = bars(
        [
            (
                f"{monday:%-d %b}",
                count,
                f"{interactions_url}?"
                + urlencode({"start": monday, "end": monday + dt.timedelta(days=6)}),
            )
            for monday, count in weeks
        ]
    )
    return {"status_bars": status_bars, "week_bars": week_bars}
