from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Shared resources"

    def ready(self) -> None:
        from contacts import merging
        from resources import merge

        merging.register(
            merge.merge_contacts,
            relations=["resources.SharedResource.contact"],
            counts={"shared resources": ["resources.SharedResource.contact"]},
        )
