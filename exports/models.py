from django.db import models

from jobs.models import Job


class RestoreKey(models.Model):
    """While a restore runs: the new row of a record other records refer to, by the file's key
    for it (the record's code, which the row may not keep if that code is taken here)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="restore_keys")
    label = models.CharField(max_length=100)  # the model, e.g. "contacts.Contact"
    key = models.CharField(max_length=200)
    pk_value = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "label", "key"], name="restore_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.key}"
