"""devhub/lib/template_loaders.py: the project's HTML templates are read without indentation."""

import re
from pathlib import Path

from django.conf import settings
from django.template import engines

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def source(name: str) -> str:
    return engines["django"].engine.get_template(name).source


def test_html_templates_lose_their_indentation_and_blank_lines():
    on_disk = (TEMPLATES / "dashboard/dashboard.html").read_text()
    read = source("dashboard/dashboard.html")
    assert re.search(r"\n[ \t]+<", on_disk)
    assert not re.search(r"\n\s", read)
    assert read.split() == on_disk.split()  # nothing else changes


def test_other_templates_are_read_as_written():
    on_disk = (TEMPLATES / "reminders/email/digest.txt").read_text()
    assert re.search(r"\n[ \t]+\S", on_disk)
    assert source("reminders/email/digest.txt") == on_disk


def test_djangos_own_templates_are_read_as_written():
    select = engines["django"].engine.get_template("django/forms/widgets/select.html")
    assert select.source == Path(select.origin.name).read_text()


def test_no_template_indents_text_where_it_would_show():
    """Inside <pre> and <textarea>, spaces at the start of a line are shown: none may be there."""
    elements = re.compile(r"<(pre|textarea)\b.*?</\1>", re.S)
    found = 0
    for path in TEMPLATES.rglob("*.html"):
        for element in elements.finditer(path.read_text()):
            found += 1
            assert "\n" not in element.group(), path
    assert found  # the pattern finds them (templates/includes/crontab.html has one)
