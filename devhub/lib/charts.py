"""Bar layout for the server-rendered SVG charts (dashboard, opportunities and projects
analytics)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Bar:
    label: str
    value: int | Decimal  # a count, or an amount of money
    x: float
    y: float
    width: float
    height: float
    url: str = ""


def bars(
    items: list[tuple[str, int | Decimal, str]], width: int = 320, height: int = 120
) -> list[Bar]:
    """Lay out (label, value, link) as SVG bars scaled to the largest value."""
    if not items:
        return []
    top = max(value for _, value, _ in items) or 1
    step = width / len(items)
    gap = min(6.0, step * 0.2)
    return [
        Bar(
            label=label,
            value=value,
            x=round(i * step + gap / 2, 1),
            y=round(height - value / top * height, 1),
            width=round(step - gap, 1),
            height=round(value / top * height, 1),
            url=url,
        )
        for i, (label, value, url) in enumerate(items)
    ]
