"""What Django, django-axes and the admin announce, written to the security log."""

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from security import services
from security.models import Event

ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


@receiver(user_logged_in, dispatch_uid="security_logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        services.logged_in(request, user)


@receiver(user_logged_out, dispatch_uid="security_logged_out")
def _logged_out(sender, request, user, **kwargs) -> None:
    if request is not None:
        services.logged_out(request, user)


@receiver(user_login_failed, dispatch_uid="security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")[:150]
    services.record(_account(username), Event.Kind.LOGIN_FAILED, request, username=username)


@receiver(user_locked_out, dispatch_uid="security_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    username = str(username or "")[:150]
    services.record(_account(username), Event.Kind.LOCKED_OUT, request, username=username)


@receiver(post_save, sender=LogEntry, dispatch_uid="security_admin_action")
def _admin_action(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created:
        return
    model = ""
    if instance.content_type_id:
        model = ContentType.objects.get_for_id(instance.content_type_id).name
    services.record(
        instance.user,
        Event.Kind.ADMIN_ACTION,
        action=ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
        model=model,
        object=instance.object_repr,
    )


def _account(username: str):
    """The account a log-in attempt named, so its owner sees the attempt (None if no such)."""
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()
