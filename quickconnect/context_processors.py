from quickconnect.models import Notification


def notifications(request) -> dict:
    """The unread count for the bell in the navigation (one small query per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.for_owner(user).unread().count()}
