"""The fuzz tables cover the whole project: a new URL or a new form class without an entry in
tests/fuzz/targets.py fails here, so nothing ships unfuzzed."""

import importlib
import inspect

from django import forms
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.fuzz import test_flows_fuzz
from tests.fuzz.targets import (
    DEDICATED,
    DEDICATED_FORMS,
    EXEMPT_FORMS,
    EXEMPT_PREFIXES,
    FILTER_FORMS,
    OTHER_URLS,
    TARGETS,
)

PROJECT_ROOT = str(apps.get_app_config("contacts").path).rsplit("/", 1)[0]


def routes(resolver: URLResolver | None = None, prefix: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def project_routes() -> set[str]:
    return {r for r in routes() if not r.startswith(tuple(EXEMPT_PREFIXES))}


def project_form_classes() -> set[type]:
    """Every form class defined in this project's apps (their forms modules imported first)."""
    for config in apps.get_app_configs():
        if config.path.startswith(PROJECT_ROOT) and "/.venv/" not in config.path:
            try:
                importlib.import_module(f"{config.name}.forms")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.forms":
                    raise
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            module = importlib.import_module(subclass.__module__)
            source = inspect.getsourcefile(module) or ""
            if (
                source.startswith(PROJECT_ROOT)
                and "/.venv/" not in source
                and "/tests/" not in source
            ):
                found.add(subclass)
    return found


def name(form_class: type) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def test_every_url_has_a_fuzz_entry() -> None:
    covered = set(OTHER_URLS) | {t.route for t in TARGETS}
    missing = project_routes() - covered
    assert not missing, f"URLs without a fuzz entry in tests/fuzz/targets.py: {sorted(missing)}"


def test_no_stale_fuzz_entries() -> None:
    stale = (set(OTHER_URLS) | {t.route for t in TARGETS}) - project_routes()
    assert not stale, f"fuzz entries for URLs that no longer exist: {sorted(stale)}"


def test_every_form_class_is_fuzzed() -> None:
    fuzzed = {name(f) for f in [*(t.form for t in TARGETS), *FILTER_FORMS]}
    fuzzed |= set(EXEMPT_FORMS) | set(DEDICATED_FORMS)
    # Abstract helpers (no fields of their own, only subclassed) are not forms anyone posts;
    # forms that build all their fields in __init__ are concrete when a view posts them.
    concrete = {name(f) for f in project_form_classes() if f.base_fields}
    concrete |= {name(f) for f in project_form_classes() if f.__module__.endswith(".forms")}
    concrete -= {"devhub.lib.forms.StyledFormMixin", "devhub.lib.forms.QueryFilterForm"}
    missing = sorted(concrete - fuzzed)
    assert not missing, f"form classes without a fuzz target: {missing}"


def test_dedicated_entries_name_real_tests() -> None:
    """A route or form handed to a dedicated property test must have one, and a real route."""
    for test_name in [*DEDICATED.values(), *DEDICATED_FORMS.values()]:
        assert callable(getattr(test_flows_fuzz, test_name, None)), test_name
    assert set(DEDICATED) <= project_routes() & set(OTHER_URLS)
    concrete = {name(f) for f in project_form_classes()}
    assert set(DEDICATED_FORMS) <= concrete, set(DEDICATED_FORMS) - concrete


def test_the_tables_are_not_trivial() -> None:
    assert len(TARGETS) >= 40
    assert any(t.anonymous and t.route.startswith("q/") for t in TARGETS)
