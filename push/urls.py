from django.urls import path

from push import views

app_name = "push"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("test/", views.send_test, name="test"),
    path("devices/<uuid:code>/remove/", views.remove, name="remove"),
]
