from django.contrib import admin

from quickconnect import services
from quickconnect.models import Notification, QuickConnectCode, Submission


@admin.register(QuickConnectCode)
class QuickConnectCodeAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "expires_at", "uses", "max_uses", "revoked_at", "created_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["event_name", "event__name", "owner__username"]
    list_select_related = ["owner", "event"]
    readonly_fields = ["code", "token", "uses", "created_at"]
    raw_id_fields = ["owner", "event"]
    filter_horizontal = ["tags"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.link_typed_event(obj)  # a typed event name becomes an event, as on the site


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "contact", "quick_code", "matched_existing"]
    list_select_related = ["contact", "quick_code__owner", "quick_code__event"]
    search_fields = ["contact__name", "quick_code__owner__username"]
    raw_id_fields = ["contact", "quick_code"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "owner__username"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
