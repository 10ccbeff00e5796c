from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self) -> None:
        from contacts import merging
        from reminders import receivers  # noqa: F401  (connects the signal receiver)
        from reminders.services import merge_contacts_reminders

        merging.register(
            merge_contacts_reminders,
            relations=["reminders.Reminder.contact"],
            counts={"reminders": ["reminders.Reminder.contact"]},
        )
