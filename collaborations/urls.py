from django.urls import path

from collaborations import views

app_name = "collaborations"

urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.collaboration_list, name="list"),
    path("new/", views.create, name="create"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/move/", views.move, name="move"),
    path("<uuid:code>/people/", views.add_person, name="add_person"),
    path("people/<uuid:code>/remove/", views.remove_person, name="remove_person"),
    path("<uuid:code>/feedback/", views.add_feedback, name="add_feedback"),
    path("<uuid:code>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<uuid:code>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<uuid:code>/delete/", views.session_delete, name="session_delete"),
    path("<uuid:code>/planned/", views.planned_add, name="planned_add"),
    path("planned/<uuid:code>/remove/", views.planned_remove, name="planned_remove"),
    path("feedback/", views.feedback_overview, name="feedback"),
    path("feedback/<uuid:code>/delete/", views.delete_feedback, name="delete_feedback"),
    path("ideas/", views.idea_list, name="ideas"),
    path("ideas/new/", views.idea_create, name="idea_create"),
    path("ideas/<uuid:code>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<uuid:code>/delete/", views.idea_delete, name="idea_delete"),
    path("ideas/<uuid:code>/start/", views.idea_start, name="idea_start"),
]
