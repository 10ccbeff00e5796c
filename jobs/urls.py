from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:code>/", views.job_detail, name="detail"),
    path("<uuid:code>/step/", views.job_step, name="step"),
]
