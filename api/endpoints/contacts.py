from django.http import HttpRequest
from ninja import Query, Router, Status

from api import pagination
from api.binding import bind, valid, valid_filters
from api.endpoints import filter_data, next_link, owner
from api.schemas import (
    ERRORS,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactQuery,
    ContactRow,
    ProblemOut,
    TagOut,
)
from contacts import services
from contacts.forms import ContactForm, filtered_contacts
from contacts.models import Contact, Tag, get_contact_for_user

router = Router()
tags_router = Router()

# What a row of the list sends: only these columns are read (the tags in one more query).
SUMMARY_FIELDS = tuple(name for name in ContactRow.model_fields if name != "tags")


@router.get("", response={200: ContactPage, **ERRORS})
def list_contacts(request: HttpRequest, query: Query[ContactQuery]):
    """Your contacts, with the contacts page's filters and search, a page at a time."""
    filters, contacts = filtered_contacts(owner(request), filter_data(request))
    valid_filters(filters)
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


@router.post("", response={201: ContactOut, **ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn):
    """Add a contact (the same checks as the “Add contact” form)."""
    form = valid(bind(ContactForm, _form_data(payload), owner=owner(request)))
    return Status(201, ContactOut.of(form.save()))


@router.get("/{uuid:code}", response={200: ContactOut, **ERRORS})
def get_contact(request: HttpRequest, code):
    return ContactOut.of(get_contact_for_user(owner(request), code))


@router.patch("/{uuid:code}", response={200: ContactOut, **ERRORS})
def update_contact(request: HttpRequest, code, payload: ContactIn):
    """Change some of a contact's fields; the others stay as they are."""
    contact = get_contact_for_user(owner(request), code)
    form = bind(ContactForm, _form_data(payload), instance=contact, owner=owner(request))
    return ContactOut.of(valid(form).save())


@router.delete("/{uuid:code}", response={204: None, **ERRORS})
def delete_contact(request: HttpRequest, code):
    """Delete a contact for good (archive keeps it out of lists instead)."""
    get_contact_for_user(owner(request), code).delete()
    return Status(204, None)


@router.post("/{uuid:code}/archive", response={200: ContactOut, **ERRORS})
def archive_contact(request: HttpRequest, code):
    contact = get_contact_for_user(owner(request), code)
    return ContactOut.of(services.set_archived(contact, True))


@router.post("/{uuid:code}/unarchive", response={200: ContactOut, **ERRORS})
def unarchive_contact(request: HttpRequest, code):
    contact = get_contact_for_user(owner(request), code)
    return ContactOut.of(services.set_archived(contact, False))


def _form_data(payload: ContactIn) -> dict:
    data = payload.model_dump(exclude_unset=True)
    if "tags" in data:
        data["tag_names"] = ", ".join(data.pop("tags") or [])
    return data


@tags_router.get("", response={200: list[TagOut], 401: ProblemOut, 429: ProblemOut})
def list_tags(request: HttpRequest):
    """Your tags, by name, with how many contacts have each."""
    return Tag.objects.for_owner(owner(request)).with_contact_counts()
