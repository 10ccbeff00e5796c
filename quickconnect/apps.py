from django.apps import AppConfig


class QuickConnectConfig(AppConfig):
    name = "quickconnect"
