from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import (
    FreelanceSettings,
    Member,
    Milestone,
    Payment,
    Project,
    StageChange,
    TimeEntry,
)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    raw_id_fields = ["contact"]
    readonly_fields = ["code"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    readonly_fields = ["code", "delivered_on"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "changed_at"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "client", "owner", "stage", "pricing", "rate", "currency"]
    list_filter = ["stage", "pricing"]
    search_fields = ["title", "client", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "stage_changed_at", "created_at", "updated_at"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["technologies", "interactions"]
    inlines = [MemberInline, MilestoneInline, StageChangeInline]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "due_on", "status", "invoiced_on", "paid_on"]
    list_filter = ["status"]
    search_fields = ["invoice_number", "description", "project__title", "project__owner__username"]
    list_select_related = ["project"]
    readonly_fields = ["code", "created_at"]
    raw_id_fields = ["project", "milestone"]


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ["worked_on", "hours", "project", "billable", "payment"]
    list_filter = ["billable"]
    search_fields = ["note", "project__title", "project__owner__username"]
    list_select_related = ["project", "payment"]
    readonly_fields = ["code"]
    raw_id_fields = ["project", "payment"]


@admin.register(FreelanceSettings)
class FreelanceSettingsAdmin(admin.ModelAdmin):
    list_display = ["owner", "payment_terms_days", "milestone_notice_days"]
    raw_id_fields = ["owner"]
