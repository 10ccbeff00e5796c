from django.apps import AppConfig
from django.core import checks


class PushConfig(AppConfig):
    name = "push"
    verbose_name = "Push reminders"

    def ready(self) -> None:
        checks.register(check_vapid_settings, "push")


def check_vapid_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Bad VAPID_* settings stop `manage.py check`, `migrate` and the server at start, instead
    of breaking the settings page later."""
    from django.core.exceptions import ImproperlyConfigured

    from push import vapid

    try:
        vapid.configured_keys()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="push.E001")]
    return []
