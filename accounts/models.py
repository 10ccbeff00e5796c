import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

FOLLOW_UP_DAYS = [MinValueValidator(1), MaxValueValidator(3650)]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("Choose a time zone from the list, e.g. Europe/Berlin.") from exc


def default_time_zone() -> str:
    return settings.TIME_ZONE


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """The project's own user model, carrying the per-user preferences the reminders use."""

    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )
    # Default follow-up frequencies (days) when a contact has none of its own.
    vip_follow_up_days = models.PositiveSmallIntegerField(
        "VIP contacts", default=14, validators=FOLLOW_UP_DAYS
    )
    high_follow_up_days = models.PositiveSmallIntegerField(
        "high importance", default=30, validators=FOLLOW_UP_DAYS
    )
    medium_follow_up_days = models.PositiveSmallIntegerField(
        "medium importance", default=90, validators=FOLLOW_UP_DAYS
    )
    low_follow_up_days = models.PositiveSmallIntegerField(
        "low importance", default=180, validators=FOLLOW_UP_DAYS
    )
    digest_enabled = models.BooleanField(
        "daily digest e-mail",
        default=False,
        help_text="One e-mail a day with due reminders and contacts who need attention.",
    )
    quick_connect_emails = models.BooleanField(
        "e-mail me when someone adds themselves via Quick Connect", default=False
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)
