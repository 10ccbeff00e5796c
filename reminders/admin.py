from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reminders.models import DigestDelivery, Reminder, StatusRefreshRun


@admin.register(Reminder)
class ReminderAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "contact", "kind", "due_on", "snoozed_until", "is_open"]
    list_filter = ["kind", "is_automatic", ("completed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "notes", "contact__name", "owner__username"]
    list_select_related = ["owner", "contact"]
    readonly_fields = [
        "code",
        "interaction",
        "opportunity",
        "occasion",
        "occasion_on",
        "is_automatic",
        "created_at",
    ]
    raw_id_fields = ["owner", "contact"]
    date_hierarchy = "due_on"

    @admin.display(boolean=True, description="open")
    def is_open(self, reminder: Reminder) -> bool:
        return reminder.is_open


@admin.register(StatusRefreshRun)
class StatusRefreshRunAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "as_of", "duration", "contacts_changed", "reminders_created"]
    readonly_fields = [f.name for f in StatusRefreshRun._meta.fields]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["day", "owner", "sent_at", "reminder_count", "attention_count"]
    search_fields = ["owner__username"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
