from django import forms
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower

from contacts import validators
from contacts.models import Contact, Tag
from devhub.lib.forms import QueryFilterForm, StyledFormMixin, limit_days

MAX_TAGS_PER_CONTACT = 30


def parse_tag_names(text: str) -> list[str]:
    """'Python, django ,python,  ' -> ['Python', 'django']: trimmed, de-duplicated ignoring case."""
    names: dict[str, str] = {}
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name:
            names.setdefault(name.lower(), name)
    return list(names.values())


def tags_for_names(owner, names: list[str]) -> list[Tag]:
    """The owner's tags with these names (any case), creating the ones that do not exist yet."""
    wanted = {name.lower(): name for name in names}
    existing = {
        tag.name.lower(): tag
        for tag in Tag.objects.for_owner(owner)
        .annotate(lname=Lower("name"))
        .filter(lname__in=wanted)
    }
    for key, name in wanted.items():
        if key not in existing:
            existing[key], _ = Tag.objects.get_or_create(owner=owner, name=name)
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
        widgets = {
            "birthday": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "other_links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
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

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    @transaction.atomic
    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=False)
        contact.owner = self.owner
        contact.save()
        contact.tags.set(tags_for_names(self.owner, self.cleaned_data["tag_names"]))
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
        widget=forms.CheckboxSelectMultiple,
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
        self.fields["tag"].queryset = Tag.objects.for_owner(owner)
        self.fields["q"].widget.attrs["class"] = "input w-full"

    def apply(self, contacts):
        if self.value("archived") == "yes":
            contacts = contacts.filter(is_archived=True)
        else:
            contacts = contacts.active()
        if q := self.value("q"):
            contacts = contacts.search(q)
        if tags := self.value("tag"):
            contacts = contacts.with_all_tags(tags)
        for field in ("status", "relationship", "source"):
            if value := self.value(field):
                contacts = contacts.filter(**{field: value})
        if vip := self.value("vip"):
            contacts = contacts.filter(is_vip=(vip == "yes"))
        sort = self.value("sort") or "name"
        return contacts.order_by(*self.SORTS[sort][1])


class TagForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "kind", "colour"]

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if "," in name:
            raise forms.ValidationError("Tag names cannot contain commas.")
        clash = (
            Tag.objects.for_owner(self.owner).filter(name__iexact=name).exclude(pk=self.instance.pk)
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
        already = through.objects.filter(tag=target).values("contact_id")
        through.objects.filter(tag=source).exclude(contact_id__in=already).update(tag=target)
        source.delete()
        return target
