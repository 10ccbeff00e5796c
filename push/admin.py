from django.contrib import admin

from push.models import PushSubscription, ReminderPush


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["device", "owner", "created_at", "last_success_at", "last_error"]
    search_fields = ["owner__username", "device"]
    list_select_related = ["owner"]
    # The keys and endpoint are the browser's; the admin shows them, never edits them.
    readonly_fields = [
        "code",
        "owner",
        "endpoint",
        "p256dh",
        "auth",
        "created_at",
        "last_used_at",
        "last_success_at",
    ]


@admin.register(ReminderPush)
class ReminderPushAdmin(admin.ModelAdmin):
    list_display = ["reminder", "subscription", "due_on", "claimed_at", "sent_at"]
    list_select_related = ["reminder", "subscription__owner"]
    raw_id_fields = ["reminder", "subscription"]
