from django.urls import path

from duplicates import views

app_name = "duplicates"

urlpatterns = [
    path("", views.duplicate_list, name="list"),
    path("dismiss/", views.dismiss_pair, name="dismiss"),
    path("merge/", views.merge, name="merge"),
]
