from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from interactions import services
from interactions.models import Interaction, InteractionType


@admin.register(InteractionType)
class InteractionTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "builtin_key", "position", "is_retired"]
    list_filter = ["is_retired", "builtin_key"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["code", "builtin_key"]
    raw_id_fields = ["owner"]


@admin.register(Interaction)
class InteractionAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_at", "contact", "owner", "type", "outcome", "follow_up_on"]
    list_filter = ["outcome", "type__builtin_key"]
    search_fields = ["subject", "notes", "contact__name", "owner__username"]
    list_select_related = ["contact", "owner", "type"]
    # The owner follows the contact (services.save_interaction); shown, never chosen.
    readonly_fields = ["code", "owner", "created_at", "updated_at"]
    raw_id_fields = ["contact", "type", "collaboration"]
    filter_horizontal = ["topics"]
    date_hierarchy = "occurred_at"

    # Admin edits keep last_contacted true, like every other write.
    def save_model(self, request, obj, form, change):
        services.save_interaction(obj)

    def delete_model(self, request, obj):
        services.delete_interaction(obj)

    def delete_queryset(self, request, queryset):
        for interaction in queryset:
            services.delete_interaction(interaction)
