from django.apps import AppConfig


class QuickConnectConfig(AppConfig):
    name = "quickconnect"

    def ready(self) -> None:
        from contacts import merging
        from quickconnect import merge

        merging.register(
            merge.merge_contacts,
            relations=["quickconnect.Submission.contact", "quickconnect.Notification.contact"],
            counts={"Quick Connect submissions": ["quickconnect.Submission.contact"]},
        )
