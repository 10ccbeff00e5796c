from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from collaborations import schedule, services
from collaborations.models import (
    Collaboration,
    Feedback,
    Idea,
    Kind,
    Person,
    PlannedSession,
    Session,
    Stage,
)
from contacts import validators
from contacts.models import Contact, Tag
from contacts.status import local_today
from devhub.lib.forms import Checkboxes, ListedIterator, QueryFilterForm, StyledFormMixin
from interactions.forms import ContactChoiceField
from resources.models import SharedResource
from search import index as search_index

DATE = forms.DateInput(attrs={"type": "date"})
CHECKBOXES = Checkboxes()


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several contacts, listing only the recent ones (as ContactChoiceField does for one)."""

    iterator = ListedIterator
    listed = None
    LISTED = ContactChoiceField.LISTED
    listed_labels = ContactChoiceField.listed_labels
    offer = ContactChoiceField.offer


def technology_tags(owner):
    return Tag.objects.for_owner(owner).filter(kind=Tag.Kind.TECHNOLOGY).order_by("name")


class CollaborationForm(StyledFormMixin, forms.ModelForm):
    tags = forms.ModelMultipleChoiceField(
        label="Technologies",
        queryset=Tag.objects.none(),
        required=False,
        widget=CHECKBOXES,
        help_text="Your technology tags.",
    )

    class Meta:
        model = Collaboration
        fields = ["title", "kind", "stage", "target_on", "published_on", "url", "own_role"]
        fields += ["meets_on", "meets_at", "follow_up_days", "tags", "links", "notes"]
        widgets = {
            "meets_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "target_on": DATE,
            "published_on": DATE,
            "links": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)
        self.fields["tags"].queryset = technology_tags(owner)

    def clean_url(self) -> str:
        value = self.cleaned_data["url"]
        if value:
            validators.http_url(value)
        return value

    def clean_links(self) -> str:
        return validators.normalize_link_list(self.cleaned_data["links"])

    def _save_m2m(self) -> None:
        super()._save_m2m()
        search_index.put_collaboration(self.instance)  # its tags are in its search entries

    def clean(self):
        data = super().clean()
        if data.get("own_role") and data.get("kind") != Kind.OPEN_SOURCE:
            self.add_error("own_role", "Your role is for open-source projects; leave it empty.")
        self._clean_schedule(data)
        return data

    def _clean_schedule(self, data) -> None:
        day, at = data.get("meets_on"), data.get("meets_at")
        if day is None and at is None:
            return
        if data.get("kind") != Kind.STUDY_GROUP:
            self.add_error("meets_on", "A weekly schedule is for study groups; leave it empty.")
        elif day is None:
            self.add_error("meets_on", "Choose the weekday the group meets, or clear the time.")
        elif at is None:
            self.add_error("meets_at", "Give the time the group meets, or clear the weekday.")


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)


class CollaborationFilterForm(QueryFilterForm):
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *Kind.choices]
    )
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices]
    )
    tag = forms.ModelChoiceField(
        label="Technology",
        required=False,
        queryset=Tag.objects.none(),
        to_field_name="code",
        empty_label="Any technology",
    )
    person = forms.ModelChoiceField(
        label="Person",
        required=False,
        queryset=Contact.objects.none(),
        to_field_name="code",
        empty_label="Anyone",
    )
    FILTERS = ("kind", "stage", "tag", "person")

    def __init__(self, data, *, owner, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["tag"].queryset = technology_tags(owner)
        people = Contact.objects.for_owner(owner).filter(collaboration_roles__isnull=False)
        self.fields["person"].queryset = people.distinct().order_by("name", "id")

    def apply(self, collaborations):
        if kind := self.value("kind"):
            collaborations = collaborations.filter(kind=kind)
        if stage := self.value("stage"):
            collaborations = collaborations.filter(stage=stage)
        if tag := self.value("tag"):
            collaborations = collaborations.filter(tags=tag)
        if person := self.value("person"):
            collaborations = collaborations.filter(people__contact=person)
        return collaborations.distinct()


class PersonForm(StyledFormMixin, forms.Form):
    """A contact's role in a collaboration, picked on the collaboration's page."""

    id_prefix = "person"

    contact = ContactChoiceField(
        queryset=Contact.objects.none(), to_field_name="code", label="Contact"
    )
    role = forms.ChoiceField(choices=Person.Role.choices, initial=Person.Role.CO_AUTHOR)

    def __init__(self, *args, owner, collaboration: Collaboration, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].offer(
            Contact.objects.for_owner(owner).active(), self.data.get("contact")
        )
        self.collaboration = collaboration

    def clean(self):
        data = super().clean()
        taken = Person.objects.filter(
            collaboration=self.collaboration, contact=data.get("contact"), role=data.get("role")
        )
        if taken.exists():
            raise forms.ValidationError("That person already has this role here.")
        return data

    def save(self) -> Person:
        data = self.cleaned_data
        return services.add_person(self.collaboration, data["contact"], data["role"])


class IdeaForm(StyledFormMixin, forms.ModelForm):
    tags = forms.ModelMultipleChoiceField(
        label="Technologies", queryset=Tag.objects.none(), required=False, widget=CHECKBOXES
    )
    people = PeopleChoiceField(
        label="People who could join",
        queryset=Contact.objects.none(),
        to_field_name="code",
        required=False,
        help_text="Your most recent contacts; hold Ctrl or Cmd to pick several.",
    )

    class Meta:
        model = Idea
        fields = ["title", "kind", "pitch", "tags", "people"]
        widgets = {"pitch": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = technology_tags(owner)
        people = self.fields["people"]
        people.widget.attrs["size"] = 6
        people.offer(Contact.objects.for_owner(owner).active())
        if self.instance.pk:  # the people already picked stay listed, however long ago
            chosen = self.instance.people.values("pk")
            people.listed = (people.listed | people.queryset.filter(pk__in=chosen)).distinct()


class StartForm(forms.Form):
    stage = forms.ChoiceField(
        choices=[(Stage.IDEA, Stage.IDEA.label), (Stage.PLANNING, Stage.PLANNING.label)],
        initial=Stage.PLANNING,
    )


class FeedbackForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "feedback"

    contact = ContactChoiceField(
        label="From a contact",
        queryset=Contact.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="Not a contact",
    )

    class Meta:
        model = Feedback
        fields = ["received_on", "kind", "channel", "contact", "name", "text"]
        widgets = {"received_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)
        self.fields["contact"].offer(
            Contact.objects.for_owner(owner).active(), self.data.get("contact")
        )


class FeedbackFilterForm(QueryFilterForm):
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Questions and requests"), *Feedback.Kind.choices],
    )
    FILTERS = ("kind",)

    def apply(self, feedback):
        if kind := self.value("kind"):
            return feedback.filter(kind=kind)
        return feedback.filter(kind__in=Feedback.ASKED)


class ResourcesChoiceField(forms.ModelMultipleChoiceField):
    """Several of the owner's shared resources, listing only some (see SessionForm)."""

    iterator = ListedIterator
    listed = None

    def label_from_instance(self, obj: SharedResource) -> str:
        return f"{obj.title} ({obj.contact.name})"


class SessionForm(StyledFormMixin, forms.ModelForm):
    """A study-group session; who came is picked among the group's people, the resources it
    used among the owner's shared resources."""

    id_prefix = "session"
    MEMBERS_RESOURCES = 100
    RECENT_RESOURCES = 50

    attendees = forms.ModelMultipleChoiceField(
        label="Who came",
        queryset=Contact.objects.none(),
        required=False,
        to_field_name="code",
        widget=CHECKBOXES,
    )
    resources = ResourcesChoiceField(
        label="Resources",
        queryset=SharedResource.objects.none(),
        required=False,
        to_field_name="code",
        help_text="Shared with or by the group's people, then your most recent; hold Ctrl or "
        "Cmd to pick several.",
    )

    class Meta:
        model = Session
        fields = ["held_on", "topic", "notes", "attendees", "resources"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)
        group = self.instance.collaboration
        people = Contact.objects.filter(collaboration_roles__collaboration=group)
        self.fields["attendees"].queryset = people.distinct().order_by("name", "id")
        self._offer_resources(group)

    def _offer_resources(self, group: Collaboration) -> None:
        """Accept any of the owner's resources; list the group's people's, the owner's most
        recent and those already picked."""
        field = self.fields["resources"]
        field.widget.attrs["size"] = 6
        owned = SharedResource.objects.for_owner(group.owner).select_related("contact")
        newest = owned.order_by("-created_at", "-id").values("pk")
        theirs = newest.filter(contact__collaboration_roles__collaboration=group)
        shown = Q(pk__in=theirs[: self.MEMBERS_RESOURCES])
        shown |= Q(pk__in=newest[: self.RECENT_RESOURCES])
        if self.instance.pk:
            shown |= Q(pk__in=self.instance.resources.values("pk"))
        in_group = Person.objects.filter(collaboration=group, contact=OuterRef("contact"))
        field.queryset = owned
        field.listed = owned.filter(shown).order_by(~Exists(in_group), "-created_at", "-id")


class PlannedSessionForm(StyledFormMixin, forms.ModelForm):
    """A study group's one-off meeting, from now on."""

    id_prefix = "planned"

    class Meta:
        model = PlannedSession
        fields = ["on", "at", "topic"]
        widgets = {"on": DATE, "at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)

    def clean(self):
        data = super().clean()
        group = self.instance.collaboration
        on, at = data.get("on"), data.get("at")
        if on is None or at is None:
            return data
        if on < local_today(group.owner):
            self.add_error("on", "That date is in the past; plan a session from today on.")
        elif schedule.moment(on, at, group.owner.zone) < timezone.now():
            self.add_error("at", "That time has passed today; pick a later time.")
        elif group.planned_sessions.filter(on=on, at=at).exists():
            self.add_error("on", "A session is already planned then.")
        return data
