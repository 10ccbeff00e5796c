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


class ContactVectors(models.Model):
    """What a contact's embedded entries mean: their vectors, packed in one row per contact.

    Kept by search.meaning whenever search.index writes the contact's entries, in the same
    transaction. Entry vectors are unit vectors scaled to int8 (256 bytes each, a quarter of
    float32; cosine moves by well under 0.01); the contact's mean vector, for similar people,
    stays float32 (1 KB). A scan reads ContactSketch instead; this row is read for the few
    contacts a scan found, to score them exactly."""

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Entry ids (little-endian int64), their kinds (one byte each, see search.meaning.KINDS)
    # and vectors (int8, DIMENSIONS each), in the same order.
    entries = models.BinaryField()
    kinds = models.BinaryField()
    vectors = models.BinaryField()
    mean = models.BinaryField()

    def __str__(self) -> str:
        return f"vectors of contact {self.contact_id}"


class ContactSketch(models.Model):
    """A small copy of a contact's vectors for scanning all of an owner's at once: one bit per
    dimension (its sign, about the model's mean) and the mean vector in int8. A scan's cost is
    the pages it reads; at 100,000 interactions these rows are 4 MB where the vectors are 28."""

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kinds = models.BinaryField()  # as ContactVectors.kinds
    signs = models.BinaryField()  # DIMENSIONS / 8 bytes per vector
    mean = models.BinaryField()  # int8

    def __str__(self) -> str:
        return f"sketch of contact {self.contact_id}"
