from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<uuid:code>/revoke/", views.revoke, name="revoke"),
]
