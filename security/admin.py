from django.contrib import admin

from security import services
from security.models import Event, LoginSession


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "ip"]
    list_filter = ["kind"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LoginSession)
class LoginSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "device", "ip", "created_at", "last_seen_at"]
    search_fields = ["user__username", "ip", "device"]
    exclude = ["session_key"]  # the session itself: whoever holds it is logged in
    readonly_fields = ["user", "user_agent", "device", "ip", "created_at", "last_seen_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: LoginSession) -> None:
        services.revoke(obj)  # the browser is logged out, not only forgotten

    def delete_queryset(self, request, queryset) -> None:
        for row in queryset:
            services.revoke(row)
