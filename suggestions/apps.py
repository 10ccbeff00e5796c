from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "suggestions"

    def ready(self) -> None:
        from contacts import merging
        from suggestions import services

        merging.register(services.drop_merged, relations=["suggestions.Suggestion.contact"])
