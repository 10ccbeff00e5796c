"""The stack map's drawing and its table's rows, in Python (`{% stack_map_drawing %}` and
`{% stack_map_rows %}` in templates/network/stack_map.html): drawn by the template, its hundreds
of coordinates and names cost several milliseconds of variable lookups and number formatting,
a fifth of the page; here it is the same markup for a fraction of one."""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from network.graph import StackMap, Technology

FILL = {"warm": "text-success", "cool": "text-error", "mixed": "text-base-content"}


def drawing(stack_map: StackMap) -> SafeString:
    """The `<svg>`: a line per pair of technologies that go together, then a link per technology
    (its filled circle, the dotted ring of the not-warm share, the solid arc of the warm share and
    its label)."""
    size = stack_map.size
    lines = "".join(
        f'<line x1="{ln.a.x}" y1="{ln.a.y}" x2="{ln.b.x}" y2="{ln.b.y}" stroke="currentColor" '
        f'stroke-opacity="0.3" stroke-width="{ln.width}"><title>{esc(ln.a.name)} and '
        f"{esc(ln.b.name)}: {ln.together} people</title></line>"
        for ln in stack_map.lines
    )
    shapes = "".join(_shape(tech) for tech in stack_map.technologies)
    return SafeString(
        f'<svg id="stack-map" viewBox="0 0 {size} {size}" class="w-full max-w-3xl mx-auto '
        'text-base-content" role="group" aria-labelledby="stack-map-title" '
        f'aria-describedby="stack-map-legend">\n    <g aria-hidden="true">{lines}</g>\n    '
        f"{shapes}\n  </svg>"
    )


def _shape(tech: Technology) -> str:
    x, y, r = tech.x, tech.y, tech.radius
    short = esc(Truncator(tech.name).chars(24))
    label = esc(tech.label)
    shown = f"{short} · {tech.people} · {tech.warm_percent}%"
    arc = ""
    if tech.warm:
        arc = (
            f'<circle class="text-success" cx="{x}" cy="{y}" r="{r}" fill="none" '
            f'stroke="currentColor" stroke-width="4" stroke-dasharray="{tech.warm_arc} '
            f'{tech.circumference}" transform="rotate(-90 {x} {y})"/>'
        )
    return (
        f'<a href="{esc(tech.url)}" aria-label="{shown} ({label})"><title>{label} '
        f"({tech.warm_percent}% warm)</title>\n"
        f'      <circle class="{FILL[tech.band]}" cx="{x}" cy="{y}" r="{r}" '
        'fill="currentColor" fill-opacity="0.3"/>\n'
        f'      <circle class="text-error" cx="{x}" cy="{y}" r="{r}" fill="none" '
        'stroke="currentColor" stroke-width="3" stroke-dasharray="2 3"/>\n'
        f"      {arc}\n"
        f'      <text x="{tech.label_x}" y="{tech.label_y}" text-anchor="{tech.label_anchor}" '
        f'fill="currentColor" font-size="13">{shown}</text>\n    </a>'
    )


def table_rows(stack_map: StackMap) -> SafeString:
    """The table's rows: each technology, its people, how many are warm, what it goes with."""
    return SafeString("".join(_row(tech) for tech in stack_map.technologies))


def _row(tech: Technology) -> str:
    often = ", ".join(f"{esc(name)} ({n})" for name, n in tech.often_with) or "—"
    return (
        f'<tr>\n      <th scope="row"><a class="link" href="{esc(tech.url)}">{esc(tech.name)}'
        f'</a></th>\n      <td class="text-right">{tech.people}</td>\n      <td>{tech.warm} '
        f"({tech.warm_percent}%, {tech.band})</td>\n      <td>{often}</td>\n    </tr>"
    )
