from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opportunities.models import (
    Compensation,
    Opportunity,
    Participant,
    RecruiterNotes,
    StageChange,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["contact"]
    readonly_fields = ["code"]


class CompensationInline(admin.TabularInline):
    model = Compensation
    extra = 0


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_at"]
    can_delete = False


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin):
    list_display = ["role_title", "company", "owner", "status", "priority", "next_action_on"]
    list_filter = ["status", "priority", "source", "workplace"]
    search_fields = ["company", "role_title", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "status_changed_at", "created_at", "updated_at"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["interactions", "shared_resources"]
    inlines = [ParticipantInline, CompensationInline, StageChangeInline]


@admin.register(RecruiterNotes)
class RecruiterNotesAdmin(admin.ModelAdmin):
    list_display = ["contact", "specialties"]
    search_fields = ["contact__name", "specialties", "contact__owner__username"]
    list_select_related = ["contact"]
    raw_id_fields = ["contact"]
