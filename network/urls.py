from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.stack_map, name="stack_map"),
    path("introductions/<uuid:code>/", views.introductions_card, name="introductions"),
    path("introduce/<uuid:code_a>/<uuid:code_b>/", views.introduce, name="introduce"),
]
