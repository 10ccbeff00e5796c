"""VIP sections inline on the contact admin. The contacts app stays unaware of VIPs: this module
re-registers Contact with the contacts app's own admin class plus the VIP inlines."""

from django import forms
from django.contrib import admin

from contacts.admin import ContactAdmin, owner_tags_of_edited_contact, update_selected
from contacts.models import Contact
from vip.forms import parse_social_links
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration


class BackgroundInline(admin.StackedInline):
    model = Background
    extra = 0
    max_num = 1


class ContactInfoAdminForm(forms.ModelForm):
    class Meta:
        model = ContactInfo
        fields = ["preferred_channel", "email", "phone", "social_links"]

    def clean_social_links(self) -> list[dict]:
        """The app's rules for links (http(s) only, at most 20); an emptied box means no links
        (the column is NOT NULL, so an empty box would otherwise be a 500)."""
        links = self.cleaned_data["social_links"] or []
        if not isinstance(links, list) or not all(
            isinstance(link, dict)
            and isinstance(link.get("url"), str)
            and isinstance(link.get("label", ""), str)
            for link in links
        ):
            raise forms.ValidationError(
                'Enter a list such as [{"label": "Blog", "url": "https://example.com/"}].'
            )
        lines = (f"{link.get('label', '')} | {link['url']}" for link in links)
        return parse_social_links("\n".join(lines))


class ContactInfoInline(admin.StackedInline):
    model = ContactInfo
    form = ContactInfoAdminForm
    extra = 0
    max_num = 1


class DeveloperProfileInline(admin.StackedInline):
    model = DeveloperProfile
    extra = 0
    max_num = 1
    filter_horizontal = ["tech_stack"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "tech_stack":
            tags = owner_tags_of_edited_contact(request)
            if tags is not None:
                kwargs["queryset"] = tags
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ProjectInline(admin.TabularInline):
    model = ProjectCollaboration
    extra = 0
    readonly_fields = ["code"]


admin.site.unregister(Contact)


@admin.register(Contact)
class ContactWithVipAdmin(ContactAdmin):
    inlines = [BackgroundInline, ContactInfoInline, DeveloperProfileInline, ProjectInline]
    actions = ["mark_vip", "unmark_vip"]

    @admin.action(description="Mark selected contacts as VIP")
    def mark_vip(self, request, queryset) -> None:
        update_selected(queryset, is_vip=True)

    @admin.action(description="Unmark VIP (their VIP sections are kept)")
    def unmark_vip(self, request, queryset) -> None:
        update_selected(queryset, is_vip=False)
