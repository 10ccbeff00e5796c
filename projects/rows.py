"""A project's page's long lists (milestones, payments, time) drawn in Python, as the boards draw
their cards (devhub.lib.stages): a row drawn by the template cost 60-200 µs, most of it in the
`date`, `floatformat` and `url_to` filters and the variable lookups around them, and a busy
project has more than a hundred rows. Here a row costs a few microseconds.

Rows hold no form of their own (but for marking a payment paid, on the day in its own date field):
their buttons post through the page's one `row-actions` form to the row's address
(`formaction`)."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString

from devhub.templatetags.row_urls import PLACEHOLDER, url_to
from projects.models import Milestone, Payment, TimeEntry

CODE = str(PLACEHOLDER)


def day(date: dt.date | None) -> str:
    """{{ date|date:"j M Y" }}"""
    return f"{date:%-d %b %Y}" if date else ""


def money(amount: Decimal) -> str:
    """{{ amount|floatformat:2 }}"""
    return f"{amount:.2f}"


def hours(value: Decimal) -> str:
    """{{ hours|floatformat:"-2" }}: whole hours without decimals."""
    text = f"{value:.2f}"
    return text.removesuffix(".00")


def _routes(*names: str) -> list[str]:
    """Each route's address with a placeholder for the row's code, resolved once per list."""
    return [url_to(PLACEHOLDER, name) for name in names]


def _entry(entry: TimeEntry) -> str:
    """ "7 Dec 2026: 4.50 h — the note" """
    note = f" — {escape(entry.note)}" if entry.note else ""
    return f"{day(entry.worked_on)}: {hours(entry.hours)} h{note}"


def _delete_time(code: str, entry: TimeEntry, route: str) -> str:
    return (
        f'<button form="row-actions" formaction="{route.replace(CODE, code)}" '
        f'class="btn btn-xs btn-ghost">Delete<span class="sr-only"> {escape(str(entry))}</span>'
        "</button>"
    )


OUTSIDE = '<span class="badge badge-sm badge-warning">Outside the project\'s dates</span>'


def milestones(milestones: Iterable[Milestone], currency: str) -> SafeString:
    """Each milestone with its status, due date and amount, buttons to move it to each other
    status, and its edit and delete links."""
    status_route, edit_route, delete_route = _routes(
        "projects:milestone_status", "projects:milestone_edit", "projects:milestone_delete"
    )
    drawn = []
    for m in milestones:
        code, title = str(m.code), escape(m.title)
        facts = f'<span class="text-sm">due {day(m.due_on)}</span>'
        if m.amount is not None:
            facts += f'<span class="text-sm">{money(m.amount)} {escape(currency)}</span>'
        if m.outside_project_span:
            facts += OUTSIDE
        status_url = status_route.replace(CODE, code)
        buttons = "".join(
            f'<button form="row-actions" formaction="{status_url}" name="status" value="{value}" '
            f'class="btn btn-xs">{escape(label)}<span class="sr-only"> {title}</span></button>'
            for value, label in Milestone.Status.choices
            if value != m.status
        )
        done = " badge-success" if m.is_done else ""
        drawn.append(
            '<li class="border border-base-300 rounded-box p-2">'
            f'<div class="flex flex-wrap items-center gap-2"><span class="font-medium break-all">'
            f'{title}</span><span class="badge badge-sm{done}">{escape(m.get_status_display())}'
            f"</span>{facts}</div>"
            '<div class="flex flex-wrap gap-1 mt-1">'
            f'<div class="flex flex-wrap gap-1" role="group" aria-label="Status of {title}">'
            f"{buttons}</div>"
            f'<a class="btn btn-xs btn-ghost" href="{edit_route.replace(CODE, code)}">Edit'
            f'<span class="sr-only"> {title}</span></a>'
            f'<a class="btn btn-xs btn-ghost" href="{delete_route.replace(CODE, code)}">Delete'
            f'<span class="sr-only"> {title}</span></a></div></li>'
        )
    return SafeString("".join(drawn))


BADGES = {Payment.Status.OVERDUE: " badge-error", Payment.Status.PAID: " badge-success"}


def payments(payments: Iterable[Payment], today: dt.date, csrf: str) -> SafeString:
    """Each payment with its status, what it is for and its dates, and what can be done next:
    open or edit its invoice, mark it paid (on a day that starts as `today`), write it off or take
    that back, edit or delete it."""
    invoice, invoiced, paid, write_off, edit, delete = _routes(
        "projects:invoice",
        "projects:payment_invoiced",
        "projects:payment_paid",
        "projects:payment_write_off",
        "projects:payment_edit",
        "projects:payment_delete",
    )
    paid_on, csrf = f"{today:%Y-%m-%d}", escape(csrf)
    drawn = []
    for pay in payments:
        code, name = str(pay.code), f'<span class="sr-only"> {escape(str(pay))}</span>'
        status, settled = pay.status, pay.is_settled
        about = escape(pay.description)
        if pay.milestone:
            about += f" ({escape(pay.milestone.title)})"
        dates = f"due {day(pay.due_on)}"
        if pay.invoice_number:
            dates += f", invoice {escape(pay.invoice_number)} of {day(pay.invoiced_on)}"
        if pay.paid_on:
            dates += f", paid {day(pay.paid_on)}"
        actions = []
        if pay.invoiced_on:
            actions.append(
                f'<a class="btn btn-xs" href="{invoice.replace(CODE, code)}">Invoice{name}</a>'
            )
        if not settled:
            what = "Edit invoice details" if pay.invoiced_on else "Mark invoiced"
            actions.append(
                f'<a class="btn btn-xs" href="{invoiced.replace(CODE, code)}">{what}{name}</a>'
            )
        if status != Payment.Status.PAID:
            # A form of its own: Enter in its date marks this payment paid, not another.
            actions.append(
                f'<form method="post" action="{paid.replace(CODE, code)}" '
                'class="flex gap-1 items-end">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
                f'<label class="text-xs" for="paid-{code}">Paid on</label>'
                f'<input id="paid-{code}" class="input input-xs w-auto" type="date" '
                f'name="paid_on" value="{paid_on}" required>'
                f'<button class="btn btn-xs" type="submit">Mark paid{name}</button></form>'
            )
        if status == Payment.Status.WRITTEN_OFF:
            actions.append(
                f'<button form="row-actions" formaction="{write_off.replace(CODE, code)}" '
                f'name="undo" value="1" class="btn btn-xs btn-ghost">Undo write-off{name}</button>'
            )
        elif not settled:
            actions.append(
                f'<button form="row-actions" formaction="{write_off.replace(CODE, code)}" '
                f'class="btn btn-xs btn-ghost">Write off{name}</button>'
            )
        actions += [
            f'<a class="btn btn-xs btn-ghost" href="{edit.replace(CODE, code)}">Edit{name}</a>',
            f'<a class="btn btn-xs btn-ghost" href="{delete.replace(CODE, code)}">Delete{name}</a>',
        ]
        drawn.append(
            '<li class="border border-base-300 rounded-box p-2">'
            f'<div class="flex flex-wrap items-center gap-2"><span class="font-medium">'
            f"{money(pay.amount)} {escape(pay.currency)}</span>"
            f'<span class="badge badge-sm{BADGES.get(status, "")}">'
            f"{escape(pay.get_status_display())}</span>"
            f'<span class="text-sm break-all">{about}</span>'
            f'<span class="text-sm">{dates}</span></div>'
            f'<div class="flex flex-wrap gap-1 mt-1 items-end">{"".join(actions)}</div></li>'
        )
    return SafeString("".join(drawn))


def open_time(entries: Iterable[TimeEntry], *, to_bill: bool) -> SafeString:
    """Time not billed yet, each entry with a delete button; `to_bill` (the unbilled, billable
    time): each entry is also a checkbox of the billing form, checked (bill it)."""
    (route,) = _routes("projects:time_delete")
    drawn = []
    for e in entries:
        code, text = str(e.code), _entry(e)
        if to_bill:
            text = (
                f'<label class="flex items-center gap-2" for="bill-{code}"><input '
                f'id="bill-{code}" class="checkbox checkbox-sm" type="checkbox" name="entries" '
                f'value="{code}" checked> {text}</label>'
            )
        drawn.append(
            f'<li class="flex flex-wrap items-center gap-2">{text}{_delete_time(code, e, route)}'
            "</li>"
        )
    return SafeString("".join(drawn))


def billed_time(entries: Iterable[TimeEntry]) -> SafeString:
    """Billed time, each entry with the payment that billed it."""
    return SafeString(
        "".join(f"<li>{_entry(e)} (billed in {escape(str(e.payment))})</li>" for e in entries)
    )
