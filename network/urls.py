from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.stack_map, name="stack_map"),
    path("tech/", views.who_knows_search, name="who_knows_search"),
    path("tech/<path:technology>/", views.who_knows, name="who_knows"),
    path("match/", views.match, name="match"),
    path("introductions/<uuid:code>/", views.introductions_card, name="introductions"),
    path("introduce/<uuid:code_a>/<uuid:code_b>/", views.introduce, name="introduce"),
]
