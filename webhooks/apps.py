from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"

    def ready(self) -> None:
        from contacts import hooks
        from webhooks import services

        # contact.created and contact.updated, from the contacts services' own writes.
        hooks.register(
            hooks.Listener(
                contacts=services.contacts_changed,
                tags=services.tags_changing,
                created=services.contacts_created,
            )
        )
