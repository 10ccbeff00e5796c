from django.urls import path

from opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.opportunity_list, name="list"),
    path("new/", views.create, name="create"),
    path("analytics/", views.analytics, name="analytics"),
    path("recruiter/<uuid:code>/", views.recruiter_notes, name="recruiter_notes"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/move/", views.move, name="move"),
    path("<uuid:code>/people/", views.add_participant, name="add_participant"),
    path(
        "<uuid:code>/people/<uuid:participant>/remove/",
        views.remove_participant,
        name="remove_participant",
    ),
    path("<uuid:code>/compensation/", views.add_compensation, name="add_compensation"),
    path("<uuid:code>/discussion/", views.log_discussion, name="log_discussion"),
    path("<uuid:code>/cv/", views.share_cv, name="share_cv"),
]
