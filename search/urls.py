from django.urls import path  # noqa: F401

from search import views  # noqa: F401

app_name = "search"

urlpatterns: list = []
