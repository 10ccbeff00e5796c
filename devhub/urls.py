from django.contrib import admin
from django.urls import include, path

from api.v1 import api_urls
from dashboard import views as dashboard_views
from devhub import views

urlpatterns = [
    # First: scripts call the API often, and it is found without trying the others.
    path("api/v1/", api_urls),
    path("", dashboard_views.dashboard, name="home"),
    path("dashboard/", include("dashboard.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/security/", include("security.urls")),
    path("accounts/2fa/", include("twofactor.urls")),
    path("accounts/tokens/", include("api.urls")),
    path("accounts/webhooks/", include("webhooks.urls")),
    path("accounts/", include("accounts.urls")),
    path("contacts/import/", include("imports.urls")),
    path("contacts/export/", include("exports.urls")),
    path("contacts/duplicates/", include("duplicates.urls")),
    path("contacts/", include("contacts.urls")),
    path("interactions/", include("interactions.urls")),
    path("resources/", include("resources.urls")),
    path("reminders/", include("reminders.urls")),
    path("vip/", include("vip.urls")),
    path("opportunities/", include("opportunities.urls")),
    path("projects/", include("projects.urls")),
    path("collaborations/", include("collaborations.urls")),
    path("search/", include("search.urls")),
    path("suggestions/", include("suggestions.urls")),
    path("network/", include("network.urls")),
    path("jobs/", include("jobs.urls")),
    path("push/", include("push.urls")),
    path("", include("pwa.urls")),
    path("", include("quickconnect.urls")),
    path("admin/", admin.site.urls),
]
