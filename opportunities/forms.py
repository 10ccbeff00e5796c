from django import forms
from django.db.models import Case, F, IntegerField, Value, When

from contacts import validators
from contacts.models import Contact
from devhub.lib.fields import fold
from devhub.lib.forms import QueryFilterForm, StyledFormMixin
from interactions.forms import ContactChoiceField, QuickLogForm
from opportunities.models import Compensation, Opportunity, Participant, RecruiterNotes, Status


class OpportunityForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "company",
            "role_title",
            "job_url",
            "location",
            "workplace",
            "source",
            "salary_range",
            "currency",
            "priority",
            "status",
            "applied_on",
            "next_action",
            "next_action_on",
            "notes",
        ]
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}),
            "next_action_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)

    def clean_job_url(self) -> str:
        value = self.cleaned_data["job_url"]
        if value:
            validators.http_url(value)
        return value

    def clean_currency(self) -> str:
        value = self.cleaned_data["currency"].strip().upper()
        if value and not (len(value) == 3 and value.isalpha()):
            raise forms.ValidationError("Use a three-letter currency code such as EUR or USD.")
        return value


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class ParticipantForm(StyledFormMixin, forms.ModelForm):
    contact = ContactChoiceField(
        queryset=Contact.objects.none(), to_field_name="code", label="Contact"
    )

    class Meta:
        model = Participant
        fields = ["contact", "role"]

    def __init__(self, *args, owner, opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        self.fields["contact"].offer(
            Contact.objects.for_owner(owner).active(), self.data.get("contact")
        )

    def clean(self):
        data = super().clean()
        exists = Participant.objects.filter(
            opportunity=self.opportunity, contact=data.get("contact"), role=data.get("role")
        ).exists()
        if exists:
            raise forms.ValidationError("That person already has this role here.")
        return data

    def save(self, commit: bool = True) -> Participant:
        participant = super().save(commit=False)
        participant.opportunity = self.opportunity
        participant.save()
        return participant


class CompensationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Compensation
        fields = ["discussed_on", "amount", "who", "is_offer", "notes"]
        widgets = {
            "discussed_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)


class RecruiterNotesForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RecruiterNotes
        fields = ["specialties", "dealings"]
        widgets = {"dealings": forms.Textarea(attrs={"rows": 3})}


class DiscussionForm(QuickLogForm):
    """Log a job discussion with one of the people on this opportunity."""

    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), to_field_name="code", label="With"
    )

    def __init__(self, *args, owner, opportunity, **kwargs) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        self.fields.pop("type")
        people = Contact.objects.for_owner(owner).filter(opportunity_roles__opportunity=opportunity)
        self.fields["contact"].queryset = people.distinct()
        self.fields["contact"].widget.attrs["class"] = "select w-full"


class CvShareForm(forms.Form):
    """Whom the CV / portfolio went to: one of the people on this opportunity."""

    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), to_field_name="code")

    def __init__(self, *args, owner, opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = Contact.objects.for_owner(owner).filter(opportunity_roles__opportunity=opportunity)
        self.fields["contact"].queryset = people.distinct()


class OpportunityFilterForm(QueryFilterForm):
    SORTS = {
        "-updated": ("Recently updated", ["-updated_at"]),
        "company": ("Company", ["company", "role_title"]),
        "priority": ("Priority", ["priority_rank", "-updated_at"]),
        "next_action": (
            "Next action date",
            [F("next_action_on").asc(nulls_last=True), "-updated_at"],
        ),
        "status": ("Stage", ["stage_rank", "-updated_at"]),
    }
    status = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *Status.choices]
    )
    priority = forms.ChoiceField(
        label="Priority",
        required=False,
        choices=[("", "Any priority"), *Opportunity.Priority.choices],
    )
    company = forms.CharField(label="Company", required=False, max_length=200)
    overdue = forms.BooleanField(label="Next action overdue", required=False)
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(k, v[0]) for k, v in SORTS.items()]
    )
    FILTERS = ("status", "priority", "company", "overdue")

    def apply(self, opportunities, today):
        if status := self.value("status"):
            opportunities = opportunities.filter(status=status)
        if priority := self.value("priority"):
            opportunities = opportunities.filter(priority=priority)
        if company := self.value("company"):
            opportunities = opportunities.filter(company_key__contains=fold(company))
        if self.value("overdue"):
            opportunities = opportunities.filter(next_action_on__lt=today)
        rank = Case(
            When(priority="high", then=Value(0)),
            When(priority="medium", then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        stage_rank = Case(  # pipeline order, not the alphabetical order of the stored keys
            *[When(status=status, then=Value(index)) for index, status in enumerate(Status)],
            output_field=IntegerField(),
        )
        sort = self.value("sort") or "-updated"
        opportunities = opportunities.annotate(priority_rank=rank, stage_rank=stage_rank)
        return opportunities.order_by(*self.SORTS[sort][1])
