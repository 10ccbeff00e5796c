import uuid

from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contacts.models import Contact, Tag
from devhub.lib.fields import FoldedField, FoldedKeysMixin, fold


class SharedResourceQuerySet(models.QuerySet):
    def for_owner(self, user) -> "SharedResourceQuerySet":
        return self.filter(contact__owner=user)

    def search(self, text: str) -> "SharedResourceQuerySet":
        """Every word, case-insensitively in any script: in the title or address, or a tag name."""
        qs = self
        for word in text.split():
            key = fold(word)
            qs = qs.filter(Q(search_text__contains=key) | Q(tags__name_key=key))
        return qs.distinct()


class SharedResource(FoldedKeysMixin, models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        BOOK = "book", "Book"
        COURSE = "course", "Course"
        REPO = "repo", "Repository"
        VIDEO = "video", "Video"
        TALK = "talk", "Talk"
        PORTFOLIO = "portfolio", "CV / portfolio"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        I_SHARED = "shared", "I shared"
        THEY_SHARED = "received", "They shared"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True)
    search_text = FoldedField(sources=("title", "url"))
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ARTICLE)
    direction = models.CharField(max_length=10, choices=Direction, default=Direction.I_SHARED)
    shared_on = models.DateField("date", default=timezone.localdate)
    notes = models.TextField(max_length=5000, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SharedResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_on", "-id"]
        indexes = [models.Index(fields=["contact", "url"], name="resource_contact_url")]

    def __str__(self) -> str:
        return self.title


def get_resource_for_user(user, code) -> SharedResource:
    return get_object_or_404(
        SharedResource.objects.for_owner(user).select_related("contact"), code=code
    )
