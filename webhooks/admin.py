from django.contrib import admin

from webhooks.models import Delivery, Hook


@admin.register(Hook)
class HookAdmin(admin.ModelAdmin):
    list_display = ["url", "owner", "is_active", "failure_streak", "disabled_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["owner__username", "url"]
    list_select_related = ["owner"]
    # The owner manages their hooks on their own page; the admin looks, never edits.
    readonly_fields = [
        "code",
        "owner",
        "url",
        "events",
        "is_active",
        "failure_streak",
        "disabled_at",
        "disabled_reason",
        "created_at",
    ]
    exclude = ["secret"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "hook", "status", "attempts", "response_code", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["hook"]
    readonly_fields = [
        "code",
        "hook",
        "event",
        "event_id",
        "payload",
        "created_at",
        "next_attempt_at",
        "attempts",
        "status",
        "response_code",
        "error",
        "delivered_at",
    ]
