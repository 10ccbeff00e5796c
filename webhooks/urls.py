from django.urls import path

from webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/test/", views.send_test, name="test"),
    path("<uuid:code>/rotate-secret/", views.rotate_secret, name="rotate"),
    path("<uuid:code>/enable/", views.enable, name="enable"),
    path("deliveries/<uuid:code>/redeliver/", views.redeliver, name="redeliver"),
]
