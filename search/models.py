from django.conf import settings
from django.db import models

from contacts.models import Contact


class Entry(models.Model):
    """One thing known about a contact, as folded text for the full-text index.

    Kept by search.index from the write paths of every app that has searchable facts; the
    database's own full-text index (SQLite FTS5 or a PostgreSQL tsvector, see search.engines)
    follows these rows."""

    class Source(models.TextChoices):
        PROFILE = "profile", "Profile"
        TAGS = "tags", "Tags"
        VIP = "vip", "VIP profile"
        INTERACTION = "interaction", "Interaction"
        RESOURCE = "resource", "Shared resource"
        PROJECT = "project", "Project"
        COLLABORATION = "collaboration", "Collaboration"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="search_entries")
    source = models.CharField(max_length=20, choices=Source)
    # The id of the row this entry is about (interaction, resource, project, collaboration,
    # tag), or a number for one of a contact's own facts.
    ref = models.BigIntegerField(default=0)
    label = models.CharField(max_length=200)
    occurred_on = models.DateField(null=True, blank=True)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "source", "ref"], name="search_entry_contact_source_ref"
            )
        ]
        indexes = [models.Index(fields=["owner", "source", "ref"], name="search_entry_owner_ref")]

    def __str__(self) -> str:
        return self.label
