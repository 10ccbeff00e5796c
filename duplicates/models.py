from django.conf import settings
from django.db import models
from django.db.models import F, Q

from contacts.models import Contact


class DismissedPairQuerySet(models.QuerySet):
    def for_owner(self, user) -> "DismissedPairQuerySet":
        return self.filter(owner=user)

    def id_pairs(self) -> set[tuple[int, int]]:
        return set(self.values_list("first_id", "second_id"))


class DismissedPair(models.Model):
    """Two contacts the owner said are different people: no longer offered as a possible duplicate.

    Stored once per pair, the smaller contact id first (see `dismiss`).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissed_pairs"
    )
    first = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DismissedPairQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="dismissed_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="dismissed_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} is not {self.second}"


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def dismiss(owner, a: Contact, b: Contact) -> None:
    """Idempotent: dismissing the same pair twice (two tabs) keeps one row."""
    first, second = ordered(a.pk, b.pk)
    DismissedPair.objects.get_or_create(owner=owner, first_id=first, second_id=second)
