from django.contrib import admin

from suggestions.models import Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["contact", "owner", "kind", "score", "dismissed_at"]
    list_filter = ["kind"]
    search_fields = ["quote", "contact__name", "owner__username"]
    list_select_related = ["contact", "owner"]
    readonly_fields = ["code", "created_at"]
    raw_id_fields = [
        "owner",
        "contact",
        "interaction",
        "reminder",
        "resource",
        "project",
        "collaboration",
        "tag",
    ]
