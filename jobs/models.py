import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404


class JobQuerySet(models.QuerySet):
    def for_owner(self, user) -> "JobQuerySet":
        return self.filter(owner=user)

    def working(self) -> "JobQuerySet":
        return self.filter(status__in=WORKING)


class Job(models.Model):
    """One long change, split into items of work; each item is done in its own short transaction
    (jobs/services.py), by the page that shows the progress or by `manage.py run_jobs`."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Preparing"
        RUNNING = "running", "Running"
        UNDOING = "undoing", "Undoing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # The outcome shown to the user: what was done, or what went wrong.
    message = models.TextField(blank=True)
    next_url = models.CharField(max_length=300, blank=True)
    # Held by the request or command working on the job; lapses if that process dies.
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="job_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_working(self) -> bool:
        return self.status in WORKING

    @property
    def percent_done(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 100


WORKING = (Job.Status.RUNNING, Job.Status.UNDOING)


class JobItem(models.Model):
    """One piece of a job's work (e.g. 250 contacts to delete), done in one transaction and then
    deleted, so a job interrupted at any point continues where it stopped."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    size = models.PositiveIntegerField(default=1)  # units of progress it accounts for
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="job_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.position}"


def get_job_for_user(user, code) -> Job:
    return get_object_or_404(Job.objects.for_owner(user), code=code)
