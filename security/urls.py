from django.urls import path

from security import views

app_name = "security"

urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<uuid:code>/logout/", views.revoke, name="revoke"),
    path("sessions/logout-others/", views.revoke_others, name="revoke_others"),
    path("notify/", views.notify, name="notify"),
]
