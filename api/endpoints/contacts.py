from django.http import HttpRequest, QueryDict
from ninja import Query, Router, Status

from api import pagination
from api.binding import bind, valid
from api.endpoints import next_link, owner
from api.problems import Problem
from api.schemas import (
    ERRORS,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactQuery,
    ProblemOut,
    TagOut,
)
from contacts import services
from contacts.forms import ContactFilterForm, ContactForm, filtered_contacts
from contacts.models import Contact, Tag, get_contact_for_user

router = Router()
tags_router = Router()

# What a row of the list sends (ContactSummary): only these columns are read.
SUMMARY_FIELDS = (
    "code",
    "name",
    "company",
    "job_title",
    "email",
    "status",
    "is_vip",
    "is_archived",
    "last_contacted",
)


def _out(contact: Contact) -> Contact:
    contact.tag_names = [tag.name for tag in contact.tags.all()]
    return contact


def _filters(request: HttpRequest) -> QueryDict:
    """The list page's query parameters, minus the API's own."""
    data = request.GET.copy()
    for name in ("limit", "cursor"):
        data.pop(name, None)
    return data


@router.get("", response={200: ContactPage, **ERRORS})
def list_contacts(request: HttpRequest, query: Query[ContactQuery]):
    """Your contacts, with the contacts page's filters and search, a page at a time."""
    filters, contacts = filtered_contacts(owner(request), _filters(request))
    _refuse_invalid(filters)
    # Plain rows of the columns sent, and the page's tag names in one more query: model
    # instances for 50 contacts and their tags were most of the answer's time.
    sort = filters.value("sort") or "name"
    rows = contacts.annotate(sort_key=pagination.ORDERS[sort].expression)
    found, after = pagination.page(
        rows.values("pk", "sort_key", *SUMMARY_FIELDS),
        sort=sort,
        cursor=query.cursor,
        limit=query.limit,
    )
    names: dict[int, list[str]] = {row["pk"]: [] for row in found}
    tagged = Contact.tags.through.objects.filter(contact_id__in=names).order_by()
    for contact_id, name in tagged.values_list("contact_id", "tag__name"):
        names[contact_id].append(name)
    for row in found:
        row["tags"] = sorted(names[row["pk"]], key=str.lower)
    return {"items": found, "next": next_link(request, after)}


def _refuse_invalid(filters: ContactFilterForm) -> None:
    """The page ignores a bad parameter (and says so); a script is told, with a 422."""
    if not filters.is_valid():
        errors = {f: [e["message"] for e in m] for f, m in filters.errors.get_json_data().items()}
        raise Problem(422, "A filter was not valid; see `errors`.", errors)


@router.post("", response={201: ContactOut, **ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn):
    """Add a contact (the same checks as the “Add contact” form)."""
    form = valid(bind(ContactForm, _form_data(payload), owner=owner(request)))
    return Status(201, _out(form.save()))


@router.get("/{uuid:code}", response={200: ContactOut, **ERRORS})
def get_contact(request: HttpRequest, code):
    return _out(get_contact_for_user(owner(request), code))


@router.patch("/{uuid:code}", response={200: ContactOut, **ERRORS})
def update_contact(request: HttpRequest, code, payload: ContactIn):
    """Change some of a contact's fields; the others stay as they are."""
    contact = get_contact_for_user(owner(request), code)
    form = bind(ContactForm, _form_data(payload), instance=contact, owner=owner(request))
    return _out(valid(form).save())


@router.delete("/{uuid:code}", response={204: None, **ERRORS})
def delete_contact(request: HttpRequest, code):
    """Delete a contact for good (archive keeps it out of lists instead)."""
    get_contact_for_user(owner(request), code).delete()
    return Status(204, None)


@router.post("/{uuid:code}/archive", response={200: ContactOut, **ERRORS})
def archive_contact(request: HttpRequest, code):
    contact = get_contact_for_user(owner(request), code)
    return _out(services.set_archived(contact, True))


@router.post("/{uuid:code}/unarchive", response={200: ContactOut, **ERRORS})
def unarchive_contact(request: HttpRequest, code):
    contact = get_contact_for_user(owner(request), code)
    return _out(services.set_archived(contact, False))


def _form_data(payload: ContactIn) -> dict:
    data = payload.model_dump(exclude_unset=True)
    if "tags" in data:
        data["tag_names"] = ", ".join(data.pop("tags") or [])
    return data


@tags_router.get("", response={200: list[TagOut], 401: ProblemOut, 429: ProblemOut})
def list_tags(request: HttpRequest):
    """Your tags, by name, with how many contacts have each."""
    return Tag.objects.for_owner(owner(request)).with_contact_counts()
