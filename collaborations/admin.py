from django.contrib import admin

from collaborations import services
from collaborations.models import (
    Collaboration,
    Feedback,
    Idea,
    Person,
    PlannedSession,
    Session,
    StageChange,
)
from search import index as search_index


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    raw_id_fields = ["contact"]
    readonly_fields = ["code"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "changed_at"]
    can_delete = False


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "stage", "target_on", "published_on"]
    list_filter = ["kind", "stage"]
    search_fields = ["title", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "stage_changed_at", "created_at", "updated_at"]
    raw_id_fields = ["owner", "idea"]
    filter_horizontal = ["tags"]
    inlines = [PersonInline, StageChangeInline]

    def save_model(self, request, obj, form, change) -> None:
        """Through the services, so a stage changed here is in the history too."""
        (services.update if change else services.save_new)(obj)

    def save_related(self, request, form, formsets, change) -> None:
        """Its tags and people are saved after it: its search entries follow them."""
        super().save_related(request, form, formsets, change)
        search_index.put_collaboration(form.instance)

    def delete_model(self, request, obj) -> None:
        services.delete(obj)

    def delete_queryset(self, request, queryset) -> None:
        for collaboration in queryset:
            services.delete(collaboration)


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "pitch", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "created_at", "updated_at"]
    raw_id_fields = ["owner", "people"]
    filter_horizontal = ["tags"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "collaboration", "kind", "received_on", "channel"]
    list_filter = ["kind"]
    search_fields = ["text", "name", "channel", "collaboration__title"]
    list_select_related = ["collaboration", "contact"]
    readonly_fields = ["code", "created_at"]
    raw_id_fields = ["collaboration", "contact"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["topic", "collaboration", "held_on"]
    search_fields = ["topic", "notes", "collaboration__title"]
    list_select_related = ["collaboration"]
    readonly_fields = ["code"]
    raw_id_fields = ["collaboration", "attendees", "resources"]

    def save_model(self, request, obj, form, change) -> None:
        """Through the services, so the group's session reminder follows."""
        services.save_session(obj)

    def save_related(self, request, form, formsets, change) -> None:
        """Who came is saved after the session here: check for missed sessions again then."""
        super().save_related(request, form, formsets, change)
        services.check_attendance(form.instance.collaboration)

    def delete_model(self, request, obj) -> None:
        services.delete_session(obj)


@admin.register(PlannedSession)
class PlannedSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "collaboration", "on", "at"]
    search_fields = ["topic", "collaboration__title"]
    list_select_related = ["collaboration"]
    readonly_fields = ["code"]
    raw_id_fields = ["collaboration"]

    def save_model(self, request, obj, form, change) -> None:
        """Through the services, so the group's session reminder follows."""
        services.add_planned_session(obj)

    def delete_model(self, request, obj) -> None:
        services.remove_planned_session(obj)
