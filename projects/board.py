"""The project board's cards, drawn by devhub.lib.stages.Cards."""

from html import escape

from django.utils.dateformat import format as format_date

from devhub.lib.stages import Cards
from projects.models import Project

# What a card reads of a project (with its card facts, ProjectQuerySet.with_card_facts).
FIELDS = ("code", "title", "client", "stage", "pricing", "rate", "currency")
OVERDUE = '<p class="text-xs"><span class="badge badge-xs badge-error">Payment overdue</span></p>'


def body(p: Project, href: str) -> str:
    html = f'<a class="link link-hover font-semibold text-sm" href="{href}">{escape(p.title)}</a>'
    if p.client:
        html += f'<p class="text-xs">{escape(p.client)}</p>'
    html += f'<p class="text-xs">{escape(p.price)}</p>'
    if p.next_due_on:
        late = (
            ' <span class="badge badge-xs badge-warning">Milestone late</span>'
            if p.milestone_late
            else ""
        )
        html += f'<p class="text-xs">Next milestone: {format_date(p.next_due_on, "j M")}{late}</p>'
    if p.payment_overdue:
        html += OVERDUE
    return html


CARDS = Cards(body, detail="projects:detail", move="projects:move", field="stage")
