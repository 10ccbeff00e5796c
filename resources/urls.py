from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("contact/<uuid:code>/new/", views.resource_create, name="create"),
    path("<uuid:code>/edit/", views.resource_edit, name="edit"),
    path("<uuid:code>/delete/", views.resource_delete, name="delete"),
]
