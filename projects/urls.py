from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.project_list, name="list"),
    path("analytics/", views.analytics, name="analytics"),
    path("new/", views.create, name="create"),
    path("settings/", views.freelance_settings, name="settings"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/move/", views.move, name="move"),
    path("<uuid:code>/people/", views.add_member, name="add_member"),
    path("people/<uuid:code>/remove/", views.remove_member, name="remove_member"),
    path("people/add/<uuid:code>/", views.add_to_project, name="add_to_project"),
    path("<uuid:code>/interactions/", views.link_interaction, name="link_interaction"),
    path("<uuid:code>/interactions/unlink/", views.unlink_interaction, name="unlink_interaction"),
    path("<uuid:code>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<uuid:code>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<uuid:code>/status/", views.milestone_status, name="milestone_status"),
    path("milestones/<uuid:code>/delete/", views.milestone_delete, name="milestone_delete"),
    path("<uuid:code>/payments/new/", views.payment_create, name="payment_create"),
    path("payments/<uuid:code>/edit/", views.payment_edit, name="payment_edit"),
    path("payments/<uuid:code>/delete/", views.payment_delete, name="payment_delete"),
    path("payments/<uuid:code>/invoiced/", views.payment_invoiced, name="payment_invoiced"),
    path("payments/<uuid:code>/paid/", views.payment_paid, name="payment_paid"),
    path("payments/<uuid:code>/write-off/", views.payment_write_off, name="payment_write_off"),
    path("payments/<uuid:code>/invoice/", views.invoice, name="invoice"),
    path("<uuid:code>/time/", views.log_time, name="log_time"),
    path("<uuid:code>/time/bill/", views.bill_time, name="bill_time"),
    path("time/<uuid:code>/delete/", views.time_delete, name="time_delete"),
]
