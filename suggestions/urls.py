from django.urls import path

from suggestions import views

app_name = "suggestions"

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("<uuid:code>/dismiss/", views.dismiss, name="dismiss"),
    path("brief/<uuid:code>/", views.meeting_brief, name="brief"),
]
