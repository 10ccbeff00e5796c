"""Job opportunities and freelance projects: listed and read, and moved between stages as on
their boards."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from api import pagination
from api.binding import valid, valid_filters
from api.endpoints import filter_data, next_link, owner
from api.schemas import (
    ERRORS,
    OpportunityOut,
    OpportunityPage,
    OpportunityQuery,
    ProjectOut,
    ProjectPage,
    ProjectQuery,
    StageIn,
    StatusIn,
)
from opportunities import forms as opportunity_forms
from opportunities import services as opportunity_services
from opportunities.models import Opportunity, get_opportunity_for_user
from projects import forms as project_forms
from projects import services as project_services
from projects.models import Project, get_project_for_user

opportunities = Router()
projects = Router()


@opportunities.get("", response={200: OpportunityPage, **ERRORS})
def list_opportunities(request: HttpRequest, query: Query[OpportunityQuery]):
    """Your job opportunities, newest first, with the opportunities list's filters."""
    filters = valid_filters(opportunity_forms.OpportunityFilterForm(filter_data(request, "sort")))
    rows = filters.apply(Opportunity.objects.for_owner(owner(request)), timezone.localdate())
    found, after = pagination.page(rows, sort="-created", cursor=query.cursor, limit=query.limit)
    return {"items": found, "next": next_link(request, after)}


@opportunities.get("/{uuid:code}", response={200: OpportunityOut, **ERRORS})
def get_opportunity(request: HttpRequest, code):
    return get_opportunity_for_user(owner(request), code)


@opportunities.post("/{uuid:code}/status", response={200: OpportunityOut, **ERRORS})
def move_opportunity(request: HttpRequest, code, payload: StatusIn):
    """Move to another stage, as on the board (stage reminders follow)."""
    opportunity = get_opportunity_for_user(owner(request), code)
    form = valid(opportunity_forms.MoveForm(payload.model_dump()))
    opportunity_services.move(opportunity, form.cleaned_data["status"])
    return get_opportunity_for_user(owner(request), code)


@projects.get("", response={200: ProjectPage, **ERRORS})
def list_projects(request: HttpRequest, query: Query[ProjectQuery]):
    """Your freelance projects, newest first, with the projects list's filters."""
    filters = project_forms.ProjectFilterForm(filter_data(request, "sort"), owner=owner(request))
    rows = valid_filters(filters).apply(
        Project.objects.for_owner(owner(request)), timezone.localdate()
    )
    found, after = pagination.page(rows, sort="-created", cursor=query.cursor, limit=query.limit)
    return {"items": found, "next": next_link(request, after)}


@projects.get("/{uuid:code}", response={200: ProjectOut, **ERRORS})
def get_project(request: HttpRequest, code):
    return get_project_for_user(owner(request), code)


@projects.post("/{uuid:code}/stage", response={200: ProjectOut, **ERRORS})
def move_project(request: HttpRequest, code, payload: StageIn):
    """Move to another stage, as on the board (its reminders follow)."""
    project = get_project_for_user(owner(request), code)
    form = valid(project_forms.MoveForm(payload.model_dump()))
    project_services.move(project, form.cleaned_data["stage"])
    return get_project_for_user(owner(request), code)
