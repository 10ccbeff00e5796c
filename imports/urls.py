from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.batch_list, name="list"),
    path("new/", views.upload, name="upload"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/columns/", views.mapping, name="mapping"),
    path("<uuid:code>/confirm/", views.confirm, name="confirm"),
    path("<uuid:code>/process/", views.process, name="process"),
    path("<uuid:code>/undo/", views.undo, name="undo"),
    path("<uuid:code>/remove/", views.discard, name="discard"),
]
