"""Hypothesis strategies for form data: a plausible value for each field type, hostile values
any field may receive, and a submission that mixes the two (fields dropped or sent twice too).

Free text always carries a chance of an XSS payload, so whatever gets stored is then checked for
escaping on the pages that show it."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from hypothesis import strategies as st

# Stored and then shown: none of DANGEROUS may ever appear verbatim in a response body.
XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    '" autofocus onfocus="alert(1)',
    "<iframe src=javascript:alert(1)></iframe>",
)
DANGEROUS = (
    "<script>alert",
    "<img src=x onerror",
    "<svg/onload",
    'onfocus="alert',
    "<iframe src=javascript",
)

# Right-to-left override and marks, Arabic and Hebrew, emoji (with ZWJ and skin tone),
# combining marks, zero-width characters, a BOM, line and paragraph separators.
UNICODE_SAMPLES = (
    "\u202egnp.exe",
    "مرحبا بالعالم",
    "שלום",
    "\u200f\u200e\u2066x\u2069",
    "👩🏽‍💻🚀🔥",
    "Z̴̡͉̈́a̶̱͝l̸̰̓g̶̣̈o̷̢̾",
    "e\u0301\u0302\u0303",
    "\u200b\u200c\u200d\ufeff",
    "a\u2028b\u2029c",
    "\U0001d518\U0001d52b\U0001d526\U0001d520\U0001d52c\U0001d521\U0001d522",  # Fraktur
    "ǅungla İstanbul ß ﬁ",
    "\uffff\ufffe",
)
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\x85"

INVALID_DATES = (
    "2024-02-30",
    "2023-02-29",
    "0000-00-00",
    "0001-01-00",
    "2024-13-01",
    "2024-00-10",
    "99999-01-01",
    "10000-01-01",
    "-0001-01-01",
    "2024-1-1x",
    "31/12/2024",
    "2024-02-29T25:61",
    "1e9",
    "today",
    "NaN",
)
# Valid as dates, hostile to arithmetic: a +7 days or a year's birthday must not overflow.
EDGE_DATES = (dt.date.min, dt.date(1, 1, 2), dt.date(9999, 12, 31), dt.date(9999, 12, 25))
NUMBERS = (
    "-1",
    "0",
    "-0",
    "32768",
    "65536",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 400,
    "1e309",
    "1e-309",
    "NaN",
    "Infinity",
    "-inf",
    "1.5",
    "0x10",
    " 7 ",
    "٣",  # an Arabic-Indic digit: int() accepts it
    "1_000",
    "seven",
)
VALID_EMAILS = ("ada@example.com", "o'brien+tag@example.co.uk", "x@xn--bcher-kva.example")
VALID_URLS = (
    "https://example.com/",
    "http://example.com/a?b=c#d",
    "https://example.com/?q=<script>alert(1)</script>",
    'https://example.com/"><img src=x onerror=alert(1)>',
    "https://bücher.example/päth",
)
HOSTILE_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example",
    "http://",
    "https://exa mple.com",
    "ftp://example.com",
    "https://" + "a" * 600 + ".com",
)


def text(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Any characters UTF-8 can carry (no lone surrogates), control characters included."""
    return st.text(st.characters(exclude_categories=("Cs",)), min_size=min_size, max_size=max_size)


def printable_text(max_size: int) -> st.SearchStrategy[str]:
    """Text a CharField accepts as is: no NUL, something left after stripping."""
    base = st.one_of(
        st.sampled_from(XSS_PAYLOADS),
        st.sampled_from(UNICODE_SAMPLES),
        st.text(
            st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
            min_size=1,
            max_size=40,
        ),
        st.builds(
            lambda a, b: f"{a} {b}", st.sampled_from(UNICODE_SAMPLES), st.sampled_from(XSS_PAYLOADS)
        ),
    )
    return base.map(lambda s: s[:max_size]).filter(lambda s: s.strip() and "\x00" not in s)


def hostile_text(max_length: int | None) -> st.SearchStrategy[str]:
    limit = max_length or 1000
    return st.one_of(
        text(),
        st.sampled_from(XSS_PAYLOADS),
        st.sampled_from(UNICODE_SAMPLES),
        st.text(st.sampled_from(CONTROL), min_size=1, max_size=20),
        st.builds(lambda s: f"a\x00{s}", text(max_size=10)),
        st.sampled_from(("", " ", "\t\n", "\x00")),
        # Just over the limit, and far over it.
        st.sampled_from(("x", "é", "👩‍💻", "<")).map(lambda c: c * (limit + 1)),
        st.integers(limit + 1, limit + 3000).map(lambda n: ("<script>" * n)[:n]),
    )


def hostile_value(field: forms.Field, foreign: list[str]) -> st.SearchStrategy:
    """What a broken browser or a script might send for this field: anything, including the
    id of another user's object."""
    return st.one_of(
        st.sampled_from(foreign or [""]),
        hostile_text(getattr(field, "max_length", None)),
        st.sampled_from(INVALID_DATES),
        st.sampled_from(NUMBERS),
        st.sampled_from(HOSTILE_URLS),
        st.uuids().map(str),
        st.sampled_from(EDGE_DATES).map(dt.date.isoformat),
    )


def _bounds(field: forms.Field) -> tuple[int, int]:
    low, high = -(2**31), 2**31 - 1
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            low = max(low, validator.limit_value)
        if isinstance(validator, MaxValueValidator):
            high = min(high, validator.limit_value)
    return low, high


def plausible_value(field: forms.Field, max_chars: int | None = None) -> st.SearchStrategy:
    """A value of the right shape for the field type (it may still fail the form's own rules)."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        key = field.to_field_name or "pk"
        values = [str(getattr(obj, key)) for obj in field.queryset]
        extra = [] if field.required else [""]
        return st.sampled_from([*values, *extra] or [""])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(("on", ""))
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _ in field.choices if not isinstance(_, list | tuple)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.DateTimeField):
        return st.one_of(
            st.sampled_from(EDGE_DATES).map(lambda d: f"{d.isoformat()}T23:59"),
            st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2024, 12, 31)).map(
                lambda d: d.strftime("%Y-%m-%dT%H:%M")
            ),
        )
    if isinstance(field, forms.DateField):
        # The edges first: they are valid dates, and the ones arithmetic trips over.
        return st.one_of(
            st.sampled_from(EDGE_DATES),
            st.dates(dt.date(1950, 1, 1), dt.date(2035, 12, 31)),
        ).map(dt.date.isoformat)
    if isinstance(field, forms.DecimalField):
        low, high = _bounds(field)
        places = field.decimal_places if field.decimal_places is not None else 2
        return st.decimals(low, high, places=places, allow_nan=False, allow_infinity=False).map(str)
    if isinstance(field, forms.IntegerField):
        low, high = _bounds(field)
        return st.integers(low, high).map(str)
    if isinstance(field, forms.UUIDField):
        return st.uuids().map(str)
    if isinstance(field, forms.EmailField):
        return st.sampled_from(VALID_EMAILS)
    if isinstance(field, forms.URLField):
        return st.sampled_from(VALID_URLS)
    if isinstance(field, forms.CharField):
        limit = min(field.max_length or 300, max_chars or 300)
        return printable_text(limit)
    return st.just("")


@st.composite
def submission(draw, form: forms.BaseForm, overrides: dict, foreign: list[str]) -> dict:
    """POST data for `form` (prefixed names): plausible values, some fields replaced by hostile
    ones, dropped or sent twice, sometimes an unknown field as well."""
    names = list(form.fields)
    chaos = draw(st.sets(st.sampled_from(names))) if names else set()
    data: dict = {}
    for name in names:
        key = form.add_prefix(name)
        field = form.fields[name]
        if name in chaos:
            action = draw(st.sampled_from(("hostile", "missing", "twice")))
            if action == "missing":
                continue
            value = draw(hostile_value(field, foreign))
            if action == "twice":
                other = st.one_of(hostile_value(field, foreign), plausible_value(field))
                value = [value, draw(other)]
            data[key] = value
        else:
            strategy = overrides[name] if name in overrides else plausible_value(field)
            data[key] = draw(strategy)
    if draw(st.integers(0, 9)) == 0:
        data[f"unknown_{draw(st.integers(0, 99))}"] = draw(hostile_text(100))
    # Browsers always send the CSRF token (the test client does not check it): without it an
    # empty body would leave `request.POST or None` unbound, which no real request can do.
    data["csrfmiddlewaretoken"] = "fuzz"
    return data


def query_params(names: list[str]) -> st.SearchStrategy[dict]:
    """A query string or form body of known names (and junk ones) with hostile values."""
    keys = st.one_of(st.sampled_from(names or ["q"]), text(1, 10))
    values = st.one_of(
        hostile_text(200),
        st.sampled_from(NUMBERS + INVALID_DATES),
        st.lists(hostile_text(50), min_size=2, max_size=3),
    )
    return st.dictionaries(keys, values, max_size=6)
