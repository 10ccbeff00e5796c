from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "duplicates"
    verbose_name = "Duplicates and merge"

    def ready(self) -> None:
        from contacts import merging
        from duplicates import merge

        merging.register(
            merge.merge_dismissed_pairs,
            relations=["duplicates.DismissedPair.first", "duplicates.DismissedPair.second"],
        )
