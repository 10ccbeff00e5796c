from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.contact_create, name="create"),
    path("bulk/", views.contact_bulk, name="bulk"),
    path("<uuid:code>/", views.contact_detail, name="detail"),
    path("<uuid:code>/edit/", views.contact_edit, name="edit"),
    path("<uuid:code>/archive/", views.contact_archive, name="archive"),
    path("<uuid:code>/delete/", views.contact_delete, name="delete"),
    path("<uuid:code>/history/", views.contact_history, name="history"),
    path(
        "<uuid:code>/history/<int:history_id>/restore/",
        views.contact_restore_version,
        name="restore_version",
    ),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<uuid:code>/", views.tag_edit, name="tag_edit"),
    path("tags/<uuid:code>/delete/", views.tag_delete, name="tag_delete"),
]
