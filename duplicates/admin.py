from django.contrib import admin

from duplicates.models import DismissedPair


@admin.register(DismissedPair)
class DismissedPairAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "owner", "created_at"]
    list_select_related = ["first", "second", "owner"]
    search_fields = ["owner__username", "first__name", "second__name"]
    raw_id_fields = ["owner", "first", "second"]
    readonly_fields = ["created_at"]
