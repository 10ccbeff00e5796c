from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Invite, User


@admin.register(User)
class DevHubUserAdmin(UserAdmin):
    list_display = ["username", "email", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "email"]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "created_at", "expires_at", "used_at", "revoked_at"]
    list_select_related = ["owner"]
    search_fields = ["note", "owner__username"]
    readonly_fields = ["owner", "created_at", "used_at"]
