from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor.models import Passkey, RecoveryCode


class ReadOnlyAdmin(admin.ModelAdmin):
    """Device data is looked at, never typed in: users add and remove their own factors."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Passkey)
class PasskeyAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "created_at", "last_used_at", "sign_count")
    search_fields = ("name", "owner__username")
    exclude = ("credential_id", "public_key")
    list_select_related = ("owner",)


@admin.register(RecoveryCode)
class RecoveryCodeAdmin(ReadOnlyAdmin):
    list_display = ("owner", "created_at", "used_at")
    search_fields = ("owner__username",)
    exclude = ("digest",)
    list_select_related = ("owner",)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(ReadOnlyAdmin):
    """django-otp's own admin shows the secret and its QR code; this one shows neither."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_select_related = ("user",)
