"""Property-based tests: every form of DevHub CRM receives generated data (unicode, control
characters, NUL bytes, over-long text, HTML/script payloads, impossible dates, out-of-range
numbers, invalid choices, missing and duplicated fields).

For each submission:
- the answer is never a 5xx;
- a refused submission is answered with its field errors (the form re-rendered, or a redirect
  with an error message for the in-page mini forms) and nothing in the database changes;
- an accepted one redirects (and creates its row);
- what was stored is rendered escaped on every page that shows it: no response body ever
  contains a payload verbatim.

The form the view builds is the oracle: `Target.build` constructs the same form with the same
data, and its `is_valid()` says which of the two answers the view owes."""

import pytest
from django.conf import settings
from django.contrib.messages import ERROR, SUCCESS
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from hypothesis import event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.fuzz.strategies import DANGEROUS, query_params, submission
from tests.fuzz.support import FUZZ_SETTINGS, capture_writes, isolated
from tests.fuzz.targets import FILTER_FORMS, OTHER_URLS, TARGETS, Target

HTMX = {"HTTP_HX_REQUEST": "true"}


def as_post_data(body: dict) -> MultiValueDict:
    """The QueryDict the view will see: a list is a field sent more than once."""
    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in body.items()})


def assert_escaped(response, context: str) -> None:
    """No HTML response may carry a payload verbatim (JSON and iCalendar are data, not markup,
    and are served with nosniff)."""
    assert response.status_code < 500, f"{context}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if "html" not in content_type or getattr(response, "streaming", False):
        return
    body = response.content.decode(errors="replace")
    for payload in DANGEROUS:
        assert payload not in body, f"{context}: unescaped {payload!r} in the response"


def message_levels(response) -> set[int]:
    return {m.level for m in response.wsgi_request._messages}


def start_example(client, signed_in: str, anonymous: bool = False) -> None:
    client.cookies.clear()
    if not anonymous:
        client.cookies[settings.SESSION_COOKIE_NAME] = signed_in


@pytest.mark.django_db
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
@FUZZ_SETTINGS
@given(data=st.data())
def test_form_submissions(target: Target, data, client, world, signed_in) -> None:
    with isolated():
        start_example(client, signed_in, target.anonymous)
        if target.prepare:
            target.prepare(client, world)
        template = target.build(world, None)
        body = data.draw(submission(template, target.plausible(world), world.foreign), label="POST")
        htmx = not target.anonymous and data.draw(st.integers(0, 3), label="htmx") == 0
        oracle = target.build(world, as_post_data(body))
        accepted = oracle.is_valid()
        event("accepted" if accepted else "refused")
        creates = target.creates and target.creates._default_manager.count()

        with capture_writes() as written:
            response = client.post(target.url(world), body, **(HTMX if htmx else {}))

        assert_escaped(response, f"POST {target.url(world)}")
        if target.dropped(body):
            assert response.status_code == 302
            assert not written
        elif not accepted:
            assert not written, f"refused ({oracle.errors.as_data()}), yet written: {written}"
            if not htmx:
                assert_refused(target, response, oracle)
        elif not htmx:
            assert response.status_code == 302, (response.status_code, oracle.cleaned_data)
            if target.refused == "redirect":
                assert SUCCESS in message_levels(response)
            if target.creates:
                assert target.creates._default_manager.count() == creates + 1
        if accepted and not target.dropped(body):
            # One page that shows the data: where the view sends the user, or another one
            # (one per example keeps the run short; over the examples each page comes up).
            location = response.get("Location") or response.get("HX-Redirect") or ""
            pages = [location] if location.startswith("/") else []
            pages += target.shows(world)
            if pages:
                page = data.draw(st.sampled_from(pages), label="page")
                shown = client.get(page)
                assert_escaped(shown, f"GET {page} after {target.name}")
                assert shown.status_code in (200, 302), (page, shown.status_code)


def assert_refused(target: Target, response, oracle) -> None:
    if target.refused == "redirect":
        assert response.status_code == 302, response.status_code
        assert ERROR in message_levels(response), "a refused mini form must say why"
        return
    assert response.status_code in (200, 400, 422), response.status_code
    body = response.content.decode()
    for name, errors in oracle.errors.items():
        if name in oracle.fields and oracle.fields[name].widget.is_hidden:
            assert 'role="alert"' in body, f"the error of hidden {name!r} is not shown"
            continue
        for error in errors:
            assert escape(error) in body, f"the error for {name!r} is not shown: {error}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class,path", FILTER_FORMS.items(), ids=[f.__name__ for f in FILTER_FORMS]
)
@FUZZ_SETTINGS
@given(data=st.data())
def test_filter_forms(form_class, path, data, client, world, signed_in) -> None:
    """The list pages' GET forms: any query string renders the list (bad filters ignored)."""
    with isolated():
        start_example(client, signed_in)
        kwargs = (
            {"owner": world.alice} if "owner" in form_class.__init__.__code__.co_varnames else {}
        )
        template = form_class({}, **kwargs)
        query = data.draw(submission(template, {}, world.foreign), label="GET")
        htmx = data.draw(st.booleans(), label="htmx")
        response = client.get(path, query, **(HTMX if htmx else {}))
        assert_escaped(response, f"GET {path}")
        # A page about one record (matching people to a project) is not found for another's.
        asked = form_class(response.wsgi_request.GET, **kwargs)
        missing = getattr(asked, "names_a_missing_record", lambda: False)()
        assert response.status_code == (404 if missing else 200)


KNOWN_NAMES = sorted(
    {name for t in TARGETS for name in t.form.base_fields}
    | {"next", "archived", "vip", "open", "clear", "back", "page", "after", "download", "tag"}
)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(OTHER_URLS))
@hypothesis_settings(FUZZ_SETTINGS, max_examples=max(3, FUZZ_SETTINGS.max_examples // 4))
@given(data=st.data())
def test_every_url_survives_junk(route, data, client, world, signed_in) -> None:
    """Any query string and any body, signed in or not: never a 5xx, never a payload verbatim."""
    path = OTHER_URLS[route](world)
    with isolated():
        start_example(client, signed_in, anonymous=not data.draw(st.integers(0, 4), label="who"))
        params = data.draw(query_params(KNOWN_NAMES), label="params")
        htmx = HTMX if data.draw(st.booleans(), label="htmx") else {}
        assert_escaped(client.get(path, params, **htmx), f"GET {path}")
        assert_escaped(client.post(path, params, **htmx), f"POST {path}")
