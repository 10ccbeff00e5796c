from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import FailedLogins, Invite, KnownAddress, User


@admin.register(User)
class DevHubUserAdmin(UserAdmin):
    list_display = [
        "username",
        "display_name",
        "email",
        "is_staff",
        "is_active",
        "date_joined",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Profile", {"fields": ["display_name", "first_name", "last_name", "email"]}),
        *UserAdmin.fieldsets[2:],
    ]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "created_at", "expires_at", "used_at", "revoked_at"]
    list_select_related = ["owner"]
    search_fields = ["note", "owner__username"]
    readonly_fields = ["owner", "created_at", "used_at"]


@admin.register(FailedLogins)
class FailedLoginsAdmin(admin.ModelAdmin):
    """Deleting a row lifts an account's pause (the per-username limit) at once."""

    list_display = ["username", "count", "last_failure_at", "paused_until", "owner_warned_at"]
    search_fields = ["username"]
    readonly_fields = ["username", "count", "last_failure_at", "paused_until", "owner_warned_at"]


@admin.register(KnownAddress)
class KnownAddressAdmin(admin.ModelAdmin):
    list_display = ["address", "username", "last_seen_at"]
    search_fields = ["username", "address"]
