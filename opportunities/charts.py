from devhub.lib.charts import Bar, bars
from opportunities.services import Funnel


def funnel_bars(funnel: Funnel) -> list[Bar]:
    return bars(
        [
            ("Applied", funnel.applied, ""),
            ("Interview", funnel.interview, ""),
            ("Offer", funnel.offer, ""),
            ("Accepted", funnel.accepted, ""),
        ]
    )
