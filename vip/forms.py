from django import forms

from contacts import validators
from contacts.forms import TagNamesField, tags_for_names
from devhub.lib.forms import StyledFormMixin
from search import index as search_index
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

MAX_SOCIAL_LINKS = 20


def parse_social_links(text: str) -> list[dict]:
    """'Mastodon | https://…' per line (the label is optional) -> [{"label", "url"}]."""
    links = []
    for number, line in enumerate((ln.strip() for ln in text.splitlines()), start=1):
        if not line:
            continue
        label, _, url = line.rpartition("|") if "|" in line else ("", "", line)
        label, url = label.strip()[:60], url.strip()
        try:
            validators.http_url(url)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                f"Line {number}: “{url[:60]}” is not a web address starting with http(s)://."
            ) from exc
        links.append({"label": label, "url": url})
    if len(links) > MAX_SOCIAL_LINKS:
        raise forms.ValidationError(f"At most {MAX_SOCIAL_LINKS} links, please.")
    return links


class BackgroundForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Background
        fields = ["family", "company", "likes_dislikes", "misc_notes"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class ContactInfoForm(StyledFormMixin, forms.ModelForm):
    links_text = forms.CharField(
        label="Social links",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, optionally labelled: Mastodon | https://hachyderm.io/@ada",
    )

    class Meta:
        model = ContactInfo
        fields = ["preferred_channel", "email", "phone"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["links_text"] = "\n".join(
                f"{link['label']} | {link['url']}" if link.get("label") else link["url"]
                for link in self.instance.social_links or []
            )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        validators.validate_phone(phone)
        return phone

    def clean_links_text(self) -> list[dict]:
        return parse_social_links(self.cleaned_data["links_text"])

    def save(self, commit: bool = True) -> ContactInfo:
        self.instance.social_links = self.cleaned_data["links_text"]
        return super().save(commit)


class DeveloperProfileForm(StyledFormMixin, forms.ModelForm):
    stack_names = TagNamesField(
        label="Current tech stack", help_text="Technology tags, comma-separated."
    )

    class Meta:
        model = DeveloperProfile
        fields = ["technical_skills", "communication_notes"]
        widgets = {
            "technical_skills": forms.Textarea(attrs={"rows": 3}),
            "communication_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["stack_names"] = TagNamesField.initial_for(self.instance.tech_stack.all())

    def save(self, commit: bool = True) -> DeveloperProfile:
        profile = super().save()
        owner = profile.contact.owner
        profile.tech_stack.set(tags_for_names(owner, self.cleaned_data["stack_names"]))
        search_index.put_contacts(owner, [profile.contact_id])
        return profile


class ProjectForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectCollaboration
        fields = ["title", "what_we_did", "started_on", "ended_on", "link"]
        widgets = {
            "what_we_did": forms.Textarea(attrs={"rows": 3}),
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        validators.limit_date_fields(self)

    def clean_link(self) -> str:
        link = self.cleaned_data["link"]
        if link:
            validators.http_url(link)
        return link

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "The end cannot be before the start.")
        return data


# key in URLs -> (model, form, heading)
SECTIONS = {
    "background": (Background, BackgroundForm, "Background"),
    "contact-info": (ContactInfo, ContactInfoForm, "Contact info"),
    "developer": (DeveloperProfile, DeveloperProfileForm, "Developer profile"),
}
