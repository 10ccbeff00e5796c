import uuid

from django.http import HttpRequest
from ninja import Query, Router, Status

from api import pagination
from api.binding import bind, valid, valid_filters
from api.endpoints import filter_data, next_link, owner
from api.schemas import (
    ERRORS,
    InteractionIn,
    InteractionOut,
    InteractionPage,
    InteractionQuery,
    InteractionTypeOut,
    PageQuery,
)
from contacts.models import get_contact_for_user
from devhub.lib.fields import fold
from interactions import services
from interactions.forms import InteractionFilterForm, InteractionForm
from interactions.models import Interaction, InteractionType

router = Router()
types_router = Router()
contact_router = Router()

ROW_FIELDS = (
    "code",
    "occurred_at",
    "subject",
    "notes",
    "outcome",
    "follow_up_on",
    "contact__code",
    "contact__name",
    "type__code",
    "type__name",
)


def _page(request: HttpRequest, interactions, query: PageQuery) -> dict:
    rows = interactions.select_related("contact", "type").only(*ROW_FIELDS)
    found, after = pagination.page(rows, sort="-occurred", cursor=query.cursor, limit=query.limit)
    return {"items": found, "next": next_link(request, after)}


@router.get("", response={200: InteractionPage, **ERRORS})
def list_interactions(request: HttpRequest, query: Query[InteractionQuery]):
    """Your interactions, newest first, with the interactions page's filters."""
    filters = valid_filters(InteractionFilterForm(filter_data(request), owner=owner(request)))
    interactions = filters.apply(Interaction.objects.for_owner(owner(request)))
    return _page(request, interactions, query)


@contact_router.get("/{uuid:code}/interactions", response={200: InteractionPage, **ERRORS})
def list_contact_interactions(request: HttpRequest, code, query: Query[PageQuery]):
    """One contact's interactions, newest first."""
    contact = get_contact_for_user(owner(request), code)
    return _page(request, contact.interactions.all(), query)


@contact_router.post("/{uuid:code}/interactions", response={201: InteractionOut, **ERRORS})
def log_interaction(request: HttpRequest, code, payload: InteractionIn):
    """Log an interaction with the contact: its last contact date, status and follow-up
    reminders update as when it is logged on the contact's page."""
    user = owner(request)
    contact = get_contact_for_user(user, code)
    data = payload.model_dump(exclude_unset=True)
    if data.get("type"):
        data["type"] = _type_code(user, data["type"])
    if "topics" in data:
        data["topic_names"] = ", ".join(data.pop("topics") or [])
    form = valid(bind(InteractionForm, data, owner=user))
    interaction = form.save(commit=False)
    interaction.contact = contact
    services.log_interaction(interaction, form.topics())
    return Status(201, interaction)


def _type_code(user, value: str) -> str:
    """A type named by its code, its name or its built-in key, as the form's code."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        pass
    types = InteractionType.objects.for_owner(user)
    found = types.filter(builtin_key=value).first() or types.filter(name_key=fold(value)).first()
    return str(found.code) if found else value


@types_router.get("", response={200: list[InteractionTypeOut], **ERRORS})
def list_interaction_types(request: HttpRequest):
    """The interaction types you can log (and the retired ones, which you cannot)."""
    return InteractionType.objects.for_owner(owner(request))
