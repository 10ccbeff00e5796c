from django.urls import path  # noqa: F401

from projects import views  # noqa: F401

app_name = "projects"

urlpatterns: list = []
