from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "Change history"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from history import sources

        pre_create_historical_record.connect(sources.stamp_source)
