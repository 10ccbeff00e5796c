from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User
from contacts import services
from contacts.models import Contact, Event, Tag
from devhub.lib.forms import PersonNameField


def owner_tags_of_edited_contact(request):
    """On a contact's change page, only its owner's tags make sense as choices (else None)."""
    object_id = request.resolver_match.kwargs.get("object_id")
    if not object_id:
        return None
    owner_id = Contact.objects.filter(pk=object_id).values("owner_id")
    return Tag.objects.filter(owner_id__in=owner_id)


def update_selected(queryset, **changes) -> None:
    """An admin action's change to contacts of any owners, each owner's through the service."""
    for owner in User.objects.filter(contacts__in=queryset).distinct():
        services.update_many(owner, queryset, **changes)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "colour", "owner", "created_at"]
    list_filter = ["kind", "colour"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "created_at"]
    autocomplete_fields = ["owner"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "owner",
        "company",
        "status_badge",
        "importance",
        "is_vip",
        "last_contacted",
        "is_archived",
    ]
    list_filter = ["status", "importance", "is_vip", "is_archived", "relationship", "source"]
    search_fields = ["name", "email", "company", "github_username", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = [
        "code",
        "added_on",
        "check_in_on",
        "reconnect_on",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["owner", "code", "name", "email", "phone", "company", "job_title"]}),
        (
            "Relationship",
            {
                "fields": [
                    "relationship",
                    "status",
                    "importance",
                    "follow_up_days",
                    "last_contacted",
                    "check_in_on",
                    "reconnect_on",
                    "snoozed_until",
                    "is_vip",
                    "is_archived",
                ]
            },
        ),
        ("How we met", {"fields": ["source", "source_detail", "industry", "location", "birthday"]}),
        (
            "Profiles",
            {
                "fields": [
                    "github_username",
                    "gitlab_username",
                    "linkedin_url",
                    "website_url",
                    "other_links",
                ]
            },
        ),
        (
            "Notes and tags",
            {"fields": ["notes", "tags", "added_on", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["admin_extra/status.css"]}

    @admin.display(description="status", ordering="status")
    def status_badge(self, contact: Contact):
        return format_html(
            '<span class="status-badge status-{}">{}</span>',
            contact.status,
            contact.get_status_display(),
        )

    def save_model(self, request, obj, form, change) -> None:
        # The status and due dates follow the rules, as for every other write.
        services.save_contact(obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "name":
            kwargs["form_class"] = PersonNameField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "tags" and (tags := owner_tags_of_edited_contact(request)) is not None:
            kwargs["queryset"] = tags
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "location", "starts_on", "ends_on"]
    search_fields = ["name", "location", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "created_at"]
    raw_id_fields = ["owner"]
