from django.urls import path

from interactions import views

app_name = "interactions"

urlpatterns = [
    path("", views.interaction_list, name="list"),
    path("contact/<uuid:code>/quick/", views.quick_log, name="quick_log"),
    path("contact/<uuid:code>/new/", views.interaction_create, name="create"),
    path("contact/<uuid:code>/timeline/", views.contact_timeline, name="timeline"),
    path("<uuid:code>/", views.interaction_detail, name="detail"),
    path("<uuid:code>/edit/", views.interaction_edit, name="edit"),
    path("<uuid:code>/delete/", views.interaction_delete, name="delete"),
    path("types/", views.type_list, name="types"),
    path("types/<uuid:code>/", views.type_edit, name="type_edit"),
]
