from django import forms

from contacts.models import Contact, Event, Tag
from devhub.lib.forms import QueryFilterForm
from network import expertise
from opportunities.models import ACTIVE, Opportunity
from projects.models import Project


class StackMapFilterForm(QueryFilterForm):
    """The stack map's query string: which kind of tag, and whose relationships."""

    kind = forms.ChoiceField(label="Tags of kind", required=False, choices=Tag.Kind.choices)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Contact.Status.choices]
    )
    event = forms.ModelChoiceField(
        label="Met at",
        required=False,
        queryset=Event.objects.none(),
        to_field_name="code",
        empty_label="Any event",
    )
    FILTERS = ("kind", "status", "event")

    def __init__(self, data, *, owner) -> None:
        super().__init__(data)
        self.fields["event"].queryset = Event.objects.for_owner(owner)

    def choices(self) -> dict:
        """The stack_map() arguments: technology tags of everyone unless asked otherwise."""
        return {
            "kind": self.value("kind") or Tag.Kind.TECHNOLOGY,
            "status": self.value("status") or "",
            "event": self.value("event"),
        }


class MatchForm(QueryFilterForm):
    """What to find people for: a need in words, one of the open projects or opportunities."""

    need = forms.CharField(
        label="Need",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Django + Postgres performance"}),
    )
    project = forms.ModelChoiceField(
        label="Project",
        required=False,
        queryset=Project.objects.none(),
        to_field_name="code",
        empty_label="No project",
    )
    opportunity = forms.ModelChoiceField(
        label="Opportunity",
        required=False,
        queryset=Opportunity.objects.none(),
        to_field_name="code",
        empty_label="No opportunity",
    )
    FILTERS = ("need", "project", "opportunity")
    RECORDS = ("project", "opportunity")

    def __init__(self, data, *, owner) -> None:
        super().__init__(data)
        self.owner = owner
        open_projects = Project.objects.for_owner(owner).still_open()
        # Only what the choices show: the one chosen reads the rest when its terms are made.
        self.fields["project"].queryset = open_projects.order_by("title", "id").only(
            "code", "title", "client"
        )
        self.fields["opportunity"].queryset = (
            Opportunity.objects.for_owner(owner)
            .filter(status__in=ACTIVE)
            .order_by("company", "role_title", "id")
            .only("code", "company", "role_title")
        )

    def names_a_missing_record(self) -> bool:
        """A project or opportunity was asked for that is not one of the user's open ones (the
        page is then not found, rather than matching something else)."""
        self.is_valid()
        return any(self.data.get(name) and name in self.errors for name in self.RECORDS)

    def terms(self) -> list[str]:
        """The need's terms: the project's technologies (or its title and requirements), the
        opportunity's technologies named in its role and notes, and the words typed."""
        project, opportunity = self.value("project"), self.value("opportunity")
        texts, technologies = [], []
        if project is not None:
            technologies = list(project.technologies.values_list("name", flat=True))
            if not technologies:
                texts.append(f"{project.title}, {project.requirements}")
        if opportunity is not None:
            texts.append(f"{opportunity.role_title}, {opportunity.notes}")
        texts.append(self.value("need") or "")
        return expertise.need_terms(self.owner, *texts, technologies=technologies)
