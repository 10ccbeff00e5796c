"""What the API sends and accepts. Input schemas only say which fields exist and their JSON
types; whether a value is acceptable is the app's forms' business (api/binding.py)."""

import datetime as dt
import uuid

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class ProblemOut(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = Field(
        None, description="For invalid input: each field's messages (`__all__`: the whole)."
    )


ERRORS = dict.fromkeys((400, 401, 403, 404, 422, 429), ProblemOut)


# Query parameters ---------------------------------------------------------------------------


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=100, description="Rows per page (at most 100).")
    cursor: str | None = Field(None, description="From the previous page's `next` link.")


class ContactQuery(PageQuery):
    q: str | None = Field(None, description="Search, as on the contacts page.")
    tag: list[str] = Field([], description="Tag names: the contacts that have all of them.")
    status: str | None = None
    vip: str | None = Field(None, description="`yes` or `no`.")
    relationship: str | None = None
    source: str | None = None
    archived: str | None = Field(None, description="`yes`: the archived contacts instead.")
    sort: str | None = Field(
        None,
        description="`name` (default), `-name`, `created`, `-created`, `last_contacted`, "
        "`-last_contacted`.",
    )


class InteractionQuery(PageQuery):
    q: str | None = Field(None, description="Words in the subject or notes.")
    contact: str | None = Field(None, description="A contact's code.")
    type: str | None = Field(None, description="An interaction type's code.")
    outcome: str | None = None
    start: str | None = Field(None, description="From this day (YYYY-MM-DD).")
    end: str | None = Field(None, description="To this day (YYYY-MM-DD).")


class ReminderQuery(PageQuery):
    until: dt.date | None = Field(None, description="Due by this day; default: today.")


class OpportunityQuery(PageQuery):
    status: str | None = Field(None, description="A stage, e.g. `applied`.")
    priority: str | None = None
    company: str | None = None
    overdue: bool | None = Field(None, description="Only those whose next action is overdue.")


class ProjectQuery(PageQuery):
    stage: str | None = Field(None, description="A stage, e.g. `active`.")
    client: str | None = None
    technology: str | None = Field(None, description="A technology tag's code.")
    overdue: bool | None = None


class Input(Schema):
    """A request body. Every field may be left out here: which are required, and what values
    they take, the app's form says (so a missing field gets the page's own message)."""

    model_config = ConfigDict(extra="forbid")


# Contacts -----------------------------------------------------------------------------------


class ContactRow(BaseModel):
    """A contact in the list, validated from plain rows of these columns (model instances and
    attribute lookups per field were a good part of the list's time)."""

    code: uuid.UUID
    name: str
    company: str
    job_title: str
    email: str
    status: str
    is_vip: bool
    is_archived: bool
    last_contacted: dt.date | None
    tags: list[str]


class ContactOut(ContactRow):
    phone: str
    relationship: str
    industry: str
    location: str
    birthday: dt.date | None
    source: str
    source_detail: str
    connected_on: dt.date | None
    github_username: str
    gitlab_username: str
    linkedin_url: str
    website_url: str
    other_links: str
    notes: str
    importance: str
    follow_up_days: int | None
    check_in_on: dt.date | None
    snoozed_until: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, contact) -> "ContactOut":
        """A contact as the API (and a webhook) sends it: its fields and its tags' names."""
        fields = {name: getattr(contact, name) for name in cls.model_fields if name != "tags"}
        tags = sorted((tag.name for tag in contact.tags.all()), key=str.lower)
        return cls(**fields, tags=tags)


class ContactPage(BaseModel):
    items: list[ContactRow]
    next: str | None = Field(None, description="The next page's address; null on the last.")


class ContactIn(Input):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    job_title: str | None = None
    relationship: str | None = None
    industry: str | None = None
    location: str | None = None
    birthday: dt.date | None = None
    source: str | None = None
    source_detail: str | None = None
    connected_on: dt.date | None = None
    github_username: str | None = None
    gitlab_username: str | None = None
    linkedin_url: str | None = None
    website_url: str | None = None
    other_links: str | None = None
    notes: str | None = None
    is_vip: bool | None = None
    status: str | None = None
    importance: str | None = None
    follow_up_days: int | None = None
    tags: list[str] | None = Field(None, description="Tag names; new names become new tags.")


class TagOut(Schema):
    code: uuid.UUID
    name: str
    kind: str
    colour: str
    contact_count: int


# Interactions -------------------------------------------------------------------------------


class InteractionOut(Schema):
    code: uuid.UUID
    contact: uuid.UUID = Field(description="The contact's code.")
    contact_name: str
    type: str = Field(description="The type's name.")
    type_code: uuid.UUID
    occurred_at: dt.datetime
    subject: str
    notes: str
    outcome: str
    follow_up_on: dt.date | None

    @staticmethod
    def resolve_contact(interaction) -> uuid.UUID:
        return interaction.contact.code

    @staticmethod
    def resolve_contact_name(interaction) -> str:
        return interaction.contact.name

    @staticmethod
    def resolve_type(interaction) -> str:
        return interaction.type.name

    @staticmethod
    def resolve_type_code(interaction) -> uuid.UUID:
        return interaction.type.code


class InteractionPage(Schema):
    items: list[InteractionOut]
    next: str | None = None


class InteractionIn(Input):
    type: str | None = Field(
        None,
        description="The interaction type: its code, its name (any case) or a built-in key "
        "such as `pair_programming`, `code_review`, `call`, `coffee_chat`.",
    )
    occurred_at: dt.datetime | None = Field(None, description="Default: now.")
    subject: str | None = None
    notes: str | None = None
    outcome: str | None = None
    follow_up_on: dt.date | None = None
    collaboration: uuid.UUID | None = Field(None, description="An open-source project's code.")
    progress_notes: str | None = None
    topics: list[str] | None = Field(None, description="Topic (tag) names, for mentoring.")


class InteractionTypeOut(Schema):
    code: uuid.UUID
    name: str
    key: str = Field(description="A built-in type's fixed key (whatever its name), else empty.")
    is_retired: bool

    @staticmethod
    def resolve_key(interaction_type) -> str:
        return interaction_type.builtin_key


# Reminders ----------------------------------------------------------------------------------


class ReminderOut(Schema):
    code: uuid.UUID
    title: str
    kind: str
    due_on: dt.date
    snoozed_until: dt.date | None
    effective_due: dt.date
    notes: str
    contact: uuid.UUID | None = Field(description="The contact's code, if about one.")
    contact_name: str | None
    completed_at: dt.datetime | None
    dismissed_at: dt.datetime | None

    @staticmethod
    def resolve_contact(reminder) -> uuid.UUID | None:
        return reminder.contact.code if reminder.contact_id else None

    @staticmethod
    def resolve_contact_name(reminder) -> str | None:
        return reminder.contact.name if reminder.contact_id else None


class ReminderPage(Schema):
    items: list[ReminderOut]
    next: str | None = None


class ReminderIn(Input):
    title: str | None = None
    due_on: dt.date | None = Field(None, description="Default: today.")
    kind: str | None = None
    notes: str | None = None
    contact: uuid.UUID | None = None


class SnoozeIn(Input):
    until: dt.date | None = None
    days: int | None = Field(None, description="7 or 30, instead of `until`.")


# Opportunities and projects ------------------------------------------------------------------


class OpportunityOut(Schema):
    code: uuid.UUID
    company: str
    role_title: str
    status: str
    priority: str
    location: str
    job_url: str
    applied_on: dt.date | None
    next_action: str
    next_action_on: dt.date | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ProjectOut(Schema):
    code: uuid.UUID
    title: str
    client: str
    stage: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    pricing: str
    currency: str
    repository_url: str
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime


class OpportunityPage(Schema):
    items: list[OpportunityOut]
    next: str | None = None


class ProjectPage(Schema):
    items: list[ProjectOut]
    next: str | None = None


class StatusIn(Input):
    status: str | None = Field(None, description="A stage, e.g. `applied`, `interview`.")


class StageIn(Input):
    stage: str | None = Field(None, description="A stage, e.g. `proposal`, `active`.")


# The account --------------------------------------------------------------------------------


class MeOut(Schema):
    username: str
    display_name: str
    email: str
    time_zone: str
    contacts: int = Field(description="Current (not archived) contacts.")
    archived_contacts: int
    contacts_by_status: dict[str, int] = Field(description="Current contacts per status.")
    needs_attention: int
    reminders_due: int = Field(description="Open reminders due today or earlier.")
    token_scope: str | None = Field(None, description="`read` or `write`; null for a session.")
