from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "interactions"

    def ready(self) -> None:
        from contacts import merging
        from interactions import merge

        merging.register(
            merge.merge_contacts,
            relations=["interactions.Interaction.contact"],
            counts={"interactions": ["interactions.Interaction.contact"]},
        )
