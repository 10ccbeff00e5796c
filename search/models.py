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
    # Found through the unique constraint below, which starts with the contact and also answers
    # which entries a contact has without reading them.
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="search_entries", db_index=False
    )
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


class VectorBlock(models.Model):
    """What a contact's embedded entries mean: their vectors, packed in blocks of up to
    search.meaning.BLOCK entries, numbered from 0.

    Kept by search.meaning whenever search.index writes the contact's entries, in the same
    transaction. Packed rather than a row per entry, so a scan over an owner's 100,000
    interactions reads about 10,000 rows rather than 100,000 (the rows, more than the bytes,
    are what it pays for); in blocks, so logging one more interaction with someone you have
    talked to a thousand times rewrites the last block (8 KB at most) rather than all their vectors.
    Entry vectors are unit vectors scaled to int8: 256 bytes each, a quarter of float32, for a
    cosine that moves by well under 0.01."""

    # Both found through the indexes below.
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+", db_index=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    block = models.PositiveIntegerField()
    # Entry ids (little-endian int64), their kinds (one byte each, see search.meaning.KINDS)
    # and vectors (int8, DIMENSIONS each), in the same order.
    entries = models.BinaryField()
    kinds = models.BinaryField()
    vectors = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "block"], name="search_block_contact")
        ]
        # A scan reads an owner's blocks in contact order, from the index, without a sort.
        indexes = [
            models.Index(fields=["owner", "contact", "block"], name="search_block_owner_contact")
        ]

    def __str__(self) -> str:
        return f"vectors {self.block} of contact {self.contact_id}"


class ContactSketch(models.Model):
    """A contact's mean vector (profile and history together) in int8 (256 bytes), in rows this
    small so that "similar people" compares one contact with all the owner's others without
    reading their entry vectors."""

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mean = models.BinaryField()

    def __str__(self) -> str:
        return f"mean vector of contact {self.contact_id}"
