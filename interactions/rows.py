"""An entry of a contact's timeline, drawn in Python (`{% timeline_entry %}` in
templates/interactions/timeline.html): the contact page shows twenty, and drawn by the template
an entry cost about a quarter of a millisecond of date filters and lookups; here it is the same
markup for a few microseconds."""

from django.utils import timezone
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString

from devhub.templatetags.row_urls import url_to
from interactions.models import Interaction

OUTCOME_BADGES = {"positive": "badge-success", "negative": "badge-error"}


def _line(html: str) -> str:
    """One optional line of the entry: indented, empty when there is nothing to show."""
    return f"  {html}\n"


def entry(interaction: Interaction, standalone: bool = False) -> SafeString:
    """The entry's `<li>`. On the timeline, Edit swaps the entry in place and Delete redraws the
    timeline; `standalone` (the interaction's own page) has plain links. Needs the type, the
    collaboration and the topics loaded."""
    code = interaction.code
    kind = esc(interaction.type.name)
    local = timezone.localtime(interaction.occurred_at)
    day = f"{local:%-d %b %Y}"
    outcome = ""
    if interaction.outcome != "neutral":
        badge = OUTCOME_BADGES.get(interaction.outcome, "badge-ghost")
        outcome = (
            f'<span class="badge badge-sm {badge}">{esc(interaction.get_outcome_display())}</span>'
        )
    edit_url, delete_url = url_to(code, "interactions:edit"), url_to(code, "interactions:delete")
    edit_htmx = delete_htmx = ""
    if not standalone:
        edit_htmx = f' hx-get="{edit_url}"'
        delete_htmx = (
            f' hx-post="{delete_url}" hx-target="#timeline"'
            f' hx-confirm="Delete this {kind} from {day}?"'
        )
    subject, notes = interaction.subject, interaction.notes
    topics = list(interaction.topics.all())
    progress, project = interaction.progress_notes, interaction.collaboration
    follow_up = interaction.follow_up_on
    return SafeString(
        f'\n<li id="interaction-{code}" class="rounded-box border border-base-300 p-3">\n'
        '  <div class="flex flex-wrap items-start justify-between gap-2">\n'
        f'    <div class="flex flex-wrap items-center gap-2"><span class="badge font-medium">'
        f'{kind}</span><time class="text-sm" datetime="{local.isoformat()}">'
        f"{local:%a %-d %b %Y, %H:%M}</time>{outcome}</div>\n"
        "    \n"
        f'    <div class="flex gap-1"><a class="btn btn-xs btn-ghost" href="{edit_url}"{edit_htmx}>'
        f'Edit<span class="sr-only"> {kind} of {day}</span></a>'
        f'<a class="btn btn-xs btn-ghost text-error" href="{delete_url}"{delete_htmx}>'
        f'Delete<span class="sr-only"> {kind} of {day}</span></a></div>\n'
        "  </div>\n"
        + _line(f'<p class="font-semibold mt-1">{esc(subject)}</p>' if subject else "")
        + _line(f'<p class="whitespace-pre-line mt-1">{esc(notes)}</p>' if notes else "")
        + _line(
            '<p class="text-sm mt-1">Topics: '
            + "".join(
                f'<span class="badge badge-sm {esc(t.badge_class)}">{esc(t.name)}</span> '
                for t in topics
            )
            + "</p>"
            if topics
            else ""
        )
        + _line(
            '<p class="text-sm mt-1"><span class="font-medium">Progress:</span> '
            f"{esc(progress)}</p>"
            if progress
            else ""
        )
        + _line(
            f'<p class="text-sm mt-1">Project: <a class="link" href="'
            f'{url_to(project.code, "collaborations:detail")}">{esc(project.title)}</a></p>'
            if project
            else ""
        )
        + _line(
            f'<p class="text-sm mt-1">Follow up on <time datetime="{follow_up:%Y-%m-%d}">'
            f"{follow_up:%-d %b %Y}</time></p>"
            if follow_up
            else ""
        )
        + "</li>\n"
    )
