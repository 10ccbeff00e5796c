import uuid

from django import forms
from django.db import models, transaction
from django.db.models import Case, F, When
from django.db.models.functions import Lower
from django.http import QueryDict
from django.urls import reverse

from contacts import bulk, hooks, services, validators
from contacts.models import Contact, Tag
from devhub.lib.fields import fold
from devhub.lib.forms import (
    Checkboxes,
    PersonNameField,
    QueryFilterForm,
    StyledFormMixin,
    limit_days,
)

MAX_TAGS_PER_CONTACT = 30


def parse_tag_names(text: str) -> list[str]:
    """'Python, django ,python,  ' -> ['Python', 'django']: trimmed, de-duplicated ignoring case
    (in any script: 'Ärzte, ärzte' is one tag, as the database's uniqueness sees it)."""
    names: dict[str, str] = {}
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name:
            names.setdefault(fold(name), name)
    return list(names.values())


def tags_for_names(owner, names: list[str]) -> list[Tag]:
    """The owner's tags with these names (any case), creating the ones that do not exist yet."""
    wanted = {fold(name): name for name in names}
    found = Tag.objects.for_owner(owner).filter(name_key__in=wanted)
    existing = {tag.name_key: tag for tag in found}
    for key, name in wanted.items():
        if key not in existing:
            # Looked up by key, so a tag another request just created in other case is reused.
            existing[key], _ = Tag.objects.get_or_create(
                owner=owner, name_key=key, defaults={"name": name}
            )
    return [existing[key] for key in wanted]


class TagNamesField(forms.CharField):
    """Comma-separated tag names typed by the user; cleans to a de-duplicated list of names."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)
        self.widget.attrs["autocomplete"] = "off"

    def clean(self, value) -> list[str]:
        names = parse_tag_names(super().clean(value))
        limit = Tag._meta.get_field("name").max_length
        if too_long := [n for n in names if len(n) > limit]:
            raise forms.ValidationError(
                f"Tag names have at most {limit} characters: {too_long[0][:60]}…"
            )
        if len(names) > MAX_TAGS_PER_CONTACT:
            raise forms.ValidationError(f"At most {MAX_TAGS_PER_CONTACT} tags, please.")
        return names

    @staticmethod
    def initial_for(tags) -> str:
        return ", ".join(tag.name for tag in tags)


class ContactForm(StyledFormMixin, forms.ModelForm):
    tag_names = TagNamesField(
        label="Tags",
        help_text="Comma-separated, e.g. Python, Django, PyCon 2026. New names become new tags.",
    )
    # Longer than the stored 39 characters, so a pasted profile address (which
    # clean_github_username reduces to the username) is neither cut off nor rejected.
    github_username = forms.CharField(label="GitHub username", required=False, max_length=100)

    class Meta:
        model = Contact
        fields = [
            "name",
            "email",
            "phone",
            "company",
            "job_title",
            "relationship",
            "industry",
            "location",
            "birthday",
            "source",
            "source_detail",
            "connected_on",
            "github_username",
            "gitlab_username",
            "linkedin_url",
            "website_url",
            "other_links",
            "notes",
            "is_vip",
            "status",
            "importance",
            "follow_up_days",
        ]
        field_classes = {"name": PersonNameField}
        widgets = {
            "birthday": forms.DateInput(attrs={"type": "date"}),
            "connected_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "other_links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        validators.limit_date_fields(self)
        if self.instance.pk and not self.is_bound:
            self.initial["tag_names"] = TagNamesField.initial_for(self.instance.tags.all())
        self.fields["name"].widget.attrs["autofocus"] = True
        limit_days(self.fields["follow_up_days"])
        self.fields["tag_names"].widget.attrs["list"] = "tag-suggestions"

    def clean_github_username(self) -> str:
        return validators.normalize_github_username(self.cleaned_data["github_username"])

    def clean_gitlab_username(self) -> str:
        return validators.normalize_gitlab_username(self.cleaned_data["gitlab_username"])

    def clean_linkedin_url(self) -> str:
        return validators.normalize_linkedin_url(self.cleaned_data["linkedin_url"])

    def clean_website_url(self) -> str:
        value = self.cleaned_data["website_url"]
        if value:
            validators.http_url(value)
        return value

    def clean_other_links(self) -> str:
        return validators.normalize_link_list(self.cleaned_data["other_links"])

    @transaction.atomic
    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=False)
        contact.owner = self.owner
        tags = tags_for_names(self.owner, self.cleaned_data["tag_names"])
        if contact.pk is None:
            return services.add_contact(contact, tags)
        services.save_contact(contact)
        services.set_tags(contact, tags)
        return contact


class ContactFilterForm(QueryFilterForm):
    """The contacts list's query string."""

    SORTS = {
        "name": ("Name (A-Z)", [Lower("name").asc()]),
        "-name": ("Name (Z-A)", [Lower("name").desc()]),
        # Explicit NULL placement: never contacted is "longest since", and backends disagree.
        "-last_contacted": (
            "Recently contacted",
            [F("last_contacted").desc(nulls_last=True), Lower("name")],
        ),
        "last_contacted": (
            "Longest since contact",
            [F("last_contacted").asc(nulls_first=True), Lower("name")],
        ),
        "-created": ("Newest", ["-created_at"]),
        "created": ("Oldest", ["created_at"]),
    }
    YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(
            attrs={
                "placeholder": "Name, company, e-mail, GitHub username, notes",
                "autocomplete": "off",
            }
        ),
    )
    tag = forms.ModelMultipleChoiceField(
        label="Tags",
        required=False,
        queryset=Tag.objects.none(),
        to_field_name="name",
        widget=Checkboxes,
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Contact.Status.choices]
    )
    vip = forms.ChoiceField(label="VIP", required=False, choices=YES_NO)
    relationship = forms.ChoiceField(
        label="Relationship",
        required=False,
        choices=[("", "Any relationship"), *Contact.Relationship.choices],
    )
    source = forms.ChoiceField(
        label="How we met", required=False, choices=[("", "Any source"), *Contact.Source.choices]
    )
    archived = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Current contacts"), ("yes", "Archived contacts")],
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(k, v[0]) for k, v in SORTS.items()]
    )

    FILTERS = ("q", "tag", "status", "vip", "relationship", "source")

    def __init__(self, data, *, owner) -> None:
        super().__init__(data)
        self.owner = owner
        self.fields["tag"].queryset = Tag.objects.for_owner(owner)
        self.fields["q"].widget.attrs["class"] = "input w-full"

    def apply(self, contacts):
        if self.value("archived") == "yes":
            contacts = contacts.filter(is_archived=True)
        else:
            contacts = contacts.active()
        if tags := self.value("tag"):
            contacts = contacts.with_all_tags(tags)
        for field in ("status", "relationship", "source"):
            if value := self.value(field):
                contacts = contacts.filter(**{field: value})
        if vip := self.value("vip"):
            contacts = contacts.filter(is_vip=(vip == "yes"))
        sort = self.value("sort")
        if q := self.value("q"):
            # The full-text search (the search app), among the contacts the other filters keep.
            ranked = hooks.searcher().rank(self.owner, contacts, q)
            contacts = contacts.filter(pk__in=ranked)
            if not sort and ranked:
                relevance = Case(*(When(pk=pk, then=n) for n, pk in enumerate(ranked)))
                return contacts.order_by(relevance)
        return contacts.order_by(*self.SORTS[sort or "name"][1])


class TagForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "kind", "colour"]

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    @transaction.atomic
    def save(self, commit: bool = True) -> Tag:
        with hooks.tags_changing(self.owner, [self.instance.pk]):
            return super().save(commit)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if "," in name:
            raise forms.ValidationError("Tag names cannot contain commas.")
        clash = (
            Tag.objects.for_owner(self.owner)
            .filter(name_key=fold(name))
            .exclude(pk=self.instance.pk)
        )
        if clash.exists():
            raise forms.ValidationError(
                f"You already have a tag called “{clash.first().name}”. Merge the two instead."
            )
        return name


class TagMergeForm(StyledFormMixin, forms.Form):
    source = forms.ModelChoiceField(
        label="Merge this tag", queryset=Tag.objects.none(), to_field_name="code"
    )
    target = forms.ModelChoiceField(
        label="into this tag", queryset=Tag.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in ("source", "target"):
            self.fields[field].queryset = Tag.objects.for_owner(owner)

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError("Choose two different tags to merge.")
        return data

    @transaction.atomic
    def merge(self) -> Tag:
        """Every contact of the source tag gets the target tag; then the source tag is deleted."""
        source, target = self.cleaned_data["source"], self.cleaned_data["target"]
        through = Contact.tags.through
        with hooks.tags_changing(source.owner, [source.pk, target.pk]):
            already = through.objects.filter(tag=target).values("contact_id")
            through.objects.filter(tag=source).exclude(contact_id__in=already).update(tag=target)
            source.delete()
        return target


def filtered_contacts(owner, data) -> tuple[ContactFilterForm, "models.QuerySet[Contact]"]:
    """The contacts list's filters applied to the owner's contacts.

    The one place the list's query string becomes a queryset: the list page, bulk edit's "all
    matching this filter" and the CSV/vCard exports all call it, so they always agree.
    """
    filters = ContactFilterForm(data, owner=owner)
    return filters, filters.apply(Contact.objects.for_owner(owner))


class UUIDListField(forms.Field):
    """Contact codes posted as repeated fields, or several in one field separated by spaces (a
    page's rows in one hidden input); anything that is not a UUID is ignored."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_items: int, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_items = max_items

    def to_python(self, value) -> list[uuid.UUID]:
        codes: dict[uuid.UUID, None] = {}
        for raw in (part for field in value or [] for part in str(field).split()):
            try:
                codes[uuid.UUID(raw)] = None
            except ValueError:
                continue
        if len(codes) > self.max_items:
            raise forms.ValidationError(
                f"At most {self.max_items} contacts can be picked one by one; "
                "choose “all matching this filter” instead."
            )
        return list(codes)


class BulkActionForm(StyledFormMixin, forms.Form):
    """One action applied to many contacts: picked rows, a whole page, or all matching a filter.

    The selection is always re-read from the owner's own contacts, so codes of anyone else's
    contacts select nothing. Writes are set-based (UPDATE, INSERT ... ON CONFLICT, DELETE), so
    10,000 contacts cost a handful of queries.
    """

    ACTIONS = {
        "add_tag": "Add tag",
        "remove_tag": "Remove tag",
        "set_status": "Set status",
        "set_importance": "Set importance",
        "mark_vip": "Mark as VIP",
        "unmark_vip": "Unmark VIP",
        "archive": "Archive",
        "unarchive": "Restore from archive",
        "export": "Export as CSV",
        "delete": "Delete",
    }
    NEEDS = {
        "add_tag": "tag",
        "remove_tag": "tag",
        "set_status": "status",
        "set_importance": "importance",
    }
    MAX_PICKED = 500  # below DATA_UPLOAD_MAX_NUMBER_FIELDS; more is "all matching"

    action = forms.ChoiceField(
        label="Action", choices=[("", "Choose an action…"), *ACTIONS.items()]
    )
    tag = forms.CharField(
        label="Tag", required=False, max_length=Tag._meta.get_field("name").max_length
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Choose a status…"), *Contact.Status.choices]
    )
    importance = forms.ChoiceField(
        label="Importance",
        required=False,
        choices=[("", "Choose an importance…"), *Contact.Importance.choices],
    )
    ids = UUIDListField(max_items=MAX_PICKED)
    select_page = forms.BooleanField(required=False)
    page_ids = UUIDListField(max_items=MAX_PICKED)
    all_matching = forms.BooleanField(required=False)
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    count = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["tag"].widget.attrs.update(list="tag-suggestions", autocomplete="off")

    def clean_tag(self) -> str:
        name = " ".join(self.cleaned_data["tag"].split())
        if "," in name:
            raise forms.ValidationError("Tag names cannot contain commas.")
        return name

    def clean(self):
        data = super().clean()
        needed = self.NEEDS.get(data.get("action", ""))
        if needed and not data.get(needed):
            self.add_error(needed, f"Choose the {needed} for “{self.ACTIONS[data['action']]}”.")
        if data.get("action") == "remove_tag" and data.get("tag"):
            tag = Tag.objects.for_owner(self.owner).filter(name_key=fold(data["tag"])).first()
            if tag is None:
                self.add_error("tag", f"You have no tag called “{data['tag']}”.")
            data["tag_object"] = tag
        return data

    # --- the selection ----------------------------------------------------------------------

    def _value(self, name: str):
        """A selection field's cleaned value even when another field (say, the tag) is invalid."""
        self.is_valid()
        if name in self.errors:
            return self.fields[name].to_python(None)
        return self.cleaned_data.get(name)

    def picked_codes(self) -> list[uuid.UUID]:
        codes = list(self._value("ids") or [])
        if self._value("select_page"):
            codes += [c for c in self._value("page_ids") or [] if c not in codes]
        return codes

    def selected(self):
        """The owner's contacts this form points at, as a queryset."""
        if self._value("all_matching"):
            return filtered_contacts(self.owner, QueryDict(self._value("query") or ""))[1]
        return Contact.objects.for_owner(self.owner).filter(code__in=self.picked_codes())

    def hidden_selection(self) -> list[tuple[str, str]]:
        """(name, value) pairs that carry the same selection through a confirmation page."""
        pairs = [("query", self._value("query") or "")]
        if self._value("all_matching"):
            return [*pairs, ("all_matching", "1")]
        return [*pairs, *(("ids", str(code)) for code in self.picked_codes())]

    def list_url(self) -> str:
        """Back to the list the user came from (its filters; the page may no longer exist)."""
        query = QueryDict(self._value("query") or "", mutable=True)
        query.pop("page", None)
        url = reverse("contacts:list")
        return f"{url}?{query.urlencode()}" if query else url

    def is_confirmed(self, count: int) -> bool:
        """Delete runs only after a confirmation page that named this very count."""
        return bool(self.cleaned_data.get("confirmed")) and self.cleaned_data.get("count") == count

    # --- the actions ------------------------------------------------------------------------

    def start(self, contacts):
        """Start the action on `contacts` as a long change (contacts/bulk.py); returns the job."""
        action, data = self.cleaned_data["action"], self.cleaned_data
        # A plain pk filter: UPDATE/DELETE on the filter's joins and ordering is not portable.
        targets = Contact.objects.filter(owner=self.owner, pk__in=contacts.values("pk"))
        count = targets.count()
        people = f"{count:,} contact{'s' if count != 1 else ''}"
        params = {}
        if action == "add_tag":
            tag = tags_for_names(self.owner, [data["tag"]])[0]
            params["tag"] = tag.pk
            title, message = f"Tagging {people} “{tag.name}”", f"Tagged {people} “{tag.name}”."
        elif action == "remove_tag":
            tag = data["tag_object"]
            params["tag"] = tag.pk
            title = f"Removing the tag “{tag.name}” from {people}"
            message = f"Removed the tag “{tag.name}” from {people}."
        elif action == "delete":
            title, message = f"Deleting {people}", f"Deleted {people}."
        elif action == "set_status":
            label = Contact.Status(data["status"]).label
            params["changes"] = {"status": data["status"]}
            title = f"Setting the status of {people} to {label}"
            message = f"Set the status of {people} to {label}."
        elif action == "set_importance":
            label = Contact.Importance(data["importance"]).label
            params["changes"] = {"importance": data["importance"]}
            title = f"Setting the importance of {people} to {label}"
            message = f"Set the importance of {people} to {label}."
        else:
            title, message = {
                "mark_vip": (f"Marking {people} as VIP", f"Marked {people} as VIP."),
                "unmark_vip": (f"Unmarking {people} as VIP", f"Unmarked {people} as VIP."),
                "archive": (f"Archiving {people}", f"Archived {people}."),
                "unarchive": (
                    f"Restoring {people} from the archive",
                    f"Restored {people} from the archive.",
                ),
            }[action]
        return bulk.start(
            self.owner,
            action,
            targets,
            title=title,
            message=message,
            next_url=self.list_url(),
            **params,
        )
