from django.contrib import admin

from resources.models import SharedResource


@admin.register(SharedResource)
class SharedResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "contact", "owner", "kind", "direction", "shared_on"]
    list_filter = ["kind", "direction"]
    search_fields = ["title", "url", "contact__name", "contact__owner__username"]
    list_select_related = ["contact__owner"]
    readonly_fields = ["code", "created_at"]
    raw_id_fields = ["contact"]
    filter_horizontal = ["tags"]
    date_hierarchy = "shared_on"

    @admin.display(ordering="contact__owner__username")
    def owner(self, resource: SharedResource):
        return resource.contact.owner
