from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self) -> None:
        from contacts import merging
        from reminders import merge, receivers, rhythm  # noqa: F401  (receivers connects the signal)

        merging.register(
            merge.merge_contacts,
            relations=["reminders.Reminder.contact"],
            counts={"reminders": ["reminders.Reminder.contact"]},
        )
        rhythm.register()
