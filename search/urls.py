from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path("similar/<uuid:code>/", views.similar_people, name="similar"),
    path("talked/<uuid:code>/", views.talked_about, name="talked"),
]
