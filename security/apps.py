from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Account security"

    def ready(self) -> None:
        from security import signals  # noqa: F401  (connects the receivers)
