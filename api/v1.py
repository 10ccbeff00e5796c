"""The REST API, version 1, at /api/v1/ (django-ninja: typed schemas, pydantic validation and
the OpenAPI document generated from this code)."""

import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.auth import SessionAuth, TokenAuth
from api.endpoints import contacts, interactions, me, pipeline, reminders
from api.problems import MEDIA_TYPE, Problem, from_problem, problem_response, schema_errors


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """django-ninja's document, saying what it cannot know: problems are
        application/problem+json, and an object's `code` in a path is a UUID."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path" and parameter["name"] == "code":
                        parameter["schema"]["format"] = "uuid"
                for answer in operation.get("responses", {}).values():
                    content = answer.get("content", {})
                    body = content.get("application/json", {})
                    if body.get("schema", {}).get("$ref", "").endswith("/ProblemOut"):
                        content[MEDIA_TYPE] = content.pop("application/json")
        return schema


class Docs(Swagger):
    """Swagger UI from the files django-ninja ships (no CDN), started by a static script."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, context)


api = Api(
    title="DevHub CRM API",
    version="1",
    description=(
        "Read and change your network from scripts and other tools. Authenticate with a "
        "personal access token (Settings → API tokens) sent as `Authorization: Bearer <token>`; "
        "a read-only token cannot write. From a logged-in browser the session works too, with "
        "the `X-CSRFToken` header on writes. Errors are RFC 9457 problem documents "
        "(`application/problem+json`)."
    ),
    urls_namespace="api-1",
    auth=[TokenAuth(), SessionAuth()],
    docs=Docs(),
)
api.add_router("/me", me.router, tags=["account"])
api.add_router("/contacts", contacts.router, tags=["contacts"])
api.add_router("/contacts", interactions.contact_router, tags=["interactions"])
api.add_router("/tags", contacts.tags_router, tags=["contacts"])
api.add_router("/interactions", interactions.router, tags=["interactions"])
api.add_router("/interaction-types", interactions.types_router, tags=["interactions"])
api.add_router("/reminders", reminders.router, tags=["reminders"])
api.add_router("/opportunities", pipeline.opportunities, tags=["opportunities"])
api.add_router("/projects", pipeline.projects, tags=["projects"])


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return from_problem(exc)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(
        401,
        "Send a personal access token as `Authorization: Bearer <token>`.",
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja's own: an unreadable body ("Cannot parse request body") is the usual one.
    detail = str(exc)
    if exc.status_code == 400 and "parse" in detail.lower():
        detail = "The body is not valid JSON."
    return problem_response(exc.status_code, detail)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(
        422, "The data was not valid; see `errors` for each field.", schema_errors(exc.errors)
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, "There is no such object in your account.")


def _as_api_view(view):
    """An API view for the project's middleware: anonymous requests get the 401 problem, not
    the log-in page, and a method the URL does not take is a 405 problem too."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        finally:
            if getattr(request, "api_token", None) is not None:
                timezone.deactivate()  # the token owner's zone, set by TokenAuth
        if response.status_code == 405 and response.get("Content-Type") != MEDIA_TYPE:
            allowed = ", ".join(sorted(m.strip() for m in response.get("Allow", "").split(",")))
            return problem_response(
                405, f"This address takes {allowed or 'no'} requests.", headers={"Allow": allowed}
            )
        return response

    wrapped.login_required = False
    wrapped.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapped


def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(404, "The API has no such address.")


def _urls():
    patterns, app_name, namespace = api.urls
    # One view per address: django-ninja names each operation, so an address that takes GET
    # and POST comes twice, both answering every method.
    views = {}
    wrapped = []
    for entry in patterns:
        if entry.name == "api-root":  # django-ninja's raises a bare Http404
            continue
        view = views.setdefault(str(entry.pattern), _as_api_view(entry.callback))
        wrapped.append(URLPattern(entry.pattern, view, entry.default_args, entry.name))
    # The root (reversed by django-ninja to find the API's prefix) and any unknown address.
    wrapped.append(path("", _as_api_view(unknown), name="api-root"))
    wrapped.append(path("<path:rest>", _as_api_view(unknown), name="unknown"))
    return wrapped, app_name, namespace


api_urls = _urls()
