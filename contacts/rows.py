"""A row of the contacts list, drawn in Python (`{% contact_row %}` in
templates/contacts/list.html, also the row HTMX swaps in after VIP or archive): drawn by the
template, a row cost about a quarter of a millisecond of filters and variable lookups, most of
the page's time; here it is the same markup for a few microseconds."""

from urllib.parse import quote

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString

from contacts.models import Contact
from devhub.templatetags.badges import status_badge
from devhub.templatetags.row_urls import url_to

VIP_BADGE = ' <span class="badge badge-sm badge-accent">VIP</span>'
ARCHIVED_BADGE = ' <span class="badge badge-sm badge-ghost">Archived</span>'


def row(contact: Contact, list_url: str) -> SafeString:
    """The contact's `<tr>`; `list_url` is where "Log" comes back to. Needs the tags loaded;
    `search_reasons` (why a search found the contact), when set, are listed under the name."""
    code, name = contact.code, esc(contact.name)
    vip_url, archive_url = url_to(code, "vip:toggle"), url_to(code, "contacts:archive")
    job, company = contact.job_title, contact.company
    about = ""
    if job or company:
        about = (
            f'<div class="text-sm opacity-80">{esc(job)}{" at " if job and company else ""}'
            f"{esc(company)}</div>"
        )
    if reasons := getattr(contact, "search_reasons", None):
        about += (
            '<p class="text-sm opacity-80"><span class="sr-only">Matched: </span>'
            f"{' · '.join(esc(r) for r in reasons)}</p>"
        )
    tags = "".join(
        f'<li class="{esc(t.badge_class)}">{esc(t.name)}</li>' for t in contact.tags.all()
    )
    last = f"{contact.last_contacted:%-d %b %Y}" if contact.last_contacted else "Never"
    vip = "0" if contact.is_vip else "1"
    pressed = "true" if contact.is_vip else "false"
    if contact.is_archived:
        archive = (
            f'<button form="row-actions" formaction="{archive_url}" hx-post name="archived" '
            f'value="0" class="btn btn-xs" aria-label="Restore {name}">Restore</button>'
        )
    else:
        archive = (
            f'<button form="row-actions" formaction="{archive_url}" hx-post name="archived" '
            f'value="1" class="btn btn-xs btn-ghost" aria-label="Archive {name}">Archive</button>'
        )
    return SafeString(
        f'<tr><td class="cell-select w-8"><input type="checkbox" name="ids" value="{code}" '
        f'form="bulk-form" class="checkbox checkbox-sm" aria-label="Select {name}" '
        "data-bulk-pick></td>\n"
        f'<td><a class="link link-hover font-semibold" href="{url_to(code, "contacts:detail")}">'
        f"{name}</a>{VIP_BADGE if contact.is_vip else ''}"
        f"{ARCHIVED_BADGE if contact.is_archived else ''}{about}</td>\n"
        f'<td class="hidden md:table-cell"><ul class="tag-list" aria-label="Tags">{tags}</ul>'
        "</td>\n"
        f"<td>{status_badge(contact, size='badge-sm')}</td>\n"
        f'<td class="hidden sm:table-cell whitespace-nowrap" data-label="Last contacted">{last}'
        "</td>\n"
        f'<td class="cell-actions"><div class="flex justify-end gap-1"><button form="row-actions" '
        f'formaction="{vip_url}" hx-post name="vip" value="{vip}" class="btn btn-xs btn-ghost" '
        f'aria-pressed="{pressed}" aria-label="VIP: {name}">VIP</button>'
        f'<a class="btn btn-xs btn-primary btn-outline" '
        f'href="{url_to(code, "interactions:quick_log")}?next={esc(quote(list_url, safe="/"))}" '
        f'aria-label="Log an interaction with {name}">Log</a>{archive}</div></td></tr>'
    )
