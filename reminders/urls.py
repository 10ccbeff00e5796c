from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("new/", views.reminder_create, name="create"),
    path("<uuid:code>/complete/", views.reminder_complete, name="complete"),
    path("<uuid:code>/dismiss/", views.reminder_dismiss, name="dismiss"),
    path("<uuid:code>/snooze/", views.reminder_snooze, name="snooze"),
    path("<uuid:code>/log/", views.reminder_log, name="log"),
    path("contact/<uuid:code>/rhythm/", views.contact_rhythm, name="contact_rhythm"),
    path("contact/<uuid:code>/snooze/", views.contact_snooze, name="contact_snooze"),
    path("settings/", views.preferences, name="preferences"),
    path("settings/calendar-address/", views.regenerate_calendar_token, name="calendar_token"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar"),
]
