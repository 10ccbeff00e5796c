import datetime as dt
from decimal import Decimal

from django import forms

from contacts import validators
from contacts.models import Contact, Tag
from devhub.lib.fields import fold
from devhub.lib.forms import (
    Checkboxes,
    ListedChoiceField,
    QueryFilterForm,
    StyledFormMixin,
    limit_days,
)
from interactions.forms import ContactChoiceField
from interactions.models import Interaction
from projects import services
from projects.models import (
    MAX_AMOUNT,
    FreelanceSettings,
    Member,
    Milestone,
    Payment,
    Project,
    Stage,
    TimeEntry,
)

DATE = forms.DateInput(attrs={"type": "date"})
AMOUNT_ERRORS = {
    "min_value": "Enter an amount above 0.",
    "max_value": f"Enter an amount of at most {MAX_AMOUNT:,}.",
}


def amount_field(**kwargs) -> forms.DecimalField:
    """A sum of money: more than 0, at most MAX_AMOUNT, two decimals."""
    return forms.DecimalField(
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
        **kwargs,
    )


def clean_currency_code(value: str) -> str:
    value = value.strip().upper()
    if not (len(value) == 3 and value.isalpha() and value.isascii()):
        raise forms.ValidationError("Use a three-letter currency code such as EUR or USD.")
    return value


class DatedForm(StyledFormMixin):
    """Date fields limited to the years the app accepts."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)


class ProjectForm(DatedForm, forms.ModelForm):
    technologies = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.none(),
        required=False,
        widget=Checkboxes(),
        help_text="Your technology tags.",
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "client",
            "stage",
            "technologies",
            "requirements",
            "starts_on",
            "ends_on",
            "pricing",
            "rate",
            "currency",
            "estimated_hours",
            "repository_url",
            "links",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        tags = Tag.objects.for_owner(owner).filter(kind=Tag.Kind.TECHNOLOGY).order_by("name")
        self.fields["technologies"].queryset = tags
        self.fields["rate"].error_messages.update(
            min_value="The rate cannot be negative.", max_value=AMOUNT_ERRORS["max_value"]
        )

    def clean_currency(self) -> str:
        return clean_currency_code(self.cleaned_data["currency"])

    def _save_m2m(self) -> None:
        super()._save_m2m()
        services.technologies_saved(self.instance)

    def clean_repository_url(self) -> str:
        value = self.cleaned_data["repository_url"]
        if value:
            validators.http_url(value)
        return value

    def clean_links(self) -> str:
        return validators.normalize_link_list(self.cleaned_data["links"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date cannot be before the start date.")
        return data


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)


class ProjectFilterForm(QueryFilterForm):
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices]
    )
    client = forms.CharField(label="Client", required=False, max_length=200)
    technology = forms.ModelChoiceField(
        label="Technology",
        required=False,
        queryset=Tag.objects.none(),
        to_field_name="code",
        empty_label="Any technology",
    )
    overdue = forms.BooleanField(label="Overdue", required=False)
    FILTERS = ("stage", "client", "technology", "overdue")

    def __init__(self, data, *, owner, **kwargs) -> None:
        super().__init__(data, **kwargs)
        tags = Tag.objects.for_owner(owner).filter(kind=Tag.Kind.TECHNOLOGY).order_by("name")
        self.fields["technology"].queryset = tags

    def apply(self, projects, today: dt.date):
        if stage := self.value("stage"):
            projects = projects.filter(stage=stage)
        if client := self.value("client"):
            projects = projects.filter(client_key__contains=fold(client))
        if technology := self.value("technology"):
            projects = projects.filter(technologies=technology)
        if self.value("overdue"):
            projects = projects.overdue(today)
        return projects


class MemberForm(StyledFormMixin, forms.Form):
    """A contact's role in a project: from the project's page (a contact picked) or from the
    contact's page (a project picked)."""

    id_prefix = "member"

    contact = ContactChoiceField(
        queryset=Contact.objects.none(), to_field_name="code", label="Contact"
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), to_field_name="code", label="Project"
    )
    role = forms.ChoiceField(choices=Member.Role.choices, initial=Member.Role.CLIENT)

    def __init__(self, *args, owner, project: Project | None = None, contact=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            del self.fields["project"]
            self.fields["contact"].offer(
                Contact.objects.for_owner(owner).active(), self.data.get("contact")
            )
        else:
            del self.fields["contact"]
            projects = Project.objects.for_owner(owner).still_open()
            self.fields["project"].queryset = projects.order_by("title", "id")
        self.project, self.contact = project, contact

    def clean(self):
        data = super().clean()
        project = self.project or data.get("project")
        contact = self.contact or data.get("contact")
        if Member.objects.filter(project=project, contact=contact, role=data.get("role")).exists():
            raise forms.ValidationError("That person already has this role here.")
        return data

    def save(self) -> Member:
        data = self.cleaned_data
        return services.add_member(
            self.project or data["project"], self.contact or data["contact"], data["role"]
        )


class InteractionChoiceField(ListedChoiceField):
    def listed_labels(self):
        """The listed interactions, from the plain rows `listed` holds (read once: the page asks
        whether there are any before it draws them), as "4 Dec 2026, Ada: subject (or type)"."""
        for code, occurred_at, name, subject, kind in self.listed:
            yield code, f"{occurred_at:%-d %b %Y}, {name}: {subject or kind}"


class InteractionLinkForm(forms.Form):
    """An interaction with one of the project's people, to link to (or unlink from) it."""

    LISTED = 30

    interaction = InteractionChoiceField(
        queryset=Interaction.objects.none(),
        to_field_name="code",
        label="Interaction",
        help_text="The most recent ones with this project's people.",
    )

    def __init__(self, *args, project: Project, linked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if linked:
            choices = project.interactions.all()
        else:
            choices = project.people_interactions().exclude(projects=project)
        field = self.fields["interaction"]
        row = ("code", "occurred_at", "contact__name", "subject", "type__name")
        field.listed = choices.values_list(*row)[: self.LISTED]
        field.queryset = choices  # what the form accepts; set last, it draws the listed ones
        field.widget.attrs["class"] = "select select-sm w-full"


class MilestoneForm(DatedForm, forms.ModelForm):
    id_prefix = "milestone"

    amount = amount_field(required=False)
    position = forms.IntegerField(
        label="Order", min_value=0, max_value=10000, initial=0, help_text="Lower comes first."
    )

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "amount", "status", "position"]
        widgets = {"due_on": DATE}


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Milestone.Status.choices)


class PaymentForm(DatedForm, forms.ModelForm):
    id_prefix = "payment"

    amount = amount_field()
    milestone = forms.ModelChoiceField(
        queryset=Milestone.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="None",
        help_text="The milestone this payment is for, if any.",
    )

    class Meta:
        model = Payment
        fields = ["amount", "currency", "due_on", "milestone", "description"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.all()
        if not self.instance.pk:
            self.initial.setdefault("currency", project.currency)

    def clean_currency(self) -> str:
        return clean_currency_code(self.cleaned_data["currency"])


class InvoiceForm(DatedForm, forms.Form):
    """Marks a payment invoiced; the due date defaults to the owner's payment terms."""

    invoice_number = forms.CharField(max_length=50)
    invoiced_on = forms.DateField(label="Invoiced on", widget=DATE)
    due_on = forms.DateField(
        label="Due date", widget=DATE, required=False, help_text="Empty: your payment terms."
    )

    def __init__(self, *args, payment: Payment, settings: FreelanceSettings, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = dt.timedelta(days=settings.payment_terms_days)
        self.initial.setdefault("invoice_number", payment.invoice_number)
        self.initial.setdefault("invoiced_on", payment.invoiced_on or today)
        self.initial.setdefault("due_on", payment.due_on if payment.invoiced_on else None)

    def clean(self):
        data = super().clean()
        invoiced, due = data.get("invoiced_on"), data.get("due_on")
        if invoiced and not due and "due_on" not in self.errors:
            data["due_on"] = invoiced + self.terms
        elif invoiced and due and due < invoiced:
            self.add_error("due_on", "The due date cannot be before the invoice date.")
        return data


class PaidForm(DatedForm, forms.Form):
    id_prefix = "paid"

    paid_on = forms.DateField(label="Paid on", widget=DATE)


class TimeEntryForm(DatedForm, forms.ModelForm):
    id_prefix = "time"

    class Meta:
        model = TimeEntry
        fields = ["worked_on", "hours", "note", "billable"]
        widgets = {"worked_on": DATE}
        error_messages = {
            "hours": {
                "min_value": "Log at least 0.25 hours.",
                "max_value": "A day has at most 24 hours.",
            }
        }

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["hours"].widget.attrs.update(step="0.25", min="0.25", max="24")

    def clean(self):
        data = super().clean()
        if not self.project.bills_time:
            raise forms.ValidationError("Only hourly and daily projects log time.")
        return data


class BillTimeForm(DatedForm, forms.Form):
    """Unbilled entries of the project turned into one payment (services.bill_time)."""

    id_prefix = "bill"

    entries = forms.ModelMultipleChoiceField(
        queryset=TimeEntry.objects.none(),
        to_field_name="code",
        widget=Checkboxes(),
        error_messages={"required": "Choose the time to bill."},
    )
    due_on = forms.DateField(label="Payment due", widget=DATE)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["entries"].queryset = services.unbilled(project)

    def clean(self):
        data = super().clean()
        if not self.project.bills_time:
            raise forms.ValidationError("Only hourly and daily projects bill time.")
        if not self.project.rate:
            raise forms.ValidationError("Set the project's rate first.")
        return data


class FreelanceSettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FreelanceSettings
        fields = ["invoice_details", "payment_terms_days", "milestone_notice_days"]
        widgets = {"invoice_details": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_days(self.fields["payment_terms_days"], 0, 365)
        limit_days(self.fields["milestone_notice_days"], 0, 60)
