from django.urls import path

from vip import views

app_name = "vip"

urlpatterns = [
    path("", views.vip_list, name="list"),
    path("contact/<uuid:code>/toggle/", views.toggle_vip, name="toggle"),
    path("contact/<uuid:code>/projects/new/", views.project_create, name="project_create"),
    path("contact/<uuid:code>/<slug:key>/", views.section_view, name="section"),
    path("contact/<uuid:code>/<slug:key>/edit/", views.section_edit, name="section_edit"),
    path("projects/<uuid:code>/edit/", views.project_edit, name="project_edit"),
    path("projects/<uuid:code>/delete/", views.project_delete, name="project_delete"),
]
