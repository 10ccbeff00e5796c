import uuid

from django.db import models
from django.shortcuts import get_object_or_404

from contacts.models import Contact, Tag
from history.models import TrackedHistory


class ContactSection(models.Model):
    """One VIP section of a contact. It outlives un-marking VIP, so re-marking restores it."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.contact}"


class Background(ContactSection):
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="vip_background")
    family = models.TextField(max_length=5000, blank=True)
    company = models.TextField("company and role history", max_length=5000, blank=True)
    likes_dislikes = models.TextField("likes and dislikes", max_length=5000, blank=True)
    misc_notes = models.TextField("other notes", max_length=10000, blank=True)

    history = TrackedHistory()


class ContactInfo(ContactSection):
    class Channel(models.TextChoices):
        SIGNAL = "signal", "Signal"
        SLACK = "slack", "Slack"
        DISCORD = "discord", "Discord"
        EMAIL = "email", "E-mail"
        PHONE = "phone", "Phone"
        LINKEDIN = "linkedin", "LinkedIn"
        X = "x", "X"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        OTHER = "other", "Other"

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="vip_contact_info"
    )
    preferred_channel = models.CharField(
        "main app / preferred channel", max_length=20, choices=Channel, blank=True
    )
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("phone number", max_length=40, blank=True)
    # [{"label": "Mastodon", "url": "https://..."}, ...]
    social_links = models.JSONField(default=list, blank=True)

    history = TrackedHistory()

    class Meta:
        verbose_name = "contact info"
        verbose_name_plural = "contact info"


class DeveloperProfile(ContactSection):
    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="vip_developer_profile"
    )
    technical_skills = models.TextField(max_length=5000, blank=True)
    tech_stack = models.ManyToManyField(
        Tag, blank=True, related_name="vip_profiles", verbose_name="current tech stack"
    )
    communication_notes = models.TextField("preferred communication", max_length=5000, blank=True)

    history = TrackedHistory()


class ProjectCollaboration(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="vip_projects")
    title = models.CharField(max_length=200)
    what_we_did = models.TextField("what we did together", max_length=5000, blank=True)
    started_on = models.DateField("from", null=True, blank=True)
    ended_on = models.DateField("to", null=True, blank=True)
    link = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = TrackedHistory()

    class Meta:
        # Undated projects last on every database (PostgreSQL sorts NULL first when descending).
        ordering = [models.F("started_on").desc(nulls_last=True), "-id"]

    def __str__(self) -> str:
        return self.title


def get_project_for_user(user, code) -> ProjectCollaboration:
    """Like the other VIP sections, an un-marked VIP's projects are hidden (404) but kept."""
    projects = ProjectCollaboration.objects.filter(contact__owner=user, contact__is_vip=True)
    return get_object_or_404(projects.select_related("contact"), code=code)
