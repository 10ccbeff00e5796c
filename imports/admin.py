from django.contrib import admin

from imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "owner",
        "format",
        "status",
        "total_rows",
        "created_count",
        "merged_count",
        "skipped_count",
        "created_at",
    ]
    list_filter = ["format", "status"]
    search_fields = ["filename", "owner__username"]
    list_select_related = ["owner"]
    exclude = ["content"]
    readonly_fields = [
        "code",
        "owner",
        "filename",
        "format",
        "headers",
        "mapping",
        "status",
        "total_rows",
        "processed_rows",
        "created_count",
        "merged_count",
        "skipped_count",
        "undone_count",
        "locked_until",
        "confirmed_at",
        "finished_at",
        "undone_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")
