from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from api.endpoints import owner
from api.schemas import ERRORS, MeOut
from contacts.models import Contact
from reminders.models import Reminder

router = Router()


@router.get("", response={200: MeOut, **ERRORS})
def me(request: HttpRequest):
    """Who the token acts for, and how their network stands."""
    user = owner(request)
    today = timezone.localdate()
    counts = (
        Contact.objects.for_owner(user)
        .values("is_archived", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = dict.fromkeys(Contact.Status.values, 0)
    archived = 0
    for row in counts:
        if row["is_archived"]:
            archived += row["n"]
        else:
            by_status[row["status"]] += row["n"]
    token = getattr(request, "api_token", None)
    return {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "time_zone": user.time_zone,
        "contacts": sum(by_status.values()),
        "archived_contacts": archived,
        "contacts_by_status": by_status,
        "needs_attention": Contact.objects.for_owner(user).needs_attention(today).count(),
        "reminders_due": Reminder.objects.for_owner(user)
        .open()
        .filter(effective_due__lte=today)
        .count(),
        "token_scope": token.scope if token else None,
    }
