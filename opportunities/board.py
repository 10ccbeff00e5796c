"""The job opportunity board's cards, drawn by devhub.lib.stages.Cards."""

from html import escape

from django.utils.dateformat import format as format_date

from devhub.lib.stages import Cards
from opportunities.models import Opportunity


def body(o: Opportunity, href: str) -> str:
    html = (
        f'<a class="link link-hover font-semibold text-sm" href="{href}">{escape(o.role_title)}</a>'
        f'<p class="text-xs">{escape(o.company)}'
    )
    if o.priority == "high":
        html += ' · <span class="badge badge-xs badge-warning">High priority</span>'
    html += "</p>"
    if o.next_action_on:
        overdue = (
            ' <span class="badge badge-xs badge-error">Overdue</span>'
            if o.next_action_overdue
            else ""
        )
        html += (
            f'<p class="text-xs">{escape(o.next_action or "Next step")}: '
            f"{format_date(o.next_action_on, 'j M')}{overdue}</p>"
        )
    return html


CARDS = Cards(body, detail="opportunities:detail", move="opportunities:move", field="status")
