from django.urls import path

from quickconnect import views

app_name = "quickconnect"

urlpatterns = [
    path("connect/", views.code_list, name="list"),
    path("connect/new/", views.code_create, name="create"),
    path("connect/<uuid:code>/", views.code_show, name="show"),
    path("connect/<uuid:code>/qr.<str:fmt>", views.code_image, name="image"),
    path("connect/<uuid:code>/count/", views.code_count, name="count"),
    path("connect/<uuid:code>/revoke/", views.code_revoke, name="revoke"),
    path("connect/<uuid:code>/extend/", views.code_extend, name="extend"),
    path("connect/events/", views.event_list, name="events"),
    path("connect/events/<uuid:code>/", views.event_detail, name="event"),
    path("connect/events/<uuid:code>/add/", views.conference_add, name="conference_add"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notification_read_all, name="notifications_read_all"),
    path("notifications/<uuid:code>/read/", views.notification_read, name="notification_read"),
    path("q/<str:token>/", views.public_form, name="public"),
    path("q/<str:token>/thanks/", views.public_thanks, name="thanks"),
]
