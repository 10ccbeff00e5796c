"""HTML helpers for asserting on structure (labels, ARIA links, forms) rather than exact markup."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never have a closing tag, so they must not stay open on the parser's stack.
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list["Element"] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.attrs

    def get(self, name: str, default: str = "") -> str:
        value = self.attrs.get(name, default)
        return default if value is None else value

    @property
    def classes(self) -> set[str]:
        return set(self.get("class").split())

    @property
    def clean_text(self) -> str:
        return " ".join(self.text.split())

    def descendants(self) -> list["Element"]:
        found = []
        for child in self.children:
            found.append(child)
            found.extend(child.descendants())
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.all: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        self.all.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        self.all.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


Page = str | bytes | list[Element]


def parse(html: str | bytes) -> list[Element]:
    """Every element of the page in document order."""
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.all


def find_all(html: Page, tag: str | None = None, **attrs: str) -> list[Element]:
    """Elements with this tag and these exact attribute values (use class_ for class)."""
    elements = parse(html) if isinstance(html, str | bytes) else html
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    return [
        element
        for element in elements
        if (tag is None or element.tag == tag)
        and all(element.attrs.get(name) == value for name, value in wanted.items())
    ]


def find_one(html: Page, tag: str | None = None, **attrs: str) -> Element:
    found = find_all(html, tag, **attrs)
    assert len(found) == 1, f"expected one <{tag or '*'} {attrs}>, found {len(found)}"
    return found[0]


def label_text(html: Page, input_id: str) -> str:
    """The visible text of the <label for=...> tied to an input."""
    return find_one(html, "label", for_=input_id).clean_text
