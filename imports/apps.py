from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"

    def ready(self) -> None:
        from contacts import merging
        from imports import merge

        merging.register(
            merge.merge_contacts,
            relations=["imports.ImportRow.contact", "imports.ImportRow.matched_contact"],
        )
