from django.urls import path

from pwa import views

app_name = "pwa"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline, name="offline"),
    path("capture/", views.capture, name="capture"),
    path("capture/session/", views.session, name="session"),
    path("capture/send/contact/", views.send_contact, name="send_contact"),
    path("capture/send/interaction/", views.send_interaction, name="send_interaction"),
]
