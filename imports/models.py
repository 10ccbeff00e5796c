import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404

from contacts.models import Contact
from imports import parsers


class ImportBatchQuerySet(models.QuerySet):
    def for_owner(self, user) -> "ImportBatchQuerySet":
        return self.filter(owner=user)


class ImportBatch(models.Model):
    """One uploaded file on its way in: mapped, previewed, confirmed, processed in chunks."""

    class Format(models.TextChoices):
        LINKEDIN = parsers.LINKEDIN, "LinkedIn connections"
        CSV = parsers.GENERIC_CSV, "CSV"
        VCARD = parsers.VCARD, "vCard"

    class Status(models.TextChoices):
        MAPPING = "mapping", "Choosing columns"
        READY = "ready", "Waiting for confirmation"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        UNDOING = "undoing", "Undoing"
        UNDONE = "undone", "Undone"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=10, choices=Format)
    # The decoded file, kept until the import finishes so the column mapping can change.
    content = models.TextField(blank=True)
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.MAPPING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    undone_count = models.PositiveIntegerField(default=0)
    # Claim-once lock so two tabs never process the same chunk; expires if a request dies.
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display().lower()})"

    @property
    def is_working(self) -> bool:
        """Importing or undoing: the progress page drives the chunks."""
        return self.status in (self.Status.RUNNING, self.Status.UNDOING)

    @property
    def progress(self) -> tuple[int, int]:
        if self.status == self.Status.UNDOING:
            return self.undone_count, self.created_count
        return self.processed_rows, self.total_rows

    @property
    def percent_done(self) -> int:
        done, total = self.progress
        return done * 100 // total if total else 100

    @property
    def can_undo(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.DONE) and self.created_count > 0

    @property
    def can_discard(self) -> bool:
        return not self.is_working

    def planned_counts(self) -> dict[str, int]:
        """The preview's figures: rows per planned outcome, and merges of an earlier row."""
        counts = dict.fromkeys(ImportRow.Outcome.values, 0)
        outcomes = self.rows.order_by().values_list("outcome").annotate(models.Count("id"))
        counts.update(outcomes)
        counts["in_file"] = self.rows.filter(duplicate_of_row__isnull=False).count()
        return counts


class ImportRow(models.Model):
    """One record of the file: what it holds, what is wrong with it, and what became of it."""

    class Outcome(models.TextChoices):
        CREATE = "create", "New contact"
        MERGE = "merge", "Merge into existing"
        SKIP = "skip", "Skip"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField()
    # Cleaned field values as JSON (dates as ISO strings, tags as a list).
    data = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    outcome = models.CharField(max_length=10, choices=Outcome)
    reason = models.CharField(max_length=500, blank=True)
    # In the preview: the existing contact this row matches, or the earlier row of the file.
    matched_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of_row = models.PositiveIntegerField(null=True, blank=True)
    processed = models.BooleanField(default=False)
    # After processing: the contact created or filled in.
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["batch", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="import_row_number_unique")
        ]
        indexes = [models.Index(fields=["batch", "processed", "number"], name="import_row_todo")]

    def __str__(self) -> str:
        return f"Row {self.number}: {self.data.get('name', '')}"

    @property
    def outcome_badge_class(self) -> str:
        return {
            self.Outcome.CREATE: "badge-success",
            self.Outcome.MERGE: "badge-info",
            self.Outcome.SKIP: "badge-warning",
        }.get(self.outcome, "badge-neutral")


def get_batch_for_user(user, code) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.for_owner(user), code=code)
