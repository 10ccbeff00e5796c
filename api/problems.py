"""Every API error is an RFC 9457 problem document (application/problem+json): `type`,
`title`, `status`, `detail`, and for invalid input `errors`, each field's messages."""

import json
from http import HTTPStatus

from django.forms import BaseForm
from django.http import HttpResponse

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raised anywhere in an endpoint; the API answers with it as a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail
        self.errors = errors or {}
        self.headers = headers or {}


class FormInvalid(Problem):
    """The app's own form refused the data: its messages, field by field."""

    def __init__(
        self, form: BaseForm, detail: str = "The data was not valid; see `errors` for each field."
    ) -> None:
        errors = {
            field: [e["message"] for e in messages]
            for field, messages in form.errors.get_json_data().items()
        }
        super().__init__(422, detail, errors)


def problem_response(
    status: int,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def from_problem(problem: Problem) -> HttpResponse:
    return problem_response(problem.status, problem.detail, problem.errors, problem.headers)


def schema_errors(errors: list[dict]) -> dict[str, list[str]]:
    """pydantic's errors (as django-ninja reports them) by field: the location after its
    source (`body`, `query`, `path`) and the schema's own name."""
    found: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "header", "cookie", "form"}:
            loc = loc[1:]
        if len(loc) > 1 and loc[0] in {"payload", "filters", "data"}:
            loc = loc[1:]
        field = ".".join(loc) or "__all__"
        found.setdefault(field, []).append(error.get("msg", "Invalid value."))
    return found
