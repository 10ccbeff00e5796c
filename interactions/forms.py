import contextlib
import uuid
from datetime import timedelta

from django import forms
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from collaborations.models import Collaboration
from collaborations.models import Kind as CollaborationKind
from contacts import validators
from contacts.forms import TagNamesField, tags_for_names
from contacts.models import Contact
from devhub.lib.dates import local_midnight
from devhub.lib.fields import fold
from devhub.lib.forms import ListedChoiceField, QueryFilterForm, StyledFormMixin
from interactions.models import PROJECT_KEYS, Interaction, InteractionType
from search import index as search_index

# Clocks and time zones differ a little; anything later than this is a plan, not an interaction.
FUTURE_SLACK = timedelta(hours=12)


def type_choices(owner, current: InteractionType | None = None):
    """The owner's usable types, plus the current one even if it has been retired since."""
    types = InteractionType.objects.for_owner(owner)
    if current is not None:
        return types.filter(Q(is_retired=False) | Q(pk=current.pk))
    return types.usable()


class ContactChoiceField(ListedChoiceField):
    """A contact picker that accepts any of the owner's contacts but lists only the LISTED most
    recently contacted ones, plus the chosen one: with 10,000 contacts a full <select> is
    megabytes of HTML and most of the page's time (bench/README.md). Links from a contact's
    page pre-select that contact, however long ago you spoke."""

    LISTED = 100

    def offer(self, contacts, chosen=None) -> None:
        """Accept any of `contacts` (scoped to the owner); list the recent ones and `chosen`."""
        recent = contacts.order_by(F("last_contacted").desc(nulls_last=True), "-id")
        shown = Q(pk__in=recent.values("pk")[: self.LISTED])
        # Not a contact's code: the form says so, and lists the recent ones.
        with contextlib.suppress(ValueError):
            if chosen:
                shown |= Q(pk__in=contacts.filter(code=uuid.UUID(str(chosen))).values("pk"))
        # Only the subqueries name the owner: the rows are then found by id, where a filter on
        # the owner here too would walk all their contacts by name.
        listed = Contact.objects.filter(shown).only("code", "name")
        self.listed = listed.order_by(Lower("name"), "id")
        self.queryset = contacts.only("code", "name")  # what the form accepts; the widget's choices

    def listed_labels(self):
        """The listed contacts as (code, name) rows: a contact's name is its str."""
        return self.listed.values_list(self.to_field_name or "pk", "name")


class QuickLogForm(StyledFormMixin, forms.Form):
    """The one-line log on the contact page: a type and a note; it happened now."""

    type = forms.ModelChoiceField(
        label="Type", queryset=InteractionType.objects.none(), to_field_name="code"
    )
    notes = forms.CharField(
        label="Note",
        required=False,
        max_length=20000,
        widget=forms.TextInput(attrs={"placeholder": "What did you talk about?"}),
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = type_choices(owner)
        self.fields["type"].empty_label = None

    def build(self, contact: Contact) -> Interaction:
        return Interaction(
            contact=contact, type=self.cleaned_data["type"], notes=self.cleaned_data["notes"]
        )


class InteractionForm(StyledFormMixin, forms.ModelForm):
    topic_names = TagNamesField(
        label="Topics covered",
        help_text="Technology tags, comma-separated (e.g. Rust, async). Used for mentoring.",
    )

    class Meta:
        model = Interaction
        fields = [
            "type",
            "occurred_at",
            "subject",
            "notes",
            "outcome",
            "follow_up_on",
            "collaboration",
            "progress_notes",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "progress_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "progress_notes": "For mentoring: how is it going, what is next?",
            "collaboration": "For code reviews and pair programming: which of your open-source "
            "projects it was about.",
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        validators.limit_date_fields(self)
        current = self.instance.type if self.instance.type_id else None
        self.fields["type"].queryset = type_choices(owner, current)
        self.fields["type"].to_field_name = "code"
        self.fields["type"].empty_label = None
        if current is not None and not self.is_bound:
            # The instance, not its pk, so the menu (keyed by code) selects the current type.
            self.initial["type"] = current
        self._offer_projects(owner)
        if self.instance.pk and not self.is_bound:
            self.initial["topic_names"] = TagNamesField.initial_for(self.instance.topics.all())
        if not self.instance.pk and not self.is_bound:
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def _offer_projects(self, owner) -> None:
        """The owner's open-source projects (and the linked one, whatever it has become since);
        without any, the form has no project field."""
        shown = Q(kind=CollaborationKind.OPEN_SOURCE)
        if current := self.instance.collaboration_id:
            shown |= Q(pk=current)
        projects = Collaboration.objects.for_owner(owner).filter(shown)
        field = self.fields["collaboration"]
        field.queryset = projects.order_by(Lower("title"), "id").only("code", "title")
        field.to_field_name = "code"
        field.empty_label = "No project"
        field.error_messages["invalid_choice"] = "Choose one of your open-source projects."
        if not field.queryset.exists():
            del self.fields["collaboration"]
        elif current and not self.is_bound:
            self.initial["collaboration"] = self.instance.collaboration

    def clean(self):
        data = super().clean()
        kind, project = data.get("type"), data.get("collaboration")
        if project is not None and kind is not None and kind.builtin_key not in PROJECT_KEYS:
            self.add_error(
                "collaboration",
                "A project is for code reviews and pair programming: choose one of those "
                "types, or “No project”.",
            )
        return data

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError(
                "That is in the future; log interactions once they happened "
                "(set a follow-up date for plans)."
            )
        return value

    def topics(self):
        return tags_for_names(self.owner, self.cleaned_data["topic_names"])


class InteractionFilterForm(QueryFilterForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Subject or notes"}),
    )
    contact = ContactChoiceField(
        label="Contact",
        required=False,
        queryset=Contact.objects.none(),
        to_field_name="code",
        empty_label="Any contact",
    )
    type = forms.ModelChoiceField(
        label="Type",
        required=False,
        queryset=InteractionType.objects.none(),
        to_field_name="code",
        empty_label="Any type",
    )
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Any outcome"), *Interaction.Outcome.choices]
    )
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    FILTERS = ("q", "contact", "type", "outcome", "start", "end")

    def __init__(self, data, *, owner) -> None:
        super().__init__(data)
        validators.limit_date_fields(self)  # the years every form accepts, as instants too
        self.fields["contact"].offer(Contact.objects.for_owner(owner), self.data.get("contact"))
        self.fields["type"].queryset = InteractionType.objects.for_owner(owner)

    def apply(self, interactions):
        if q := self.value("q"):
            interactions = interactions.search(q)
        for name in ("contact", "type", "outcome"):
            if value := self.value(name):
                interactions = interactions.filter(**{name: value})
        # Days in the user's time zone, as instants: the database compares timestamps only.
        if start := self.value("start"):
            interactions = interactions.filter(occurred_at__gte=local_midnight(start))
        if end := self.value("end"):
            interactions = interactions.filter(
                occurred_at__lt=local_midnight(end + timedelta(days=1))
            )
        return interactions.newest_first()


class InteractionTypeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = InteractionType
        fields = ["name", "is_retired"]

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def save(self, commit: bool = True) -> InteractionType:
        kind = super().save(commit)
        if kind.pk and "name" in self.changed_data:  # the search entries name the type
            ids = kind.interactions.values_list("pk", flat=True)
            search_index.put_interactions(self.owner.pk, list(ids))
        return kind

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        # for_owner, so a user's first type is checked against the built-ins it is about to join.
        clash = InteractionType.objects.for_owner(self.owner).filter(name_key=fold(name))
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have a type with that name.")
        return name


class TypeOptions(list):
    """The owner's usable types, with their <option> elements drawn once: a page of reminders or
    contacts has one type menu per row."""

    @cached_property
    def options(self) -> SafeString:
        return format_html_join(
            "", '<option value="{}">{}</option>', ((t.code, t.name) for t in self)
        )


def type_options(owner) -> TypeOptions:
    return TypeOptions(type_choices(owner))
