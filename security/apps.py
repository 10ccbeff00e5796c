from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SecurityConfig(AppConfig):
    default = True
    name = "security"
    verbose_name = "Account security"

    def ready(self) -> None:
        from security import signals  # noqa: F401  (connects the receivers)


class LoggedAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that writes its bulk actions to the security log (named in
    INSTALLED_APPS in place of django.contrib.admin)."""

    default = False

    default_site = "security.admin_site.AdminSite"
