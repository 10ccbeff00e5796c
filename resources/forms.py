from urllib.parse import urlsplit, urlunsplit

from django import forms

from contacts import validators
from contacts.forms import TagNamesField, tags_for_names
from contacts.models import Contact
from devhub.lib.forms import QueryFilterForm, StyledFormMixin
from resources.models import SharedResource
from search import index as search_index


def comparable_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no trailing slash: one link, one spelling."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


class SharedResourceForm(StyledFormMixin, forms.ModelForm):
    tag_names = TagNamesField(label="Tags", help_text="Comma-separated.")
    share_again = forms.BooleanField(
        label="Yes, share it again", required=False, widget=forms.CheckboxInput
    )

    class Meta:
        model = SharedResource
        fields = ["title", "url", "kind", "direction", "shared_on", "notes"]
        widgets = {
            "shared_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, contact: Contact, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact
        validators.limit_date_fields(self)
        self.duplicate: SharedResource | None = None
        if self.instance.pk and not self.is_bound:
            self.initial["tag_names"] = TagNamesField.initial_for(self.instance.tags.all())

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        return comparable_url(url) if url else ""

    def clean(self):
        data = super().clean()
        url, direction = data.get("url"), data.get("direction")
        if url and direction == SharedResource.Direction.I_SHARED:
            self.duplicate = (
                SharedResource.objects.filter(
                    contact=self.contact, direction=direction, url__iexact=url
                )
                .exclude(pk=self.instance.pk)
                .first()
            )
            if self.duplicate and not data.get("share_again"):
                self.add_error(
                    "url",
                    f"You already shared this with {self.contact.name} on "
                    f"{self.duplicate.shared_on:%-d %b %Y}. "
                    "Tick “Yes, share it again” to save anyway.",
                )
        return data

    def save(self, commit: bool = True) -> SharedResource:
        resource = super().save(commit=False)
        resource.contact = self.contact
        resource.save()
        resource.tags.set(tags_for_names(self.contact.owner, self.cleaned_data["tag_names"]))
        search_index.put_resource(resource)
        return resource


class ResourceFilterForm(QueryFilterForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Title, address or tag"}),
    )
    url = forms.URLField(
        label="Who have I shared this with?",
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *SharedResource.Kind.choices]
    )
    direction = forms.ChoiceField(
        label="Direction",
        required=False,
        choices=[("", "Both ways"), *SharedResource.Direction.choices],
    )
    FILTERS = ("q", "url", "kind", "direction")

    def apply(self, resources):
        if q := self.value("q"):
            resources = resources.search(q)
        if url := self.value("url"):
            resources = resources.filter(url__iexact=comparable_url(url))
        for name in ("kind", "direction"):
            if value := self.value(name):
                resources = resources.filter(**{name: value})
        return resources
