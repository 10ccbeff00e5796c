from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("widget/<slug:name>/", views.widget, name="widget"),
    path("contact/<uuid:code>/log/", views.quick_log, name="log"),
    path("contact/<uuid:code>/snooze/", views.snooze, name="snooze"),
    path("due-today.json", views.due_today, name="due_today"),
]
