"""A template loader that drops the indentation of the project's HTML templates as it reads them.

Indentation keeps templates readable and made pages a tenth bigger (the dashboard sent 4.5 KB of
spaces). Dropped once, when a template is compiled, it costs nothing per request. A browser
collapses the line break that stays, so pages look the same; no template indents text inside
`<pre>` or `<textarea>`, where it would show (tests/devhub/test_template_loaders.py keeps it so).
Other templates (plain-text e-mails) are read as written, and so are Django's own (its form
widgets, which devhub/lib/widgets.py draws exactly as Django does).
"""

import re

from django.template import Origin
from django.template.loaders import filesystem

INDENTATION = re.compile(r"\n\s+")  # a line break, then blank lines and leading spaces


class Loader(filesystem.Loader):
    def get_contents(self, origin: Origin) -> str:
        contents = super().get_contents(origin)
        return INDENTATION.sub("\n", contents) if origin.name.endswith(".html") else contents
